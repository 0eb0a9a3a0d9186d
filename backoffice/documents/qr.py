"""The QR code that carries a document's verification address (reportlab's QR widget)."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

#: Error correction "M" (15 %): survives a crease or a stamp on paper; the address is short.
LEVEL = "M"


def qr_drawing(value: str, size: float, font: str) -> Drawing:
    """A square drawing of ``size`` points (the quiet zone of four modules included).

    ``font`` becomes the drawing's initial font: without it reportlab names Helvetica in
    the page, which would then be a font the PDF references without embedding.
    """
    widget = QrCodeWidget(value, barLevel=LEVEL, barWidth=size, barHeight=size, barBorder=4)
    drawing = Drawing(size, size, initialFontName=font)
    drawing.add(widget)
    return drawing
