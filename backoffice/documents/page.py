"""Page machinery shared by every document: A4 frames, page furniture, numbering, metadata.

Output is deterministic: reportlab's ``invariant`` mode fixes the document id and the
font subset names, and the creation date written into the metadata is the document's own
date (``created_at``), not the time of rendering. Equal input gives equal bytes; what
differs between two certificates of the same case is what the service makes fresh for
each: the date (printed, and as CreationDate/ModDate) and the verification code (printed
and in the QR code), and with them the PDF's /ID.

Metadata: title (a template text), author (the town), subject (the file number), creator,
language. No citizen data goes there. The PDF is not PDF/A (reportlab cannot write it and
no validator is available; see the platform notes).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from .fonts import Family, register_fonts
from .logo import draw_logo
from .model import Letterhead, PostalAddress
from .styles import ACCENT, INK, MUTED, RULE, styles_for
from .text import ELLIPSIS, para, plain
from .wording import Words

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm
RIGHT = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
#: The text frame ends here; the footer sits below.
BOTTOM = 26 * mm
CREATOR = "Rathaus Backoffice"

#: Draws the furniture of page ``page`` of ``pages`` (after its content is laid out).
Decorate = Callable[[Canvas, int, int], None]


@dataclass(frozen=True)
class PageSetup:
    family: Family
    words: Words
    title: str  # metadata: template text only
    author: str  # metadata: the town
    subject: str  # metadata: the file number
    created_at: datetime
    first_top: float  # distance of page 1's text frame from the top edge
    later_top: float
    decorate: Decorate


class _DocumentCanvas(Canvas):
    """A canvas that knows the page count when it draws the furniture ("Seite 1 von 2").

    Pages are kept until :meth:`save`, then each is finished with its furniture (the
    well-known reportlab recipe for "page x of y"; it relies on ``Canvas._startPage``).
    The creation date in the metadata is ``created_at``: with ``invariant`` mode alone
    reportlab would write 2000-01-01.
    """

    def __init__(self, *args: Any, decorate: Decorate, created_at: datetime, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict[str, Any]] = []
        stamp = created_at.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_ymdhms: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # private; not in reportlab's stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.saveState()
            self._decorate(self, number, total)
            self.restoreState()
            super().showPage()
        super().save()


def build_pdf(story: Sequence[Flowable], setup: PageSetup) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=setup.later_top,
        bottomMargin=BOTTOM,
        title=setup.title,
        author=setup.author,
        subject=setup.subject,
        creator=CREATOR,
        invariant=1,
        pageCompression=1,
        initialFontName=setup.family.regular,
        lang=setup.words.lang_tag,
    )
    first = Frame(
        LEFT, BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - setup.first_top - BOTTOM, id="first", **_NO_PAD
    )
    later = Frame(
        LEFT, BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - setup.later_top - BOTTOM, id="later", **_NO_PAD
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], autoNextPageTemplate="later"),
            PageTemplate("later", [later]),
        ]
    )

    def canvasmaker(*args: Any, **kwargs: Any) -> _DocumentCanvas:
        return _DocumentCanvas(
            *args, decorate=setup.decorate, created_at=setup.created_at, **kwargs
        )

    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


_NO_PAD = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


# -- furniture ------------------------------------------------------------------------------


def fit(text: str, font: str, size: float, width: float) -> str:
    """Plain text cut with "…" so that one line of it fits ``width``."""
    text = plain(text, font)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def draw_line(
    canv: Canvas,
    text: str,
    font: str,
    size: float,
    x: float,
    y: float,
    width: float,
    *,
    align: str = "left",
    color: Any = MUTED,
) -> None:
    """One line of plain text (never markup), cut to ``width``."""
    shown = fit(text, font, size, width)
    canv.setFont(font, size)
    canv.setFillColor(color)
    if align == "right":
        canv.drawRightString(x + width, y, shown)
    elif align == "center":
        canv.drawCentredString(x + width / 2, y, shown)
    else:
        canv.drawString(x, y, shown)


def draw_footer(
    canv: Canvas,
    family: Family,
    words: Words,
    letterhead: Letterhead,
    page: int,
    pages: int,
    reference: str,
) -> None:
    """Rule, reference (file number, code) and page number; the issuer's address below."""
    y = 17 * mm
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(LEFT, y + 4 * mm, PAGE_WIDTH - RIGHT, y + 4 * mm)
    page_text = words.page.format(page=page, pages=pages)
    page_width = stringWidth(page_text, family.regular, 7.5) + 2 * mm
    draw_line(canv, reference, family.regular, 7.5, LEFT, y, CONTENT_WIDTH - page_width)
    draw_line(canv, page_text, family.regular, 7.5, LEFT, y, CONTENT_WIDTH, align="right")
    address = letterhead.footer or " · ".join(
        part
        for part in (
            letterhead.town,
            letterhead.office,
            letterhead.street,
            letterhead.postcode_city,
        )
        if part
    )
    draw_line(canv, address, family.regular, 7.5, LEFT, y - 3.6 * mm, CONTENT_WIDTH)


