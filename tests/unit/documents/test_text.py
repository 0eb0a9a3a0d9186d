"""Citizen text made printable: escaped, cleaned, bounded, limited to the font's glyphs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backoffice.documents.fonts import SANS, SERIF, register_fonts
from backoffice.documents.text import (
    ELLIPSIS,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_TEXT_CHARS,
    REPLACEMENT,
    format_date,
    format_money,
    format_value,
    para,
    plain,
    truncate,
)

FONT = SANS.regular


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    register_fonts()


def test_markup_is_escaped() -> None:
    assert (
        para("<b>x</b><img src=x> & Co", FONT) == "&lt;b&gt;x&lt;/b&gt;&lt;img src=x&gt; &amp; Co"
    )
    assert para("&amp; &#60;", FONT) == "&amp;amp; &amp;#60;"


def test_combining_characters_are_composed() -> None:
    assert plain("Jo\u0308rg", FONT) == "Jörg"


@pytest.mark.parametrize(
    "control",
    ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200b", "\ufeff", "\x00", "\x07"],
)
def test_bidi_overrides_and_controls_are_removed(control: str) -> None:
    assert plain(f"ab{control}cd", FONT) == "abcd"


def test_whitespace_is_collapsed_on_one_line() -> None:
    assert plain("  a \t b\nc\u2028d  ", FONT) == "a b c d"


def test_characters_outside_the_font_become_replacement_characters() -> None:
    assert plain("漢字 ok", FONT) == f"{REPLACEMENT}{REPLACEMENT} ok"
    # Beyond the Basic Multilingual Plane: replaced even where DejaVu Sans has a glyph,
    # because reportlab writes broken text-extraction entries for them.
    assert plain("a😀b", FONT) == f"a{REPLACEMENT}b"
    # DejaVu Serif has no Arabic; DejaVu Sans has.
    assert plain("سلام", SANS.regular) == "سلام"
    assert plain("سلام", SERIF.regular) == REPLACEMENT * 4


def test_unpaired_surrogates_and_private_use_become_replacement_characters() -> None:
    assert plain("a\ud800b\ue000c", FONT) == f"a{REPLACEMENT}b{REPLACEMENT}c"


def test_long_values_are_cut_with_an_ellipsis() -> None:
    long = "x" * 5_000
    cut = plain(long, FONT)
    assert len(cut) == MAX_LINE_CHARS
    assert cut.endswith(ELLIPSIS)
    assert len(plain(long, FONT, limit=10)) == 10


def test_a_cut_never_separates_a_letter_from_its_accent() -> None:
    # "q" + combining ring has no precomposed form, so NFC keeps two code points.
    text = "ab" + "q\u030a" * 10
    assert truncate(text, 6) == "abq\u030a" + ELLIPSIS  # not "abq\u030aq…"
    assert truncate(text, 7) == "abq\u030aq\u030a" + ELLIPSIS


def test_multiline_text_keeps_paragraphs_but_is_bounded() -> None:
    text = "first line\r\nsecond line\n\n\n\nnew paragraph\n"
    assert plain(text, FONT, multiline=True) == "first line\nsecond line\n\nnew paragraph"
    assert para("a<b>\nb", FONT, multiline=True) == "a&lt;b&gt;<br/>b"
    many = "\n".join(f"line {i}" for i in range(100))
    kept = plain(many, FONT, multiline=True, limit=MAX_TEXT_CHARS)
    assert kept.count("\n") == MAX_LINES - 1
    assert kept.endswith(ELLIPSIS)


def test_huge_values_are_cheap() -> None:
    assert len(plain("y" * 100_000, FONT)) == MAX_LINE_CHARS


def test_dates_money_and_values() -> None:
    assert format_date(date(2026, 3, 1), "de") == "01.03.2026"
    assert format_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert format_money(Decimal("1234.50"), "de") == "1.234,50 EUR"
    assert format_money(Decimal("10.00"), "en") == "EUR 10.00"
    assert format_money(Decimal("0.00"), "de") == "gebührenfrei"
    options = {"self": "Ich selbst"}
    assert format_value("self", "choice", options, "de") == "Ich selbst"
    assert format_value("unknown", "choice", options, "de") == "unknown"
    assert format_value(True, "boolean", {}, "de") == "Ja"
    assert format_value(False, "boolean", {}, "en") == "No"
    assert format_value("2026-02-03", "date", {}, "de") == "03.02.2026"
    assert format_value("not a date", "date", {}, "de") == "not a date"
    assert format_value(2.5, "number", {}, "de") == "2,5"
    assert format_value(3.0, "number", {}, "de") == "3"
    assert format_value(["a", None, "b"], "text", {}, "de") == "a, b"
    assert format_value({"x": "a", "y": 1}, "text", {}, "de") == "a, 1"
    empty: object
    for empty in (None, "", [], {}):
        assert format_value(empty, "text", {}, "de") is None
