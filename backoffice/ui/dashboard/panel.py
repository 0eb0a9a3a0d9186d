"""The dashboard panel: the team figures as tiles, loaded in a worker.

Six tiles over the services shown: open cases by service and age band (stacked
bars), overdue per service, cases received against cases closed per week, the
forecast of deadline breaches, the lead times (median and 90th percentile, paused
time left out) and the current assignment list. Every tile's headline and every
bar drills down to the inbox filter of the cases it counts (:attr:`drill_requested`).

Staff-council rules come from the service: a suppressed service's figures are
never drawn (a zero bar would read as "none"); each tile names the suppressed
services instead, "suppressed: fewer than 5 staff members". The "?" of each tile
says what the figure counts.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.figures import AgeBand, FigureKey
from backoffice.services.queries import CaseFilter, DateSpan
from backoffice.services.workload import Dashboard, ServiceFigures
from backoffice.ui.context import UiContext
from backoffice.ui.dashboard.charts import BarChart, Bars
from backoffice.ui.dashboard.texts import (
    band_name,
    figure_description,
    figure_title,
    number,
    staff_rule,
    suppressed_text,
)
from backoffice.ui.dashboard.tile import Tile
from backoffice.ui.errors import describe_error
from backoffice.ui.tasks import Task
from backoffice.ui.texts import Tone, plain_tooltip
from backoffice.ui.widgets import MessageBar, muted, plain_label

#: Age bands from fresh (green) to old (red).
BAND_COLOURS = {
    AgeBand.DAYS_0_5: "#6aa84f",
    AgeBand.DAYS_6_10: "#f1c232",
    AgeBand.DAYS_11_20: "#e69138",
    AgeBand.OVER_20: "#cc0000",
}
INFLOW_COLOUR = "#3d85c6"
CLOSED_COLOUR = "#6aa84f"
OVERDUE_COLOUR = "#cc0000"
FORECAST_COLOUR = "#e69138"
MEDIAN_COLOUR = "#3d85c6"
P90_COLOUR = "#9fc5e8"
#: The periods a team lead can choose (weeks).
PERIODS = (4, 8, 12, 26)


class DashboardPanel(QWidget):
    """The team figures; see the module documentation."""

    #: Show these cases in the inbox (a CaseFilter, what they are called).
    drill_requested = Signal(object, str)
    #: A new set of figures is shown.
    loaded = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.dashboard: Dashboard | None = None
        self._task: Task | None = None
        self._generation = 0

        self.summary = plain_label("", self, wrap=True)
        self.period_combo = QComboBox(self)
        for weeks in PERIODS:
            self.period_combo.addItem(self.tr("last %n week(s)", "", weeks), weeks)
        self.period_combo.setCurrentIndex(PERIODS.index(8))
        self.period_combo.setToolTip(self.tr("The period of the weekly figures and the lead times"))
        self.period_combo.activated.connect(lambda _index: self.load())
        self.message_bar = MessageBar(self)
        self.suppression_note = muted(plain_label("", self, wrap=True))
        self.suppression_note.setToolTip(plain_tooltip(staff_rule()))

        self.age_tile = self._tile(FigureKey.OPEN_BY_AGE)
        self.age_chart = self._chart(self.age_tile, horizontal=True, stacked=True)
        self.overdue_tile = self._tile(FigureKey.OVERDUE)
        self.overdue_chart = self._chart(self.overdue_tile, horizontal=True)
        self.weeks_tile = Tile(
            self.tr("Received and closed per week"),
            figure_description(FigureKey.INFLOW) + "\n\n" + figure_description(FigureKey.CLOSED),
            self,
        )
        self.weeks_tile.drill_requested.connect(self.drill_requested)
        self.weeks_chart = self._chart(self.weeks_tile, horizontal=False)
        self.forecast_tile = self._tile(FigureKey.FORECAST_BREACHES)
        self.forecast_chart = self._chart(self.forecast_tile, horizontal=True)
        self.lead_tile = Tile(
            self.tr("Lead time (working days)"),
            figure_description(FigureKey.LEAD_TIME_MEDIAN)
            + "\n\n"
            + figure_description(FigureKey.LEAD_TIME_P90),
            self,
        )
        self.lead_tile.drill_requested.connect(self.drill_requested)
        self.lead_chart = self._chart(self.lead_tile, horizontal=True, decimals=1)
        self.assignment_tile = self._tile(FigureKey.OPEN_PER_ASSIGNEE)
        self.assignment_list = QTreeWidget(self.assignment_tile)
        self.assignment_list.setHeaderLabels([self.tr("Person"), self.tr("Open cases")])
        self.assignment_list.setRootIsDecorated(False)
        self.assignment_list.setToolTip(self.tr("Click a person to list their open cases"))
        self.assignment_list.itemClicked.connect(self._assignment_clicked)
        self.assignment_tile.add_content(self.assignment_list)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.age_tile, 0, 0, 1, 2)
        grid.addWidget(self.overdue_tile, 0, 2)
        grid.addWidget(self.weeks_tile, 1, 0, 1, 2)
        grid.addWidget(self.forecast_tile, 1, 2)
        grid.addWidget(self.lead_tile, 2, 0, 1, 2)
        grid.addWidget(self.assignment_tile, 2, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(3):
            grid.setRowStretch(row, 1)
        content = QWidget(self)
        content.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(plain_label(self.tr("Period:"), self))
        top.addWidget(self.period_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.suppression_note)
        layout.addWidget(self.message_bar)
        layout.addWidget(scroll, 1)
        self.summary.setText(self.tr("Loading the figures…"))

    def _tile(self, key: FigureKey) -> Tile:
        tile = Tile(figure_title(key), figure_description(key), self)
        tile.drill_requested.connect(self.drill_requested)
        return tile

    def _chart(
        self, tile: Tile, *, horizontal: bool, stacked: bool = False, decimals: int = 0
    ) -> BarChart:
        chart = BarChart(horizontal=horizontal, stacked=stacked, decimals=decimals, parent=tile)
        chart.drill_requested.connect(self.drill_requested)
        tile.add_content(chart)
        return chart

    # -- loading ------------------------------------------------------------------------------

    @property
    def weeks(self) -> int:
        return int(self.period_combo.currentData())

    @property
    def loading(self) -> bool:
        return self._task is not None and not self._task.finished

    def load(self) -> None:
        """Compute the figures again (in a worker); the tiles keep the last ones meanwhile."""
        team = self._ctx.services.team
        if team is None:
            return
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        generation = self._generation
        if self.dashboard is None:
            self.summary.setText(self.tr("Loading the figures…"))
        self._task = self._ctx.runner.run(
            partial(team.workload.dashboard, self._ctx.actor, weeks=self.weeks),
            done=lambda dashboard: self._arrived(generation, dashboard),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="dashboard",
        )

    def _arrived(self, generation: int, dashboard: Dashboard) -> None:
        if generation != self._generation:
            return
        self.message_bar.hide()
        self.show_dashboard(dashboard)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.message_bar.show_message(
            self.tr("The figures could not be computed.") + " " + describe_error(error),
            Tone.BAD,
            action=self.tr("Try again"),
            on_action=self.load,
        )
        if self.dashboard is None:
            self.summary.clear()

    # -- showing ------------------------------------------------------------------------------

    def service_name(self, figures: ServiceFigures) -> str:
        if figures.service_key is None:
            return self.tr("All services shown")
        return self._ctx.vocabulary.service_name(figures.service_key)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        words = self._ctx.vocabulary
        self.summary.setText(
            self.tr(
                "As of {when} · weekly figures and lead times since {start} · forecast up to "
                "{horizon} ({days} working days)"
            ).format(
                when=words.datetime(dashboard.computed_at),
                start=words.date(dashboard.period_start),
                horizon=words.date(dashboard.horizon),
                days=dashboard.horizon_days,
            )
        )
        shown = [s for s in dashboard.services if not s.suppressed]
        hidden = [s for s in dashboard.services if s.suppressed]
        note = ""
        if hidden:
            note = self.tr("{what}: {services}").format(
                what=suppressed_text(dashboard.policy.min_staff).capitalize(),
                services=", ".join(self.service_name(s) for s in hidden),
            )
        if dashboard.policy.agreement:
            note = " ".join(
                part
                for part in (
                    note,
                    self.tr("Minimum group size {n} by service agreement {ref}.").format(
                        n=dashboard.policy.min_staff, ref=dashboard.policy.agreement
                    ),
                )
                if part
            )
        self.suppression_note.setText(note)
        self.suppression_note.setVisible(bool(note))
        self._show_ages(dashboard, shown)
        self._show_overdue(dashboard, shown)
        self._show_weeks(dashboard)
        self._show_forecast(dashboard, shown)
        self._show_lead_times(dashboard, shown)
        self._show_assignments(dashboard)
        self.loaded.emit(dashboard)

    def _cell_text(self, dashboard: Dashboard, value: float | None, suppressed: bool) -> str:
        if suppressed:
            return suppressed_text(dashboard.policy.min_staff)
        return number(value)

    def _show_ages(self, dashboard: Dashboard, shown: list[ServiceFigures]) -> None:
        totals = dashboard.totals
        total = totals.open_total
        self.age_tile.show_headline(
            suppressed_text(dashboard.policy.min_staff)
            if total.suppressed
            else self.tr("{n} open").format(n=number(total.value)),
            total.filter,
            figure_title(FigureKey.OPEN_BY_AGE),
        )
        listed = [s for s in shown if (s.open_total.value or 0) > 0]
        bars = [
            Bars(
                band_name(band),
                BAND_COLOURS[band],
                [s.open_by_age[band].value or 0 for s in listed],
                [s.open_by_age[band].filter for s in listed],
            )
            for band in AgeBand
        ]
        self.age_chart.show_bars(
            figure_title(FigureKey.OPEN_BY_AGE), [self.service_name(s) for s in listed], bars
        )
        self.age_tile.show_note("" if listed else self.tr("No open case."))

    def _show_overdue(self, dashboard: Dashboard, shown: list[ServiceFigures]) -> None:
        totals = dashboard.totals
        self.overdue_tile.show_headline(
            self._cell_text(dashboard, totals.overdue.value, totals.overdue.suppressed),
            totals.overdue.filter,
        )
        listed = [s for s in shown if (s.overdue.value or 0) > 0]
        self.overdue_chart.show_bars(
            figure_title(FigureKey.OVERDUE),
            [self.service_name(s) for s in listed],
            [
                Bars(
                    figure_title(FigureKey.OVERDUE),
                    OVERDUE_COLOUR,
                    [s.overdue.value or 0 for s in listed],
                    [s.overdue.filter for s in listed],
                )
            ],
        )
        self.overdue_tile.show_note("" if listed else self.tr("No case is overdue."))

    def _show_weeks(self, dashboard: Dashboard) -> None:
        weeks = dashboard.totals.weeks
        title = self.tr("Received and closed per week")
        if not weeks or any(w.inflow.suppressed or w.closed.suppressed for w in weeks):
            self.weeks_tile.show_headline(
                suppressed_text(dashboard.policy.min_staff) if weeks else "—", None
            )
            self.weeks_chart.show_bars(title, [], [])
            return
        received = CaseFilter(received=DateSpan(weeks[0].week_start, dashboard.today))
        self.weeks_tile.show_headline(
            self.tr("{received} received · {closed} closed").format(
                received=number(sum(w.inflow.value or 0 for w in weeks)),
                closed=number(sum(w.closed.value or 0 for w in weeks)),
            ),
            received,
            self.tr("Received in the period"),
        )
        self.weeks_chart.show_bars(
            title,
            [self.tr("wk {n}").format(n=w.week_start.isocalendar().week) for w in weeks],
            [
                Bars(
                    self.tr("Received"),
                    INFLOW_COLOUR,
                    [w.inflow.value or 0 for w in weeks],
                    [w.inflow.filter for w in weeks],
                ),
                Bars(
                    self.tr("Closed"),
                    CLOSED_COLOUR,
                    [w.closed.value or 0 for w in weeks],
                    [w.closed.filter for w in weeks],
                ),
            ],
        )

    def _show_forecast(self, dashboard: Dashboard, shown: list[ServiceFigures]) -> None:
        totals = dashboard.totals
        cell = totals.forecast_breaches
        self.forecast_tile.show_headline(
            self._cell_text(dashboard, cell.value, cell.suppressed), cell.filter
        )
        listed = [s for s in shown if (s.forecast_breaches.value or 0) > 0]
        self.forecast_chart.show_bars(
            figure_title(FigureKey.FORECAST_BREACHES),
            [self.service_name(s) for s in listed],
            [
                Bars(
                    self.tr("Will miss the deadline"),
                    FORECAST_COLOUR,
                    [s.forecast_breaches.value or 0 for s in listed],
                    [s.forecast_breaches.filter for s in listed],
                )
            ],
        )
        self.forecast_tile.show_note(
            self.tr("At the current pace every deadline up to {day} is met.").format(
                day=self._ctx.vocabulary.date(dashboard.horizon)
            )
            if not listed
            else self.tr("Cases due up to {day} that the current pace will not reach.").format(
                day=self._ctx.vocabulary.date(dashboard.horizon)
            )
        )

    def _show_lead_times(self, dashboard: Dashboard, shown: list[ServiceFigures]) -> None:
        totals = dashboard.totals
        median, p90 = totals.lead_time_median, totals.lead_time_p90
        if median.suppressed:
            headline = suppressed_text(dashboard.policy.min_staff)
        elif median.value is None:
            headline = self.tr("No case closed in the period")
        else:
            headline = self.tr("median {median} · 90th percentile {p90}").format(
                median=number(median.value, 1), p90=number(p90.value, 1)
            )
        self.lead_tile.show_headline(headline, median.filter, self.tr("Closed in the period"))
        listed = [s for s in shown if s.lead_time_median.shown]
        self.lead_chart.show_bars(
            self.tr("Lead time (working days)"),
            [self.service_name(s) for s in listed],
            [
                Bars(
                    self.tr("Median"),
                    MEDIAN_COLOUR,
                    [s.lead_time_median.value or 0 for s in listed],
                    [s.lead_time_median.filter for s in listed],
                ),
                Bars(
                    self.tr("90th percentile"),
                    P90_COLOUR,
                    [s.lead_time_p90.value or 0 for s in listed],
                    [s.lead_time_p90.filter for s in listed],
                ),
            ],
        )
        empty = [s for s in shown if not s.lead_time_median.shown]
        self.lead_tile.show_note(
            self.tr("No case closed in the period: {services}").format(
                services=", ".join(self.service_name(s) for s in empty)
            )
            if empty
            else ""
        )

    def _show_assignments(self, dashboard: Dashboard) -> None:
        self.assignment_list.clear()
        for load in dashboard.assignments:
            item = QTreeWidgetItem([load.display_name, number(load.open_cases)])
            item.setData(0, Qt.ItemDataRole.UserRole, load.filter)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.assignment_list.addTopLevelItem(item)
        self.assignment_list.resizeColumnToContents(0)
        total = sum(load.open_cases for load in dashboard.assignments)
        self.assignment_tile.show_headline(
            self.tr("%n person(s) hold work", "", len(dashboard.assignments)),
            None,
        )
        self.assignment_tile.show_note(
            self.tr("{n} open cases assigned; nobody is ranked, nothing from the past.").format(
                n=number(total)
            )
        )

    def _assignment_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        flt = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(flt, CaseFilter):
            self.drill_requested.emit(
                flt,
                self.tr("Open cases of {name}").format(name=item.text(0)),
            )


__all__ = ["DashboardPanel"]
