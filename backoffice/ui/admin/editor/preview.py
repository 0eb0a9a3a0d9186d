"""The editor's live preview: the sample case's certificate and letter as page images.

:func:`render_preview` runs in a worker: the services render the PDFs
(:meth:`~backoffice.services.template_preview.TemplatePreview.render`), and QtPdf draws
their pages into images there too, so the GUI thread only shows pixmaps.
:class:`PreviewPanel` shows them, a page under the other, scaled to its width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import Status
from backoffice.domain.templates import LANGUAGES
from backoffice.services.actor import Actor
from backoffice.services.template_preview import PreviewResult, TemplatePreview
from backoffice.ui.admin.editor.sections import language_name
from backoffice.ui.texts import plain_tooltip, status_name
from backoffice.ui.widgets import plain_label

#: Pages are drawn at this resolution (the panel scales them down to its width).
DOTS_PER_INCH = 110
#: More pages than this are not drawn (a preview; a certificate has one or two).
MAX_PAGES = 6

CERTIFICATE = "certificate"
LETTER = "letter"


@dataclass(frozen=True)
class RenderedPreview:
    result: PreviewResult
    certificate: tuple[QImage, ...]
    letter: tuple[QImage, ...]


def pdf_pages(data: bytes | None, dpi: int = DOTS_PER_INCH) -> tuple[QImage, ...]:
    """The pages of a PDF as images (in any thread); none if it does not open."""
    if not data:
        return ()
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            return ()
        pages = []
        for page in range(min(document.pageCount(), MAX_PAGES)):
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            if not image.isNull():
                pages.append(image)
        return tuple(pages)
    finally:
        document.close()


def render_preview(
    preview: TemplatePreview,
    actor: Actor,
    definition: dict[str, Any],
    language: str,
    status: str | None,
) -> RenderedPreview:
    """The preview of an unsaved definition (in a worker)."""
    result = preview.render(actor, definition, language=language, status=status)
    return RenderedPreview(result, pdf_pages(result.certificate_pdf), pdf_pages(result.letter_pdf))


class PageImage(QLabel):
    """One page, scaled to the width it has."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.Box)
        self.setMinimumWidth(120)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.rescale(self.width())

    def rescale(self, width: int) -> None:
        width = max(100, min(width, self.image.width()))
        scaled = self.image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(QPixmap.fromImage(scaled))
        self.setFixedHeight(scaled.height() + 2)


class PreviewPanel(QWidget):
    """What the sample case's documents look like; the editor feeds it."""

    #: The language, the document or the letter's status changed: render again.
    options_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPanel")
        self.document = QComboBox(self)
        self.document.setObjectName("previewDocument")
        self.document.addItem(self.tr("Certificate"), CERTIFICATE)
        self.document.addItem(self.tr("Letter with the status message"), LETTER)
        self.language = QComboBox(self)
        self.language.setObjectName("previewLanguage")
        for language in LANGUAGES:
            self.language.addItem(language_name(language), language)
        self.status = QComboBox(self)
        self.status.setObjectName("previewStatus")
        self.status.setToolTip(self.tr("The status whose message the letter shows"))
        self.state = plain_label("", self, wrap=True)
        self.state.setObjectName("previewState")
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setObjectName("previewPages")
        row = QHBoxLayout()
        row.addWidget(self.document, 1)
        row.addWidget(self.language)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(self.tr("Preview for a sample case"), self))
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addWidget(self.scroll_area, 1)
        #: The preview on show (the last one that could be drawn).
        self.shown: RenderedPreview | None = None
        #: The definition has changed into one that cannot be drawn since.
        self.stale = False
        self.document.currentIndexChanged.connect(self._document_changed)
        self.language.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed(0)

    # -- options ------------------------------------------------------------------------------

    def chosen_language(self) -> str:
        return str(self.language.currentData() or LANGUAGES[0])

    def chosen_status(self) -> str | None:
        value = self.status.currentData()
        return value if isinstance(value, str) else None

    def set_states(self, states: list[str]) -> None:
        current = self.chosen_status()
        self.status.blockSignals(True)
        self.status.clear()
        for state in states:
            if state in Status._value2member_map_:
                self.status.addItem(status_name(Status(state)), state)
        index = self.status.findData(current)
        self.status.setCurrentIndex(index if index >= 0 else 0)
        self.status.blockSignals(False)

    def choose_status(self, state: str) -> None:
        index = self.status.findData(state)
        if index >= 0 and index != self.status.currentIndex():
            self.status.setCurrentIndex(index)

    def _status_changed(self, _index: int) -> None:
        self.status.setEnabled(self.document.currentData() == LETTER)
        self.options_changed.emit()

    def _document_changed(self, _index: int) -> None:
        self.status.setEnabled(self.document.currentData() == LETTER)
        self._show_pages()

    # -- showing ------------------------------------------------------------------------------

    def rendering(self) -> None:
        self.state.setText(self.tr("Rendering the preview…"))

    def show_error(self, text: str) -> None:
        self.state.setText(text)

    def show_result(self, rendered: RenderedPreview) -> None:
        result = rendered.result
        if result.problem is not None:
            # The last preview that could be drawn stays, marked as such.
            self.stale = self.shown is not None
            self.state.setText(
                self.tr(
                    "The preview shows the last version that could be drawn; the current "
                    "one cannot be until the check's problems are solved."
                )
                if self.stale
                else self.tr("No preview until the check's problems are solved.")
            )
            self.state.setToolTip(plain_tooltip(result.problem))
            if not self.stale:
                self._show_pages()
            return
        self.shown = rendered
        self.stale = False
        self.state.setToolTip("")
        self.state.setText(
            self.tr(
                "Sample case {file_number}, made up; its verification code is not valid."
            ).format(file_number=result.file_number)
        )
        self._show_pages()

    def current_images(self) -> tuple[QImage, ...]:
        if self.shown is None:
            return ()
        if self.document.currentData() == LETTER:
            return self.shown.letter
        return self.shown.certificate

    def page_labels(self) -> list[PageImage]:
        labels = []
        for index in range(self.pages_layout.count()):
            item = self.pages_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, PageImage):
                labels.append(widget)
        return labels

    def _show_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # drawn until the event loop deletes it otherwise
                widget.deleteLater()
        images = self.current_images()
        if not images and self.shown is not None and self.document.currentData() == CERTIFICATE:
            self.pages_layout.addWidget(
                plain_label(self.tr("This service issues no certificate."), self.pages)
            )
        width = self.scroll_area.viewport().width() - 24
        for image in images:
            label = PageImage(image, self.pages)
            label.rescale(width)
            self.pages_layout.addWidget(label)


__all__ = ["PageImage", "PreviewPanel", "RenderedPreview", "pdf_pages", "render_preview"]
