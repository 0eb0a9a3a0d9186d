"""The form schema of a service: required fields need something visible; unknown fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from backoffice.domain.forms import form_schema, is_blank, unknown_fields
from backoffice.domain.templates import load_template_text

ROOT = Path(__file__).parents[3]
TEMPLATE = load_template_text(
    (ROOT / "resources/services/dog_tax_registration.json").read_text("utf-8"), "dog"
)


def filled() -> dict[str, Any]:
    """Every required field of the dog tax form filled in."""
    data: dict[str, Any] = {}
    for group in TEMPLATE.field_groups:
        data[group.key] = {
            field.key: {
                "date": "2026-01-31",
                "boolean": False,
                "number": 1,
                "choice": field.options[0][0] if field.options else "x",
            }.get(field.type, "Jö")
            for field in group.fields
            if field.required
        }
    return data


def errors(data: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(form_schema(TEMPLATE))
    return [error.json_path for error in validator.iter_errors(data)]


def test_a_filled_form_is_valid() -> None:
    assert errors(filled()) == []


@pytest.mark.parametrize(
    "blank", ["", " ", "   ", "\t\n\r ", "\u00a0\u2003", "\u200b", "\u200d\u00ad\ufeff", "\u3164"]
)
def test_a_required_field_of_only_spaces_or_invisible_characters_is_empty(blank: str) -> None:
    data = filled()
    data["applicant"]["family_name"] = blank
    data["origin"]["dogs_in_household"] = blank  # a number field that takes text too
    assert errors(data) == ["$.applicant.family_name", "$.origin.dogs_in_household"]
    assert is_blank(blank)


def test_text_with_something_visible_is_filled() -> None:
    data = filled()
    data["applicant"]["family_name"] = "  Ö  "
    data["applicant"]["given_name"] = "\u200bAnna"
    assert errors(data) == []
    assert not is_blank(" a ") and not is_blank(0) and not is_blank(False)
    assert is_blank(None)


def test_optional_fields_may_stay_blank() -> None:
    data = filled()
    data["applicant"]["phone"] = "   "
    data["dog"]["colour"] = ""
    assert errors(data) == []


def test_unknown_fields_are_named_by_their_path() -> None:
    data = filled()
    data["applicant"]["nickname"] = "Hasso"
    data["portal"] = {"tracking": "x-1"}
    data["note"] = "free text"
    data["dog"] = data["dog"] | {"dog_name": "Rex"}
    assert unknown_fields(TEMPLATE, data) == [
        ("applicant", "nickname"),
        ("portal", "tracking"),
        ("note",),
    ]
    data["origin"] = "not an object"  # a known group whose fields cannot be shown
    assert ("origin",) in unknown_fields(TEMPLATE, data)
    assert unknown_fields(TEMPLATE, filled()) == []
