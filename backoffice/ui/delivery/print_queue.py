"""The delivery panel's print queue tab: letters to citizens without a digital channel.

Above, the letters waiting to be printed (oldest first: file number, recipient, subject,
when the letter was made, what goes into the envelope); below, the letters printed
recently ("printed on … by …"), which can be printed again. Beside both a preview of the
selected letter. *Print selected…* and *Print all…* go through :class:`LetterPrinter`:
the print dialog, a progress dialog that can be cancelled, then the question whether
everything came out; only then do the letters move from the waiting list to the printed
one. A printer that fails leaves every letter waiting and says why.

Recipient and subject come from the citizen's application: plain text only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.services.print_queue import QueuedLetter
from backoffice.ui.case.preview import Preview, PreviewPane, load_preview
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.printing import LetterPrinter, PrintReport
from backoffice.ui.record_model import RECORD_ROLE, Field, RecordModel
from backoffice.ui.texts import time_zone_note
from backoffice.ui.widgets import heading_font, muted, plain_label

#: The subject column is cut to this width (the detail beside the list shows all of it).
SUBJECT_WIDTH = 230


@dataclass(frozen=True)
class QueueState:
    """What the tab shows: the waiting letters and the ones printed recently."""

    waiting: list[QueuedLetter]
    printed: list[QueuedLetter]


class PrintQueueTab(QWidget):
    """See the module documentation."""

    #: The lists were read again (the panel updates the tab's title).
    loaded = Signal()
    #: Open this case (its id) where cases are shown.
    open_case = Signal(int)
    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: Reading the queue failed: the message, translated, for the panel's message bar.
    load_failed = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._generation = 0
        self._preview_generation = 0
        self.state: QueueState | None = None
        #: The letter shown in the preview (its id).
        self.shown_id: int | None = None
        #: A letter asked for before the lists arrived (selected once they do).
        self._wanted: int | None = None
        words = context.vocabulary
        berlin = time_zone_note()
        self.printer = LetterPrinter(context, self)
        self.printer.finished.connect(self._printed)
        self.printer.status_message.connect(self.status_message)

        self.waiting_model = RecordModel(
            [
                Field(self.tr("File number"), lambda q: q.file_number),
                Field(self.tr("Recipient"), lambda q: q.recipient_name or "—"),
                Field(self.tr("Subject"), lambda q: q.subject or "—"),
                Field(
                    self.tr("Created"),
                    lambda q: words.datetime(q.created_at),
                    header_tooltip=berlin,
                ),
                Field(self.tr("State"), self.state_text),
            ],
            self,
        )
        self.printed_model = RecordModel(
            [
                Field(self.tr("File number"), lambda q: q.file_number),
                Field(self.tr("Recipient"), lambda q: q.recipient_name or "—"),
                Field(self.tr("Subject"), lambda q: q.subject or "—"),
                Field(
                    self.tr("Printed"),
                    lambda q: words.datetime(q.printed_at),
                    header_tooltip=berlin,
                ),
                Field(self.tr("By"), lambda q: q.printed_by or "—"),
            ],
            self,
        )
        self.waiting_table = self._table(self.waiting_model)
        self.printed_table = self._table(self.printed_model)
        self.waiting_label = plain_label("", self)
        self.waiting_label.setFont(heading_font(self.font(), 1.05))
        self.printed_label = plain_label(self.tr("Printed recently"), self)
        self.printed_label.setFont(heading_font(self.font(), 1.05))
        self.empty_label = muted(plain_label(self.tr("No letter is waiting to be printed."), self))
        self.empty_label.hide()

        may_print = context.actor.can(Permission.WORK_OWN_CASES)
        self.print_button = QPushButton(icon("print"), self.tr("&Print selected…"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip(
            self.tr("Print the selected letters with what they enclose, then mark them printed")
        )
        self.print_button.clicked.connect(self.print_selected)
        self.print_all_button = QPushButton(self.tr("Print &all…"), self)
        self.print_all_button.setToolTip(self.tr("Print every waiting letter"))
        self.print_all_button.clicked.connect(self.print_all)
        self.reprint_button = QPushButton(icon("print"), self.tr("Print &again…"), self)
        self.reprint_button.setToolTip(
            self.tr("Print the selected printed letters once more (a jam, a lost letter)")
        )
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.open_button = QPushButton(self.tr("Open case"), self)
        self.open_button.clicked.connect(self._open_case)
        self._may_print = may_print
        if not may_print:
            self.print_button.setToolTip(self.tr("Your role may not print letters"))

        self.detail_title = plain_label(self.tr("Letter"), self)
        self.detail_title.setFont(heading_font(self.font(), 1.05))
        self.detail = plain_label("", self, wrap=True, selectable=True)
        self.preview = PreviewPane(self)
        self.preview.show_message(self.tr("Select a letter to see it."))

        waiting_box = QWidget(self)
        waiting_layout = QVBoxLayout(waiting_box)
        waiting_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.waiting_label, 1)
        head.addWidget(self.print_all_button)
        head.addWidget(self.print_button)
        waiting_layout.addLayout(head)
        waiting_layout.addWidget(self.empty_label)
        waiting_layout.addWidget(self.waiting_table, 1)
        printed_box = QWidget(self)
        printed_layout = QVBoxLayout(printed_box)
        printed_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.printed_label, 1)
        head.addWidget(self.reprint_button)
        printed_layout.addLayout(head)
        printed_layout.addWidget(self.printed_table, 1)
        lists = QSplitter(Qt.Orientation.Vertical, self)
        lists.addWidget(waiting_box)
        lists.addWidget(printed_box)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)
        lists.setChildrenCollapsible(False)
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        # The detail in a column of its own: a wrapped label beside a button gets too little
        # height and loses its first line's accents.
        head = QHBoxLayout()
        head.addWidget(self.detail_title, 1)
        head.addWidget(self.open_button)
        preview_layout.addLayout(head)
        preview_layout.addWidget(self.detail)
        preview_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(preview_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)

        for table in (self.waiting_table, self.printed_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
            table.doubleClicked.connect(self._activated)
        self.waiting_table.selectionModel().currentRowChanged.connect(
            partial(self._chosen, self.waiting_table)
        )
        self.printed_table.selectionModel().currentRowChanged.connect(
            partial(self._chosen, self.printed_table)
        )
        self._update_labels()
        self._enable()

    def _table(self, model: RecordModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.setToolTip(self.tr("Double-click a letter to open its case"))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- texts --------------------------------------------------------------------------------

    def state_text(self, letter: QueuedLetter) -> str:
        words = self._ctx.vocabulary
        if letter.printed_at is not None:
            return self.tr("printed on {when} by {who}").format(
                when=words.datetime(letter.printed_at),
                who=letter.printed_by or self.tr("someone"),
            )
        if letter.enclosure_ids:
            return self.tr("waiting, %n enclosure(s)", "", len(letter.enclosure_ids))
        return self.tr("waiting")

    def title(self) -> str:
        """The tab's title: how many letters wait."""
        if self.state is None:
            return self.tr("Letters to print")
        return self.tr("Letters to print ({n})").format(n=len(self.state.waiting))

    def _update_labels(self) -> None:
        waiting = len(self.state.waiting) if self.state is not None else 0
        self.waiting_label.setText(self.tr("Waiting to be printed ({n})").format(n=waiting))
        self.empty_label.setVisible(self.state is not None and waiting == 0)

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read both lists again (in the task runner)."""
        self._generation += 1
        generation = self._generation
        service, actor = self._ctx.services.print_queue, self._ctx.actor
        self._ctx.runner.run(
            lambda: QueueState(service.waiting(actor), service.recently_printed(actor)),
            done=lambda state: self._loaded(generation, state),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="print queue",
        )

    def _loaded(self, generation: int, state: QueueState) -> None:
        if generation != self._generation:
            return
        keep = self._wanted if self._wanted is not None else self.shown_id
        chosen = set(self.selected_ids(self.waiting_table))
        self.state = state
        self.waiting_model.set_records(state.waiting)
        self.printed_model.set_records(state.printed)
        for table in (self.waiting_table, self.printed_table):
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount()):
                limit = SUBJECT_WIDTH if column == 2 else 280
                table.setColumnWidth(column, min(table.columnWidth(column), limit))
        self._reselect(chosen, keep)
        self._update_labels()
        self._enable()
        self.loaded.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.load_failed.emit(
                self.tr("The print queue could not be read.") + " " + describe_error(error)
            )

    def _reselect(self, chosen: set[int], current: int | None) -> None:
        """Select again what was selected, and make ``current`` the current row."""
        for table in (self.waiting_table, self.printed_table):
            model = table.model()
            assert isinstance(model, RecordModel)
            selection = table.selectionModel()
            rows = {record.id: row for row, record in enumerate(model.records)}
            if current in rows:
                table.setCurrentIndex(model.index(rows[current], 0))
                table.scrollTo(model.index(rows[current], 0))
            if table is self.waiting_table:
                for letter_id in chosen & rows.keys():
                    selection.select(
                        model.index(rows[letter_id], 0),
                        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                    )
        if current is not None and self._find(current) is not None:
            self._wanted = None
        if self.shown_id is not None and self._find(self.shown_id) is None:
            self.shown_id = None
            self.detail.setText("")
            self.preview.clear_preview(self.tr("Select a letter to see it."))

    def _find(self, letter_id: int) -> QueuedLetter | None:
        if self.state is None:
            return None
        for letter in self.state.waiting + self.state.printed:
            if letter.id == letter_id:
                return letter
        return None

    def show_letter(self, letter_id: int) -> None:
        """Select and preview this letter (from a case's messages); read the lists first."""
        self._wanted = letter_id
        self.refresh()

    # -- selection ----------------------------------------------------------------------------

    def selected_ids(self, table: QTableView) -> list[int]:
        model = table.model()
        assert isinstance(model, RecordModel)
        rows = sorted(index.row() for index in table.selectionModel().selectedRows())
        return [model.record_at(row).id for row in rows if model.record_at(row) is not None]

    def _enable(self) -> None:
        idle = not self.printer.busy
        waiting = self.state.waiting if self.state is not None else []
        may = self._may_print and idle
        self.print_button.setEnabled(may and bool(self.selected_ids(self.waiting_table)))
        self.print_all_button.setEnabled(may and bool(waiting))
        self.reprint_button.setEnabled(idle and bool(self.selected_ids(self.printed_table)))
        self.open_button.setEnabled(self.shown_id is not None)

    def _chosen(self, table: QTableView, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        if not isinstance(record, QueuedLetter):
            return
        other = self.printed_table if table is self.waiting_table else self.waiting_table
        other.clearSelection()
        self._preview(record)

    def _activated(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if isinstance(record, QueuedLetter):
            self.open_case.emit(record.case_id)

    def _open_case(self) -> None:
        letter = self._find(self.shown_id) if self.shown_id is not None else None
        if letter is not None:
            self.open_case.emit(letter.case_id)

    # -- preview ------------------------------------------------------------------------------

    def _preview(self, letter: QueuedLetter) -> None:
        self.detail.setText(self.describe(letter))
        if letter.id == self.shown_id:
            return
        self.shown_id = letter.id
        self._enable()
        self._preview_generation += 1
        generation = self._preview_generation
        service, actor = self._ctx.services.print_queue, self._ctx.actor
        self.preview.show_message(self.tr("Loading the letter…"))
        self._ctx.runner.run(
            lambda: load_preview(service.letter_pdf(actor, letter.id)),
            done=lambda preview: self._preview_loaded(generation, preview),
            failed=lambda error: self._preview_failed(generation, error),
            owner=self,
            name="letter preview",
        )

    def _preview_loaded(self, generation: int, preview: Preview) -> None:
        if generation == self._preview_generation:
            self.preview.show_preview(preview)

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if generation == self._preview_generation:
            self.preview.show_message(
                self.tr("The letter cannot be shown.") + " " + describe_error(error)
            )

    def describe(self, letter: QueuedLetter) -> str:
        words = self._ctx.vocabulary
        lines = [
            f"{letter.file_number} · {letter.recipient_name or '—'}",
            letter.subject,
            self.tr("Made {when}; {state}").format(
                when=words.datetime(letter.created_at, zone=True), state=self.state_text(letter)
            ),
        ]
        if letter.enclosure_ids:
            lines.append(
                self.tr(
                    "Printed with it: %n enclosed document(s), after the letter.",
                    "",
                    len(letter.enclosure_ids),
                )
            )
        return "\n".join(line for line in lines if line)

    # -- printing -----------------------------------------------------------------------------

    def print_selected(self) -> None:
        self._print(self.selected_ids(self.waiting_table), mark=True)

    def print_all(self) -> None:
        if self.state is not None:
            self._print([letter.id for letter in self.state.waiting], mark=True)

    def reprint_selected(self) -> None:
        self._print(self.selected_ids(self.printed_table), mark=False)

    def _print(self, ids: list[int], *, mark: bool) -> None:
        if ids and (self._may_print or not mark) and self.printer.print_letters(ids, mark=mark):
            self._enable()

    def _printed(self, _report: PrintReport) -> None:
        self._enable()
        self.refresh()


__all__ = ["PrintQueueTab", "QueueState"]
