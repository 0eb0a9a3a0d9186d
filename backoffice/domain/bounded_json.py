"""JSON from outside, parsed within bounds: size, nesting depth, item count, number length.

``json.loads`` recurses once per nesting level and gives up with ``RecursionError`` near
1,000 levels (what a citizen's ``[[[…]]]`` reaches in 2 kB); it turns ``1e999`` into
infinity and accepts ``NaN`` (which neither PostgreSQL nor strict JSON can store); a number
of 5,000 digits raises ``ValueError`` of its own. :func:`loads` checks the bounds *before*
parsing, on a skeleton of the text (strings removed, only brackets and separators kept),
so that the parser never sees a document it could choke on, and every refusal is one
:class:`JsonRejected` with a reason for the sender.

The skeleton costs a few passes over the bytes in C: about 10 ms per megabyte of text
full of short strings (json.loads itself takes about 7), some microseconds for a form of a
few kilobytes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

#: Deeper than this is no form or metadata a portal sends (the metadata schema needs 6).
DEFAULT_MAX_DEPTH = 32
#: Values (array items and object members) in one document.
DEFAULT_MAX_ITEMS = 100_000
#: Characters of one number literal: enough for any float or 64-bit integer, with room.
DEFAULT_MAX_NUMBER_CHARS = 100


class JsonRejected(ValueError):
    """The text is not JSON, or not within the bounds; ``str()`` says which, in one line."""


@dataclass(frozen=True)
class Bounds:
    max_bytes: int
    max_depth: int = DEFAULT_MAX_DEPTH
    max_items: int = DEFAULT_MAX_ITEMS
    max_number_chars: int = DEFAULT_MAX_NUMBER_CHARS


#: Every byte but quotes and structure, to delete for the skeleton.
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'"[]{},')))
_STRING = re.compile(rb'"[^"]*"')
_LEAF = re.compile(rb"\[\]|\{\}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def loads(raw: bytes | str, bounds: Bounds) -> Any:
    """``raw`` (UTF-8 bytes or text) parsed, or :class:`JsonRejected` saying why not."""
    if len(raw) > bounds.max_bytes:
        raise JsonRejected(f"larger than {bounds.max_bytes} bytes")
    if isinstance(raw, bytes):
        utf8 = raw
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonRejected(f"not UTF-8 (byte {exc.start})") from None
    else:
        text = raw
        try:
            utf8 = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise JsonRejected("the text holds an unpaired surrogate") from None
    text = text.removeprefix("\ufeff")  # RFC 8259 §8.1: a parser may ignore a BOM
    _check_structure(utf8, bounds)
    number = _numbers(bounds.max_number_chars)
    try:
        value = json.loads(
            text, parse_int=number.integer, parse_float=number.real, parse_constant=_constant
        )
    except JsonRejected:
        raise
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise JsonRejected(f"not JSON: {str(exc)[:200]}") from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise JsonRejected("a string holds an unpaired UTF-16 surrogate (not Unicode text)")
    return value


def _check_structure(utf8: bytes, bounds: Bounds) -> None:
    """Depth and item count from the skeleton: strings out, only ``[]{},`` left.

    Escaped backslashes, then escaped quotes, go first (left to right, as a parser reads
    them); what remains between two quotes is a string, whatever it holds.
    """
    if b"\\" in utf8:
        utf8 = utf8.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = _STRING.sub(b"", utf8.translate(None, _NOT_STRUCTURE))
    items = skeleton.count(b",")
    if items >= bounds.max_items:
        raise JsonRejected(f"more than {bounds.max_items} values")
    brackets = skeleton.replace(b",", b"").replace(b'"', b"")  # a quote left: unterminated
    # Each pass removes the innermost (empty) containers: a tree of depth d is gone after
    # d passes. What is left after max_depth passes is deeper, or brackets that do not pair
    # (then it is no JSON either).
    for _ in range(bounds.max_depth):
        if not brackets:
            return
        brackets = _LEAF.sub(b"", brackets)
    if brackets:
        raise JsonRejected(f"nested deeper than {bounds.max_depth} levels, or unbalanced")


class _numbers:
    """Number literals within a length, finite; integers stay exact."""

    def __init__(self, max_chars: int) -> None:
        self._max = max_chars

    def _check(self, literal: str) -> None:
        if len(literal) > self._max:
            raise JsonRejected(f"a number longer than {self._max} characters")

    def integer(self, literal: str) -> int:
        self._check(literal)
        return int(literal)

    def real(self, literal: str) -> float:
        self._check(literal)
        value = float(literal)
        if not math.isfinite(value):
            raise JsonRejected(f"the number {literal[:40]} is out of range")
        return value


def _constant(name: str) -> Any:
    raise JsonRejected(f"{name} is not a JSON value")


def _has_lone_surrogate(value: Any) -> bool:
    """True if any string (key or value) holds a surrogate; iterative, the depth is bounded."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if not item.isascii() and any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


__all__ = ["Bounds", "JsonRejected", "loads"]
