"""Terminal output: plain tables, a progress bar, argument types."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from backoffice.services.progress import Progress


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
    # Terminal output of citizen text: no control characters, bounded width.
    text = "".join(ch if ch.isprintable() else " " for ch in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
