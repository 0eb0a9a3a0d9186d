"""The one rule for showing citizen text outside Qt, and CSV cells."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest

from backoffice.domain.text import LINE_BREAK_MARK, csv_cell, invisible_mark, visible_text

#: What a hostile citizen types, and what must never reach a terminal raw.
HOSTILE = [
    "\x1b]0;pwned\x07",  # OSC: set the window title, ended by BEL
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b[31mred\x1b[0m",  # CSI: colour
    "\x1b[2J\x1b[H",  # clear the screen
    "\x9b31m",  # C1 CSI
    "ring\x07",
    "Müller\rFee paid: yes",
    "back\x08\x08\x08\x08space",
    "\u202eevil.exe\u202c",
    "\u2066isolate\u2069 \u200e\u200f\u061c",
    "NUL\x00here",
    "zero\u200bwidth\u200d\u200cjoin\ufeff\u00ad",
    "\u3164",  # a Hangul filler: a "name" that draws nothing
    "del\x7f",
    "line\u2028separator\u2029",
    "\ud800 lone surrogate",
    "tag\U000e0041",
]
#: Characters of HOSTILE that may never appear in what visible_text returns.
RAW = {ch for text in HOSTILE for ch in text if not ch.isprintable() and ch != " "} | {"\u3164"}


def test_every_hostile_character_becomes_a_visible_marker() -> None:
    for text in HOSTILE:
        for multiline in (False, True):
            shown = visible_text(text, multiline=multiline)
            assert not RAW & set(shown), (text, shown)
            assert shown.isprintable()
            shown.encode("utf-8")  # a lone surrogate would not even print


def test_markers_name_the_character() -> None:
    assert visible_text("\x1b]0;pwned\x07") == "⟨U+001B⟩]0;pwned⟨U+0007⟩"
    assert visible_text("Müller\rFee paid: yes") == "Müller⟨U+000D⟩Fee paid: yes"
    assert visible_text("a\u202eb") == "a⟨U+202E⟩b"
    assert visible_text("\x00") == invisible_mark("\x00") == "⟨U+0000⟩"
    assert visible_text("\U000e0041") == "⟨U+E0041⟩"


def test_line_breaks_only_where_allowed() -> None:
    text = "Hauptstraße 1\r\n12345 Musterstadt\nDeutschland"
    assert visible_text(text) == f"Hauptstraße 1{LINE_BREAK_MARK}12345 Musterstadt" + (
        f"{LINE_BREAK_MARK}Deutschland"
    )
    assert visible_text(text, multiline=True) == "Hauptstraße 1\n12345 Musterstadt\nDeutschland"
    # A CR on its own is no line break: it would overwrite the line.
    assert visible_text("a\rb", multiline=True) == "a⟨U+000D⟩b"
    assert visible_text("a\tb") == "a b"


def test_ordinary_text_is_left_as_typed() -> None:
    for text in [
        "Müller-Lüdenscheidt",
        "<b>bold</b> & <script>",
        "李小龍",
        "محمد",
        "👍",
        "a\u00a0b",
    ]:
        assert visible_text(text) == text
    combined = unicodedata.normalize("NFD", "é")  # a combining accent is visible
    assert visible_text(combined) == combined


def test_limit_cuts_between_markers() -> None:
    assert visible_text("x" * 100_000, limit=40) == "x" * 39 + "…"
    cut = visible_text("abc\x1bdef", limit=8)
    assert cut == "abc…" and len(cut) <= 8
    assert visible_text("abc\x1b", limit=11) == "abc⟨U+001B⟩"
    long = visible_text("\x1b" * 100_000, limit=500)
    assert len(long) <= 500 and "\x1b" not in long


def test_long_fields_are_handled_whole() -> None:
    text = ("\x1b[31m" + "a" * 995) * 100  # 100,000 characters
    shown = visible_text(text, multiline=True)
    assert "\x1b" not in shown and shown.count("⟨U+001B⟩") == 100


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+49 170 1234567", "'+49 170 1234567"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("＝1+1", "'＝1+1"),
        ("\t=1", "' =1"),
        ("\r=1", "'⟨U+000D⟩=1"),
        ("Müller", "Müller"),
        ("a=b", "a=b"),
        ("line 1\nline 2", "line 1\nline 2"),
        ("\x1b]0;x\x07", "⟨U+001B⟩]0;x⟨U+0007⟩"),
        (None, ""),
        (True, "yes"),
        (-5, -5),
        (2.5, 2.5),
    ],
)
def test_csv_cells(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_csv_cells_survive_a_round_trip() -> None:
    values = ["=cmd|' /C calc'!A0", "Müller\rFee paid: yes", "zwei\nZeilen", '"quoted"', "-3"]
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(v) for v in values])
    assert "\r" not in out.getvalue().rstrip("\r\n")  # only the row's own line end
    (row,) = csv.reader(io.StringIO(out.getvalue()))
    assert row[0].startswith("'=") and row[1] == "Müller⟨U+000D⟩Fee paid: yes"
    assert row[2] == "zwei\nZeilen" and row[3] == '"quoted"' and row[4] == "'-3"
