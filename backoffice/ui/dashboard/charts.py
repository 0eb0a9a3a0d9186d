"""Bar charts of the dashboard (QtCharts), each bar a drill-down to its cases.

:class:`BarChart` shows one or more bar sets over categories (services, weeks),
grouped or stacked, horizontal or vertical. Every value comes with the inbox filter
of the cases it counts: a click on a bar emits that filter. Only figures that are
shown go into a chart: a suppressed or empty value is never drawn as a zero bar
(the tile names suppressed services in its note instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget

from backoffice.services.queries import CaseFilter


@dataclass(frozen=True)
class Bars:
    """One bar set: its name, colour, a value per category and each value's filter."""

    name: str
    colour: str
    values: Sequence[float]
    filters: Sequence[CaseFilter | None]


class BarChart(QChartView):
    """A bar chart whose bars drill down; see the module documentation."""

    #: A bar was clicked: its cases' filter and what they are called.
    drill_requested = Signal(object, str)

    def __init__(
        self,
        *,
        horizontal: bool,
        stacked: bool = False,
        decimals: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._horizontal = horizontal
        self._stacked = stacked
        self._decimals = decimals
        self._title = ""
        self.categories: list[str] = []
        self.bars: list[Bars] = []
        #: The chart's bar sets by name (tests read their values).
        self.bar_sets: dict[str, QBarSet] = {}
        self.series: QAbstractBarSeries | None = None
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("white"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_bars(self, title: str, categories: Sequence[str], bars: Sequence[Bars]) -> None:
        """Replace the chart's content; ``title`` prefixes the drill-down's label."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._title = title
        # Horizontal bars run bottom to top: reversed, the first category is at the top.
        order = list(reversed(range(len(categories)))) if self._horizontal else None
        self.categories = [categories[i] for i in order] if order else list(categories)
        self.bars = [
            Bars(
                b.name,
                b.colour,
                [b.values[i] for i in order] if order else list(b.values),
                [b.filters[i] for i in order] if order else list(b.filters),
            )
            for b in bars
        ]
        self.bar_sets = {}
        series = self._new_series()
        for number, bar in enumerate(self.bars):
            bar_set = QBarSet(bar.name)
            bar_set.setColor(QColor(bar.colour))
            bar_set.setBorderColor(QColor(bar.colour).darker(115))
            for value in bar.values:
                bar_set.append(float(value))
            bar_set.clicked.connect(partial(self.drill_bar, number))
            series.append(bar_set)
            self.bar_sets[bar.name] = bar_set
        series.setBarWidth(0.7 if self._stacked or len(bars) == 1 else 0.8)
        chart.addSeries(series)
        self.series = series
        category_axis = QBarCategoryAxis()
        category_axis.append(self.categories)
        value_axis = QValueAxis()
        value_axis.setLabelFormat("%d" if self._decimals == 0 else f"%.{self._decimals}f")
        value_axis.setMin(0)
        value_axis.setMax(max(1.0, self._largest() * 1.08))
        value_axis.applyNiceNumbers()
        value_axis.setMin(0)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        for axis in (category_axis, value_axis):
            axis.setTruncateLabels(False)  # names are long; elided to "…" they say nothing
            axis.setLabelsFont(font)
        if self._horizontal:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        chart.legend().setVisible(len(bars) > 1)
        if self._horizontal:  # every service needs a line of its own
            line = QFontMetrics(font).height() + 6
            legend = 28 if len(bars) > 1 else 0
            self.setMinimumHeight(max(150, line * len(self.categories) + 50 + legend))

    def values(self, name: str) -> list[float]:
        """The values drawn for a bar set, in the order the categories were given."""
        bar_set = self.bar_sets[name]
        drawn = [bar_set.at(i) for i in range(bar_set.count())]
        return list(reversed(drawn)) if self._horizontal else drawn

    def drill_bar(self, set_number: int, index: int) -> None:
        """A click on bar ``index`` (in drawing order) of the ``set_number``-th set."""
        if not 0 <= set_number < len(self.bars):
            return
        bar = self.bars[set_number]
        if not 0 <= index < len(bar.filters):
            return
        flt = bar.filters[index]
        if flt is not None:
            label = " · ".join(part for part in (self._title, self.categories[index], bar.name))
            self.drill_requested.emit(flt, label)

    def bar_centre(self, set_name: str, category: str) -> QPointF:
        """Where a bar is drawn, in viewport coordinates (a click lands there)."""
        names = list(self.bar_sets)
        set_number = names.index(set_name)
        index = self.categories.index(category)
        bars = self.bars
        if self._stacked:
            below = sum(b.values[index] for b in bars[:set_number])
            middle = below + bars[set_number].values[index] / 2
            offset = 0.0
        else:
            middle = bars[set_number].values[index] / 2
            width = 0.8 / len(bars)
            offset = -0.4 + width * (set_number + 0.5)
        assert self.series is not None
        point = (
            QPointF(middle, index + offset) if self._horizontal else QPointF(index + offset, middle)
        )
        scene = self.chart().mapToScene(self.chart().mapToPosition(point, self.series))
        return QPointF(self.mapFromScene(scene))

    def _new_series(self) -> QAbstractBarSeries:
        if self._horizontal:
            return QHorizontalStackedBarSeries() if self._stacked else QHorizontalBarSeries()
        return QStackedBarSeries() if self._stacked else QBarSeries()

    def _largest(self) -> float:
        if not self.bars:
            return 0.0
        if self._stacked:
            return max(
                (sum(b.values[i] for b in self.bars) for i in range(len(self.categories))),
                default=0.0,
            )
        return max((max(b.values, default=0.0) for b in self.bars), default=0.0)


__all__ = ["BarChart", "Bars"]
