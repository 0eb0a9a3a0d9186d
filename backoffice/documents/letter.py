"""Postal letters about a case: status messages for citizens without a digital channel.

A DIN 5008 (form B) letter for a window envelope: the town's head, return address and
recipient in the address field, file number, date and clerk beside it, the subject with the
file number, the message, greeting and the clerk's name (the letter is valid unsigned).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from backoffice.domain.deadlines import local_date

from .fonts import SANS
from .model import LetterData
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
from .styles import RULE, Styles, sans
from .text import MAX_MESSAGE_CHARS, format_date, para, plain
from .wording import words

MAX_SUBJECT_CHARS = 200
MAX_NAME_CHARS = 120
MAX_ENCLOSURES = 20


def render_letter(data: LetterData) -> bytes:
    """The PDF of a letter to ``data.recipient`` about case ``data.file_number``."""
    wording = words(data.language)
    styles = sans()
    font, bold = SANS.regular, SANS.bold
    day = format_date(local_date(data.sent_at), data.language)
    name = plain(data.recipient.name, font, limit=MAX_NAME_CHARS)
    subject = plain(data.subject, bold, limit=MAX_SUBJECT_CHARS)
    greeting = wording.greeting.format(name=name) if name else wording.greeting_anonymous

    story: list[Flowable] = [
        Paragraph(
            escape(subject)
            + "<br/>"
            + para(f"{wording.file_number} {data.file_number}", bold, limit=60),
            styles.subject,
        ),
        Paragraph(para(greeting, font), styles.body),
    ]
    message = plain(data.message, font, limit=MAX_MESSAGE_CHARS, multiline=True)
    for paragraph in message.split("\n\n"):
        story.append(
            Paragraph(para(paragraph, font, limit=MAX_MESSAGE_CHARS, multiline=True), styles.body)
        )
    story.append(
        KeepTogether(
            [
                Spacer(1, 3 * mm),
                Paragraph(para(wording.closing, font), styles.body),
                Paragraph(
                    para(wording.on_behalf.format(town=data.letterhead.town), font), styles.small
                ),
                Paragraph(para(data.clerk_name, font, limit=MAX_NAME_CHARS), styles.value),
                Paragraph(para(data.letterhead.office, font), styles.small),
                *_enclosures(data.enclosures[:MAX_ENCLOSURES], wording.enclosures, styles),
                Spacer(1, 4 * mm),
                Paragraph(para(wording.machine_made, font), styles.small),
            ]
        )
    )

    reference = f"{wording.file_number} {data.file_number}"

    def decorate(canv: Canvas, page: int, pages: int) -> None:
        if page == 1:
            draw_letter_head(canv, SANS, data.letterhead)
            draw_address_window(canv, SANS, wording, data.letterhead, data.recipient)
            draw_info_block(
                canv,
                SANS,
                [
                    (wording.file_number, data.file_number),
                    (wording.date, day),
                    (wording.clerk, data.clerk_name),
                ],
            )
            draw_fold_marks(canv)
        else:
            y = PAGE_HEIGHT - 14 * mm
            draw_line(canv, data.letterhead.town, font, 8, LEFT, y, CONTENT_WIDTH * 0.6)
            draw_line(canv, reference, font, 8, LEFT, y, CONTENT_WIDTH, align="right")
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(LEFT, y - 2.5 * mm, PAGE_WIDTH - RIGHT, y - 2.5 * mm)
        draw_footer(canv, SANS, wording, data.letterhead, page, pages, reference)

    setup = PageSetup(
        family=SANS,
        words=wording,
        title=subject,
        author=data.letterhead.town,
        subject=data.file_number,
        created_at=data.sent_at,
        first_top=LETTER_TEXT_TOP,
        later_top=24 * mm,
        decorate=decorate,
    )
    return build_pdf(story, setup)


def _enclosures(names: tuple[str, ...], heading: str, styles: Styles) -> list[Flowable]:
    """The DIN 5008 list of what is enclosed, below the signature (nothing if none)."""
    if not names:
        return []
    font, bold = SANS.regular, SANS.bold
    lines = [Spacer(1, 3 * mm), Paragraph(para(heading, bold), styles.value)]
    lines += [Paragraph(para(name, font, limit=MAX_NAME_CHARS), styles.small) for name in names]
    return lines
