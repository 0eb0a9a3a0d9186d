"""The inbox panel: quick filters with counts, a debounced search, the case table.

Filters combine: a scope (mine, unassigned, overdue, all), a status choice
(open, any, or one status) and a service; the search narrows further. The
counts next to each choice are counted in the task runner, the table loads
page by page (:class:`InboxModel`). The column layout and sort order are kept
in the settings. The counts take a handful of queries whatever the number of
services (:func:`count_all`): one per scope, one grouped by status, one
grouped by service, and the table's own.

Several cases can be selected at once (Ctrl/Shift-click) for the bulk actions;
the current row is the case shown beside the list. Another workspace can show
the cases of any filter (:meth:`InboxPanel.show_filter`: the dashboard's drill-down);
a bar names that filter until the clerk goes back to the filter bar's choices.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import Status
from backoffice.services.queries import CaseFilter, CaseRow, CaseSort
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.inbox.filters import ANY, OPEN, SCOPES, Selection, build_filter, count_all
from backoffice.ui.inbox.model import SORT_KEYS, Column, InboxModel, column_for
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import Task
from backoffice.ui.texts import Tone, escape_mnemonic, status_name
from backoffice.ui.widgets import MessageBar, plain_label

SEARCH_DELAY_MS = 300


class CaseTable(QTableView):
    """The inbox table; says so when a view has no cases instead of staying blank."""

    # Once, when the table first paints rows (how many it has): the smoke test waits for it.
    first_rows_painted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self._painted_rows = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self._painted_rows and model is not None and model.rowCount() > 0:
            self._painted_rows = True
            self.first_rows_painted.emit(model.rowCount())
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(20, 20, -20, -20),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            painter.end()


class InboxPanel(QWidget):
    """Filter bar, search and the case table; emits the case the clerk selects."""

    #: The clerk selected a case (its id).
    case_selected = Signal(int)
    #: The set of selected cases changed (how many are selected now).
    selection_changed = Signal(int)

    def __init__(
        self, context: UiContext, settings: UiSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._settings = settings
        self._selection = Selection()
        self._counts: dict[str, int] = {}
        self._count_task: Task | None = None
        self._count_generation = 0
        self._wanted_case: int | None = None
        #: A filter from elsewhere (the dashboard's drill-down) shown instead of the selection's.
        self._shown_filter: CaseFilter | None = None

        self.model = InboxModel(context, parent=self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        shortcut = QKeySequence(QKeySequence.StandardKey.Find).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.search.setPlaceholderText(
            self.tr("Search file number, name, form data ({shortcut})").format(shortcut=shortcut)
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.scope_buttons: dict[str, QToolButton] = {}
        self._scope_group = QButtonGroup(self)
        self._scope_group.setExclusive(True)
        for scope in SCOPES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setToolTip(self._scope_tooltip(scope))
            button.clicked.connect(partial(self._scope_clicked, scope))
            self._scope_group.addButton(button)
            self.scope_buttons[scope] = button

        self.status_combo = QComboBox(self)
        self.status_combo.setToolTip(self.tr("Show cases in this status"))
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.activated.connect(self._status_chosen)
        self.service_combo = QComboBox(self)
        self.service_combo.setToolTip(self.tr("Show cases of this service"))
        self.service_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.service_combo.setMaximumWidth(320)
        self.service_combo.activated.connect(self._service_chosen)

        self.table = CaseTable(self)
        self.table.setModel(self.model)
        self._configure_table()
        self.count_label = plain_label("", self)
        self.message_bar = MessageBar(self)
        #: Names the filter another workspace asked for (:meth:`show_filter`).
        self.filter_bar = MessageBar(self)
        self.filter_bar.closed.connect(self._leave_shown_filter)

        scopes = QHBoxLayout()
        scopes.setSpacing(4)
        for button in self.scope_buttons.values():
            scopes.addWidget(button)
        scopes.addStretch(1)
        scopes.addWidget(self.count_label)
        choices = QHBoxLayout()
        choices.setSpacing(6)
        choices.addWidget(self.search, 3)
        choices.addWidget(self.status_combo, 0)
        choices.addWidget(self.service_combo, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(choices)
        layout.addLayout(scopes)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        self.model.loading_changed.connect(self._update_placeholder)
        self.model.reloaded.connect(self._after_reload)
        self.model.load_failed.connect(self._load_failed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.selection_changed.emit(
                len(self.table.selectionModel().selectedRows())
            )
        )

    # -- setting up ---------------------------------------------------------------------------

    def _configure_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        metrics = table.fontMetrics()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(metrics.height() * 1.7))
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        pad = round(metrics.averageCharWidth() * 1.5)
        samples = {
            Column.FILE_NUMBER: "GEWAB-2026-000000",
            Column.SERVICE: "Geburtsurkunde",
            Column.APPLICANT: "Hans-Peter Fischer",
            Column.RECEIVED: self._ctx.vocabulary.date(date(2000, 12, 28)),
            Column.DUE: self._ctx.vocabulary.date(date(2000, 12, 28)),
            Column.STATUS: "In Bearbeitung",
            Column.ASSIGNEE: "Thomas Krämer",
            Column.ATTACHMENTS: self.model.headerData(
                Column.ATTACHMENTS, Qt.Orientation.Horizontal
            ),
            Column.MARKERS: "…",  # the last column takes the rest
        }
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(str(sample)) + pad)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)

    def start(self) -> None:
        """Fill the choices, restore the layout and load the first page (once the
        vocabulary knows the services)."""
        self._fill_status_combo()
        self._fill_service_combo()
        header = self.table.horizontalHeader()
        state = self._settings.layout("inbox/header")
        sort = CaseSort()
        if not state.isEmpty() and header.restoreState(state):
            column = header.sortIndicatorSection()
            if 0 <= column < len(Column) and Column(column) in SORT_KEYS:
                sort = CaseSort(
                    SORT_KEYS[Column(column)],
                    descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
                )
        scope = self._settings.quick_filter
        self._selection = Selection(scope=scope if scope in SCOPES else "all")
        self.scope_buttons[self._selection.scope].setChecked(True)
        self._set_sort_indicator(sort)
        self.model.set_query(build_filter(self._ctx.actor, self._selection), sort)
        self.table.setSortingEnabled(True)
        self._recount()

    def save_layout(self) -> None:
        self._settings.set_layout("inbox/header", self.table.horizontalHeader().saveState())
        self._settings.quick_filter = self._selection.scope

    # -- public actions -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Look for new and changed cases; the selection stays on its case."""
        self.model.refresh()
        self._recount()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_case_id(self) -> int | None:
        index = self.table.currentIndex()
        case = self.model.case_at(index.row()) if index.isValid() else None
        return case.id if case else None

    def add_bar(self, bar: QWidget) -> None:
        """Put a bar (the bulk actions') right above the table."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.table), bar)

    def selected_cases(self) -> list[CaseRow]:
        """The selected cases, in the list's order (the bulk actions work on them)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [case for case in map(self.model.case_at, rows) if case is not None]

    def show_filter(self, flt: CaseFilter, label: str) -> None:
        """Show the cases of ``flt`` (from another workspace; ``label`` names it in a bar)
        until the clerk chooses in the filter bar again or closes the bar."""
        self._shown_filter = flt
        self._uncheck_scopes()
        with QSignalBlocker(self.search):
            self.search.setText(flt.search)
        self._selection = replace(self._selection, search=flt.search)
        self.filter_bar.show_message(
            self.tr("Showing: {what}").format(what=label),
            Tone.NEUTRAL,
            action=self.tr("Back to the filters"),
            on_action=self.filter_bar.dismiss,
        )
        self.model.set_query(flt)
        self._recount()

    @property
    def shown_filter(self) -> CaseFilter | None:
        """The filter from another workspace now shown, if any."""
        return self._shown_filter

    def _uncheck_scopes(self) -> None:
        self._scope_group.setExclusive(False)
        for button in self.scope_buttons.values():
            button.setChecked(False)
        self._scope_group.setExclusive(True)

    def _leave_shown_filter(self) -> None:
        if self._shown_filter is None:
            return
        self._shown_filter = None
        self.scope_buttons[self._selection.scope].setChecked(True)
        self.model.set_query(build_filter(self._ctx.actor, self._selection))
        self._recount()

    def select_case(self, case_id: int) -> bool:
        """Select a case if this view shows it; True when it did."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def select_next(self) -> None:
        self._step(+1)

    def select_previous(self) -> None:
        self._step(-1)

    def case_changed(self, case: CaseRow) -> None:
        """A case was changed from this desktop: update its row and the counts."""
        self.model.update_case(case)
        self._recount()

    def mark_conflict(self, case_id: int) -> None:
        self.model.mark_conflict(case_id)

    # -- filters ------------------------------------------------------------------------------

    def _scope_clicked(self, scope: str) -> None:
        self._select(replace(self._selection, scope=scope))

    def _status_chosen(self, index: int) -> None:
        self._select(replace(self._selection, status=self.status_combo.itemData(index)))

    def _service_chosen(self, index: int) -> None:
        self._select(replace(self._selection, service=self.service_combo.itemData(index)))

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != self._selection.search:
            self._selection = replace(self._selection, search=text)
            self._wanted_case = self.selected_case_id()
            self.model.set_search(text)
            self._recount()

    def _select(self, selection: Selection) -> None:
        if selection == self._selection and self._shown_filter is None:
            return
        if self._shown_filter is not None:
            self._shown_filter = None
            self.filter_bar.hide()
            self.scope_buttons[selection.scope].setChecked(True)
        self._selection = selection
        self._wanted_case = self.selected_case_id()
        self.model.set_query(build_filter(self._ctx.actor, selection))
        self._recount()

    @property
    def selection(self) -> Selection:
        return self._selection

    def _recount(self) -> None:
        if self._count_task is not None:
            self._count_task.cancel()
        self._count_generation += 1
        generation = self._count_generation
        self._count_task = self._ctx.runner.run_long(
            partial(
                count_all,
                self._ctx.queries,
                self._ctx.actor,
                self._selection,
                sorted(self._ctx.vocabulary.templates),
                current=self._current_filter(),
            ),
            done=lambda counts: self._counts_arrived(generation, counts),
            failed=lambda error: self._load_failed(error),
            owner=self,
            name="inbox counts",
        )

    def _counts_arrived(self, generation: int, counts: dict[str, int]) -> None:
        if generation != self._count_generation:
            return
        self._counts = counts
        for scope, button in self.scope_buttons.items():
            button.setText(
                escape_mnemonic(f"{self._scope_name(scope)}  {counts.get(f'scope:{scope}', 0)}")
            )
        self._fill_status_combo()
        self._fill_service_combo()
        self._update_count_label()

    def count_of(self, key: str) -> int | None:
        """The last count for a filter-bar entry (``scope:mine``, ``current``, …)."""
        return self._counts.get(key)

    def _fill_status_combo(self) -> None:
        entries = [(OPEN, self.tr("Open cases")), (ANY, self.tr("All statuses"))]
        entries += [(s.value, status_name(s)) for s in Status]
        self._fill(self.status_combo, "status", entries, self._selection.status)

    def _fill_service_combo(self) -> None:
        words = self._ctx.vocabulary
        services = sorted(words.templates, key=lambda key: words.service_name(key).casefold())
        entries = [("", self.tr("All services"))]
        entries += [(key, words.service_name(key)) for key in services]
        self._fill(self.service_combo, "service", entries, self._selection.service)

    def _fill(
        self, combo: QComboBox, prefix: str, entries: list[tuple[str, str]], current: str
    ) -> None:
        with QSignalBlocker(combo):
            combo.clear()
            for value, label in entries:
                count = self._counts.get(f"{prefix}:{value}")
                combo.addItem(label if count is None else f"{label} ({count})", value)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def _scope_name(self, scope: str) -> str:
        names = {
            "mine": self.tr("Mine"),
            "unassigned": self.tr("Unassigned"),
            "overdue": self.tr("Overdue"),
            "all": self.tr("All"),
        }
        return names[scope]

    def _scope_tooltip(self, scope: str) -> str:
        tips = {
            "mine": self.tr("Cases assigned to you"),
            "unassigned": self.tr("Cases nobody has taken yet"),
            "overdue": self.tr("Cases past their processing deadline"),
            "all": self.tr("Every case, whoever works on it"),
        }
        return tips[scope]

    # -- table --------------------------------------------------------------------------------

    def _set_sort_indicator(self, sort: CaseSort) -> None:
        order = Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        with QSignalBlocker(header):
            header.setSortIndicator(column_for(sort.key), order)

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if Column(column) not in SORT_KEYS:
            # Not sortable: put the arrow back where the data is sorted.
            QTimer.singleShot(0, lambda: self._set_sort_indicator(self.model.case_sort))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.model.case_at(current.row()) if current.isValid() else None
        if case is not None:
            self.case_selected.emit(case.id)

    def _after_reload(self) -> None:
        if self._wanted_case is not None and self.select_case(self._wanted_case):
            self._wanted_case = None
        self._update_placeholder()

    def _step(self, delta: int) -> None:
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_placeholder(self) -> None:
        if self.model.loading:
            self.table.placeholder = self.tr("Loading cases…")
        elif self._selection.search:
            self.table.placeholder = self.tr("No case matches the search.")
        else:
            self.table.placeholder = self.tr("There are no cases in this view.")
        self.table.viewport().update()
        self._update_count_label()

    def _update_count_label(self) -> None:
        count = self._counts.get("current")
        if self.model.loading and count is None:
            self.count_label.setText(self.tr("Loading…"))
        elif count is not None:
            self.count_label.setText(self.tr("%n case(s)", "", count))
        else:
            self.count_label.clear()

    def _load_failed(self, error: Exception) -> None:
        self.message_bar.show_message(
            self.tr("The cases could not be loaded.") + " " + describe_error(error),
            Tone.BAD,
            action=self.tr("Try again"),
            on_action=self._retry,
        )
        self._update_placeholder()

    def _current_filter(self) -> CaseFilter | None:
        shown = self._shown_filter
        return replace(shown, search=self._selection.search) if shown is not None else None

    def _retry(self) -> None:
        self.message_bar.dismiss()
        self.model.set_query(
            self._current_filter() or build_filter(self._ctx.actor, self._selection)
        )
        self._recount()


__all__ = ["ANY", "OPEN", "SCOPES", "InboxPanel", "Selection", "build_filter", "count_all"]
