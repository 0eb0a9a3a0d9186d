"""Checklists in the template format: parsing, the configuration check, the difference
between versions, and which items a status change waits for."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from backoffice.domain.errors import ChecklistIncomplete, TemplateError
from backoffice.domain.status import Status
from backoffice.domain.template_check import check_template
from backoffice.domain.template_diff import diff_templates
from backoffice.domain.templates import parse_template
from backoffice.services.catalogue import read_catalogue

Raw = dict[str, Any]


def _raw(key: str = "birth_certificate") -> Raw:
    return copy.deepcopy(dict(next(t for t in read_catalogue() if t.key == key).raw))


def _without_withdrawn(raw: Raw) -> Raw:
    raw["workflow"]["states"].remove("withdrawn")
    transitions = raw["workflow"]["transitions"]
    raw["workflow"]["transitions"] = [t for t in transitions if t["to"] != "withdrawn"]
    raw["messages"].pop("withdrawn")
    raw["workflow"]["labels"].pop("withdrawn")
    return raw


def _item(key: str, *before: str, de: str = "Geprüft", en: str = "Checked") -> Raw:
    item: Raw = {"key": key, "label": {"de": de, "en": en}}
    if before:
        item["required_before"] = list(before)
    return item


def test_the_shipped_services_with_a_checklist() -> None:
    by_key = {t.key: t for t in read_catalogue()}
    for key in ("birth_certificate", "business_registration", "dog_tax_registration"):
        template = by_key[key]
        assert template.checklist, key
        assert any(Status.COMPLETED in i.required_before for i in template.checklist), key
        # Nothing stands in the way of refusing or of a withdrawal from the portal.
        for item in template.checklist:
            assert not item.required_before & {Status.REJECTED, Status.WITHDRAWN}, key
    assert by_key["death_certificate"].checklist == ()


def test_parsed_items_and_what_a_change_waits_for() -> None:
    raw = _raw()
    raw["checklist"] = [
        _item("fee_received", "completed"),
        _item("note_read"),
        _item("id", "in_progress", "completed"),
    ]
    template = parse_template(raw)
    assert [i.key for i in template.checklist] == ["fee_received", "note_read", "id"]
    assert template.checklist[2].required_before == {Status.IN_PROGRESS, Status.COMPLETED}
    assert template.checklist_item("note_read") is not None
    assert template.checklist_item("nothing") is None
    missing = template.checklist_missing(Status.COMPLETED, {"id"})
    assert [i.key for i in missing] == ["fee_received"]
    assert template.checklist_missing(Status.REJECTED, ()) == ()
    with pytest.raises(ChecklistIncomplete) as refused:
        template.require_checklist(Status.IN_PROGRESS, Status.COMPLETED, ["note_read"])
    assert refused.value.details["items"] == [
        {"key": "fee_received", "de": "Geprüft", "en": "Checked"},
        {"key": "id", "de": "Geprüft", "en": "Checked"},
    ]
    assert refused.value.code == "checklist_incomplete"
    assert "Checked (fee_received); Checked (id)" in str(refused.value)
    template.require_checklist(Status.IN_PROGRESS, Status.COMPLETED, ["fee_received", "id"])


@pytest.mark.parametrize(
    ("items", "field", "problem"),
    [
        ([_item("a"), _item("a")], "$.checklist[1].key", "appears twice"),
        ([_item("a", "issued")], "$.checklist[0].required_before[0]", "not a status"),
        ([_item("a", "withdrawn")], "$.checklist[0].required_before[0]", "not in $.workflow"),
        ([_item("a", de=" ")], "$.checklist[0].label.de", "empty"),
        ([{"key": "a", "label": {"de": "x"}}], "$.checklist[0].label", "missing"),
        (
            [{"key": "a", "label": {"de": "x", "en": "y"}, "before": []}],
            "$.checklist[0]",
            "unknown key",
        ),
    ],
)
def test_parsing_refuses_a_broken_checklist(items: list[Raw], field: str, problem: str) -> None:
    raw = _without_withdrawn(_raw())
    raw["checklist"] = items
    with pytest.raises(TemplateError) as refused:
        parse_template(raw)
    assert refused.value.field == field and problem in refused.value.problem


def test_the_check_reports_every_checklist_problem_at_once() -> None:
    raw = _without_withdrawn(_raw())
    raw["checklist"] = [
        _item("fee_received", "completed"),
        _item("fee_received", "completed", "issued"),
        _item("id", de="   ", en=""),
        _item("late", "withdrawn"),
    ]
    found = check_template(raw)
    findings = {(f.code, f.path) for f in found}
    assert findings == {
        ("checklist_key_duplicate", "$.checklist[1].key"),
        ("checklist_status_unknown", "$.checklist[1].required_before[1]"),
        ("text_empty", "$.checklist[2].label.de"),
        ("text_empty", "$.checklist[2].label.en"),
        ("schema_invalid", "$.checklist[2].label.en"),  # "" is too short for the schema too
        ("checklist_status_unused", "$.checklist[3].required_before[0]"),
    }
    unknown = next(f for f in found if f.code == "checklist_status_unknown")
    assert unknown.details == {"key": "fee_received", "status": "issued"}


def test_the_difference_between_versions_shows_checklist_changes() -> None:
    old = _raw()
    new = copy.deepcopy(old)
    new["version"] = 2
    items = new["checklist"]
    items[0]["label"]["en"] = "Entitlement checked"
    items[1]["required_before"] = ["in_progress", "completed"]
    removed = items.pop(3)
    items.append(_item("copies_counted"))
    changes = {(c.path, c.kind): c for c in diff_templates(old, new).section("checklist")}
    assert set(changes) == {
        ("entitlement_checked.label.en", "changed"),
        ("identity_checked.required_before", "changed"),
        (removed["key"], "removed"),
        ("copies_counted", "added"),
    }
    assert changes[("identity_checked.required_before", "changed")].new == [
        "in_progress",
        "completed",
    ]
    assert diff_templates(old, old).empty
    # Not under "other": the checklist has its own section.
    assert not [c for c in diff_templates(old, new).section("other") if "checklist" in c.path]
