"""The services page: the services and their versions, and what an administrator does
with them (the changes checked through the service, not only on screen)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.services_page import ServicesPage
from backoffice.ui.admin.workspace import PAGES, AdministrationWorkspace
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from tests.gui.admin.conftest import KEY, realistic_draft
from tests.gui.conftest import World


def _states(templates: TemplateVersions, world: World) -> list[tuple[int, str]]:
    return [(v.version, v.state) for v in templates.versions(world.admin, KEY)]


def _messages(page: ServicesPage) -> list[str]:
    shown: list[str] = []
    page.status_message.connect(shown.append)
    return shown


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_the_page_lists_the_services_and_the_versions_of_the_chosen_one(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    listed = {s.key: s for s in page.services_model.records}
    assert set(listed) == set(world.templates)
    assert listed[KEY].live_version == 1 and listed[KEY].draft_version is None
    page.select_service(KEY)
    assert page.heading.text() == world.templates[KEY].name.en
    assert [(v.version, v.state, v.live) for v in page.versions] == [(1, "published", True)]
    assert page.edit_button.text() == "New draft"
    assert not page.publish_button.isEnabled() and not page.discard_button.isEnabled()

    templates.save_draft(world.admin, realistic_draft(world))
    page.refresh()
    assert page.current_service_key() == KEY  # the choice survives reading again
    assert [v.version for v in page.versions] == [1, 2]
    chosen = page.current_version()
    assert chosen is not None and chosen.version == 2  # the draft, as nothing was chosen
    page.select_version(1)
    page.refresh()
    chosen = page.current_version()
    assert chosen is not None and chosen.version == 1  # what was chosen stays chosen
    row = page.services_model.records.index(page.current_service())
    assert page.services_model.index(row, 3).data() == "v2"
    assert page.edit_button.text() == "Edit draft"
    assert page.publish_button.isEnabled() and page.discard_button.isEnabled()
    assert not page.restore_button.isEnabled()  # a draft is there already


def test_edit_asks_for_the_editor_with_the_service_key(qtbot: QtBot, page: ServicesPage) -> None:
    page.select_service(KEY)
    with qtbot.waitSignal(page.edit_requested) as asked:
        page.edit_button.click()
    assert asked.args == [KEY]


def test_discarding_the_draft_after_confirming(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    templates.save_draft(world.admin, realistic_draft(world))
    page.refresh()
    page.select_service(KEY)
    shown = _messages(page)
    page.discard_button.click()
    box = page.confirm_box
    assert box is not None and "v2" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _states(templates, world) == [(1, "published"), (2, "draft")]
    page.discard_button.click()
    assert page.confirm_box is not None
    page.confirm_box.button(QMessageBox.StandardButton.Discard).click()
    assert _states(templates, world) == [(1, "published")]
    assert [v.version for v in page.versions] == [1]
    assert shown == [f"Draft v2 of {KEY} discarded."]


def test_restoring_an_earlier_version_as_a_new_draft(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    templates.save_draft(world.admin, realistic_draft(world))
    templates.publish(world.admin, KEY, templates.today(), end_predecessor=True)
    page.refresh()
    page.select_service(KEY)
    page.select_version(1)
    assert page.restore_button.isEnabled()
    page.restore_button.click()
    assert _states(templates, world) == [(1, "ended"), (2, "published"), (3, "draft")]
    restored = templates.definition(world.admin, KEY)
    assert restored["fee"]["amount"] == world.templates[KEY].raw["fee"]["amount"]
    chosen = page.current_version()
    assert chosen is not None and chosen.version == 3


def test_publishing_from_a_later_day_ends_the_predecessor(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    templates.save_draft(world.admin, realistic_draft(world))
    page.refresh()
    page.select_service(KEY)
    shown = _messages(page)
    page.publish_button.click()
    assert page.findings.findings == []  # the check ran and found nothing
    dialog = page.publish_dialog
    assert dialog is not None and dialog.isVisible()
    start = templates.today() + timedelta(days=7)
    dialog.date_edit.setDate(_qdate(start))
    assert dialog.end_check.isChecked() and "End v1" in dialog.end_check.text()
    dialog.accept()
    assert page.publish_dialog is None
    listed = {v.version: v for v in templates.versions(world.admin, KEY)}
    assert (listed[1].state, listed[1].valid_until) == ("ended", start - timedelta(days=1))
    assert (listed[2].state, listed[2].valid_from) == ("published", start)
    assert shown and "v2" in shown[-1] and "v1 ends the day before" in shown[-1]
    assert [v.state for v in page.versions] == ["ended", "published"]


def test_an_overlapping_period_is_shown_in_the_dialog_and_changes_nothing(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    templates.save_draft(world.admin, realistic_draft(world))
    page.refresh()
    page.select_service(KEY)
    page.publish_button.click()
    dialog = page.publish_dialog
    assert dialog is not None
    dialog.date_edit.setDate(_qdate(templates.today() + timedelta(days=3)))
    dialog.end_check.setChecked(False)
    dialog.accept()
    assert page.publish_dialog is dialog and dialog.isVisible()  # kept open, input kept
    assert "overlap" in dialog.error_text and "Tick “End v1”" in dialog.error_text
    assert _states(templates, world) == [(1, "published"), (2, "draft")]
    assert dialog.buttons.isEnabled()
    dialog.reject()


def test_a_broken_draft_lists_its_findings_and_is_not_published(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    raw = realistic_draft(world)
    raw["messages"]["completed"]["de"] = "Ihre Urkunde {unbekannt} liegt bereit."
    raw["messages"]["rejected"]["en"] = ""
    templates.save_draft(world.admin, raw)
    page.refresh()
    page.select_service(KEY)
    page.check_button.click()
    assert page.findings.isVisible()
    rows = page.findings.rows()
    paths = [f.path for f in page.findings.findings]
    assert {"$.messages.completed.de", "$.messages.rejected.en"} <= set(paths)
    assert ("Error", "message for “Completed”, German") in [(r[0], r[1]) for r in rows]
    assert any("{unbekannt}" in r[2] for r in rows)
    assert page.findings_summary.text() == (
        f"v2: {len(rows)} problem(s) found; it cannot be published."
    )
    page.findings.set_findings([])
    page.publish_button.click()
    assert page.publish_dialog is None
    assert len(page.findings.rows()) == len(rows)
    assert page.message_bar.isVisible() and "cannot be published" in page.message_bar.text
    assert _states(templates, world) == [(1, "published"), (2, "draft")]


def test_ending_a_version_on_a_last_day(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    page.select_service(KEY)
    page.select_version(1)
    page.end_button.click()
    dialog = page.end_dialog
    assert dialog is not None
    last = templates.today() + timedelta(days=30)
    dialog.date_edit.setDate(_qdate(last))
    dialog.accept()
    assert page.end_dialog is None
    listed = templates.versions(world.admin, KEY)
    assert [(v.state, v.valid_until) for v in listed] == [("ended", last)]


def test_export_and_import_of_the_same_file_changes_nothing(
    page: ServicesPage, templates: TemplateVersions, world: World, tmp_path: Path
) -> None:
    page.select_service(KEY)
    page.select_version(1)
    shown = _messages(page)
    page.export_button.click()
    assert page.file_dialog is not None
    target = tmp_path / "geburtsurkunde.json"
    page.file_dialog.selectFile(str(target))
    page.file_dialog.accept()
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (document["key"], document["version"]) == (KEY, 1)
    assert shown[-1] == f"v1 of {KEY} saved to {target}."

    page.import_from(target)
    assert shown[-1] == f"v1 of {KEY} is here already: nothing changed."
    assert _states(templates, world) == [(1, "published")]

    newer = copy.deepcopy(document)
    newer["version"] = newer["definition"]["version"] = 4
    newer["definition"]["processing_days"] = 8
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    page.import_from(tmp_path / "newer.json")
    assert _states(templates, world) == [(1, "published"), (4, "draft")]
    assert shown[-1] == f"v4 of {KEY} imported as a draft."
    chosen = page.current_version()
    assert chosen is not None and chosen.version == 4


def test_a_broken_file_lists_what_is_missing_and_stores_nothing(
    page: ServicesPage, templates: TemplateVersions, world: World, tmp_path: Path
) -> None:
    document = templates.export_document(world.admin, KEY)
    document["version"] = document["definition"]["version"] = 2
    del document["definition"]["name"]
    del document["format"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    page.import_from(broken)
    rows = page.findings.rows()
    assert "$.format" in [f.path for f in page.findings.findings]
    assert "format" in [row[1] for row in rows]
    assert any("'name' is a required property" in row[2] for row in rows)
    assert "nothing was stored" in page.message_bar.text.lower()
    assert _states(templates, world) == [(1, "published")]

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    page.import_from(garbage)
    assert "cannot be read" in page.message_bar.text
    assert _states(templates, world) == [(1, "published")]


def test_the_services_page_comes_first_and_only_for_administrators(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    make_window: Callable[..., MainWindow],
) -> None:
    assert PAGES[0] is ServicesPage
    assert not ServicesPage.allowed(world.lead) and not ServicesPage.allowed(world.clerk1)
    window = make_window(world.admin)
    workspace = window.workspaces["administration"]
    assert isinstance(workspace, AdministrationWorkspace)
    assert isinstance(workspace.tabs.widget(0), ServicesPage)
    lead_window = make_window(world.lead)
    shell = lead_window.workspaces["inbox"]._shell
    lead_workspace = AdministrationWorkspace(make_context(world.lead), shell, None)
    qtbot.addWidget(lead_workspace)
    assert "services" not in lead_workspace.pages
