"""A table of records (dicts) with add, remove and reorder: the editor's list widget.

The records are the definition's own dicts (a list the table edits in place); each
:class:`Column` says how a cell reads and writes its record. Text cells are
``QTableWidgetItem`` texts, which Qt never interprets as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    title: str
    get: Callable[[Record], Any]
    set: Callable[[Record, Any], None]
    #: ``text``, ``int`` (empty: None), ``check`` or ``choice`` (a combo box of ``choices``).
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = field(default=())
    stretch: bool = False
    #: A check box that cannot be changed for this record (e.g. a mandatory status).
    locked: Callable[[Record], bool] | None = None
    read_only: bool = False


def text_of(record: Record, key: str, language: str | None = None) -> str:
    value = record.get(key)
    if language is not None:
        value = value.get(language) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def set_local(record: Record, key: str, language: str, value: str) -> None:
    texts = record.get(key)
    if not isinstance(texts, dict):
        texts = record[key] = {}
    texts[language] = value


class RecordTable(QWidget):
    """Rows of records; see the module documentation."""

    #: A record was edited, added, removed or moved.
    changed = Signal()
    #: The current row (-1: none).
    current_changed = Signal(int)

    def __init__(
        self,
        columns: list[Column],
        new_record: Callable[[], Record] | None,
        parent: QWidget | None = None,
        *,
        movable: bool = True,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._columns = columns
        self._new_record = new_record
        self.records: list[Record] = []
        self._filling = False
        self.table = QTableWidget(0, len(columns), self)
        self.table.setObjectName(f"{name}Table" if name else "")
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            header.setSectionResizeMode(
                index,
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda row, *_: self.current_changed.emit(row))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Up"), self)
        self.down_button = QPushButton(self.tr("Down"), self)
        buttons = QHBoxLayout()
        for button, slot in (
            (self.add_button, self.add),
            (self.remove_button, self.remove),
            (self.up_button, lambda: self.move_by(-1)),
            (self.down_button, lambda: self.move_by(1)),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_button.setVisible(new_record is not None)
        self.remove_button.setVisible(new_record is not None)
        self.up_button.setVisible(movable)
        self.down_button.setVisible(movable)
        if new_record is not None or movable:
            layout.addLayout(buttons)

    # -- filling ------------------------------------------------------------------------------

    def set_records(self, records: list[Record]) -> None:
        """Show (and from now on edit) ``records``."""
        self.records = records
        self._fill()

    def _fill(self, current: int = -1) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(self.records))
            for row, record in enumerate(self.records):
                for col, column in enumerate(self._columns):
                    self._fill_cell(row, col, column, record)
        finally:
            self._filling = False
        if 0 <= current < len(self.records):
            self.table.setCurrentCell(current, 0)
        # The rows under the current one may have changed even where the row did not.
        self.current_changed.emit(self.table.currentRow())

    def _fill_cell(self, row: int, col: int, column: Column, record: Record) -> None:
        value = column.get(record)
        if column.kind == "choice":
            combo = QComboBox(self.table)
            for code, label in column.choices:
                combo.addItem(label, code)
            index = combo.findData(value)
            if index < 0 and value is not None:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, column=column, r=record: self._combo_changed(c, column, r)
            )
            self.table.setCellWidget(row, col, combo)
            return
        item = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if column.kind == "check":
            locked = column.locked is not None and column.locked(record)
            if not locked and not column.read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            item.setText("" if value is None else str(value))
            if not column.read_only:
                flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        self.table.setItem(row, col, item)

    # -- editing ------------------------------------------------------------------------------

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        if not 0 <= row < len(self.records):
            return
        column, record = self._columns[col], self.records[row]
        if column.kind == "check":
            column.set(record, item.checkState() == Qt.CheckState.Checked)
        elif column.kind == "int":
            text = item.text().strip()
            if text and not text.isdigit():
                self._filling = True
                value = column.get(record)
                item.setText("" if value is None else str(value))
                self._filling = False
                return
            column.set(record, int(text) if text else None)
        else:
            column.set(record, item.text())
        self.changed.emit()

    def _combo_changed(self, combo: QComboBox, column: Column, record: Record) -> None:
        if not self._filling:
            column.set(record, combo.currentData())
            self.changed.emit()

    def current_record(self) -> Record | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def add(self) -> None:
        if self._new_record is None:
            return
        self.records.append(self._new_record())
        self._fill(len(self.records) - 1)
        self.changed.emit()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.records):
            return
        del self.records[row]
        self._fill(min(row, len(self.records) - 1))
        self.changed.emit()

    def move_by(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if not (0 <= row < len(self.records) and 0 <= target < len(self.records)):
            return
        self.records[row], self.records[target] = self.records[target], self.records[row]
        self._fill(target)
        self.changed.emit()


__all__ = ["Column", "Record", "RecordTable", "set_local", "text_of"]
