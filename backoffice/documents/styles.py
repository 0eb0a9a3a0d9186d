"""Paragraph styles and colours of the documents, per typeface."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .fonts import SANS, SERIF, Family

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1d3f6e")
MUTED = colors.HexColor("#5a5f66")
RULE = colors.HexColor("#a7b2c0")
SHADE = colors.HexColor("#eef2f7")


@dataclass(frozen=True)
class Styles:
    family: Family
    body: ParagraphStyle
    body_centered: ParagraphStyle
    small: ParagraphStyle
    small_centered: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    group: ParagraphStyle
    title: ParagraphStyle
    title_centered: ParagraphStyle
    subject: ParagraphStyle
    name: ParagraphStyle
    code: ParagraphStyle
    url: ParagraphStyle
    code_centered: ParagraphStyle


@cache
def styles_for(family: Family) -> Styles:
    regular, bold = family.regular, family.bold
    base = ParagraphStyle(
        "base", fontName=regular, fontSize=10, leading=13.5, textColor=INK, splitLongWords=1
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"{regular}-{name}", parent=base, **kw)

    return Styles(
        family=family,
        body=style("body", spaceAfter=6),
        body_centered=style("body_centered", alignment=TA_CENTER, spaceAfter=6),
        small=style("small", fontSize=8, leading=10, textColor=MUTED),
        small_centered=style(
            "small_centered", fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER
        ),
        label=style("label", fontSize=7.5, leading=9, textColor=MUTED),
        value=style("value", fontSize=9.5, leading=11.5),
        group=style(
            "group",
            fontName=bold,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=1,
            keepWithNext=1,
        ),
        title=style(
            "title", fontName=bold, fontSize=19, leading=23, textColor=ACCENT, spaceAfter=4
        ),
        title_centered=style(
            "title_centered",
            fontName=bold,
            fontSize=24,
            leading=29,
            textColor=ACCENT,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        subject=style("subject", fontName=bold, fontSize=11, leading=14.5, spaceAfter=9),
        name=style("name", fontName=bold, fontSize=13, leading=16.5, alignment=TA_LEFT),
        code=style("code", fontName=bold, fontSize=10.5, leading=14),
        code_centered=style(
            "code_centered", fontName=bold, fontSize=9, leading=12, alignment=TA_CENTER
        ),
        url=style("url", fontSize=8, leading=10, textColor=ACCENT),
    )


def sans() -> Styles:
    return styles_for(SANS)


def serif() -> Styles:
    return styles_for(SERIF)
