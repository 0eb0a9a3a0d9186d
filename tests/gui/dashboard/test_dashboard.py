"""The dashboard workspace: the service's figures drawn, suppression, drill-down, exports.

A small data set made through the real commands with the test clock at each step
(today: Tuesday 10 March 2026; no public holiday in NRW between February and
mid-March, so working days are Monday to Friday). Birth certificates (A, 5 working
days to process) are worked by clerk1 and clerk2, dog tax (B, 10 working days) by
clerk1 alone: with a minimum group of two, B is suppressed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from backoffice.domain.figures import AgeBand, FigureKey, definition
from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.desktop import DesktopServices
from backoffice.services.queries import CaseFilter
from backoffice.services.workload import WorkloadService
from backoffice.ui.dashboard.texts import band_name, figure_description, staff_rule
from backoffice.ui.dashboard.workspace import DashboardWorkspace
from backoffice.ui.inbox.workspace import InboxWorkspace
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World

A = "birth_certificate"
B = "dog_tax_registration"
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def at(day: int, month: int = 3, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def make_case(
    world: World,
    service: str,
    received: datetime,
    actor: Actor | None = None,
    *steps: tuple[datetime, Status],
) -> int:
    world.clock.now = received
    case_id = world.add_case(service, received_at=received)
    if actor is None:
        return case_id
    version = world.casework.commands.claim(actor, case_id).version
    for moment, target in steps:
        world.clock.now = moment
        version = world.casework.commands.change_status(actor, case_id, version, target).version
    return case_id


@pytest.fixture
def figures(world: World) -> World:
    """A: open aged 0, 6 (overdue) and 11 (overdue); two closed in the period.
    B: open aged 6 and 10; one closed."""
    make_case(world, A, at(10, hour=7))
    make_case(world, A, at(2), world.clerk2)
    make_case(world, A, at(23, 2), world.clerk1)
    make_case(world, A, at(2), world.clerk1, (at(5), Status.WITHDRAWN))
    make_case(world, A, at(4), world.clerk2, (at(9), Status.WITHDRAWN))
    make_case(world, B, at(24, 2), world.clerk1)
    make_case(world, B, at(2))
    make_case(world, B, at(2), world.clerk1, (at(9), Status.WITHDRAWN))
    world.clock.now = NOW
    return world


@pytest.fixture
def workload(desktop_services: DesktopServices) -> WorkloadService:
    assert desktop_services.team is not None
    return desktop_services.team.workload


def allow_groups_of(world: World, workload: WorkloadService, size: int) -> None:
    workload.set_policy(world.admin, size, "DV 2026/3 § 4")


@pytest.fixture
def dashboard_of(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> Callable[[Actor], DashboardWorkspace]:
    def show(actor: Actor) -> DashboardWorkspace:
        window = make_window(actor)
        window.show_workspace(DashboardWorkspace.key)
        workspace = window.workspaces[DashboardWorkspace.key]
        assert isinstance(workspace, DashboardWorkspace)
        assert workspace.panel.dashboard is not None  # the synchronous runner delivered
        return workspace

    return show


def test_the_charts_draw_the_services_own_numbers(
    figures: World, workload: WorkloadService, dashboard_of: Callable[[Actor], DashboardWorkspace]
) -> None:
    allow_groups_of(figures, workload, 1)
    panel = dashboard_of(figures.lead).panel
    expected = workload.dashboard(figures.lead)
    by_key = {s.service_key: s for s in expected.services}
    a, b = by_key[A], by_key[B]
    words = panel._ctx.vocabulary
    assert panel.age_chart.categories[::-1] == [words.service_name(A), words.service_name(B)]
    for band in AgeBand:
        drawn = panel.age_chart.values(band_name(band))
        assert drawn == [a.open_by_age[band].value, b.open_by_age[band].value]
    # The hand count: A has one case in each of the first three bands, B two in 6-10.
    assert panel.age_chart.values(band_name(AgeBand.DAYS_0_5)) == [1, 0]
    assert panel.age_chart.values(band_name(AgeBand.DAYS_6_10)) == [1, 2]
    assert panel.age_chart.values(band_name(AgeBand.DAYS_11_20)) == [1, 0]
    assert panel.overdue_chart.values(panel.overdue_chart.bars[0].name) == [a.overdue.value]
    assert a.overdue.value == 2
    weeks = expected.totals.weeks
    assert panel.weeks_chart.values("Received") == [w.inflow.value for w in weeks]
    assert panel.weeks_chart.values("Closed") == [w.closed.value for w in weeks]
    assert sum(panel.weeks_chart.values("Closed")) == 3
    assert panel.lead_chart.values("Median") == [
        s.lead_time_median.value for s in (a, b) if s.lead_time_median.shown
    ]
    assert panel.age_tile.headline.text() == "5 open"
    assert panel.overdue_tile.headline.text() == "2"
    names = [_item(panel.assignment_list, i).text(0) for i in range(2)]
    assert names == ["Petra Sommer", "Thomas Krämer"]  # by name, not by load
    assert panel.suppression_note.isHidden() is False  # the agreement is named
    assert "DV 2026/3 § 4" in panel.suppression_note.text()


def test_a_suppressed_service_shows_as_suppressed_never_as_zero(
    figures: World, workload: WorkloadService, dashboard_of: Callable[[Actor], DashboardWorkspace]
) -> None:
    allow_groups_of(figures, workload, 2)  # A: clerk1 and clerk2; B: clerk1 alone
    panel = dashboard_of(figures.lead).panel
    words = panel._ctx.vocabulary
    expected = workload.dashboard(figures.lead)
    assert [s.service_key for s in expected.services if s.suppressed] == [B]
    for chart in (panel.age_chart, panel.overdue_chart, panel.lead_chart):
        assert words.service_name(B) not in chart.categories
    assert panel.age_chart.categories == [words.service_name(A)]
    note = panel.suppression_note.text()
    assert "suppressed: fewer than 2 staff members" in note.lower()
    assert words.service_name(B) in note
    assert panel.suppression_note.isVisible()
    # The headline counts the services shown only, and drills down to those.
    assert panel.age_tile.headline.text() == "3 open"
    assert panel.age_tile.drill_filter == expected.totals.open_total.filter


def test_everything_suppressed_reads_suppressed(
    figures: World, dashboard_of: Callable[[Actor], DashboardWorkspace]
) -> None:
    panel = dashboard_of(figures.lead).panel  # the default: at least five staff
    for tile in (panel.age_tile, panel.overdue_tile, panel.forecast_tile, panel.weeks_tile):
        assert tile.headline.text() == "suppressed: fewer than 5 staff members"
    assert panel.lead_tile.headline.text() == "suppressed: fewer than 5 staff members"
    assert panel.age_chart.categories == []
    assert "0" not in panel.overdue_tile.headline.text()


def test_a_tile_and_a_bar_drill_down_to_the_inbox_filter(
    qtbot: QtBot, figures: World, workload: WorkloadService, make_window: Callable[..., MainWindow]
) -> None:
    allow_groups_of(figures, workload, 1)
    window = make_window(figures.lead)
    window.show_workspace(DashboardWorkspace.key)
    workspace = window.workspaces[DashboardWorkspace.key]
    assert isinstance(workspace, DashboardWorkspace)
    panel = workspace.panel
    expected = workload.dashboard(figures.lead)
    a = next(s for s in expected.services if s.service_key == A)

    qtbot.mouseClick(panel.overdue_tile.drill_button, Qt.MouseButton.LeftButton)
    assert window.stack.current is window.workspaces[InboxWorkspace.key]
    assert window.inbox.shown_filter == expected.totals.overdue.filter
    assert window.inbox.model.rowCount() == 2
    shown = [window.inbox.model.case_at(i) for i in range(2)]
    assert {c.service_key for c in shown if c is not None} == {A} and None not in shown
    assert "Overdue" in window.inbox.filter_bar.text

    window.show_workspace(DashboardWorkspace.key)
    chart = panel.age_chart
    band = band_name(AgeBand.DAYS_11_20)
    point = chart.bar_centre(band, panel.service_name(a))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.inbox.shown_filter == a.open_by_age[AgeBand.DAYS_11_20].filter
    assert window.inbox.model.rowCount() == 1
    # Back to the filter bar's own choices.
    window.inbox.filter_bar.dismiss()
    assert window.inbox.shown_filter is None
    assert window.inbox.model.case_filter != a.open_by_age[AgeBand.DAYS_11_20].filter


def test_every_figure_says_what_it_counts(
    figures: World, dashboard_of: Callable[[Actor], DashboardWorkspace]
) -> None:
    panel = dashboard_of(figures.lead).panel
    for key in FigureKey:
        assert figure_description(key) == definition(key).counts  # in step with the domain
    from backoffice.domain.figures import STAFF_RULE

    assert staff_rule() == STAFF_RULE
    assert definition(FigureKey.OVERDUE).counts in panel.overdue_tile.description
    assert panel.age_tile.help_button.toolTip()


def test_the_german_dashboard_names_suppression(
    german: object, figures: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(figures.lead, language="de")
    window.show_workspace(DashboardWorkspace.key)
    workspace = window.workspaces[DashboardWorkspace.key]
    assert isinstance(workspace, DashboardWorkspace)
    assert workspace.panel.age_tile.headline.text() == "unterdrückt: weniger als 5 Beschäftigte"
    assert workspace.panel.overdue_tile.help_button.toolTip() != ""
    assert "Überfällig" in workspace.panel.overdue_tile.title_label.text()


def test_clerks_have_no_dashboard(figures: World, make_window: Callable[..., MainWindow]) -> None:
    window = make_window(figures.clerk1)
    assert DashboardWorkspace.key not in window.workspaces


def test_the_csv_export_writes_the_figures_shown(
    qtbot: QtBot,
    tmp_path: Path,
    figures: World,
    workload: WorkloadService,
    dashboard_of: Callable[[Actor], DashboardWorkspace],
) -> None:
    allow_groups_of(figures, workload, 2)
    workspace = dashboard_of(figures.lead)
    assert workspace.exports.csv_action.isEnabled()
    workspace.exports.csv_action.trigger()
    dialog = workspace.exports.file_dialog
    assert isinstance(dialog, QFileDialog)
    target = tmp_path / "zahlen.csv"
    dialog.selectFile(str(target))
    with qtbot.waitSignal(workspace.exports.written) as written:
        dialog.accept()
    assert written.args == [target]
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    text = target.read_text(encoding="utf-8")
    assert len(rows) > 2
    assert "suppressed" in text.lower()
    assert workspace.exports.file_dialog is None


def test_drill_filters_are_case_filters(
    figures: World, workload: WorkloadService, dashboard_of: Callable[[Actor], DashboardWorkspace]
) -> None:
    allow_groups_of(figures, workload, 1)
    panel = dashboard_of(figures.lead).panel
    for chart in (panel.age_chart, panel.overdue_chart, panel.weeks_chart, panel.lead_chart):
        for bars in chart.bars:
            assert all(isinstance(f, CaseFilter) for f in bars.filters)


def _item(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item
