"""Whether a citizen's PDF opens: the same verdict as the window's preview, without Qt.

The preview shows PDFs with QtPdf, which is PDFium. Intake asks PDFium too (through
pypdfium2, a binding to the same engine), so that an attachment is marked "damaged"
exactly when its preview cannot show it, instead of "in order" next to a preview that
says the file is damaged. A structural check of our own (header, xref, trailer,
``%%EOF``) would disagree with PDFium both ways: PDFium repairs a broken xref table,
and a file can have every keyword and still hold no page.

PDFium is not thread-safe: one lock serialises every use in this process (a check takes
well under a millisecond for the usual attachment; PDFium reads the cross-reference
table and the page tree, not the pages).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

PDF = "application/pdf"
#: Verification codes of an attachment (``Attachment.verification``) set here.
OK = "ok"
DAMAGED = "damaged"

#: Held around every use of PDFium in this process (here and in :mod:`.raster`).
PDFIUM_LOCK = threading.Lock()
_lock = PDFIUM_LOCK

_REASONS = {
    1: "unknown error",
    2: "file not found or could not be opened",
    3: "not in PDF format or corrupted",
    4: "protected by a password",
    5: "unsupported security scheme",
    6: "page not found or content error",
}


@dataclass(frozen=True)
class PdfVerdict:
    """What PDFium says about a PDF: how many pages it has, or why it does not open."""

    pages: int
    problem: str | None

    @property
    def opens(self) -> bool:
        return self.problem is None


def inspect_pdf(data: bytes) -> PdfVerdict:
    """Open ``data`` with PDFium as the preview does and count its pages.

    The preview shows nothing for a document that does not load or has no page; both
    are a problem here too."""
    import pypdfium2  # imported on first use: ~30 ms, and only intake needs it

    with _lock:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            reason = _REASONS.get(getattr(exc, "err_code", 0)) or str(exc)
            return PdfVerdict(0, f"PDF cannot be opened: {reason}")
        try:
            pages = len(document)
        finally:
            document.close()
    if pages < 1:
        return PdfVerdict(0, "PDF cannot be opened: it has no page")
    return PdfVerdict(pages, None)


def content_verification(data: bytes, media_type: str) -> tuple[str, str | None]:
    """The verification of content whose type is known: ``("ok", None)``, or
    ``("damaged", why)`` for a PDF that does not open. Other types are not opened here."""
    if media_type == PDF:
        verdict = inspect_pdf(data)
        if not verdict.opens:
            return DAMAGED, verdict.problem
    return OK, None
