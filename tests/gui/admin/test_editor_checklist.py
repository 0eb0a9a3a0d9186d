"""The template editor's checklist page: items round-trip into the draft; the check names
a key given twice and an empty label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.editor import TemplateEditor
from backoffice.ui.context import UiContext
from tests.gui.conftest import World

KEY = "dog_tax_registration"
#: The checklist table's columns: key, German, English, needed before (read only).
BEFORE_COLUMN = 3


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _editor(qtbot: QtBot, context: UiContext) -> TemplateEditor:
    editor = TemplateEditor(context, KEY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_checklist_items_round_trip_into_the_draft(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    page = editor.checklist
    table = page.items.table
    assert editor.tabs.tabText(editor.tabs.indexOf(page)) == "Checklist"
    shipped = world.templates[KEY].raw["checklist"]
    assert [_item(table, r, 0).text() for r in range(table.rowCount())] == [
        i["key"] for i in shipped
    ]
    assert _item(table, 0, BEFORE_COLUMN).text() == "Completed"
    assert _item(table, 1, BEFORE_COLUMN).text() == ""
    assert page.before[Status.COMPLETED].isChecked()  # the first item is selected
    table.setCurrentCell(1, 0)
    assert not any(box.isChecked() for box in page.before.values())
    assert not editor.is_dirty()

    # A new item, needed before completing, moved to the top; the optional one removed.
    page.items.add()
    row = table.rowCount() - 1
    _item(table, row, 0).setText("vaccination_seen")
    _item(table, row, 1).setText("Impfpass eingesehen")
    _item(table, row, 2).setText("Vaccination record seen")
    assert table.currentRow() == row
    page.before[Status.REJECTED].setChecked(True)
    page.before[Status.COMPLETED].setChecked(True)
    assert _item(table, row, BEFORE_COLUMN).text() == "Completed, Rejected"
    page.before[Status.REJECTED].setChecked(False)
    assert _item(table, row, BEFORE_COLUMN).text() == "Completed"
    for _ in range(row):
        page.items.move_by(-1)
    table.setCurrentCell(2, 0)  # listed_breed_checked, now third
    page.items.remove()
    assert editor.is_dirty()
    editor.check_now()
    assert editor.findings == []

    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    stored = TemplateVersions(world.db, world.clock).definition(world.admin, KEY)
    assert stored["checklist"] == [
        {
            "key": "vaccination_seen",
            "label": {"de": "Impfpass eingesehen", "en": "Vaccination record seen"},
            "required_before": ["completed"],
        },
        shipped[0],
        shipped[2],
    ]
    diff = TemplateVersions(world.db, world.clock).diff(world.admin, KEY, stored["version"])
    assert {(c.path, c.kind) for c in diff.section("checklist")} >= {
        ("vaccination_seen", "added"),
        ("listed_breed_checked", "removed"),
    }
    again = _editor(qtbot, make_context(world.admin))
    assert again.current_definition() == stored


def test_the_check_names_a_twice_given_key_and_an_empty_label(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    table = editor.checklist.items.table
    _item(table, 1, 0).setText("tag_issued")
    _item(table, 0, 1).setText("  ")
    editor.check_now()
    texts = [editor.findings_list.item(i).text() for i in range(editor.findings_list.count())]
    assert "The checklist has the item key “tag_issued” twice." in texts
    assert "A text is empty: label of checklist item 1, German." in texts
    editor.tabs.setCurrentWidget(editor.general)
    editor.findings_list.itemActivated.emit(editor.findings_list.item(0))
    assert editor.tabs.currentWidget() is editor.checklist


def test_the_difference_view_shows_checklist_changes(qtbot: QtBot, world: World) -> None:
    from backoffice.domain.template_diff import diff_templates
    from backoffice.ui.admin.diff import TemplateDiffView

    old = dict(world.templates[KEY].raw)
    new = {**old, "version": 2, "checklist": [*old["checklist"][:2]]}
    new["checklist"][0] = {**new["checklist"][0], "required_before": ["in_progress"]}
    view = TemplateDiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_templates(old, new))
    assert view.areas() == ["checklist"]
    rows = view.rows("checklist")
    assert ("~ dog_details_checked.required_before", "changed", "completed", "in_progress") in rows
    removed = next(row for row in rows if row[1] == "removed")
    assert removed[0] == "− tag_issued"
    assert removed[2].splitlines() == [
        "label: de: Hundesteuermarke ausgegeben · en: Dog tax tag issued",
        "needed before: completed",
    ]
