"""Certificates, permits, notices and confirmations as PDF (the four template layouts).

:func:`render_certificate` picks the layout the service template names
(``certificate.layout``):

* ``civil_certificate`` — civil-status certificates: serif, centred, framed page;
* ``confirmation`` — registration certificates and receipts: office letterhead, facts
  at the top right, the form data below;
* ``permit`` — a framed card at the top (title, holder, QR code) above the details;
* ``notice`` — a letter for a window envelope (DIN 5008 form B) with the confirmation
  as its text.

Each shows the town's letterhead, the title and body of the template, the file number,
the applicant, the form data by the template's field groups, the date (Europe/Berlin),
the fee, the verification code with its QR code and address, and the clerk's name.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from .blocks import (
    MAX_NAME_CHARS,
    Context,
    applicant_plain,
    closing_row,
    data_tables,
    date_text,
    fee_text,
    make_context,
    p,
    signature_block,
    table,
    unsigned_block,
    url_paragraph,
    verification_block,
)
from .logo import draw_logo
from .model import CertificateData, PostalAddress
from .page import (
    CONTENT_WIDTH,
    LEFT,
    LETTER_TEXT_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    PageSetup,
    build_pdf,
    draw_address_window,
    draw_fold_marks,
    draw_footer,
    draw_info_block,
    draw_letter_head,
    draw_line,
)
from .qr import qr_drawing
from .styles import ACCENT, INK, RULE, SHADE, Styles, sans, serif

LAYOUTS = ("civil_certificate", "confirmation", "permit", "notice")
#: Text frame of the pages after the first (below the small running head).
LATER_TOP = 24 * mm
#: The logo's box: left of the town's name (office head), left of the centred head (civil).
OFFICE_LOGO_WIDTH = 30 * mm
OFFICE_LOGO_HEIGHT = 20 * mm
CIVIL_LOGO_WIDTH = 24 * mm
CIVIL_LOGO_HEIGHT = 17 * mm


class UnknownLayout(ValueError):
    """The template names a layout this renderer does not have."""


def render_certificate(data: CertificateData) -> bytes:
    """The PDF of a case's certificate (or permit, notice, confirmation)."""
    certificate = data.template.certificate
    if certificate is None:
        raise ValueError(f"the service {data.template.key!r} defines no certificate")
    try:
        layout, styles = _LAYOUTS[certificate.layout]
    except KeyError:
        raise UnknownLayout(
            f"unknown certificate layout {certificate.layout!r} in {data.template.key!r}; "
            f"known: {', '.join(LAYOUTS)}"
        ) from None
    ctx = make_context(data, styles())
    story, first_top, first_page = layout(ctx)
    return build_pdf(story, _setup(ctx, first_top, first_page))


FirstPage = Callable[[Canvas, Context], None]
Layout = Callable[[Context], tuple[list[Flowable], float, FirstPage]]


def _setup(ctx: Context, first_top: float, first_page: FirstPage) -> PageSetup:
    data = ctx.data
    reference = (
        f"{ctx.words.file_number} {data.file_number} · "
        f"{ctx.words.verification_code} {data.verification_code}"
    )

    def decorate(canv: Canvas, page: int, pages: int) -> None:
        if page == 1:
            first_page(canv, ctx)
        else:
            _running_head(canv, ctx)
        draw_footer(canv, ctx.styles.family, ctx.words, data.letterhead, page, pages, reference)

    return PageSetup(
        family=ctx.styles.family,
        words=ctx.words,
        title=ctx.title,
        author=data.letterhead.town,
        subject=data.file_number,
        created_at=data.issued_at,
        first_top=first_top,
        later_top=LATER_TOP,
        decorate=decorate,
    )


def _running_head(canv: Canvas, ctx: Context) -> None:
    y = PAGE_HEIGHT - 14 * mm
    font = ctx.styles.family.regular
    head = f"{ctx.data.letterhead.town} · {ctx.title}"
    number = f"{ctx.words.file_number} {ctx.data.file_number}"
    draw_line(canv, head, font, 8, LEFT, y, CONTENT_WIDTH * 0.6)
    draw_line(canv, number, font, 8, LEFT, y, CONTENT_WIDTH, align="right")
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(LEFT, y - 2.5 * mm, PAGE_WIDTH - RIGHT, y - 2.5 * mm)


