"""The inbox table model: cases as rows, loaded page by page in the task runner.

A thin adapter over :meth:`CaseQueries.list_cases` with named columns
(:class:`Column`) and roles that return the row's :class:`CaseRow`. Rows arrive
in key-set pages through ``canFetchMore``/``fetchMore``; nothing is loaded on
the GUI thread and nothing is loaded in full. Sorting re-queries the database.
:meth:`InboxModel.refresh` reloads the rows already shown and applies the
difference as removals, insertions, a layout change and targeted
``dataChanged`` — persistent indexes, and with them the view's selection,
follow their case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from backoffice.domain.deadlines import local_date
from backoffice.services.actor import Actor
from backoffice.services.casework import CaseQueries
from backoffice.services.queries import (
    MAX_PAGE,
    CaseFilter,
    CasePage,
    CaseRow,
    CaseSort,
    Cursor,
    SortKey,
)
from backoffice.ui.context import UiContext
from backoffice.ui.texts import plain_tooltip, time_zone_note

ModelIndex = QModelIndex | QPersistentModelIndex

#: ``data(index, CASE_ROW_ROLE)`` is the row's :class:`CaseRow`.
CASE_ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: ``data(index, CASE_ID_ROLE)`` is the case id (an int).
CASE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

OVERDUE_COLOUR = QColor(0xB0, 0x1E, 0x1E)


class Column(IntEnum):
    FILE_NUMBER = 0
    SERVICE = 1
    APPLICANT = 2
    RECEIVED = 3
    DUE = 4
    STATUS = 5
    ASSIGNEE = 6
    ATTACHMENTS = 7
    MARKERS = 8


#: Columns the database can sort by; the others ignore ``sort()``.
SORT_KEYS: dict[Column, SortKey] = {
    Column.FILE_NUMBER: SortKey.FILE_NUMBER,
    Column.SERVICE: SortKey.SERVICE,
    Column.APPLICANT: SortKey.APPLICANT,
    Column.RECEIVED: SortKey.RECEIVED,
    Column.DUE: SortKey.DUE,
    Column.STATUS: SortKey.STATUS,
}


def column_for(key: SortKey) -> Column:
    return next(column for column, k in SORT_KEYS.items() if k is key)


def load_window(
    queries: CaseQueries,
    actor: Actor,
    flt: CaseFilter,
    sort: CaseSort,
    count: int,
) -> CasePage:
    """The first ``count`` rows of a query (in pages of at most MAX_PAGE), for a refresh."""
    rows: list[CaseRow] = []
    cursor: Cursor | None = None
    while True:
        wanted = min(MAX_PAGE, count - len(rows))
        page = queries.list_cases(actor, flt, sort, cursor, wanted)
        rows.extend(page.rows)
        cursor = page.next_cursor
        if cursor is None or len(rows) >= count:
            return CasePage(rows, cursor, flt)


class InboxModel(QAbstractTableModel):
    """Cases of one filter and sort order; see the module documentation."""

    #: True while a page or a refresh is being loaded.
    loading_changed = Signal(bool)
    #: A page or refresh failed; the exception (the panel shows it).
    load_failed = Signal(object)
    #: The first page of a new query, or a refresh, has been applied.
    reloaded = Signal()

    def __init__(
        self, context: UiContext, *, page_size: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._page_size = max(1, min(page_size, MAX_PAGE))
        self._rows: list[CaseRow] = []
        self._filter = CaseFilter()
        self._sort = CaseSort()
        self._cursor: Cursor | None = None
        self._has_more = False
        self._generation = 0
        self._fetching = False
        self._refreshing = False
        self._refresh_queued = False
        self._conflicts: set[int] = set()

    # -- the query ----------------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def case_sort(self) -> CaseSort:
        return self._sort

    @property
    def loading(self) -> bool:
        return self._fetching or self._refreshing

    def set_query(self, flt: CaseFilter, sort: CaseSort | None = None) -> None:
        """Show the cases of another filter (and sort order): start over from page one."""
        self.beginResetModel()
        self._filter = flt
        self._sort = sort or self._sort
        self._rows = []
        self._cursor = None
        self._has_more = True
        self._generation += 1
        self._refreshing = False
        self._refresh_queued = False
        self._set_fetching(False)
        self.endResetModel()
        self._fetch(first=True)

    def set_search(self, text: str) -> None:
        if text != self._filter.search:
            self.set_query(replace(self._filter, search=text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        sort = CaseSort(key, descending=order == Qt.SortOrder.DescendingOrder)
        if sort != self._sort:
            self.set_query(self._filter, sort)

    # -- lazy loading -------------------------------------------------------------------------

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self.loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(first=False)

    def _fetch(self, *, first: bool) -> None:
        generation = self._generation
        self._set_fetching(True)
        self._ctx.runner.run(
            partial(
                self._ctx.queries.list_cases,
                self._ctx.actor,
                self._filter,
                self._sort,
                self._cursor,
                self._page_size,
            ),
            done=lambda page: self._page_arrived(generation, page, first),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="inbox page",
        )

    def _page_arrived(self, generation: int, page: CasePage, first: bool) -> None:
        if generation != self._generation:
            return
        known = {row.id for row in self._rows}
        fresh = [row for row in page.rows if row.id not in known]
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._has_more = page.next_cursor is not None
        self._set_fetching(False)
        if first:
            self.reloaded.emit()
        if self._refresh_queued:
            self._refresh_queued = False
            self.refresh()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._has_more = False
        self._refreshing = False
        self._set_fetching(False)
        self.load_failed.emit(error)

    def _set_fetching(self, value: bool) -> None:
        before = self.loading
        self._fetching = value
        if self.loading != before:
            self.loading_changed.emit(self.loading)

    # -- refresh: new and changed cases, selection kept ---------------------------------------

    def refresh(self) -> None:
        """Reload the rows shown so far; apply what changed without a model reset."""
        if self._fetching:
            self._refresh_queued = True
            return
        if self._refreshing:
            return
        generation = self._generation
        before = self.loading
        self._refreshing = True
        if not before:
            self.loading_changed.emit(True)
        self._ctx.runner.run(
            partial(
                load_window,
                self._ctx.queries,
                self._ctx.actor,
                self._filter,
                self._sort,
                max(len(self._rows), self._page_size),
            ),
            done=lambda page: self._refresh_arrived(generation, page),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="inbox refresh",
        )

    def _refresh_arrived(self, generation: int, page: CasePage) -> None:
        if generation != self._generation:
            return
        self._refreshing = False
        self._apply(page.rows)
        self._cursor = page.next_cursor
        self._has_more = page.next_cursor is not None
        if not self.loading:
            self.loading_changed.emit(False)
        self.reloaded.emit()

    def _apply(self, new_rows: list[CaseRow]) -> None:
        new_ids = {row.id for row in new_rows}
        old_by_id = {row.id: row for row in self._rows}
        # 1. Cases that left this view.
        gone = [i for i, row in enumerate(self._rows) if row.id not in new_ids]
        for first, last in reversed(list(_blocks(gone))):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        # 2. Cases that entered it: appended first, put in place by the layout change.
        arrived = [row for row in new_rows if row.id not in old_by_id]
        if arrived:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(arrived) - 1)
            self._rows.extend(arrived)
            self.endInsertRows()
        # 3. The new order.
        if [row.id for row in self._rows] != [row.id for row in new_rows]:
            self.layoutAboutToBeChanged.emit()
            position = {row.id: i for i, row in enumerate(new_rows)}
            old_ids = [row.id for row in self._rows]
            for index in self.persistentIndexList():
                target = position[old_ids[index.row()]]
                self.changePersistentIndex(index, self.index(target, index.column()))
            self._rows = list(new_rows)
            self.layoutChanged.emit()
        else:
            self._rows = list(new_rows)
        # 4. Cases that changed in place.
        for i, row in enumerate(self._rows):
            old = old_by_id.get(row.id)
            if old is not None and old != row:
                self._row_changed(i)

    # -- single cases -------------------------------------------------------------------------

    def row_of(self, case_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == case_id:
                return i
        return None

    def case_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def update_case(self, case: CaseRow) -> None:
        """One case changed (we changed it): update its row in place, if shown."""
        i = self.row_of(case.id)
        if i is not None and self._rows[i] != case:
            self._rows[i] = case
            self._row_changed(i)

    def mark_conflict(self, case_id: int, conflict: bool = True) -> None:
        """Flag a case whose last change from this desktop met a concurrent change."""
        if conflict:
            self._conflicts.add(case_id)
        else:
            self._conflicts.discard(case_id)
        i = self.row_of(case_id)
        if i is not None:
            index = self.index(i, Column.MARKERS)
            self.dataChanged.emit(index, index)

    def _row_changed(self, i: int) -> None:
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(Column) - 1))

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (
                self.tr("Click to sort by this column")
                if column in SORT_KEYS
                else self.tr("This column cannot be sorted")
            )
            return f"{tip}\n{time_zone_note()}" if column is Column.RECEIVED else tip
        return None

    def _titles(self) -> dict[Column, str]:
        return {
            Column.FILE_NUMBER: self.tr("File number"),
            Column.SERVICE: self.tr("Service"),
            Column.APPLICANT: self.tr("Applicant"),
            Column.RECEIVED: self.tr("Received"),
            Column.DUE: self.tr("Due"),
            Column.STATUS: self.tr("Status"),
            Column.ASSIGNEE: self.tr("Assigned to"),
            Column.ATTACHMENTS: self.tr("Att."),
            Column.MARKERS: self.tr("Notes"),
        }

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == CASE_ROW_ROLE:
            return row
        if role == CASE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.ATTACHMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and row.overdue
            and column in (Column.DUE, Column.MARKERS)
        ):
            return OVERDUE_COLOUR
        return None

    def _display(self, row: CaseRow, column: Column) -> str:
        words = self._ctx.vocabulary
        if column is Column.FILE_NUMBER:
            return row.file_number
        if column is Column.SERVICE:
            return words.service_name(row.service_key)
        if column is Column.APPLICANT:
            return row.applicant_name
        if column is Column.RECEIVED:
            return words.date(local_date(row.received_at))
        if column is Column.DUE:
            return words.date(row.due_date)
        if column is Column.STATUS:
            return words.status_of_service(row.status, row.service_key)
        if column is Column.ASSIGNEE:
            return row.assignee_name or ""
        if column is Column.ATTACHMENTS:
            return str(row.attachment_count) if row.attachment_count else ""
        return ", ".join(self._markers(row))

    def _markers(self, row: CaseRow) -> list[str]:
        markers = []
        if row.overdue:
            markers.append(self.tr("overdue"))
        if row.answered:
            markers.append(self.tr("answered"))
        if row.paused:
            markers.append(self.tr("paused"))
        if row.id in self._conflicts:
            markers.append(self.tr("conflict"))
        return markers

    def _tooltip(self, row: CaseRow, column: Column) -> str | None:
        if column is Column.MARKERS:
            explanations = []
            if row.overdue:
                explanations.append(self.tr("The processing deadline has passed."))
            if row.answered:
                explanations.append(
                    self.tr("The applicant answered; nobody has worked on the case since.")
                )
            if row.paused:
                explanations.append(
                    self.tr("The deadline is paused while the case waits for the applicant.")
                )
            if row.id in self._conflicts:
                explanations.append(
                    self.tr("Someone else changed this case while you were working on it.")
                )
            return plain_tooltip("\n".join(explanations)) if explanations else None
        if column is Column.RECEIVED:
            return self._ctx.vocabulary.datetime(row.received_at, zone=True)
        if column is Column.ASSIGNEE and not row.assignee_name:
            return self.tr("Nobody works on this case yet")
        text = self._display(row, column)
        return plain_tooltip(text) if text else None

    def case_ids(self) -> list[int]:
        return [row.id for row in self._rows]


def _blocks(indexes: Iterable[int]) -> Iterable[tuple[int, int]]:
    """Runs of consecutive numbers as (first, last), in ascending order."""
    first = last = None
    for i in indexes:
        if first is None:
            first = last = i
        elif last is not None and i == last + 1:
            last = i
        else:
            assert last is not None
            yield first, last
            first = last = i
    if first is not None and last is not None:
        yield first, last


__all__ = [
    "CASE_ID_ROLE",
    "CASE_ROW_ROLE",
    "SORT_KEYS",
    "Column",
    "InboxModel",
    "column_for",
    "load_window",
]
