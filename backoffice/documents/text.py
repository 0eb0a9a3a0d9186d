"""Citizen and template text made printable: cleaned, bounded, escaped.

reportlab Paragraphs interpret markup (``<b>``, ``<img>``, ``<link>``, entities), so every
value that did not come from this package goes through :func:`para` before it enters
one: a name like ``<b>x</b>`` is printed literally. Besides escaping, the text is

* normalised to NFC (so ``e`` + combining acute prints as ``é``);
* stripped of control and format characters, among them the bidi overrides (U+202A–E,
  U+2066–9) that could make a printed value read differently from the stored one;
* bounded: one-line values at :data:`MAX_LINE_CHARS`, multi-line values at
  :data:`MAX_TEXT_CHARS` and :data:`MAX_LINES`, cut with "…";
* limited to what the font can draw: a character without a glyph in the font (CJK in
  DejaVu, most emoji in DejaVu Serif) and every character outside the Basic Multilingual
  Plane becomes U+FFFD "�". Boxes or blanks would hide that something is missing, and
  reportlab 5.1 writes wrong text-extraction entries for characters beyond U+FFFF.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from .fonts import covers
from .wording import words

#: One-line values (names, streets, choices) are cut after this many characters.
MAX_LINE_CHARS = 300
#: Multi-line values (explanations, messages) are cut after this many characters …
MAX_TEXT_CHARS = 1_500
#: … or this many lines, whichever comes first.
MAX_LINES = 25
#: Letters carry the clerk's message, which may be longer.
MAX_MESSAGE_CHARS = 6_000
ELLIPSIS = "…"
REPLACEMENT = "\ufffd"
_DROP = {"Cc", "Cf"}  # controls and format characters (bidi overrides, zero-width, BOM)
_UNPRINTABLE = {"Cs", "Co", "Cn"}  # surrogates, private use, unassigned
_LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}
_LINE_BREAK = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85]")
#: Work on at most this many times the limit: cleaning never needs more (form values may be
#: up to 100,000 characters long).
_WORK_FACTOR = 4


def plain(value: object, font: str, *, limit: int | None = None, multiline: bool = False) -> str:
    """Printable plain text (no markup yet): see the module docstring.

    ``limit`` defaults to :data:`MAX_TEXT_CHARS` for multi-line text, else
    :data:`MAX_LINE_CHARS`.
    """
    if limit is None:
        limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    text = value if isinstance(value, str) else str(value)
    text = unicodedata.normalize("NFC", text[: max(limit, 1_000) * _WORK_FACTOR])
    if multiline:
        lines = [_line(part, font) for part in _LINE_BREAK.split(text.replace("\r\n", "\n"))]
        text = "\n".join(_squeeze_blank_lines(lines)).strip("\n")
        kept = text.split("\n")
        if len(kept) > MAX_LINES:
            text = "\n".join(kept[:MAX_LINES]).rstrip() + " " + ELLIPSIS
    else:
        text = _line(text, font)
    return truncate(text, limit)


def para(value: object, font: str, *, limit: int | None = None, multiline: bool = False) -> str:
    """Text safe to put into a reportlab Paragraph: :func:`plain`, escaped, ``<br/>`` breaks."""
    text = escape(plain(value, font, limit=limit, multiline=multiline))
    return text.replace("\n", "<br/>") if multiline else text


def truncate(text: str, limit: int) -> str:
    """Cut to at most ``limit`` characters with "…", not between a letter and its accent."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and unicodedata.combining(text[cut]):
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    """At most one empty line in a row (a paragraph break), none at the ends."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return kept


def _line(text: str, font: str) -> str:
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _LINE_BREAKS or ch == "\t":
            out.append(" ")
        elif category in _DROP:
            continue
        elif category in _UNPRINTABLE or ord(ch) > 0xFFFF or not covers(font, ch):
            out.append(REPLACEMENT)
        else:
            out.append(ch)
    return " ".join("".join(out).split())


# -- formatting of values -----------------------------------------------------------------


def format_date(day: date, language: str) -> str:
    """German ``10.03.2026``; English ``10 March 2026``."""
    if language == "en":
        return f"{day.day} {words('en').months[day.month - 1]} {day.year}"
    return day.strftime("%d.%m.%Y")


def format_money(amount: Decimal, language: str) -> str:
    """``10,00 EUR`` (de) or ``EUR 10.00`` (en); zero is "free of charge"."""
    if amount == 0:
        return words(language).free_of_charge
    text = f"{amount:,.2f}"
    if language == "en":
        return f"EUR {text}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") + " EUR"


def format_number(value: int | float | Decimal, language: str) -> str:
    text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text.replace(".", ",") if language == "de" else text


def format_value(
    value: Any, field_type: str, options: Mapping[str, str], language: str
) -> str | None:
    """A form value as the document shows it, or None when there is nothing to show.

    ``options`` maps a choice value to its label in the document language; values the
    template does not know are shown as they are (they are still data, never markup).
    """
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        wording = words(language)
        return wording.yes if value else wording.no
    if isinstance(value, int | float | Decimal):
        return format_number(value, language)
    if isinstance(value, dict):
        parts = [format_value(v, "text", {}, language) for v in value.values()]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, list):
        parts = [format_value(v, field_type, options, language) for v in value]
        return ", ".join(p for p in parts if p) or None
    text = str(value)
    if field_type == "choice" and text in options:
        return options[text]
    if field_type == "date":
        try:
            return format_date(date.fromisoformat(text), language)
        except ValueError:
            return text
    return text
