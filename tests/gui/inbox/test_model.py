"""The inbox model: Qt's model rules, lazy key-set pages, sorting, targeted updates, refresh."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.casework import Casework
from backoffice.services.catalogue import CatalogueService
from backoffice.services.desktop import DesktopServices
from backoffice.services.errors import StorageError
from backoffice.services.queries import CaseFilter, CaseRow, CaseSort, SortKey
from backoffice.store.database import Database
from backoffice.ui.app import build_context
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.model import CASE_ID_ROLE, CASE_ROW_ROLE, Column, InboxModel
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import World


def _cases(world: World, n: int, service: str = "birth_certificate") -> list[int]:
    ids = []
    for _ in range(n):
        ids.append(world.add_case(service))
        world.clock.advance(minutes=7)
    return ids


def _model(context: UiContext, world: World, page_size: int = 10) -> InboxModel:
    context.vocabulary.templates.update(world.templates)
    return InboxModel(context, page_size=page_size)


def test_the_model_follows_qts_rules(
    qtmodeltester: ModelTester, world: World, make_context: Callable[..., UiContext]
) -> None:
    _cases(world, 25)
    model = _model(make_context(world.lead), world)
    model.set_query(CaseFilter())
    qtmodeltester.check(model)
    # The tester fetched more while checking; whatever it did, the rules still hold.
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)
    assert model.rowCount() == 25


def test_pages_are_loaded_lazily(world: World, make_context: Callable[..., UiContext]) -> None:
    _cases(world, 25)
    model = _model(make_context(world.lead), world)
    model.set_query(CaseFilter())
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    model.fetchMore()
    assert model.rowCount() == 25
    assert not model.canFetchMore()
    ids = model.case_ids()
    assert len(set(ids)) == 25


def test_loading_runs_in_a_worker_and_never_on_the_gui_thread(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    _cases(world, 15)
    model = _model(make_context(world.lead, task_runner=thread_runner), world)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.reloaded):
        model.set_query(CaseFilter())
        assert model.rowCount() == 0  # set_query returned before any row was read
        assert model.loading
        assert not model.canFetchMore()  # one page at a time
    assert model.rowCount() == 10
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 15)
    assert not model.loading


def test_columns_show_named_plain_data(
    world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    row = world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    world.casework.commands.change_status(
        world.clerk1, case_id, row.version, Status.WAITING_FOR_CITIZEN, message="Bitte …"
    )
    context = make_context(world.clerk1, language="de")
    model = _model(context, world)
    model.set_query(CaseFilter())
    index = model.index(0, Column.FILE_NUMBER)
    case = model.data(index, CASE_ROW_ROLE)
    assert isinstance(case, CaseRow)
    assert model.data(index, CASE_ID_ROLE) == case_id
    assert model.data(index) == case.file_number
    assert model.data(model.index(0, Column.SERVICE)) == "Geburtsurkunde"
    # The template's own label for the status, in the UI language.
    assert model.data(model.index(0, Column.STATUS)) == "Rückfrage an Antragsteller"
    assert model.data(model.index(0, Column.ASSIGNEE)) == "Petra Sommer"
    # 08:00 UTC on 10 March 2026 is 09:00 in Berlin.
    assert model.data(model.index(0, Column.RECEIVED)) == "10.03.2026"
    assert "09:00" in model.data(model.index(0, Column.RECEIVED), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, Column.MARKERS)) == "paused"
    assert model.headerData(Column.FILE_NUMBER, Qt.Orientation.Horizontal) == "File number"


def test_sorting_requeries_with_the_matching_sort_key(
    world: World, make_context: Callable[..., UiContext]
) -> None:
    for name in ("Zoe", "Anna", "Maria"):
        world.add_case(
            "birth_certificate",
            form_data={"applicant": {"given_name": name, "family_name": "Test"}},
        )
    model = _model(make_context(world.lead), world)
    model.set_query(CaseFilter())
    model.sort(Column.APPLICANT, Qt.SortOrder.AscendingOrder)
    assert model.case_sort == CaseSort(SortKey.APPLICANT, descending=False)
    names = [model.data(model.index(r, Column.APPLICANT)) for r in range(model.rowCount())]
    assert names == ["Anna Test", "Maria Test", "Zoe Test"]
    model.sort(Column.DUE, Qt.SortOrder.DescendingOrder)
    assert model.case_sort == CaseSort(SortKey.DUE, descending=True)
    # Columns the database cannot sort by leave the order alone.
    model.sort(Column.ASSIGNEE, Qt.SortOrder.AscendingOrder)
    assert model.case_sort == CaseSort(SortKey.DUE, descending=True)


def test_one_changed_case_changes_one_row(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    ids = _cases(world, 5)
    model = _model(make_context(world.clerk1), world)
    model.set_query(CaseFilter())
    changed = world.casework.commands.claim(world.clerk1, ids[2])
    row = model.row_of(ids[2])
    assert row is not None
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.update_case(changed)
    top_left, bottom_right = signal.args[0], signal.args[1]
    assert (top_left.row(), bottom_right.row()) == (row, row)
    assert model.data(model.index(row, Column.ASSIGNEE)) == "Petra Sommer"


def test_a_conflict_marks_only_its_row(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    ids = _cases(world, 3)
    model = _model(make_context(world.clerk1), world)
    model.set_query(CaseFilter())
    row = model.row_of(ids[0])
    assert row is not None
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.mark_conflict(ids[0])
    assert signal.args[0] == signal.args[1] == model.index(row, Column.MARKERS)
    assert model.data(model.index(row, Column.MARKERS)) == "conflict"


def test_new_cases_appear_and_the_selection_stays_on_its_case(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    world: World,
    make_context: Callable[..., UiContext],
) -> None:
    ids = _cases(world, 6)
    model = _model(make_context(world.clerk1), world, page_size=4)
    model.set_query(CaseFilter())
    qtmodeltester.check(model)
    selection = QItemSelectionModel(model)
    chosen = ids[-2]  # newest first: the second row
    row = model.row_of(chosen)
    assert row == 1
    selection.setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    # A sync brings two new cases (newest: on top); someone else claims one shown.
    world.clock.advance(hours=1)
    new_ids = _cases(world, 2)
    world.casework.commands.claim(world.clerk2, ids[-1])
    shown = model.rowCount()
    with qtbot.waitSignal(model.reloaded):
        model.refresh()
    assert model.case_ids()[:2] == [new_ids[1], new_ids[0]]
    assert model.rowCount() == shown  # the window keeps its size; the rest comes by paging
    current = selection.currentIndex()
    assert current.isValid()
    assert model.data(current, CASE_ID_ROLE) == chosen
    assert [model.data(i, CASE_ID_ROLE) for i in selection.selectedRows()] == [chosen]
    claimed_row = model.row_of(ids[-1])
    assert claimed_row is not None
    assert model.data(model.index(claimed_row, Column.ASSIGNEE)) == "Thomas Krämer"
    while model.canFetchMore():
        model.fetchMore()
    assert sorted(model.case_ids()) == sorted(ids + new_ids)


def test_refresh_drops_cases_that_left_the_view(
    world: World, make_context: Callable[..., UiContext]
) -> None:
    ids = _cases(world, 4)
    model = _model(make_context(world.clerk1), world)
    model.set_query(CaseFilter(unassigned=True))
    assert model.rowCount() == 4
    world.casework.commands.claim(world.clerk2, ids[1])
    model.refresh()
    assert ids[1] not in model.case_ids()
    assert model.rowCount() == 3


def test_a_failed_load_is_reported(
    qtbot: QtBot,
    world: World,
    runner: TaskRunner,
    tmp_path: Path,
    desktop_services: DesktopServices,
) -> None:
    broken = Database(f"sqlite:///{tmp_path / 'missing' / 'folder' / 'x.sqlite3'}")
    services = replace(
        desktop_services, casework=Casework.build(broken), catalogue=CatalogueService(broken)
    )
    context = build_context(services, world.clerk1, "en", runner)
    model = InboxModel(context)
    with qtbot.waitSignal(model.load_failed) as signal:
        model.set_query(CaseFilter())
    assert isinstance(signal.args[0], StorageError) and signal.args[0].unavailable
    assert signal.args[0].code == "storage_unavailable"
    assert model.rowCount() == 0
    assert not model.canFetchMore()
    assert not model.loading
    broken.dispose()


def test_overdue_cases_are_marked(world: World, make_context: Callable[..., UiContext]) -> None:
    world.add_case("birth_certificate")
    world.clock.advance(days=30)
    model = _model(make_context(world.clerk1), world)
    model.set_query(CaseFilter())
    assert model.data(model.index(0, Column.MARKERS)) == "overdue"
    assert model.data(model.index(0, Column.DUE), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, Column.STATUS), Qt.ItemDataRole.ForegroundRole) is None


def test_invalid_indexes_have_no_data(world: World, make_context: Callable[..., UiContext]) -> None:
    model = _model(make_context(world.clerk1), world)
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
