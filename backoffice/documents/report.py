"""A one-page report of figures (the team lead's dashboard): a title, a few lines of
explanation and tables of plain text cells, on one portrait A4 page.

The renderer knows nothing of cases or suppression: the caller hands it the text of every
cell (``services.workload.export`` writes "suppressed" where a figure is withheld). Every
cell is escaped and bounded; nothing is read as markup.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .fonts import SANS, register_fonts
from .page import CREATOR
from .styles import RULE, SHADE, sans
from .text import para, plain

MAX_CELL_CHARS = 80
MAX_ROWS = 40


@dataclass(frozen=True)
class ReportTable:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ReportData:
    title: str
    lines: tuple[str, ...]
    tables: tuple[ReportTable, ...]
    created_at: datetime
    language: str = "de"


def render_report(data: ReportData) -> bytes:
    """The report as PDF bytes. Tables longer than :data:`MAX_ROWS` are cut (and say so),
    and the table font shrinks until everything fits one page."""
    register_fonts()
    pdf = b""
    for size in (7.5, 6.5, 5.5, 4.5):
        pdf, pages = _build(data, size)
        if pages == 1:
            break
    return pdf


def _build(data: ReportData, size: float) -> tuple[bytes, int]:
    styles = sans()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=plain(data.title, SANS.regular, limit=200),
        creator=CREATOR,
        invariant=1,
        initialFontName=SANS.regular,
        lang="de-DE" if data.language == "de" else "en-GB",
    )
    story: list[Flowable] = [Paragraph(para(data.title, SANS.bold, limit=200), styles.title)]
    for line in data.lines:
        story.append(Paragraph(para(line, SANS.regular, limit=600), styles.small))
    for table in data.tables:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(para(table.title, SANS.bold, limit=200), styles.group))
        story.append(_table(table, doc.width, size))
    doc.build(story)
    return buffer.getvalue(), int(doc.page)


def _table(table: ReportTable, width: float, size: float) -> Table:
    rows = list(table.rows[:MAX_ROWS])
    cut = len(table.rows) - len(rows)
    if cut > 0:
        rows.append((f"… +{cut}",) + ("",) * (len(table.header) - 1))
    cells = [[plain(c, SANS.bold, limit=MAX_CELL_CHARS) for c in table.header]]
    cells += [[plain(c, SANS.regular, limit=MAX_CELL_CHARS) for c in row] for row in rows]
    first = min(width * 0.32, 60 * mm)
    rest = (width - first) / max(1, len(table.header) - 1)
    result = Table(
        cells, colWidths=[first] + [rest] * (len(table.header) - 1), repeatRows=1, hAlign="LEFT"
    )
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS.regular),
                ("FONTNAME", (0, 0), (-1, 0), SANS.bold),
                ("FONTSIZE", (0, 0), (-1, -1), size),
                ("LEADING", (0, 0), (-1, -1), size * 1.2),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return result


__all__: Sequence[str] = ("ReportData", "ReportTable", "render_report")
