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
MAX_FIELD_CHARS = 100_000
#: Deepest nesting of form data we keep; deeper structures are stored as their text.
MAX_DEPTH = 8
TRUNCATION_MARK = " […]"
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
