"""Exporting the dashboard: the figures shown as CSV, or the one-page PDF report.

Both go through the workload service's export functions (the same suppression as
on screen) with the figures the panel shows, so the file says what the team lead
saw. The file is chosen in a file dialog (opened with ``open()``, no nested event
loop); rendering and writing run in a worker, the status bar says where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from backoffice.services.workload import Dashboard
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon


def write_export(kind: str, dashboard: Dashboard, language: str, path: Path) -> Path:
    """Render the figures as ``kind`` ("csv" or "pdf") and write them to ``path`` (in a
    worker; the PDF's reportlab is loaded there, not at the program's start)."""
    from backoffice.services.workload.export import dashboard_csv, dashboard_pdf

    content = (
        dashboard_csv(dashboard, language) if kind == "csv" else dashboard_pdf(dashboard, language)
    )
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


class DashboardExports(QObject):
    """The two export actions of the dashboard; see the module documentation."""

    #: A short confirmation or failure for the status bar.
    status_message = Signal(str)
    #: A file was written (its path).
    written = Signal(object)

    def __init__(
        self, context: UiContext, dashboard: Callable[[], Dashboard | None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._dashboard = dashboard
        self._parent = parent
        #: The file dialog while it is open.
        self.file_dialog: QFileDialog | None = None
        self.csv_action = QAction(icon("document-save"), self.tr("Export figures as &CSV…"), self)
        self.csv_action.setToolTip(self.tr("Save the figures shown as a CSV file"))
        self.csv_action.triggered.connect(self.export_csv)
        self.pdf_action = QAction(icon("document-save"), self.tr("&PDF report…"), self)
        self.pdf_action.setToolTip(self.tr("Save the figures shown as a one-page PDF report"))
        self.pdf_action.triggered.connect(self.export_pdf)
        self.set_enabled(False)

    def set_enabled(self, enabled: bool) -> None:
        self.csv_action.setEnabled(enabled)
        self.pdf_action.setEnabled(enabled)

    def export_csv(self) -> None:
        self._choose(
            self.tr("Export figures as CSV"),
            self.tr("CSV files (*.csv)"),
            "csv",
        )

    def export_pdf(self) -> None:
        self._choose(
            self.tr("Save the PDF report"),
            self.tr("PDF files (*.pdf)"),
            "pdf",
        )

    def _choose(
        self,
        title: str,
        name_filter: str,
        kind: str,
    ) -> None:
        dashboard = self._dashboard()
        if dashboard is None or self.file_dialog is not None:
            return
        name = self.tr("team-figures-{date}").format(date=dashboard.today.isoformat()) + f".{kind}"
        dialog = QFileDialog(self._parent, title, str(Path.home() / name), name_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(kind)
        dialog.fileSelected.connect(partial(self._chosen, dashboard, kind))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.file_dialog = dialog
        dialog.open()

    def _closed(self, dialog: QFileDialog) -> None:
        if self.file_dialog is dialog:
            self.file_dialog = None
        dialog.deleteLater()

    def _chosen(
        self,
        dashboard: Dashboard,
        kind: str,
        chosen: str,
    ) -> None:
        if not chosen:
            return
        path = Path(chosen)
        self._ctx.runner.run(
            partial(write_export, kind, dashboard, self._ctx.vocabulary.language, path),
            done=self._done,
            failed=self._failed,
            owner=self,
            name="export figures",
        )

    def _done(self, path: Path) -> None:
        self.status_message.emit(self.tr("Figures saved to {path}.").format(path=str(path)))
        self.written.emit(path)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, OSError):
            text = self.tr("The file could not be written: {reason}").format(
                reason=error.strerror or str(error)
            )
        else:
            text = self.tr("The figures could not be exported.") + " " + describe_error(error)
        self.status_message.emit(text)


__all__ = ["DashboardExports", "write_export"]
