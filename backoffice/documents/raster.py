"""PDF pages as pixels, for printing: one page at a time, in any thread.

The window prints a letter by drawing each page as an image onto the printer (Qt's print
support has no PDF input). The pages are rendered here with PDFium (pypdfium2), in a
worker thread, one page per call so that a print run of hundreds of letters never holds
more than a page or two in memory and can be cancelled between pages. PDFium is not
thread-safe: every call holds the lock that :mod:`.pdf_check` uses too (rendering an A4
page at 300 dpi takes a few tens of milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pdf_check import PDFIUM_LOCK as _lock

#: Points per inch: PDF page sizes are in points.
POINTS_PER_INCH = 72.0
#: Never render above this resolution (a PDF "printer" reports 1200 dpi: 140 MB a page).
MAX_DPI = 600


class PageNotRendered(Exception):
    """The page could not be rendered (the PDF does not open, or has no such page)."""


@dataclass(frozen=True)
class Raster:
    """One rendered page: 8-bit RGB rows of ``stride`` bytes, and the page's size in points."""

    width: int
    height: int
    stride: int
    page_width_pt: float
    page_height_pt: float
    pixels: bytes = field(repr=False)


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has (PageNotRendered when it does not open)."""
    import pypdfium2

    with _lock:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as exc:
            raise PageNotRendered(f"the PDF does not open: {exc}") from None
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, index: int, dpi: float) -> Raster:
    """Page ``index`` (from 0) of ``pdf`` at ``dpi`` (at most :data:`MAX_DPI`), white
    background."""
    import pypdfium2

    scale = min(max(dpi, 36.0), MAX_DPI) / POINTS_PER_INCH
    with _lock:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as exc:
            raise PageNotRendered(f"the PDF does not open: {exc}") from None
        try:
            if not 0 <= index < len(document):
                raise PageNotRendered(f"the PDF has no page {index + 1}")
            page = document[index]
            try:
                width_pt, height_pt = page.get_size()
                bitmap = page.render(scale=scale, rev_byteorder=True)
                try:
                    if bitmap.n_channels != 3:
                        raise PageNotRendered(f"unexpected pixel format {bitmap.mode}")
                    pixels = bytes(bitmap.buffer)
                    return Raster(
                        bitmap.width, bitmap.height, bitmap.stride, width_pt, height_pt, pixels
                    )
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()


__all__ = ["MAX_DPI", "PageNotRendered", "Raster", "page_count", "render_page"]
