"""Bulk actions in the inbox: several cases selected, each checked on its own, both parts
reported (what was done, what was refused and why), stoppable between cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.bulk import BulkAction, BulkResult
from backoffice.services.progress import CancelToken as StopToken
from backoffice.services.queries import CaseFilter
from backoffice.ui.bulk_result import BulkResultDialog
from backoffice.ui.inbox.bulk import run_case_by_case
from backoffice.ui.inbox.bulk_dialogs import AssignManyDialog, StatusManyDialog
from backoffice.ui.inbox.workspace import InboxWorkspace
from backoffice.ui.main_window import MainWindow
from backoffice.ui.tasks import CancelToken, TaskContext
from tests.gui.conftest import World


@pytest.fixture
def cases(world: World) -> dict[str, int]:
    free = world.add_case("birth_certificate")
    held = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, held)
    closed = world.add_case("dog_tax_registration")
    world.casework.commands.change_status(world.lead, closed, 1, Status.WITHDRAWN)
    theirs = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk2, theirs)
    return {"free": free, "held": held, "closed": closed, "theirs": theirs}


def _select(qtbot: QtBot, window: MainWindow, ids: list[int]) -> None:
    """Ctrl-click the rows of these cases, as a clerk does."""
    table = window.inbox.table
    for case_id in ids:
        row = window.inbox.model.row_of(case_id)
        assert row is not None
        rect = table.visualRect(window.inbox.model.index(row, 2))
        qtbot.mouseClick(
            table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert sorted(c.id for c in window.inbox.selected_cases()) == sorted(ids)


def _workspace(window: MainWindow) -> InboxWorkspace:
    workspace = window.workspaces[InboxWorkspace.key]
    assert isinstance(workspace, InboxWorkspace)
    return workspace


def _show_every_status(window: MainWindow) -> None:
    combo = window.inbox.status_combo
    combo.setCurrentIndex(combo.findData("any"))
    combo.activated.emit(combo.currentIndex())


def test_assigning_a_partly_refused_selection_reports_both_parts(
    qtbot: QtBot, world: World, cases: dict[str, int], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.lead)
    _show_every_status(window)
    bulk = _workspace(window).bulk
    _select(qtbot, window, [cases["free"], cases["held"], cases["closed"]])
    assert bulk.bar.isVisible()
    assert bulk.bar.count_label.text() == "3 case(s) selected"
    bulk.assign_action.trigger()
    dialog = bulk.dialog
    assert isinstance(dialog, AssignManyDialog)
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("clerk2"))
    assert not dialog.ok_button.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason_edit, "Urlaubsvertretung")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(bulk.finished) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert isinstance(result, BulkResult)
    assert {o.case_id for o in result.done} == {cases["free"], cases["held"]}
    assert [o.case_id for o in result.refused] == [cases["closed"]]
    report = bulk.dialog
    assert isinstance(report, BulkResultDialog)
    text = report.text()
    assert "Assign: 2 done, 1 refused" in text
    assert "now with Thomas Krämer" in text
    refused_line = next(line for line in text.splitlines() if "closed already" in line)
    closed_number = world.casework.queries.get_case(world.lead, cases["closed"]).row.file_number
    assert closed_number in refused_line
    report.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == text
    # The database says the same; the previous holder got a notice.
    listed = world.casework.queries.list_cases(
        world.lead, CaseFilter(assignee_id=world.clerk2.user_id)
    ).rows
    assert {r.id for r in listed} >= {cases["free"], cases["held"]}
    assert any(n.case_id == cases["held"] for n in world.casework.notices.unseen(world.clerk1))
    # The rows show their new holder.
    row = window.inbox.model.row_of(cases["held"])
    assert row is not None
    held = window.inbox.model.case_at(row)
    assert held is not None and held.assignee_name == "Thomas Krämer"
    report.reject()


def test_a_clerks_status_change_refuses_what_is_not_theirs(
    qtbot: QtBot, world: World, cases: dict[str, int], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.clerk1)
    bulk = _workspace(window).bulk
    assert not bulk.assign_action.isEnabled()  # clerks do not assign
    _select(qtbot, window, [cases["held"], cases["theirs"]])
    assert not bulk.assign_action.isEnabled()
    bulk.status_action.trigger()
    dialog = bulk.dialog
    assert isinstance(dialog, StatusManyDialog)
    assert Status.IN_PROGRESS in dialog.targets  # both are "received"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(Status.IN_PROGRESS.value))
    with qtbot.waitSignal(bulk.finished) as finished:
        dialog.ok_button.click()
    result = finished.args[0]
    assert [o.case_id for o in result.done] == [cases["held"]]
    assert [o.case_id for o in result.refused] == [cases["theirs"]]
    assert isinstance(bulk.dialog, BulkResultDialog)
    assert "You are not allowed to do that with this case." in bulk.dialog.text()
    bulk.dialog.reject()


def test_bulk_work_stops_between_cases(world: World, cases: dict[str, int]) -> None:
    """Cancel asked after the first case: the first is done, the others untouched."""
    commands = world.casework.commands  # a real use case per call
    stop = StopToken()
    reports: list[tuple[int, int]] = []
    context = TaskContext(
        CancelToken(), stop, lambda report: reports.append((report.done, report.total))
    )
    calls: list[list[int]] = []

    def call(ids: Sequence[int]) -> BulkResult:
        calls.append(list(ids))
        from backoffice.services.bulk import CaseOutcome

        row = commands.claim(world.clerk2, ids[0])
        stop.cancel()  # the clerk pressed Cancel while the first case was worked on
        return BulkResult(
            BulkAction.TAKE_OVER,
            (CaseOutcome(row.id, row.file_number, True, version=row.version),),
        )

    ids = [cases["free"], cases["held"], cases["theirs"]]
    result, untouched = run_case_by_case(BulkAction.TAKE_OVER, call, ids, context)
    assert calls == [[cases["free"]]]
    assert [o.case_id for o in result.done] == [cases["free"]]
    assert untouched == 2
    assert reports == [(0, 3)]


def test_the_selection_menu_holds_the_bulk_actions(
    world: World, cases: dict[str, int], make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.lead)
    workspace = _workspace(window)
    assert workspace.selection_menu.actions() == workspace.bulk.actions()
    assert workspace.selection_menu.menuAction() in window.menuBar().actions()
    assert not workspace.bulk.assign_action.isEnabled()  # nothing selected yet
    window.inbox.table.selectionModel().select(
        window.inbox.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert workspace.bulk.assign_action.isEnabled()
    assert not workspace.bulk.bar.isVisible()  # the bar is for several cases
