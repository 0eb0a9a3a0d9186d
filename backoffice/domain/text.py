"""Citizen text: normalisation for search, bounds for storage, and showing it outside Qt.

Everything a citizen typed is data, never markup. :func:`sanitise_form_data` and
:func:`search_text` make it safe to store and to search; :func:`visible_text` is the one
rule for showing it where nothing else protects it (terminal output, log lines) and
:func:`csv_cell` the same for spreadsheet exports. The UI and the PDF renderer show
citizen text as plain text by themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

#: Longest value of one form field we keep as is; longer values are cut and marked.
MAX_FIELD_CHARS = 100_000
#: Deepest nesting of form data we keep; deeper structures are stored as their text.
MAX_DEPTH = 8
TRUNCATION_MARK = " […]"
#: The search index of one case is bounded too (it is a convenience, not the record).
MAX_SEARCH_CHARS = 4_000
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
#: Shown as a marker by :func:`visible_text`: controls (C0, C1, DEL), format characters
#: (bidi embeddings, overrides, isolates and marks, zero-width characters, soft hyphen,
#: BOM, tags), surrogates, private use, unassigned code points, line/paragraph separators.
_INVISIBLE_CATEGORIES = _CONTROL | {"Zl", "Zp"}
#: Letters that draw nothing (Hangul fillers), used to fake empty or equal-looking names.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
#: What a line break becomes where only one line may be shown.
LINE_BREAK_MARK = "\u23ce"  # ⏎
ELLIPSIS = "\u2026"
#: Spreadsheet programs read a cell that starts with one of these as a formula.
_FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def normalise_for_search(text: str) -> str:
    """Case- and width-insensitive form used on both sides of a search."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(
        "".join(ch if unicodedata.category(ch) not in _CONTROL else " " for ch in text).split()
    )


def clean_line(text: str, limit: int = 200) -> str:
    """One line of display text: controls and bidi overrides removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(ch if unicodedata.category(ch) not in _CONTROL else " " for ch in text)
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def flatten_values(value: Any) -> Iterable[str]:
    """All scalar values of a (nested) form-data structure, as strings."""
    if isinstance(value, dict):
        for item in value.values():
            yield from flatten_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from flatten_values(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def search_text(*parts: str, form_data: Any = None) -> str:
    joined = " ".join([*parts, *flatten_values(form_data)])
    return normalise_for_search(joined)[:MAX_SEARCH_CHARS]


def sanitise_form_data(value: Any, depth: int = 0) -> Any:
    """Form data made storable everywhere, without changing what the citizen said.

    NUL characters (which PostgreSQL text and JSONB cannot hold) and unpaired
    surrogates become U+FFFD; strings longer than MAX_FIELD_CHARS are cut and
    marked; keys become strings; nesting deeper than MAX_DEPTH is kept as text.
    """
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return _clean_string(str(value))
        return {_clean_string(str(k)): sanitise_form_data(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        if depth >= MAX_DEPTH:
            return _clean_string(str(value))
        return [sanitise_form_data(v, depth + 1) for v in value]
    if isinstance(value, str):
        return _clean_string(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return _clean_string(str(value))


def _clean_string(text: str) -> str:
    text = text.replace("\x00", "\ufffd")
    text = text.encode("utf-8", "replace").decode("utf-8")
    if len(text) > MAX_FIELD_CHARS:
        text = text[: MAX_FIELD_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def invisible_mark(ch: str) -> str:
    """The visible stand-in of one invisible or control character, e.g. ``⟨U+202E⟩``."""
    return f"\u27e8U+{ord(ch):04X}\u27e9"


def visible_text(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """Citizen text made harmless to print to a terminal, a log line or a plain-text file.

    One rule, so that a terminal never obeys what a citizen typed (ESC/OSC sequences that
    recolour it or set its title, BEL, a CR that overwrites the line with a forged one,
    bidi overrides that reorder what is shown, zero-width characters that hide text):

    - every control, format, surrogate, private-use or unassigned character, and every
      line or paragraph separator, becomes a visible marker ``⟨U+XXXX⟩`` naming it
      (ESC is ``⟨U+001B⟩``, a right-to-left override ``⟨U+202E⟩``, NUL ``⟨U+0000⟩``);
    - a tab becomes a space;
    - a line break (LF or CR LF) is kept where ``multiline`` allows it and becomes ``⏎``
      otherwise; a CR on its own is a control like any other;
    - with ``limit``, the result is cut to at most that many characters, ending in ``…``.

    Everything else, including HTML-like text and every script, is left as typed.
    """
    if not _needs_marks(text):
        return _cut(text, limit)
    pieces: list[str] = []
    length = 0
    i = 0
    end = len(text)
    while i < end:
        ch = text[i]
        i += 1
        if ch == "\r" and i < end and text[i] == "\n":
            ch = "\n"
            i += 1
        if ch == "\n":
            piece = "\n" if multiline else LINE_BREAK_MARK
        elif ch == "\t":
            piece = " "
        elif ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            piece = invisible_mark(ch)
        else:
            piece = ch
        if limit is not None and length + len(piece) > limit:
            # Cut between pieces (never inside a marker), leaving room for the ellipsis.
            while pieces and length > limit - 1:
                length -= len(pieces.pop())
            return "".join(pieces) + ELLIPSIS if limit > 0 else ""
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)


def _needs_marks(text: str) -> bool:
    # str.isprintable() is False for every character of _INVISIBLE_CATEGORIES (and for
    # spaces other than U+0020, which are then looked at one by one and kept).
    return not text.isprintable() or not _BLANK_LETTERS.isdisjoint(text)


def _cut(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS if limit > 0 else ""


def csv_cell(value: object) -> str | int | float:
    """One cell of a CSV export: citizen text inert in a spreadsheet and in a text editor.

    Numbers stay numbers; ``None`` is empty; text goes through :func:`visible_text` (line
    breaks kept: CSV quotes them) and, when a spreadsheet would read it as a formula
    (starting with ``= + - @``, their full-width forms, a tab or a CR, also after leading
    spaces), gets a leading apostrophe so that it stays text (the OWASP rule for CSV
    injection). Write the cells with :mod:`csv` (``QUOTE_MINIMAL`` or stricter).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    raw = str(value)
    shown = visible_text(raw, multiline=True)
    if raw[:1] in ("\t", "\r") or shown.lstrip(" ")[:1] in _FORMULA_STARTS:
        return "'" + shown
    return shown
