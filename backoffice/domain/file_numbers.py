"""Our file numbers ("Aktenzeichen"): ``PREFIX-YEAR-NNNNNN``, e.g. ``GEW-2026-000123``.

The prefix comes from the service template, the year from the receipt date (local
time), the counter runs per prefix and year and is allocated by the store.
"""

from __future__ import annotations

import re

FILE_NUMBER_RE = re.compile(r"^(?P<prefix>[A-Z]{2,5})-(?P<year>\d{4})-(?P<seq>\d{6,})$")


def format_file_number(prefix: str, year: int, sequence: int) -> str:
    if not re.fullmatch(r"[A-Z]{2,5}", prefix):
        raise ValueError(f"file-number prefix must be 2-5 capital letters, not {prefix!r}")
    if not 1900 <= year <= 9999:
        raise ValueError(f"implausible year {year}")
    if sequence < 1:
        raise ValueError("file-number sequence starts at 1")
    return f"{prefix}-{year:04d}-{sequence:06d}"


def parse_file_number(text: str) -> tuple[str, int, int]:
    match = FILE_NUMBER_RE.match(text.strip())
    if not match:
        raise ValueError(f"not a file number: {text!r}")
    return match["prefix"], int(match["year"]), int(match["seq"])
