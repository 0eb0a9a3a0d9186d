"""Previews of files that arrived or were generated: PDFs (QtPdf) and images.

:func:`load_preview` runs in a worker: it looks at the bytes (not at the
declared type, which the citizen's software chose), opens a PDF there — parsing
a large PDF does not stop the interface — or decodes an image after checking
its size (more than :data:`MAX_MEGAPIXELS` is refused before decoding), and
hands the result to the GUI thread. :class:`PreviewPane` shows it.

About QtPdf 6.12 (see PLATFORM-NOTES): a ``QPdfDocument`` whose parent is the
view crashes when the view is destroyed, and ``setDocument(None)`` prints a
warning. So documents have no parent; the pane keeps the one it shows and drops
it only after the view shows another.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QWidget

from backoffice.ui.widgets import plain_label

#: Images larger than this are not decoded (a decompression bomb, or just too big to show).
MAX_MEGAPIXELS = 50
#: Decoded images are scaled down to this many pixels on their longer side.
MAX_SHOWN_SIDE = 2400


@dataclass(frozen=True)
class PdfPreview:
    document: QPdfDocument

    @property
    def pages(self) -> int:
        return self.document.pageCount()


@dataclass(frozen=True)
class ImagePreview:
    image: QImage
    #: The image's own size (before scaling for the screen).
    size: QSize


@dataclass(frozen=True)
class NoPreview:
    """Why there is nothing to show: ``too_large``, ``unreadable`` or ``unsupported``."""

    reason: str
    width: int = 0
    height: int = 0


Preview = PdfPreview | ImagePreview | NoPreview


def load_preview(data: bytes) -> Preview:
    """Open ``data`` for showing (in a worker thread); the result lives in the GUI thread."""
    if data.startswith(b"%PDF-"):
        return _load_pdf(data)
    return _load_image(data)


def _load_pdf(data: bytes) -> Preview:
    document = QPdfDocument()
    buffer = QBuffer(document)  # read by PDFium while pages are drawn: kept with the document
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        document.deleteLater()
        return NoPreview("unreadable")
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return PdfPreview(document)


def _load_image(data: bytes) -> Preview:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    if not reader.canRead():
        return NoPreview("unsupported")
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_MEGAPIXELS * 1_000_000:
        return NoPreview("too_large", size.width(), size.height())
    reader.setAutoTransform(True)  # phone photos carry their orientation separately
    if size.isValid() and max(size.width(), size.height()) > MAX_SHOWN_SIDE:
        reader.setScaledSize(
            size.scaled(MAX_SHOWN_SIDE, MAX_SHOWN_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        return NoPreview("unreadable")
    return ImagePreview(image, size if size.isValid() else image.size())


class _ImageLabel(QLabel):
    """An image scaled to the width it has (never above its own size)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._image = QImage()

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._rescale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image.isNull():
            self.clear()
            return
        width = max(50, min(self.width(), self._image.width()))
        scaled = self._image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(QPixmap.fromImage(scaled))


class PreviewPane(QStackedWidget):
    """A message, a PDF or an image; see the module documentation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = plain_label("", self, wrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setEnabled(False)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.image_label = _ImageLabel()
        self.image_area = QScrollArea(self)
        self.image_area.setWidgetResizable(True)
        self.image_area.setFrameShape(QFrame.Shape.NoFrame)
        self.image_area.setWidget(self.image_label)
        self.addWidget(self.message)
        self.addWidget(self.pdf_view)
        self.addWidget(self.image_area)
        #: The document the view shows (owned here, not by the view; see the module docs).
        self.document: QPdfDocument | None = None
        self._retired: list[QPdfDocument] = []

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_preview(self, preview: Preview) -> None:
        if isinstance(preview, PdfPreview):
            self._set_document(preview.document)
            self.setCurrentWidget(self.pdf_view)
        elif isinstance(preview, ImagePreview):
            self.image_label.set_image(preview.image)
            self.setCurrentWidget(self.image_area)
            self.image_label.setToolTip(
                self.tr("{width} × {height} pixels").format(
                    width=preview.size.width(), height=preview.size.height()
                )
            )
        else:
            self.show_message(self.explain(preview))

    def explain(self, preview: NoPreview) -> str:
        if preview.reason == "too_large":
            return self.tr(
                "The image is too large to show ({width} × {height} pixels, more than {limit} "
                "megapixels). Save it and open it with another program if you need it."
            ).format(width=preview.width, height=preview.height, limit=MAX_MEGAPIXELS)
        if preview.reason == "unreadable":
            return self.tr("The file is damaged or not what it claims to be; it cannot be shown.")
        return self.tr(
            "There is no preview for this kind of file. Save it, or open it with the system's "
            "viewer."
        )

    def clear_preview(self, text: str = "") -> None:
        self.image_label.set_image(QImage())
        self.show_message(text)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def _set_document(self, document: QPdfDocument) -> None:
        previous = self.document
        self.document = document
        self.pdf_view.setDocument(document)
        if previous is not None and previous is not document:
            # The view no longer uses it; keep it until the next swap (no parent, no crash).
            self._retired = [previous]


__all__ = [
    "MAX_MEGAPIXELS",
    "ImagePreview",
    "NoPreview",
    "PdfPreview",
    "Preview",
    "PreviewPane",
    "load_preview",
]
