"""The documents of a case: the certificates generated for it, a preview, a copy to save.

The list is read (in the task runner) whenever the case view shows a case that
has a certificate; choosing a document reads its PDF — checked against its
recorded checksum by :meth:`DocumentService.get_pdf` — and shows it. Creating a
certificate is an action of the case view (it changes what the case may do
next); while it runs this section shows that it is busy.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.documents import DocumentInfo
from backoffice.ui.case.preview import Preview, PreviewPane, load_preview
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.texts import plain_tooltip, time_zone_note
from backoffice.ui.widgets import fit_rows, muted, plain_label

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def load_document(context: UiContext, document_id: int) -> tuple[bytes, Preview]:
    """Read a document's PDF (checksum checked) and open it for the preview — in a worker."""
    pdf = context.documents.get_pdf(context.actor, document_id)
    return pdf, load_preview(pdf)


def write_new_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (which the clerk chose and confirmed), owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


class DocumentsSection(QWidget):
    """See the module documentation."""

    #: A short confirmation for the status bar.
    status_message = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._case_id: int | None = None
        self._generation = 0
        self._documents: dict[int, DocumentInfo] = {}
        self._wanted: int | None = None
        self.pdf: bytes | None = None
        self.shown_id: int | None = None
        #: The save dialog while it is open.
        self.file_dialog: QFileDialog | None = None

        self.create_button = QToolButton(self)
        self.create_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.busy_label = plain_label(self.tr("Creating the certificate…"), self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                self.tr("Document"),
                self.tr("Created"),
                self.tr("By"),
                self.tr("Verification code"),
                self.tr("Size"),
            ]
        )
        self.tree.headerItem().setToolTip(1, time_zone_note())
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._chosen())
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setToolTip(self.tr("Save a copy of the PDF"))
        self.save_button.clicked.connect(self.save_as)
        self.empty = muted(
            plain_label(self.tr("No document has been created for this case yet."), self, wrap=True)
        )
        self.pane = PreviewPane(self)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.create_button)
        actions.addWidget(self.busy_bar)
        actions.addWidget(self.busy_label)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.splitter)
        self.set_busy(False)
        self._show_list([])

    # -- the list -----------------------------------------------------------------------------

    @property
    def documents(self) -> list[DocumentInfo]:
        return list(self._documents.values())

    def show_case(self, case_id: int, has_documents: bool, select: int | None = None) -> None:
        """Show the documents of a case (read in a worker only if it has any)."""
        if case_id != self._case_id:
            self._case_id = case_id
            self.shown_id = None
            self.pdf = None
            self._show_list([])
            self.pane.clear_preview()
        self._generation += 1
        generation = self._generation
        if select is not None:
            self._wanted = select
        if not has_documents:
            self._show_list([])
            return
        self._ctx.runner.run(
            partial(self._ctx.documents.list_documents, self._ctx.actor, case_id),
            done=lambda documents: self._listed(generation, documents),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="documents",
        )

    def _listed(self, generation: int, documents: list[DocumentInfo]) -> None:
        if generation == self._generation:
            self._show_list(documents)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.pane.show_message(
                self.tr("The documents could not be read.") + "\n" + describe_error(error)
            )

    def _show_list(self, documents: list[DocumentInfo]) -> None:
        words = self._ctx.vocabulary
        previous = self.current()
        wanted = self._wanted if self._wanted is not None else (previous.id if previous else None)
        self._documents = {d.id: d for d in documents}
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for document in reversed(documents):  # newest first
            item = QTreeWidgetItem(
                [
                    self._kind(document),
                    words.datetime(document.created_at),
                    document.created_by or self.tr("System"),
                    document.verification_code,
                    words.size(document.size),
                ]
            )
            item.setData(0, ID_ROLE, document.id)
            item.setToolTip(
                3,
                plain_tooltip(
                    self.tr("Anyone holding the paper can have it verified with this code.")
                ),
            )
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            if chosen is None or document.id == wanted:
                chosen = item
        self.tree.blockSignals(False)
        self.empty.setVisible(not documents)
        self.tree.setVisible(bool(documents))
        fit_rows(self.tree, min_rows=1, max_rows=4)
        self.pane.setVisible(bool(documents))
        self.save_button.setEnabled(False)
        if chosen is not None:
            self._wanted = None
            self.tree.setCurrentItem(chosen)
            self._chosen()

    def _kind(self, document: DocumentInfo) -> str:
        if document.kind == "certificate":
            return self.tr("Certificate")
        return document.kind

    def current(self) -> DocumentInfo | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return self._documents.get(value) if isinstance(value, int) else None

    # -- preview ------------------------------------------------------------------------------

    def _chosen(self) -> None:
        document = self.current()
        self.save_button.setEnabled(False)
        if document is None:
            return
        if document.id == self.shown_id:
            self.save_button.setEnabled(self.pdf is not None)
            return
        self._generation += 1
        generation = self._generation
        self.pane.show_message(self.tr("Loading the document…"))
        self._ctx.runner.run(
            partial(load_document, self._ctx, document.id),
            done=lambda result: self._loaded(generation, document.id, result),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="document preview",
        )

    def _loaded(self, generation: int, document_id: int, result: tuple[bytes, Preview]) -> None:
        if generation != self._generation:
            return
        self.pdf, preview = result
        self.shown_id = document_id
        self.pane.show_preview(preview)
        self.save_button.setEnabled(True)

    # -- creating (driven by the case view) ---------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    # -- saving -------------------------------------------------------------------------------

    def save_as(self) -> None:
        document = self.current()
        pdf = self.pdf
        if document is None or pdf is None or self.shown_id != document.id:
            return
        dialog = QFileDialog(self, self.tr("Save document"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("pdf")
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if folder:
            dialog.setDirectory(folder)
        dialog.selectFile(self.suggested_name(document))
        dialog.fileSelected.connect(lambda path: self._save(Path(path), pdf))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.file_dialog = dialog
        dialog.open()

    def suggested_name(self, document: DocumentInfo) -> str:
        return f"{document.file_number}_{self._kind(document)}_{document.verification_code}.pdf"

    def _dialog_closed(self, dialog: QFileDialog) -> None:
        if self.file_dialog is dialog:
            self.file_dialog = None

    def _save(self, path: Path, pdf: bytes) -> None:
        self._ctx.runner.run(
            partial(write_new_file, path, pdf),
            done=lambda written: self.status_message.emit(
                self.tr("Saved as {path}.").format(path=written)
            ),
            failed=lambda error: self.status_message.emit(
                self.tr("The document could not be saved: {error}").format(error=error)
            ),
            owner=self,
            name="save document",
        )


__all__ = ["DocumentsSection", "load_document"]
