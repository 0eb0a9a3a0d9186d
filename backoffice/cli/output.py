"""Terminal output: plain tables, ``key: value`` lines, JSON, a progress bar, argument types.

Whatever a command prints that may hold citizen text (names, form values, file names,
notes, error messages) goes through :func:`backoffice.domain.text.visible_text`, the one
rule for showing citizen text outside Qt: control and bidi characters become visible
markers such as ``⟨U+001B⟩``, so that the terminal never obeys them and no line can be
forged. JSON output is escaped the same way (as ``\\uXXXX``).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backoffice.domain.deadlines import BERLIN
from backoffice.domain.text import visible_text
from backoffice.services.progress import Progress

#: What every time the command line prints is in; said in headers and --help.
TIME_ZONE_NAME = "Europe/Berlin"
#: Longest error message printed (the rest is cut and marked).
MAX_ERROR_CHARS = 2_000


def local_time(moment: datetime | None) -> str:
    """A stored (UTC) moment as Berlin wall-clock time, ``YYYY-MM-DD HH:MM``."""
    return moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") if moment else "-"


def iso_time(moment: datetime | None) -> str | None:
    """A stored moment in ISO 8601 with its Berlin offset, e.g. ``2026-11-25T14:03:00+01:00``."""
    return moment.astimezone(BERLIN).isoformat(timespec="seconds") if moment else None


def error_text(message: object) -> str:
    """An error message for stderr: one line, citizen text in it made visible."""
    return visible_text(str(message), limit=MAX_ERROR_CHARS)


def print_fields(pairs: Sequence[tuple[str, object]], indent: str = "") -> None:
    """``key: value`` lines, the keys aligned; values shown by the one rule (one line each)."""
    width = max((len(key) for key, _ in pairs), default=0)
    for key, value in pairs:
        print(f"{indent}{key + ':':<{width + 1}} {visible_text(str(value))}".rstrip())


def print_json(value: Any) -> None:
    """``value`` as indented JSON; invisible and control characters escaped as ``\\uXXXX``.

    JSON escapes C0 controls by itself; DEL, C1 controls, bidi and zero-width characters,
    line separators and lone surrogates would reach the terminal raw, so they are escaped
    here too (the result is the same JSON for any parser)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    print("\n".join(_inert_json_line(line) for line in text.split("\n")))


def _inert_json_line(line: str) -> str:
    if line.isprintable():
        return line
    return "".join(ch if ch.isprintable() or ch == " " else _json_escape(ch) for ch in line)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # as a surrogate pair, as JSON wants
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    if unicodedata.category(ch) == "Zs":
        return ch  # a space of another width: visible as a space, and valid JSON
    return f"\\u{code:04x}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [len(h) for h in headers]
    clipped = [[_cell(c) for c in row] for row in rows]
    for row in clipped:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in clipped:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: str, limit: int = 40) -> str:
    # Table cells hold citizen text: the one rule, and a bounded width.
    return visible_text(value, limit=limit)


class ProgressBar:
    """A one-line progress bar on stderr when it is a terminal; a line per tenth otherwise."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.tty = sys.stderr.isatty()
        self._last_tenth = -1

    def __call__(self, progress: Progress) -> None:
        if progress.total <= 0:
            return
        share = min(1.0, progress.done / progress.total)
        if self.tty:
            filled = int(share * self.width)
            sys.stderr.write(
                f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{progress.done}/{progress.total} {progress.phase:<10}"
            )
            sys.stderr.flush()
        elif int(share * 10) != self._last_tenth:
            self._last_tenth = int(share * 10)
            print(
                f"{self.label} {progress.done}/{progress.total} {progress.phase}", file=sys.stderr
            )

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def positive(text: str) -> int:
    """argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
