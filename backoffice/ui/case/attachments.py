"""The attachments of a case: the list, the check result, a preview, a copy to save or open.

Nothing is read before the clerk asks: selecting an attachment shows its check
result; "Preview" (Enter, double-click) reads its content through
:meth:`AttachmentService.content` — which records in the case's history who
looked at it — in the task runner and shows it (:mod:`.preview`). "Save as…"
and "Open" write a copy through :meth:`AttachmentService.save_copy` (sanitised
name, owner-only permissions, never over an existing file); "Open" puts it in a
private temporary folder and hands it to the system's viewer, after a warning
when the file is not what it claims to be.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.attachments import AttachmentContent
from backoffice.services.casework import AttachmentInfo
from backoffice.ui.case.preview import Preview, PreviewPane, load_preview
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.texts import plain_tooltip
from backoffice.ui.widgets import TONE_COLOURS, fit_rows, muted, plain_label

log = logging.getLogger(__name__)

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def load_attachment(context: UiContext, attachment_id: int) -> tuple[AttachmentContent, Preview]:
    """Read an attachment (audited) and open it for the preview — in a worker."""
    content = context.attachments.content(context.actor, attachment_id)
    return content, load_preview(content.data)


class AttachmentsSection(QWidget):
    """See the module documentation."""

    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: An attachment was read (the case's history has a new entry).
    viewed = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._attachments: dict[int, AttachmentInfo] = {}
        self._generation = 0
        #: Private folders holding copies opened with the system's viewer (removed at exit).
        self.temp_folders: list[Path] = []
        #: Where "open with the system's viewer" makes its folders (None: the system's).
        self.temp_root: Path | None = None
        #: The save dialog while it is open.
        self.file_dialog: QFileDialog | None = None
        #: The warning before opening a suspicious file, while it is open.
        self.warning: QMessageBox | None = None
        self.shown_id: int | None = None

        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [self.tr("File"), self.tr("Type"), self.tr("Size"), self.tr("Check")]
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.tree.itemActivated.connect(lambda *_: self.preview())
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.tree,
            self.preview,
            Qt.ShortcutContext.WidgetShortcut,
        )

        self.preview_button = QPushButton(icon("attachment"), self.tr("Preview"), self)
        self.preview_button.setToolTip(
            self.tr("Show the file here (Enter); the case history records that you looked at it")
        )
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setToolTip(self.tr("Save a copy of the file"))
        self.save_button.clicked.connect(self.save_as)
        self.open_button = QPushButton(self.tr("Open with system viewer"), self)
        self.open_button.setToolTip(
            self.tr("Open a copy with the program your computer uses for this kind of file")
        )
        self.open_button.clicked.connect(self.open_external)
        self.check = plain_label("", self, wrap=True, selectable=True)
        self.check.setObjectName("attachmentCheck")
        self.empty = muted(plain_label(self.tr("This application has no attachments."), self))
        self.pane = PreviewPane(self)
        self.pane.show_message(self.tr("Select an attachment and choose Preview."))

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.tree, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.check)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.splitter)
        self._selection_changed()

    # -- showing ------------------------------------------------------------------------------

    def show_attachments(self, attachments: list[AttachmentInfo]) -> None:
        words = self._ctx.vocabulary
        previous = self.current()
        same_case = {a.id for a in attachments} == set(self._attachments)
        self._attachments = {a.id: a for a in attachments}
        self.tree.clear()
        for attachment in attachments:
            check = words.verification(attachment.verification)
            item = QTreeWidgetItem(
                [
                    attachment.original_name,
                    attachment.media_type,
                    words.size(attachment.size),
                    check.text,
                ]
            )
            item.setData(0, ID_ROLE, attachment.id)
            item.setToolTip(
                0,
                plain_tooltip(
                    self.tr("{name}\nstored as {safe_name}").format(
                        name=attachment.original_name, safe_name=attachment.safe_name
                    )
                ),
            )
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            detail = words.check_detail(attachment)
            if detail:
                item.setToolTip(3, plain_tooltip(detail))
            item.setForeground(3, QBrush(QColor(TONE_COLOURS[check.tone][2])))
            self.tree.addTopLevelItem(item)
            if previous is not None and previous.id == attachment.id:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self.empty.setVisible(not attachments)
        self.tree.setVisible(bool(attachments))
        fit_rows(self.tree)
        if not same_case:
            self._generation += 1  # a preview still loading belongs to the previous case
            self.shown_id = None
            self.pane.clear_preview(
                self.tr("Select an attachment and choose Preview.") if attachments else ""
            )
        self.pane.setVisible(bool(attachments))
        self._selection_changed()

    def current(self) -> AttachmentInfo | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return self._attachments.get(value) if isinstance(value, int) else None

    def select(self, attachment_id: int) -> bool:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, ID_ROLE) == attachment_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _selection_changed(self) -> None:
        attachment = self.current()
        for button in (self.preview_button, self.save_button, self.open_button):
            button.setEnabled(attachment is not None)
        if attachment is None:
            self.check.hide()
            return
        words = self._ctx.vocabulary
        fact = words.verification(attachment.verification)
        text = self.tr("Check of {name}: {result}").format(
            name=attachment.safe_name, result=fact.text
        )
        detail = words.check_detail(attachment)
        if detail:
            text += f" ({detail})"
        if attachment.verification != "ok":
            text += "\n" + self.tr(
                "Be careful with this file: open it only if you trust where it came from."
            )
        background, border, colour = TONE_COLOURS[fact.tone]
        self.check.setStyleSheet(
            f"QLabel#attachmentCheck {{ background: {background}; border: 1px solid {border};"
            f" color: {colour}; border-radius: 4px; padding: 4px 8px; font-weight: bold; }}"
        )
        self.check.setText(text)
        self.check.show()

    # -- preview ------------------------------------------------------------------------------

    def preview(self) -> None:
        attachment = self.current()
        if attachment is None:
            return
        self._generation += 1
        generation = self._generation
        self.pane.setVisible(True)
        self.pane.show_message(self.tr("Loading {name}…").format(name=attachment.safe_name))
        self._ctx.runner.run(
            partial(load_attachment, self._ctx, attachment.id),
            done=lambda result: self._loaded(generation, attachment.id, result),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            write=True,  # reading is recorded in the case's history
            name="attachment preview",
        )

    def _loaded(
        self, generation: int, attachment_id: int, result: tuple[AttachmentContent, Preview]
    ) -> None:
        self.viewed.emit()
        if generation != self._generation:
            return
        _content, preview = result
        self.shown_id = attachment_id
        self.pane.show_preview(preview)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.pane.show_message(
                self.tr("The attachment could not be read.") + "\n" + describe_error(error)
            )

    # -- save and open ------------------------------------------------------------------------

    def save_as(self) -> None:
        attachment = self.current()
        if attachment is None:
            return
        dialog = QFileDialog(self, self.tr("Save attachment"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        # A copy never replaces a file (the service picks a free name): nothing to confirm.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if folder:
            dialog.setDirectory(folder)
        dialog.selectFile(attachment.safe_name)
        dialog.fileSelected.connect(lambda path: self._save(attachment, Path(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.file_dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QFileDialog) -> None:
        if self.file_dialog is dialog:
            self.file_dialog = None

    def _save(self, attachment: AttachmentInfo, path: Path) -> None:
        wanted = path.name
        self._ctx.runner.run(
            partial(
                self._ctx.attachments.save_copy, self._ctx.actor, attachment.id, path.parent, wanted
            ),
            done=lambda written: self._saved(written, wanted),
            failed=self._save_failed,
            owner=self,
            write=True,
            name="save attachment",
        )

    def _saved(self, written: Path, wanted: str) -> None:
        self.viewed.emit()
        text = self.tr("Saved as {path}.").format(path=written)
        if written.name != wanted:
            text += " " + self.tr(
                "The name was changed so that it is safe and replaces no other file."
            )
        self.status_message.emit(text)

    def _save_failed(self, error: Exception) -> None:
        text = self.tr("The attachment could not be saved.") + " "
        text += str(error) if isinstance(error, OSError) else describe_error(error)
        self.status_message.emit(text)

    def open_external(self) -> None:
        attachment = self.current()
        if attachment is None:
            return
        if attachment.verification == "ok":
            self._open_copy(attachment)
            return
        fact = self._ctx.vocabulary.verification(attachment.verification)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Open attachment"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("{name}: {result}.").format(name=attachment.safe_name, result=fact.text)
        )
        box.setInformativeText(
            self.tr(
                "The file is not what it claims to be, or its type is unknown. Another program "
                "may treat it differently than you expect. Open it only if you trust it."
            )
        )
        open_button = box.addButton(self.tr("Open anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._open_copy(attachment) if button is open_button else None
        )
        box.finished.connect(lambda _result: setattr(self, "warning", None))
        self.warning = box
        box.open()

    def _open_copy(self, attachment: AttachmentInfo) -> None:
        root = self.temp_root

        def copy() -> Path:
            folder = Path(tempfile.mkdtemp(prefix="backoffice-", dir=root))
            return self._ctx.attachments.save_copy(self._ctx.actor, attachment.id, folder)

        self._ctx.runner.run(
            copy,
            done=self._copied,
            failed=self._save_failed,
            owner=self,
            write=True,
            name="open attachment",
        )

    def _copied(self, path: Path) -> None:
        self.viewed.emit()
        self.temp_folders.append(path.parent)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status_message.emit(self.tr("Opened {name}.").format(name=path.name))
        else:
            self.status_message.emit(
                self.tr("No program is set up to open {name}. Use Save as… instead.").format(
                    name=path.name
                )
            )

    def remove_copies(self) -> None:
        """Remove the temporary copies made for the system's viewer."""
        for folder in self.temp_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.temp_folders = []


__all__ = ["AttachmentsSection", "load_attachment"]