def draw_paragraph(canv: Canvas, flowable: Paragraph, x: float, top: float, width: float) -> float:
    """Draw a paragraph with its top edge at ``top``; return its height."""
    _w, height = flowable.wrap(width, PAGE_HEIGHT)
    flowable.drawOn(canv, x, top - height)
    return float(height)


# -- DIN 5008 letters (form B) -------------------------------------------------------------

#: Address field: 20 mm from the left, 45 mm from the top, 85 × 45 mm; its first
#: 17.7 mm are the "Vermerkzone" with the return address at its foot.
WINDOW_LEFT = 20 * mm
WINDOW_TOP = 45 * mm
WINDOW_WIDTH = 85 * mm
NOTE_ZONE = 17.7 * mm
ADDRESS_ZONE = 27.3 * mm
INFO_LEFT = 125 * mm
INFO_TOP = 50 * mm
#: The text of a letter starts below the address field (90 mm) after two blank lines.
LETTER_TEXT_TOP = 98.5 * mm


#: The logo's box in a letter's head: at the right margin, above the rule.
LETTER_LOGO_WIDTH = 45 * mm
LETTER_LOGO_HEIGHT = 17 * mm


def draw_letter_head(canv: Canvas, family: Family, letterhead: Letterhead) -> None:
    """The issuer's name at the head of a letter (in the 45 mm of DIN 5008 form B), the
    logo (if any) at the right margin."""
    top = PAGE_HEIGHT - 17 * mm
    logo = draw_logo(
        canv,
        letterhead,
        PAGE_WIDTH - RIGHT - LETTER_LOGO_WIDTH,
        PAGE_HEIGHT - 8.5 * mm,
        LETTER_LOGO_WIDTH,
        LETTER_LOGO_HEIGHT,
        align="right",
    )
    width = CONTENT_WIDTH - (logo + 5 * mm if logo else 0)
    draw_line(canv, letterhead.town, family.bold, 17, LEFT, top, width, color=ACCENT)
    draw_line(canv, letterhead.office, family.regular, 10.5, LEFT, top - 6.5 * mm, width)
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.2)
    canv.line(LEFT, top - 10 * mm, PAGE_WIDTH - RIGHT, top - 10 * mm)


def draw_address_window(
    canv: Canvas, family: Family, words: Words, letterhead: Letterhead, recipient: PostalAddress
) -> None:
    """Return address and recipient, placed for a DIN C6/5 or DL window envelope."""
    field_top = PAGE_HEIGHT - WINDOW_TOP
    inner = WINDOW_LEFT + 5 * mm
    width = WINDOW_WIDTH - 10 * mm
    back = words.return_address.format(
        town=letterhead.town, street=letterhead.street, postcode_city=letterhead.postcode_city
    )
    base = field_top - NOTE_ZONE + 2.2 * mm
    draw_line(canv, back, family.regular, 6.5, inner, base, width)
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.3)
    canv.line(inner, base - 1 * mm, inner + width, base - 1 * mm)
    lines = [recipient.name, recipient.street, recipient.city, recipient.country.upper()]
    y = field_top - NOTE_ZONE - 4.2 * mm
    for line in [entry for entry in lines if entry.strip()][:6]:
        draw_line(canv, line, family.regular, 10, inner, y, width, color=INK)
        y -= 4.6 * mm


def draw_info_block(canv: Canvas, family: Family, rows: Sequence[tuple[str, str]]) -> None:
    """Label/value pairs right of the address window (file number, date, clerk …)."""
    style = styles_for(family)
    width = PAGE_WIDTH - RIGHT - INFO_LEFT
    top = PAGE_HEIGHT - INFO_TOP
    for label, value in rows:
        top -= draw_paragraph(
            canv, Paragraph(para(label, family.regular), style.small), INFO_LEFT, top, width
        )
        top -= draw_paragraph(
            canv, Paragraph(para(value, family.regular), style.value), INFO_LEFT, top, width
        )
        top -= 1.6 * mm


def draw_fold_marks(canv: Canvas) -> None:
    """Fold marks at 105 and 210 mm (form B) and the punch mark at 148.5 mm."""
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.4)
    for from_top, length in ((105 * mm, 4 * mm), (148.5 * mm, 6 * mm), (210 * mm, 4 * mm)):
        y = PAGE_HEIGHT - from_top
        canv.line(5 * mm, y, 5 * mm + length, y)
