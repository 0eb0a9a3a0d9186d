"""The inbox panel: quick filters with counts, status and service choices, search, layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.casework import CaseQueries
from backoffice.services.queries import CaseFilter, SortKey
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.model import Column
from backoffice.ui.inbox.panel import SCOPES, InboxPanel, Selection, build_filter, count_all
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import CancelToken, TaskContext
from tests.gui.conftest import World


@pytest.fixture
def cases(world: World) -> dict[str, list[int]]:
    """Two of clerk1's, one of clerk2's, three unassigned (one of them overdue), one closed."""
    overdue = world.add_case("birth_certificate", form_data=_applicant("Olga", "Alt"))
    world.clock.advance(days=20)
    ids = [
        world.add_case("birth_certificate", form_data=_applicant("Anna", "Schmidt"))
        for _ in range(2)
    ]
    dog = world.add_case("dog_tax_registration", form_data=_applicant("Bello", "Halter"))
    mine = [world.add_case("birth_certificate") for _ in range(2)]
    theirs = world.add_case("resident_parking_permit")
    closed = world.add_case("birth_certificate")
    for case_id in mine:
        world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.claim(world.clerk2, theirs)
    world.casework.commands.change_status(world.lead, closed, 1, Status.WITHDRAWN)
    world.casework.commands.change_status(world.clerk1, mine[0], 2, Status.IN_PROGRESS)
    return {
        "unassigned": [overdue, *ids, dog],
        "overdue": [overdue],
        "mine": mine,
        "theirs": [theirs],
        "closed": [closed],
        "schmidt": ids,
    }


def _applicant(given: str, family: str) -> dict[str, dict[str, str]]:
    return {"applicant": {"given_name": given, "family_name": family}}


def _panel(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    settings: UiSettings,
) -> InboxPanel:
    context = make_context(world.clerk1)
    context.vocabulary.templates.update(world.templates)
    panel = InboxPanel(context, settings)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.start()
    return panel


def test_quick_filters_show_their_counts(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    assert panel.count_of("scope:mine") == 2
    assert panel.count_of("scope:unassigned") == 4
    assert panel.count_of("scope:overdue") == 1
    assert panel.count_of("scope:all") == 7  # open ones
    assert panel.scope_buttons["mine"].text() == "Mine  2"
    assert panel.scope_buttons["all"].isChecked()
    assert panel.model.rowCount() == 7
    assert panel.count_label.text() == "7 case(s)"
    # Status choices are counted within the scope, services within scope and status.
    assert panel.count_of("status:any") == 8
    assert panel.count_of("status:withdrawn") == 1
    assert panel.count_of("service:dog_tax_registration") == 1
    assert panel.status_combo.currentText() == "Open cases (7)"
    assert panel.service_combo.itemText(0) == "All services (7)"


def test_choosing_a_scope_filters_the_table_and_recounts(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    qtbot.mouseClick(panel.scope_buttons["mine"], Qt.MouseButton.LeftButton)
    assert panel.selection == Selection(scope="mine")
    assert sorted(panel.model.case_ids()) == sorted(cases["mine"])
    assert panel.count_of("status:in_progress") == 1
    qtbot.mouseClick(panel.scope_buttons["overdue"], Qt.MouseButton.LeftButton)
    assert panel.model.case_ids() == cases["overdue"]
    qtbot.mouseClick(panel.scope_buttons["unassigned"], Qt.MouseButton.LeftButton)
    assert sorted(panel.model.case_ids()) == sorted(cases["unassigned"])


def test_status_and_service_choices_narrow_the_scope(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    combo = panel.status_combo
    combo.setCurrentIndex(combo.findData(Status.WITHDRAWN.value))
    combo.activated.emit(combo.currentIndex())
    assert panel.model.case_ids() == cases["closed"]
    combo.setCurrentIndex(combo.findData("open"))
    combo.activated.emit(combo.currentIndex())
    services = panel.service_combo
    services.setCurrentIndex(services.findData("dog_tax_registration"))
    services.activated.emit(services.currentIndex())
    assert panel.model.case_ids() == [cases["unassigned"][-1]]
    assert panel.model.case_filter.services == frozenset({"dog_tax_registration"})
    assert services.currentText() == "Dog tax – registration (1)"


def test_search_is_debounced_and_narrows_the_view(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    qtbot.keyClicks(panel.search, "schmi")
    assert panel.model.case_filter.search == ""  # not on every key press
    qtbot.waitUntil(lambda: panel.model.case_filter.search == "schmi", timeout=3000)
    assert sorted(panel.model.case_ids()) == sorted(cases["schmidt"])
    assert panel.count_of("current") == 2
    panel.search.clear()
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 7
    panel.search.setText("nobody-is-called-like-this")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 0
    assert panel.table.placeholder == "No case matches the search."


def test_the_selected_case_stays_selected_when_the_filter_still_shows_it(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    chosen = cases["mine"][1]
    with qtbot.waitSignal(panel.case_selected) as selected:
        assert panel.select_case(chosen)
    assert selected.args == [chosen]
    qtbot.mouseClick(panel.scope_buttons["mine"], Qt.MouseButton.LeftButton)
    assert panel.selected_case_id() == chosen


def test_next_and_previous_walk_the_list(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    ids = panel.model.case_ids()
    panel.select_next()
    assert panel.selected_case_id() == ids[0]
    panel.select_next()
    panel.select_next()
    assert panel.selected_case_id() == ids[2]
    panel.select_previous()
    assert panel.selected_case_id() == ids[1]


def test_column_layout_and_sort_order_are_kept(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    header = panel.table.horizontalHeader()
    header.resizeSection(Column.APPLICANT, 333)
    header.moveSection(header.visualIndex(Column.STATUS), 0)
    panel.table.sortByColumn(Column.APPLICANT, Qt.SortOrder.AscendingOrder)
    assert panel.model.case_sort.key is SortKey.APPLICANT
    qtbot.mouseClick(panel.scope_buttons["unassigned"], Qt.MouseButton.LeftButton)
    panel.save_layout()
    ui_settings.sync()

    again = _panel(qtbot, world, make_context, UiSettings.at(Path(ui_settings.file_name)))
    header = again.table.horizontalHeader()
    assert header.sectionSize(Column.APPLICANT) == 333
    assert header.visualIndex(Column.STATUS) == 0
    assert again.model.case_sort.key is SortKey.APPLICANT
    assert not again.model.case_sort.descending
    assert again.selection.scope == "unassigned"


def test_unsortable_columns_keep_the_sort_indicator(
    qtbot: QtBot,
    world: World,
    cases: dict[str, list[int]],
    make_context: Callable[..., UiContext],
    ui_settings: UiSettings,
) -> None:
    panel = _panel(qtbot, world, make_context, ui_settings)
    header = panel.table.horizontalHeader()
    before = panel.model.case_sort
    header.setSortIndicator(Column.ASSIGNEE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == Column.RECEIVED)
    assert panel.model.case_sort == before


def test_filters_map_to_the_service_filter(world: World) -> None:
    actor = world.clerk1
    assert build_filter(actor, Selection()) == CaseFilter(open_only=True)
    assert build_filter(actor, Selection("mine", "any")) == CaseFilter(assignee_id=actor.user_id)
    assert build_filter(actor, Selection("unassigned", "received", "x", "q")) == CaseFilter(
        unassigned=True,
        statuses=frozenset({Status.RECEIVED}),
        services=frozenset({"x"}),
        search="q",
    )
    assert build_filter(actor, Selection("overdue")) == CaseFilter(overdue=True, open_only=True)


class _Recording:
    """The case queries, recording which counting calls the filter bar makes."""

    def __init__(self, queries: CaseQueries) -> None:
        self._queries = queries
        self.calls: list[str] = []

    def count_cases(self, actor: Actor, flt: CaseFilter) -> int:
        self.calls.append("count_cases")
        return self._queries.count_cases(actor, flt)

    def count_cases_by(self, actor: Actor, flt: CaseFilter, group: str) -> dict[str, int]:
        self.calls.append(f"count_cases_by:{group}")
        return self._queries.count_cases_by(actor, flt, group)


@pytest.mark.parametrize(
    "selection",
    [Selection(), Selection("mine", "any"), Selection("unassigned", "received", "", "schmidt")],
)
def test_counts_come_from_a_few_grouped_queries_and_match_single_counts(
    world: World, cases: dict[str, list[int]], selection: Selection
) -> None:
    recording = _Recording(world.casework.queries)
    services = sorted(world.templates)
    context = TaskContext(CancelToken(), CancelToken(), lambda _report: None)
    counts = count_all(recording, world.clerk1, selection, services, context)  # type: ignore[arg-type]
    # 4 scopes, one grouped by status, one grouped by service, the table's own:
    # not one query per status and per service.
    assert recording.calls.count("count_cases_by:status") == 1
    assert recording.calls.count("count_cases_by:service") == 1
    assert len(recording.calls) == 7
    # The same numbers as counting each filter on its own.
    actor = world.clerk1
    plain = replace(selection, search="")
    expected = {f"scope:{s}": build_filter(actor, Selection(s, "open")) for s in SCOPES}
    for status in ("open", "any", *(s.value for s in Status)):
        expected[f"status:{status}"] = build_filter(
            actor, replace(plain, status=status, service="")
        )
    for service in ["", *services]:
        expected[f"service:{service}"] = build_filter(actor, replace(plain, service=service))
    expected["current"] = build_filter(actor, selection)
    assert counts == {
        key: world.casework.queries.count_cases(actor, f) for key, f in expected.items()
    }
