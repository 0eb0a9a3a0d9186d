"""Building blocks of the certificate layouts: form data tables, verification, signature."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from backoffice.domain.deadlines import local_date
from backoffice.domain.templates import APPLICANT_GROUP, FieldGroup, render_text

from .model import CertificateData, PostalAddress
from .page import CONTENT_WIDTH
from .qr import qr_drawing
from .styles import RULE, Styles
from .text import format_date, format_money, format_value, para, plain
from .verification import verification_url
from .wording import Words, words

#: Contact details are how we reach the citizen, not what the document certifies.
OMITTED_TYPES = frozenset({"email", "phone"})
#: Width of the left column of the closing row (verification), with a gap to the right one.
CLOSING_LEFT = CONTENT_WIDTH / 2 + 8 * mm
CLOSING_GAP = 6 * mm
#: Names in headings and greetings are cut here (form fields allow 100 characters each).
MAX_NAME_CHARS = 120


@dataclass(frozen=True)
class Context:
    """What every layout derives from its :class:`CertificateData`, once."""

    data: CertificateData
    words: Words
    styles: Styles
    title: str  # plain template text in the document language
    body: str | None  # template body with its placeholders filled, plain
    issued_on: date
    url: str
    applicant: str  # plain

    @property
    def font(self) -> str:
        return self.styles.family.regular

    @property
    def bold(self) -> str:
        return self.styles.family.bold

    @property
    def language(self) -> str:
        return self.data.language


def make_context(data: CertificateData, styles: Styles) -> Context:
    template = data.template
    certificate = template.certificate
    if certificate is None:
        raise ValueError(f"the service {template.key!r} defines no certificate")
    wording = words(data.language)
    address = PostalAddress.from_form(data.form_data)
    applicant = group_values(data.form_data, APPLICANT_GROUP)
    values = {
        "file_number": data.file_number,
        "service_name": template.name.get(data.language),
        "given_name": _text(applicant.get("given_name")),
        "family_name": _text(applicant.get("family_name")),
    }
    body = certificate.body.get(data.language) if certificate.body else None
    return Context(
        data=data,
        words=wording,
        styles=styles,
        title=certificate.title.get(data.language),
        body=render_text(body, values) if body else None,
        issued_on=local_date(data.issued_at),
        url=verification_url(data.letterhead.verify_base_url, data.verification_code),
        applicant=address.name,
    )


def group_values(form_data: Mapping[str, Any], group: str) -> Mapping[str, Any]:
    values = form_data.get(group)
    return values if isinstance(values, Mapping) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def p(
    ctx: Context, text: str, style_name: str, *, multiline: bool = False, limit: int | None = None
) -> Paragraph:
    """A paragraph of data or template text (escaped; see text.para)."""
    style = getattr(ctx.styles, style_name)
    return Paragraph(para(text, style.fontName, multiline=multiline, limit=limit), style)


@dataclass(frozen=True)
class Entry:
    """One field as the document shows it: label and value, both plain text."""

    label: str
    value: str
    multiline: bool = False


def entries(ctx: Context, group: FieldGroup) -> list[Entry]:
    """The fields of a group that have a value, formatted for the document language."""
    lang = ctx.language
    values = group_values(ctx.data.form_data, group.key)
    shown_entries = []
    for field in group.fields:
        if field.type in OMITTED_TYPES:
            continue
        options = {value: label.get(lang) for value, label in field.options}
        shown = format_value(values.get(field.key), field.type, options, lang)
        if shown is not None:
            shown_entries.append(Entry(field.label.get(lang), shown, field.type == "multiline"))
    return shown_entries


def data_tables(ctx: Context) -> list[Flowable]:
    """The form data, group by group, labelled in the document language."""
    story: list[Flowable] = []
    for group in ctx.data.template.field_groups:
        shown = entries(ctx, group)
        if shown:
            story.append(p(ctx, group.label.get(ctx.language), "group"))
            story.append(data_grid(ctx, shown))
    return story


#: The grid has six columns; a field takes 2, 3, 4 or 6 of them, as its text needs.
UNITS = 6
SPANS = (2, 3, 4, 6)
CELL_PAD = 2.2 * mm


def data_grid(ctx: Context, shown: Sequence[Entry], width: float = CONTENT_WIDTH) -> Table:
    """Fields as form cells (small label above the value), packed row by row.

    Short values share a row: a field gets the narrowest span its value fits in on one
    line (and its label in two); the last field of a row takes what is left; long values
    wrap.
    """
    unit = width / UNITS
    label_style, value_style = ctx.styles.label, ctx.styles.value
    rows: list[list[tuple[Entry, int]]] = [[]]
    for entry in shown:
        label_width = stringWidth(
            plain(entry.label, label_style.fontName), label_style.fontName, label_style.fontSize
        )
        value_width = stringWidth(
            plain(entry.value, value_style.fontName), value_style.fontName, value_style.fontSize
        )
        # A label may wrap to two lines; the value should stay on one.
        need = 2 * CELL_PAD + max(label_width / 2 + 6 * mm, value_width)
        span = UNITS if entry.multiline else next((s for s in SPANS if need <= s * unit), UNITS)
        used = sum(s for _, s in rows[-1])
        if used + span > UNITS:
            rows.append([])
        rows[-1].append((entry, span))
    cells: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        # Values of one row on one line, whatever their labels' heights.
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    for r, row in enumerate(rows):
        line: list[Any] = []
        column = 0
        for i, (entry, span) in enumerate(row):
            if i == len(row) - 1:
                span = UNITS - column  # the last cell fills the row
            content = [
                p(ctx, entry.label, "label"),
                p(ctx, entry.value, "value", multiline=entry.multiline),
            ]
            line += [content] + [""] * (span - 1)
            if span > 1:
                commands.append(("SPAN", (column, r), (column + span - 1, r)))
            if column > 0:
                commands.append(("LINEBEFORE", (column, r), (column, r), 0.25, RULE))
            column += span
        cells.append(line)
    commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    return table(ctx, cells, [unit] * UNITS, commands)


def table(
    ctx: Context,
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float | None],
    commands: Sequence[tuple[Any, ...]],
) -> Table:
    """A table in the document's font.

    reportlab draws even empty string cells (e.g. those under a SPAN) in the table's font,
    Helvetica by default, which would then be a font the PDF references without embedding.
    """
    built = Table([list(row) for row in rows], colWidths=list(col_widths), hAlign="LEFT")
    built.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.font), *commands]))
    return built


def fee_text(ctx: Context) -> str:
    return format_money(ctx.data.template.fee, ctx.language)


def date_text(ctx: Context) -> str:
    return format_date(ctx.issued_on, ctx.language)


def verification_block(
    ctx: Context, width: float = CLOSING_LEFT - CLOSING_GAP, qr_size: float = 23 * mm
) -> Table:
    """QR code beside the code and the address where the document can be checked."""
    gap = 4 * mm
    text = [
        p(ctx, ctx.words.verification_code, "small"),
        p(ctx, ctx.data.verification_code, "code"),
        Spacer(1, 1.2 * mm),
        p(ctx, ctx.words.verify_hint, "small"),
        url_paragraph(ctx, width - qr_size - gap),
    ]
    return table(
        ctx,
        [[qr_drawing(ctx.url, qr_size, ctx.font), text]],
        [qr_size + gap, width - qr_size - gap],
        TIGHT,
    )


def url_paragraph(ctx: Context, width: float) -> Paragraph:
    """The verification address; broken after its last slash if it does not fit a line."""
    style = ctx.styles.url
    url = plain(ctx.url, style.fontName)
    if stringWidth(url, style.fontName, style.fontSize) <= width or "/" not in url:
        return Paragraph(escape(url), style)
    head, _, code = url.rpartition("/")
    return Paragraph(f"{escape(head)}/<br/>{escape(code)}", style)


TIGHT: list[tuple[Any, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def signature_block(ctx: Context) -> list[Flowable]:
    """Place and date, room for a signature, "Im Auftrag", the clerk's name and office."""
    letterhead = ctx.data.letterhead
    signature_line = (
        [p(ctx, letterhead.signature_line, "small")] if letterhead.signature_line else []
    )
    return [
        p(ctx, f"{letterhead.place}, {date_text(ctx)}", "value"),
        Spacer(1, 8 * mm),
        SignatureRule(),
        *signature_line,
        *unsigned_block(ctx),
    ]


def unsigned_block(ctx: Context) -> list[Flowable]:
    """ "Im Auftrag", the clerk's name and office (a machine-made document needs no signature)."""
    letterhead = ctx.data.letterhead
    return [
        p(ctx, ctx.words.on_behalf.format(town=letterhead.town), "small"),
        p(ctx, ctx.data.clerk_name, "value", limit=MAX_NAME_CHARS),
        p(ctx, letterhead.office, "small"),
    ]


def closing_row(ctx: Context, left: list[Flowable] | Flowable, right: list[Flowable]) -> Flowable:
    """Two columns side by side, kept on one page (verification | signature)."""
    row = table(
        ctx,
        [[left, right]],
        [CLOSING_LEFT, CONTENT_WIDTH - CLOSING_LEFT],
        [*TIGHT, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
    )
    return KeepTogether([Spacer(1, 5 * mm), row])


class SignatureRule(Flowable):
    """The line to sign on."""

    def __init__(self, width: float = 60 * mm) -> None:
        super().__init__()
        self.line_width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return min(self.line_width, available_width), 2 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1.5 * mm, self.line_width, 1.5 * mm)


def applicant_plain(ctx: Context) -> str:
    return plain(ctx.applicant, ctx.bold, limit=MAX_NAME_CHARS)
