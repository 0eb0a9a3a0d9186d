"""Small parts the users, audit and retention pages share: a read-only table over records,
a dialog that submits through a worker and keeps its input on a refusal, and the words for
the administration's refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.actor import SYSTEM
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.record_model import RecordModel
from backoffice.ui.texts import Tone, Vocabulary
from backoffice.ui.widgets import MessageBar


def record_table(model: RecordModel, parent: QWidget) -> QTableView:
    """A table of whole rows, one selected at a time, columns sized by hand."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fit_columns(table: QTableView, widest: int = 320) -> None:
    table.resizeColumnsToContents()
    model = table.model()
    for column in range(model.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column) + 16, widest))


def current_record(table: QTableView) -> Any:
    index = table.currentIndex()
    model = table.model()
    if not index.isValid() or not isinstance(model, RecordModel):
        return None
    return model.record_at(index.row())


def who(words: Vocabulary, login: str) -> str:
    """A login from a trail: with the person's name where the window knows it."""
    if login == SYSTEM.login:
        return QCoreApplication.translate("AdminTexts", "System")
    name = words.user(login)
    return f"{name} ({login})" if name != login else login


def describe_refusal(error: BaseException) -> str:
    """The administration's refusals in words (the technical text follows, as elsewhere)."""
    code = getattr(error, "code", "")
    texts = {
        "last_administrator": QCoreApplication.translate(
            "AdminTexts",
            "The installation would be left without an active administrator; nothing was changed.",
        ),
        "own_account": QCoreApplication.translate(
            "AdminTexts",
            "You cannot deactivate your own account; another administrator has to.",
        ),
        "invalid_input": QCoreApplication.translate(
            "AdminTexts", "The input was not accepted; nothing was changed."
        ),
        "not_found": QCoreApplication.translate("AdminTexts", "It does not exist (any more)."),
    }
    if code in texts:
        return f"{texts[code]} ({error})"
    return describe_error(error)


class SubmitDialog(QDialog):
    """A form whose OK runs :meth:`call` in a worker: closes on success, shows a refusal
    and keeps every input otherwise."""

    #: The call succeeded; its result.
    succeeded = Signal(object)

    def __init__(self, context: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.message_bar = MessageBar(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.buttons)
        self._busy = False

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def call(self) -> Callable[[], Any] | None:
        """The service call for the current input, or None while the input is not valid."""
        raise NotImplementedError

    def update_ok(self) -> None:
        self.ok_button.setEnabled(not self._busy and self.call() is not None)

    def submit(self) -> None:
        call = self.call()
        if call is None or self._busy:
            return
        self._busy = True
        self.update_ok()
        self._ctx.runner.run(
            call,
            done=self._done,
            failed=self._failed,
            owner=self,
            write=True,
            name=self.objectName(),
        )

    def _done(self, result: object) -> None:
        self._busy = False
        self.succeeded.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.update_ok()
        self.message_bar.show_message(describe_refusal(error), Tone.BAD)


def plain_message(box: Any) -> None:
    """Message boxes here show names from the database: never as markup."""
    box.setTextFormat(Qt.TextFormat.PlainText)


__all__ = [
    "SubmitDialog",
    "current_record",
    "describe_refusal",
    "fit_columns",
    "plain_message",
    "record_table",
    "who",
]
