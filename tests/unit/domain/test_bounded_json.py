"""The bounded JSON parser: what it accepts is what json.loads gives; what it refuses, it says."""

from __future__ import annotations

import json

import pytest

from backoffice.domain.bounded_json import Bounds, JsonRejected, loads

BOUNDS = Bounds(max_bytes=1_000_000, max_depth=8, max_items=1_000, max_number_chars=30)


def nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        "[]",
        "1",
        '"x"',
        "null",
        '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}',
        # brackets, quotes and backslashes inside strings are no structure
        r'{"a": "[[[[[[[[[[[[[[[[[[", "b": "\\", "c": "\"]]]]}}}}", "d": "\\\"{"}',
        '{"k\\u00e4y": "J\\u00f6rg \\ud83d\\ude00", "emoji": "😀"}',
        "\ufeff[1]",
        nested(8),
        nested(4, "[{", "}]").replace("{[", '{"k":['),
    ],
)
def test_what_it_accepts_is_what_json_loads_gives(text: str) -> None:
    assert loads(text.encode("utf-8"), BOUNDS) == json.loads(text.removeprefix("\ufeff"))
    assert loads(text, BOUNDS) == json.loads(text.removeprefix("\ufeff"))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (nested(100_000).encode(), "nested deeper than 8"),
        (nested(9).encode(), "nested deeper than 8"),
        (('{"a":' * 9 + "1" + "}" * 9).encode(), "nested deeper than 8"),
        (b"[" * 5, "nested deeper than 8"),  # unbalanced
        (b"[1]" + b" " * 1_000_000, "larger than 1000000 bytes"),
        (("[" + ",".join(["0"] * 1_001) + "]").encode(), "more than 1000 values"),
        (b"[NaN]", "NaN is not a JSON value"),
        (b"[-Infinity]", "-Infinity is not a JSON value"),
        (b"[1e999]", "out of range"),
        (b"[" + b"9" * 31 + b"]", "a number longer than 30"),
        (b"[" + b"9" * 5_000 + b"]", "a number longer than 30"),
        (b'["\\ud800"]', "unpaired UTF-16 surrogate"),
        (b'{"\\udfff": 1}', "unpaired UTF-16 surrogate"),
        (b'"\xff\xfe"', "not UTF-8"),
        ("[1]".encode("utf-16"), "not UTF-8"),
        (b"", "not JSON"),
        (b"[1,]", "not JSON"),
        (b"{'a': 1}", "not JSON"),
        (b'["unterminated', "unbalanced"),
        (b'"unterminated', "not JSON"),
    ],
)
def test_what_it_refuses_it_says(raw: bytes, reason: str) -> None:
    with pytest.raises(JsonRejected, match=reason.replace("(", r"\(")):
        loads(raw, BOUNDS)


def test_an_escaped_backslash_before_a_quote_ends_the_string() -> None:
    # "\\" is one backslash; the quote after it closes the string, and the brackets count.
    assert loads(r'["\\", [[1]]]', BOUNDS) == ["\\", [[1]]]
    with pytest.raises(JsonRejected, match="nested"):
        loads(r'["\\", ' + nested(8) + "]", BOUNDS)


def test_text_with_a_raw_surrogate_is_refused() -> None:
    with pytest.raises(JsonRejected, match="surrogate"):
        loads('["\ud800"]', BOUNDS)


def test_the_default_depth_allows_real_metadata_and_refuses_the_testers_case() -> None:
    bounds = Bounds(max_bytes=10_000_000)
    assert loads(nested(32), bounds) == json.loads(nested(32))
    with pytest.raises(JsonRejected):
        loads(nested(100_000), bounds)
