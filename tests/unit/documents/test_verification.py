"""Verification codes: format, randomness, forgiving read-back, address."""

from __future__ import annotations

import re

import pytest

from backoffice.documents import new_code, normalise_code, verification_url
from backoffice.documents.verification import ALPHABET

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_a_code_is_twelve_crockford_characters_in_groups_of_four() -> None:
    for _ in range(200):
        code = new_code()
        assert CODE.match(code), code
        assert set(code.replace("-", "")) <= set(ALPHABET)


def test_codes_do_not_repeat() -> None:
    codes = {new_code() for _ in range(20_000)}
    assert len(codes) == 20_000


@pytest.mark.parametrize(
    "typed",
    ["7KQ4-M2XA-9PVD", "7kq4m2xa9pvd", " 7KQ4 M2XA 9PVD ", "7kq4-m2xa-9pvd", "7KQ4—M2XA9PVD"],
)
def test_typed_codes_are_read_back(typed: str) -> None:
    expected = "7KQ4-M2XA-9PVD"
    if "—" in typed:  # an em dash is not a separator we forgive
        assert normalise_code(typed) is None
    else:
        assert normalise_code(typed) == expected


def test_look_alike_letters_count_as_digits() -> None:
    assert normalise_code("OIL0-1111-0000") == "0110-1111-0000"


@pytest.mark.parametrize("typed", ["", "ABC", "7KQ4-M2XA-9PV", "7KQ4-M2XA-9PVDX", "7KQ4-M2XA-9PVU"])
def test_what_cannot_be_a_code_is_refused(typed: str) -> None:
    assert normalise_code(typed) is None


def test_verification_url() -> None:
    assert (
        verification_url("https://musterstadt.de/pruefen/", "7KQ4-M2XA-9PVD")
        == "https://musterstadt.de/pruefen/7KQ4-M2XA-9PVD"
    )
    assert verification_url("https://x.example/p", "A") == "https://x.example/p/A"
