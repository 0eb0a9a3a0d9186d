"""Template versions on both databases: drafts, publishing, periods, pinned cases, restore,
export and import."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from backoffice.domain.templates import parse_template
from backoffice.services.catalogue import CatalogueService
from backoffice.services.errors import PermissionDenied
from backoffice.services.template_versions import (
    ConfigurationInvalid,
    DraftExists,
    ImportInvalid,
    PeriodOverlap,
    TemplateVersions,
)
from backoffice.store.models import Case
from tests.integration.conftest import World

KEY = "birth_certificate"


def _versions(world: World) -> TemplateVersions:
    return TemplateVersions(world.db, world.clock)


def _changed(world: World, days: int = 42) -> dict[str, Any]:
    raw = copy.deepcopy(dict(world.templates[KEY].raw))
    raw["processing_days"] = days
    return raw


def _today(world: World) -> date:
    return _versions(world).today()


def test_a_draft_never_disturbs_the_live_version(world: World) -> None:
    versions = _versions(world)
    catalogue = CatalogueService(world.db, world.clock)
    draft = versions.save_draft(world.admin, _changed(world))
    assert (draft.version, draft.state, draft.live) == (2, "draft", False)
    live = {t.key: t for t in catalogue.current()}[KEY]
    assert live.version == 1 and live.processing_days == world.templates[KEY].processing_days
    assert [d.key for d in versions.drafts(world.admin)] == [KEY]
    # Saving again replaces the draft; it does not pile up versions.
    again = versions.save_draft(world.admin, _changed(world, 43))
    assert again.version == 2
    assert versions.definition(world.admin, KEY)["processing_days"] == 43


def test_publishing_ends_the_predecessor_only_when_asked(world: World) -> None:
    versions = _versions(world)
    versions.save_draft(world.admin, _changed(world))
    start = _today(world) + timedelta(days=7)
    with pytest.raises(PeriodOverlap) as overlap:
        versions.publish(world.admin, KEY, start)
    assert overlap.value.details["overlapping_version"] == 1
    assert overlap.value.details["can_end_predecessor"] is True
    result = versions.publish(world.admin, KEY, start, end_predecessor=True)
    assert result.ended == (1,)
    listed = {v.version: v for v in versions.versions(world.admin, KEY)}
    assert listed[1].state == "ended" and listed[1].valid_until == start - timedelta(days=1)
    assert listed[1].live and not listed[2].live  # v2 starts in a week
    catalogue = CatalogueService(world.db, world.clock)
    assert {t.key: t.version for t in catalogue.current()}[KEY] == 1
    assert {t.key: t.version for t in catalogue.current(start)}[KEY] == 2


def test_overlapping_periods_are_refused(world: World) -> None:
    versions = _versions(world)
    versions.save_draft(world.admin, _changed(world))
    start = _today(world) + timedelta(days=10)
    versions.publish(world.admin, KEY, start, end_predecessor=True)
    versions.save_draft(world.admin, _changed(world, 50))
    # v1 ends the day before `start` and v2 runs open-ended from it: a v3 starting before
    # `start` overlaps v1's fixed end, and nothing that started later can be ended for it.
    with pytest.raises(PeriodOverlap) as overlap:
        versions.publish(world.admin, KEY, start - timedelta(days=3), end_predecessor=True)
    assert overlap.value.details["overlapping_version"] == 1
    assert overlap.value.details["can_end_predecessor"] is False
    with pytest.raises(PeriodOverlap):
        versions.publish(world.admin, KEY, start)  # the same day
    assert [v.state for v in versions.versions(world.admin, KEY)] == ["ended", "published", "draft"]


def test_a_broken_draft_cannot_be_published(world: World) -> None:
    versions = _versions(world)
    raw = _changed(world)
    raw["messages"]["completed"]["de"] = "{unbekannt}"
    raw["workflow"]["transitions"] = [
        t for t in raw["workflow"]["transitions"] if t["from"] != "waiting_for_citizen"
    ]
    versions.save_draft(world.admin, raw)
    codes = {f.code for f in versions.check(world.admin, KEY)}
    assert {"placeholder_unknown", "status_without_exit"} <= codes
    with pytest.raises(ConfigurationInvalid) as refused:
        versions.publish(world.admin, KEY, _today(world), end_predecessor=True)
    assert {f.code for f in refused.value.findings} == codes
    assert [v.state for v in versions.versions(world.admin, KEY)] == ["published", "draft"]


def test_cases_stay_on_their_version(world: World) -> None:
    versions = _versions(world)
    before = world.add_case(KEY)
    versions.save_draft(world.admin, _changed(world))
    versions.publish(world.admin, KEY, _today(world), end_predecessor=True)
    world.templates[KEY] = next(
        t for t in CatalogueService(world.db, world.clock).current() if t.key == KEY
    )
    after = world.add_case(KEY)
    with world.db.read() as session:
        pinned = {c.id: c.template_id for c in session.scalars(select(Case))}
    listed = {v.version: v for v in versions.versions(world.admin, KEY)}
    assert pinned[before] == listed[1].id and pinned[after] == listed[2].id
    assert (listed[1].cases, listed[2].cases) == (1, 1)
    # v1 against the live v2: only the deadline differs.
    diff = versions.diff(world.admin, KEY, 1)
    original = versions.definition(world.admin, KEY, 1)["processing_days"]
    assert [(c.section, c.old, c.new) for c in diff.changes] == [("deadline", 42, original)]


def test_restore_an_earlier_version_as_a_draft(world: World) -> None:
    versions = _versions(world)
    versions.save_draft(world.admin, _changed(world))
    versions.publish(world.admin, KEY, _today(world), end_predecessor=True)
    restored = versions.restore(world.admin, KEY, 1)
    assert (restored.version, restored.state) == (3, "draft")
    definition = versions.definition(world.admin, KEY)
    assert definition["processing_days"] == world.templates[KEY].processing_days
    assert definition["version"] == 3
    with pytest.raises(DraftExists):
        versions.restore(world.admin, KEY, 2)
    diff = versions.diff(world.admin, KEY)
    assert [c.section for c in diff.changes] == ["deadline"]


def test_export_and_import(world: World) -> None:
    versions = _versions(world)
    document = versions.export_document(world.admin, KEY)
    assert (document["key"], document["version"]) == (KEY, 1)
    assert versions.import_document(world.admin, document).outcome == "unchanged"
    newer = copy.deepcopy(document)
    newer["version"] = newer["definition"]["version"] = 5
    newer["definition"]["processing_days"] = 30
    result = versions.import_document(world.admin, newer)
    assert (result.outcome, result.version) == ("draft", 5)
    assert versions.import_document(world.admin, newer).outcome == "unchanged"  # idempotent
    assert [(v.version, v.state) for v in versions.versions(world.admin, KEY)] == [
        (1, "published"),
        (5, "draft"),
    ]


def test_an_invalid_import_lists_everything_and_stores_nothing(world: World) -> None:
    versions = _versions(world)
    document = versions.export_document(world.admin, "dog_tax_registration")
    broken = copy.deepcopy(document)
    broken["version"] = broken["definition"]["version"] = 2
    del broken["definition"]["name"]
    broken["definition"]["messages"]["completed"]["en"] = ""
    with pytest.raises(ImportInvalid) as refused:
        versions.import_document(world.admin, broken)
    paths = {f.path for f in refused.value.findings}
    assert "$.definition.messages.completed.en" in paths
    assert any(f.code == "schema_invalid" and "name" in f.message for f in refused.value.findings)
    assert [v.version for v in versions.versions(world.admin, "dog_tax_registration")] == [1]


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_template_changes_are_refused_below_administrator(world: World, who: str) -> None:
    versions = _versions(world)
    actor = getattr(world, who)
    document = versions.export_document(world.admin, KEY)
    versions.save_draft(world.admin, _changed(world))
    calls = [
        lambda: versions.save_draft(actor, _changed(world)),
        lambda: versions.publish(actor, KEY, _today(world), end_predecessor=True),
        lambda: versions.restore(actor, KEY, 1),
        lambda: versions.discard_draft(actor, KEY),
        lambda: versions.import_document(actor, document),
        lambda: versions.end(actor, KEY, 1, _today(world)),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert [v.state for v in versions.versions(world.admin, KEY)] == ["published", "draft"]


def test_install_publishes_a_changed_file_from_today_unless_a_version_is_scheduled(
    world: World,
) -> None:
    catalogue = CatalogueService(world.db, world.clock)
    versions = _versions(world)
    changed = parse_template(_changed(world, 30))
    result = catalogue.install([changed], world.admin)
    assert result.updated == [KEY]
    listed = {v.version: v for v in versions.versions(world.admin, KEY)}
    assert listed[2].live and listed[2].valid_from == _today(world)
    assert listed[1].valid_until == _today(world) - timedelta(days=1)
    assert catalogue.install([changed], world.admin).unchanged == [KEY]
    versions.save_draft(world.admin, _changed(world, 31))
    versions.publish(world.admin, KEY, _today(world) + timedelta(days=5), end_predecessor=True)
    again = catalogue.install([parse_template(_changed(world, 32))], world.admin)
    assert again.drafted == [KEY]
    assert {t.key: t.processing_days for t in catalogue.current()}[KEY] == 30


def test_the_overview_names_live_version_draft_and_open_cases(world: World) -> None:
    versions = _versions(world)
    first = world.add_case(KEY)
    world.add_case(KEY)
    with world.db.write() as session:  # one of them is closed
        closed = session.get(Case, first)
        assert closed is not None
        closed.status = "completed"
    versions.save_draft(world.admin, _changed(world))
    overview = {s.key: s for s in versions.overview(world.admin)}
    assert set(overview) == set(world.templates)
    birth = overview[KEY]
    assert (birth.live_version, birth.draft_version, birth.versions) == (1, 2, 2)
    assert birth.live_from is not None and birth.live_until is None
    assert birth.name_de == world.templates[KEY].name.de
    assert birth.open_cases == 1
    assert overview["dog_tax_registration"].draft_version is None
    listed = {v.version: v for v in versions.versions(world.admin, KEY)}
    assert (listed[1].cases, listed[1].open_cases) == (2, 1)
    assert (listed[2].cases, listed[2].open_cases) == (0, 0)
    with pytest.raises(PermissionDenied):
        versions.overview(world.lead)
