"""Export and import of template versions for the services page: the file dialogs and the
workers (:mod:`backoffice.ui.admin.template_files` moves the document to and from the file).

The dialogs open with ``open()`` (no nested event loop). An import that cannot be read, or
whose check finds anything, is :attr:`TemplateTransfer.refused` with the findings and stores
nothing; the same version again reports "nothing changed", a newer one becomes the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.template_files import (
    ImportOutcome,
    export_file_name,
    import_file,
    write_export,
)
from backoffice.ui.context import UiContext


class TemplateTransfer(QObject):
    """See the module documentation."""

    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: Nothing was imported: the message and the findings (empty if the file was unreadable).
    refused = Signal(str, object)
    #: An import went through: the message, the service key and the version.
    imported = Signal(str, str, int)
    #: A service call or the file failed (the exception).
    failed = Signal(object)

    def __init__(
        self, context: UiContext, templates: Callable[[], TemplateVersions], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._templates = templates
        self._parent = parent
        #: The file dialog while it is open.
        self.file_dialog: QFileDialog | None = None

    def export_version(self, key: str, version: int) -> None:
        if self.file_dialog is not None:
            return
        dialog = QFileDialog(
            self._parent,
            self.tr("Export a template version"),
            str(Path.home() / export_file_name(key, version)),
            self.tr("Template files (*.json)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen), key, version))
        self._open(dialog)

    def export_to(self, path: Path, key: str, version: int) -> None:
        self._ctx.runner.run(
            partial(write_export, self._templates(), self._ctx.actor, key, version, path),
            done=lambda written: self.status_message.emit(
                self.tr("v{version} of {key} saved to {path}.").format(
                    version=version, key=key, path=str(written)
                )
            ),
            failed=self.failed.emit,
            owner=self,
            name="export template",
        )

    def import_version(self) -> None:
        if self.file_dialog is not None:
            return
        dialog = QFileDialog(
            self._parent,
            self.tr("Import a template version"),
            str(Path.home()),
            self.tr("Template files (*.json)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.import_from(Path(chosen)))
        self._open(dialog)

    def import_from(self, path: Path) -> None:
        self._ctx.runner.run(
            partial(import_file, self._templates(), self._ctx.actor, path),
            done=partial(self._imported, path),
            failed=self.failed.emit,
            owner=self,
            write=True,
            name="import template",
        )

    def _imported(self, path: Path, outcome: ImportOutcome) -> None:
        if outcome.unreadable is not None:
            self.refused.emit(
                self.tr(
                    "{file} cannot be read as a template file: {reason}. Nothing was stored."
                ).format(file=path.name, reason=outcome.unreadable),
                [],
            )
            return
        if outcome.findings:
            self.refused.emit(
                self.tr(
                    "{file} cannot be imported: %n problem(s), listed below. Nothing was stored.",
                    "",
                    len(outcome.findings),
                ).format(file=path.name),
                outcome.findings,
            )
            return
        result = outcome.result
        assert result is not None
        if result.outcome == "unchanged":
            text = self.tr("v{version} of {key} is here already: nothing changed.")
        else:
            text = self.tr("v{version} of {key} imported as a draft.")
        self.imported.emit(
            text.format(version=result.version, key=result.key), result.key, result.version
        )

    def _open(self, dialog: QFileDialog) -> None:
        def closed(_result: int) -> None:
            if self.file_dialog is dialog:
                self.file_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        self.file_dialog = dialog
        dialog.open()


__all__ = ["TemplateTransfer"]
