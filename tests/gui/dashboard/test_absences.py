"""The absence dialog: mark a clerk absent with a deputy, see the absence listed and the
cases moved, give them back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from backoffice.services.queries import CaseFilter
from backoffice.ui.bulk_result import BulkResultDialog
from backoffice.ui.dashboard.absences import AbsenceDialog
from backoffice.ui.dashboard.workspace import DashboardWorkspace
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World


def _held_by(world: World, user_id: int | None) -> set[int]:
    rows = world.casework.queries.list_cases(
        world.lead, CaseFilter(assignee_id=user_id, open_only=True)
    ).rows
    return {r.id for r in rows}


def test_absence_round_trip(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    petra = [world.add_case("birth_certificate") for _ in range(3)]
    for case_id in petra:
        world.casework.commands.claim(world.clerk1, case_id)
    window = make_window(world.lead)
    window.show_workspace(DashboardWorkspace.key)
    workspace = window.workspaces[DashboardWorkspace.key]
    assert isinstance(workspace, DashboardWorkspace)
    assert workspace.team_menu.menuAction() in window.menuBar().actions()
    workspace.absences_action.trigger()
    dialog = workspace.absence_dialog
    assert isinstance(dialog, AbsenceDialog)
    assert dialog.table.topLevelItemCount() == 0
    assert dialog.first_edit.date() == QDate(2026, 3, 10)  # the figures' today

    dialog.clerk_combo.setCurrentIndex(dialog.clerk_combo.findData("clerk1"))
    dialog.deputy_combo.setCurrentIndex(dialog.deputy_combo.findData("clerk1"))
    assert not dialog.mark_button.isEnabled()  # nobody deputises for themselves
    dialog.deputy_combo.setCurrentIndex(dialog.deputy_combo.findData("clerk2"))
    dialog.last_edit.setDate(QDate(2026, 3, 13))
    with qtbot.waitSignal(dialog.listed):
        qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)

    assert _held_by(world, world.clerk2.user_id) == set(petra)
    assert _held_by(world, world.clerk1.user_id) == set()
    assert "3 open case(s) moved." in dialog.message_bar.text
    item = _item(dialog.table, 0)
    assert [item.text(i) for i in range(6)] == [
        "Petra Sommer",
        "10 Mar 2026",
        "13 Mar 2026",
        "Thomas Krämer",
        "3",
        "0",
    ]
    assert dialog.absences[0].first_day == date(2026, 3, 10)

    dialog.show_details()
    details = dialog.result_dialog
    assert isinstance(details, BulkResultDialog)
    assert details.text().count("now with Thomas Krämer") == 3
    details.reject()

    dialog.table.setCurrentItem(_item(dialog.table, 0))
    assert not dialog.give_back_button.isEnabled()  # not while the absence lasts
    with qtbot.waitSignal(dialog.listed):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "The absence of Petra Sommer has ended." in dialog.message_bar.text
    assert dialog.table.topLevelItemCount() == 0  # ended: no longer current
    with qtbot.waitSignal(dialog.listed):
        dialog.message_bar._action.click()  # "Give the cases back"
    assert _held_by(world, world.clerk1.user_id) == set(petra)
    assert "Cases given back to Petra Sommer. 3 case(s) given back." in dialog.message_bar.text
    dialog.past_box.setChecked(True)  # an ended absence is past: listed on request
    given_back = [_item(dialog.table, i).text(5) for i in range(dialog.table.topLevelItemCount())]
    assert given_back == ["3"]
    dialog.reject()
    assert workspace.absence_dialog is None


def test_a_clerk_may_not_mark_absences(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    """Clerks see no dashboard; the service refuses them too (tested with the services)."""
    window = make_window(world.clerk1)
    assert DashboardWorkspace.key not in window.workspaces


def _item(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item
