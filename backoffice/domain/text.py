"""Citizen text: normalisation for search and bounds for storage.

Everything a citizen typed is data, never markup; these helpers make it safe to
store and to search, they do not make it safe to render (the UI and the PDF
renderer show it as plain text).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

#: Longest value of one form field we keep as is; longer values are cut and marked.
MAX_FIELD_CHARS = 10_000
#: The search index of one case is bounded too (it is a convenience, not the record).
MAX_SEARCH_CHARS = 4_000
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


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