def _office_head(canv: Canvas, ctx: Context) -> None:
    """Town and office on the left, file number, date and fee on the right."""
    family, letterhead = ctx.styles.family, ctx.data.letterhead
    top = PAGE_HEIGHT - 19 * mm
    left_width = CONTENT_WIDTH - 62 * mm
    logo = draw_logo(
        canv, letterhead, LEFT, PAGE_HEIGHT - 12.5 * mm, OFFICE_LOGO_WIDTH, OFFICE_LOGO_HEIGHT
    )
    x = LEFT + (logo + 4 * mm if logo else 0)
    left_width -= x - LEFT
    draw_line(canv, letterhead.town, family.bold, 15, x, top, left_width, color=ACCENT)
    draw_line(canv, letterhead.office, family.regular, 10, x, top - 6 * mm, left_width)
    address = f"{letterhead.street} · {letterhead.postcode_city}"
    draw_line(canv, address, family.regular, 8, x, top - 10.5 * mm, left_width)
    facts = [
        (ctx.words.file_number, ctx.data.file_number),
        (ctx.words.date, date_text(ctx)),
        (ctx.words.fee, fee_text(ctx)),
    ]
    x, width, y = PAGE_WIDTH - RIGHT - 60 * mm, 60 * mm, top + 1.5 * mm
    for label, value in facts:
        draw_line(canv, label, family.regular, 7, x, y, width, align="right")
        draw_line(canv, value, family.bold, 9, x, y - 3.6 * mm, width, align="right", color=INK)
        y -= 8.2 * mm
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.2)
    canv.line(LEFT, PAGE_HEIGHT - 38 * mm, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 38 * mm)


# -- confirmation ---------------------------------------------------------------------------


def _confirmation(ctx: Context) -> tuple[list[Flowable], float, FirstPage]:
    story: list[Flowable] = [p(ctx, ctx.title, "title")]
    if ctx.body:
        story.append(p(ctx, ctx.body, "body", multiline=True))
    if ctx.applicant:
        story.append(p(ctx, f"{ctx.words.issued_for}: {applicant_plain(ctx)}", "value", limit=200))
    story += data_tables(ctx)
    story.append(closing_row(ctx, verification_block(ctx), signature_block(ctx)))
    return story, 46 * mm, _office_head


# -- permit ---------------------------------------------------------------------------------


def _permit(ctx: Context) -> tuple[list[Flowable], float, FirstPage]:
    qr_size = 30 * mm
    pad = 5 * mm
    qr_column_width = 36 * mm + pad
    card_text: list[Flowable] = [
        p(ctx, ctx.title, "title"),
        Spacer(1, 1 * mm),
        p(ctx, ctx.words.issued_for, "small"),
        p(ctx, applicant_plain(ctx) or "–", "name", limit=MAX_NAME_CHARS),
        Spacer(1, 2.5 * mm),
        _facts_table(ctx),
    ]
    qr_column: list[Flowable] = [
        qr_drawing(ctx.url, qr_size, ctx.font),
        Spacer(1, 1 * mm),
        p(ctx, ctx.words.verification_code, "small_centered"),
        p(ctx, ctx.data.verification_code, "code_centered"),
    ]
    card = table(
        ctx,
        [[card_text, qr_column]],
        [CONTENT_WIDTH - qr_column_width, qr_column_width],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 1.5, ACCENT),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("ROUNDEDCORNERS", [3 * mm, 3 * mm, 3 * mm, 3 * mm]),
            ("LEFTPADDING", (0, 0), (0, 0), pad),
            ("RIGHTPADDING", (0, 0), (0, 0), 2 * mm),
            ("LEFTPADDING", (1, 0), (1, 0), 0),
            ("RIGHTPADDING", (1, 0), (1, 0), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        ],
    )
    story: list[Flowable] = [card, Spacer(1, 4 * mm)]
    if ctx.body:
        story.append(p(ctx, ctx.body, "body", multiline=True))
    story += data_tables(ctx)
    hint: list[Flowable] = [
        p(ctx, ctx.words.verify_hint, "small"),
        url_paragraph(ctx, CONTENT_WIDTH / 2),
    ]
    story.append(closing_row(ctx, hint, signature_block(ctx)))
    return story, 46 * mm, _office_head


def _facts_table(ctx: Context) -> Table:
    rows = [
        [p(ctx, ctx.words.file_number, "label"), p(ctx, ctx.data.file_number, "value")],
        [p(ctx, ctx.words.issued_on, "label"), p(ctx, date_text(ctx), "value")],
    ]
    return table(
        ctx,
        rows,
        [32 * mm, None],
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ],
    )


