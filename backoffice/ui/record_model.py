"""A table model over a short list of plain records (frozen dataclasses), with named columns.

For the small lists of the delivery panel (rejected submissions, waiting
messages, syncs): each column is a :class:`Field` that turns a record into its
text, tooltip and colour. The whole list is replaced when it is loaded again;
the record of a row comes back through :data:`RECORD_ROLE`. Every text is plain
text (tooltips are escaped): records hold portal and citizen data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from backoffice.ui.texts import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

#: ``data(index, RECORD_ROLE)`` is the row's record.
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1


@dataclass(frozen=True)
class Field:
    """One column: its title and how a record shows in it."""

    title: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    align_right: bool = False
    #: The column header's tooltip (e.g. which clock its times are in).
    header_tooltip: str = ""


class RecordModel(QAbstractTableModel):
    def __init__(self, fields: Sequence[Field], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields = list(fields)
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record_at(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    @property
    def records(self) -> list[Any]:
        return list(self._records)

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

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
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._fields):
            return None
        field = self._fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return field.title
        if role == Qt.ItemDataRole.ToolTipRole and field.header_tooltip:
            return field.header_tooltip
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if not 0 <= index.column() < len(self._fields):
            return None
        record = self._records[index.row()]
        field = self._fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(field.text(record).split())  # one line in the table
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            text = field.tooltip(record) if field.tooltip else field.text(record)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and field.colour is not None:
            return field.colour(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and field.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["RECORD_ROLE", "Field", "RecordModel"]
