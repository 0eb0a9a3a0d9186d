"""The error road of the interface: expected errors in words, unexpected ones in a dialog.

Services raise typed errors with a stable ``code``; :func:`describe_error` says
in the UI language what that means for the clerk (the English technical text
follows for support). Anything unexpected — on the GUI thread, in a worker, in
another thread — goes to :class:`ErrorReporter`: logged with its traceback,
written to a report file in the log folder, and shown in a dialog whose text
can be copied.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.errors import DomainError, RequirementMissing
from backoffice.services.errors import StorageError
from backoffice.ui.texts import requirement_name
from backoffice.ui.widgets import plain_label

log = logging.getLogger(__name__)


def describe_error(error: BaseException) -> str:
    """One or two sentences for the clerk, in the UI language."""
    if isinstance(error, RequirementMissing):
        missing = error.details.get("missing", ())
        return QCoreApplication.translate("Errors", "This status change needs {what}.").format(
            what=", ".join(requirement_name(m) for m in missing)
        )
    code = getattr(error, "code", "")
    texts = {
        "permission_denied": QCoreApplication.translate(
            "Errors", "You are not allowed to do that."
        ),
        "not_found": QCoreApplication.translate("Errors", "The case no longer exists."),
        "claim_conflict": QCoreApplication.translate("Errors", "Someone else holds this case."),
        "invalid_input": QCoreApplication.translate("Errors", "The input was not accepted."),
        "transition_not_allowed": QCoreApplication.translate(
            "Errors", "This status change is not possible for this case."
        ),
        "concurrent_change": QCoreApplication.translate(
            "Errors", "Someone else changed the case meanwhile."
        ),
        "placeholder_empty": QCoreApplication.translate(
            "Errors",
            "The message to the applicant names a value this case does not have; nothing "
            "was changed or sent.",
        ),
        "template_configuration_invalid": QCoreApplication.translate(
            "Errors",
            "The configuration check found problems; the version was not published.",
        ),
        "template_period_overlap": QCoreApplication.translate(
            "Errors",
            "The validity period would overlap another version's; nothing was changed.",
        ),
        "template_draft_exists": QCoreApplication.translate(
            "Errors", "The service has a draft already; publish or discard it first."
        ),
        "template_import_invalid": QCoreApplication.translate(
            "Errors", "The file cannot be imported; nothing was stored."
        ),
        "recipient_missing": QCoreApplication.translate(
            "Errors",
            "The applicant cannot be reached by this channel (no address or key); nothing was "
            "changed or sent. Change the status without a message, or choose another channel.",
        ),
    }
    if isinstance(error, StorageError):
        # Nothing happened (the transaction was rolled back); the technical text is for support.
        if error.unavailable:
            text = QCoreApplication.translate(
                "Errors",
                "The database cannot be reached or is busy; nothing was changed. Check the "
                "network connection and try again.",
            )
        else:
            text = QCoreApplication.translate(
                "Errors",
                "The database reported an error; nothing was changed. If it happens again, "
                "tell your IT support.",
            )
        return f"{text} ({error})"
    if isinstance(error, DomainError):
        text = texts.get(code, QCoreApplication.translate("Errors", "The action was refused."))
        return f"{text} ({error})"
    return (
        QCoreApplication.translate("Errors", "An unexpected error occurred.")
        + f" ({type(error).__name__}: {error})"
    )


class ErrorDialog(QDialog):
    """Shows an unexpected error: what happened, where the report is, the copyable details."""

    def __init__(self, summary: str, details: str, report: Path | None, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(640, 420)
        intro = plain_label("", self, wrap=True, selectable=True)
        text = self.tr(
            "Something went wrong that the program did not expect. Your last action may not "
            "have been saved. Please copy the details below and send them to your IT support."
        )
        if report is not None:
            text += "\n" + self.tr("A report was saved as {path}.").format(path=report)
        intro.setText(f"{summary}\n\n{text}")
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class ErrorReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` by the application."""

    _from_thread = Signal(str, str, object)

    def __init__(self, log_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_dir = log_dir
        self._window: QWidget | None = None
        self.dialogs: list[ErrorDialog] = []
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous_hooks: tuple[object, object] | None = None

    def set_window(self, window: QWidget | None) -> None:
        self._window = window

    def install(self) -> None:
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks  # type: ignore[assignment]
            self._previous_hooks = None

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        self.report(error, tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.report(args.exc_value, args.exc_traceback)

    def report(self, error: BaseException, tb: TracebackType | None = None) -> None:
        """Log, write a report file, and show the dialog (on the GUI thread)."""
        tb = tb or error.__traceback__
        details = "".join(traceback.format_exception(type(error), error, tb))
        log.error("unexpected error\n%s", details)
        report = self._write_report(details)
        summary = describe_error(error)
        text = f"{details}\n" + (f"report: {report}\n" if report else "")
        if threading.current_thread() is threading.main_thread():
            self._show(summary, text, report)
        else:
            self._from_thread.emit(summary, text, report)

    def _write_report(self, details: str) -> Path | None:
        if self._log_dir is None:
            return None
        try:
            self._log_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            path = self._log_dir / f"crash-{stamp}.txt"
            path.write_text(details, encoding="utf-8")
            return path
        except OSError:
            log.exception("could not write the error report")
            return None

    @Slot(str, str, object)
    def _show(self, summary: str, details: str, report: Path | None) -> None:
        dialog = ErrorDialog(summary, details, report, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialogs.append(dialog)
        dialog.open()

    def _forget(self, dialog: ErrorDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