# -- civil-status certificate ---------------------------------------------------------------


def _civil_head(canv: Canvas, ctx: Context) -> None:
    family, letterhead = ctx.styles.family, ctx.data.letterhead
    _civil_border(canv)
    top = PAGE_HEIGHT - 24 * mm
    logo = draw_logo(
        canv, letterhead, LEFT, PAGE_HEIGHT - 15 * mm, CIVIL_LOGO_WIDTH, CIVIL_LOGO_HEIGHT
    )
    inset = logo + 4 * mm if logo else 0  # the centred lines keep clear of it on both sides
    width = CONTENT_WIDTH - 2 * inset
    draw_line(
        canv,
        letterhead.town,
        family.bold,
        15,
        LEFT + inset,
        top,
        width,
        align="center",
        color=ACCENT,
    )
    line = f"{letterhead.office} · {letterhead.street} · {letterhead.postcode_city}"
    draw_line(canv, line, family.regular, 8.5, LEFT + inset, top - 5.5 * mm, width, align="center")
    middle = LEFT + CONTENT_WIDTH / 2
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(0.8)
    canv.line(middle - 25 * mm, top - 9.5 * mm, middle + 25 * mm, top - 9.5 * mm)


def _civil_border(canv: Canvas) -> None:
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.4)
    canv.rect(8 * mm, 8 * mm, PAGE_WIDTH - 16 * mm, PAGE_HEIGHT - 16 * mm)
    canv.setLineWidth(0.4)
    canv.rect(9.8 * mm, 9.8 * mm, PAGE_WIDTH - 19.6 * mm, PAGE_HEIGHT - 19.6 * mm)


def _civil_certificate(ctx: Context) -> tuple[list[Flowable], float, FirstPage]:
    story: list[Flowable] = [
        p(ctx, ctx.title, "title_centered"),
        p(ctx, f"{ctx.words.file_number} {ctx.data.file_number}", "small_centered"),
        Spacer(1, 3 * mm),
    ]
    if ctx.body:
        story.append(p(ctx, ctx.body, "body_centered", multiline=True))
    story += data_tables(ctx)
    signature = [
        *signature_block(ctx),
        Spacer(1, 1.5 * mm),
        p(ctx, f"{ctx.words.fee}: {fee_text(ctx)}", "small"),
    ]
    story.append(closing_row(ctx, verification_block(ctx), signature))
    return story, 42 * mm, _civil_head


# -- notice (a letter) ----------------------------------------------------------------------


def _notice_head(canv: Canvas, ctx: Context) -> None:
    family, data = ctx.styles.family, ctx.data
    draw_letter_head(canv, family, data.letterhead)
    draw_address_window(
        canv, family, ctx.words, data.letterhead, PostalAddress.from_form(data.form_data)
    )
    draw_info_block(
        canv,
        family,
        [
            (ctx.words.file_number, data.file_number),
            (ctx.words.date, date_text(ctx)),
            (ctx.words.clerk, data.clerk_name),
            (ctx.words.fee, fee_text(ctx)),
        ],
    )
    draw_fold_marks(canv)


def _notice(ctx: Context) -> tuple[list[Flowable], float, FirstPage]:
    greeting = (
        ctx.words.greeting.format(name=applicant_plain(ctx))
        if ctx.applicant
        else ctx.words.greeting_anonymous
    )
    story: list[Flowable] = [p(ctx, ctx.title, "subject"), p(ctx, greeting, "body")]
    if ctx.body:
        story.append(p(ctx, ctx.body, "body", multiline=True))
    story += data_tables(ctx)
    farewell = [
        p(ctx, ctx.words.closing, "value"),
        Spacer(1, 1.5 * mm),
        *unsigned_block(ctx),
        Spacer(1, 2 * mm),
        p(ctx, ctx.words.machine_made, "small"),
    ]
    story.append(closing_row(ctx, verification_block(ctx), farewell))
    return story, LETTER_TEXT_TOP, _notice_head


_LAYOUTS: dict[str, tuple[Layout, Callable[[], Styles]]] = {
    "civil_certificate": (_civil_certificate, serif),
    "confirmation": (_confirmation, sans),
    "permit": (_permit, sans),
    "notice": (_notice, sans),
}
