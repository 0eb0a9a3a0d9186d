"""Small domain rules: roles, file numbers, citizen text, template placeholders, workflow."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from backoffice.domain.errors import RequirementMissing, TemplateError, TransitionError
from backoffice.domain.file_numbers import format_file_number, parse_file_number
from backoffice.domain.roles import PERMISSIONS, Permission, Role, has_permission
from backoffice.domain.status import CORE_TRANSITIONS, OPEN_STATUSES, Status
from backoffice.domain.templates import parse_template, render_text
from backoffice.domain.text import (
    MAX_FIELD_CHARS,
    MAX_SEARCH_CHARS,
    clean_line,
    normalise_for_search,
    sanitise_form_data,
    search_text,
)

BIRTH = json.loads(
    (Path(__file__).parents[3] / "resources/services/birth_certificate.json").read_text("utf-8")
)


def test_roles_are_nested_and_only_administrators_configure() -> None:
    assert PERMISSIONS[Role.CLERK] < PERMISSIONS[Role.TEAM_LEAD] < PERMISSIONS[Role.ADMINISTRATOR]
    assert not has_permission(Role.CLERK, Permission.ASSIGN_CASES)
    assert has_permission(Role.TEAM_LEAD, Permission.ASSIGN_CASES)
    assert not has_permission(Role.TEAM_LEAD, Permission.MANAGE_TEMPLATES)
    assert has_permission(Role.ADMINISTRATOR, Permission.MANAGE_USERS)


def test_file_numbers_round_trip_and_refuse_nonsense() -> None:
    assert format_file_number("GEW", 2026, 123) == "GEW-2026-000123"
    assert parse_file_number("GEW-2026-000123") == ("GEW", 2026, 123)
    assert parse_file_number("GEW-2026-1234567") == ("GEW", 2026, 1234567)
    for bad in (("gew", 2026, 1), ("GEWERBE", 2026, 1), ("GEW", 26, 1), ("GEW", 2026, 0)):
        with pytest.raises(ValueError):
            format_file_number(*bad)
    with pytest.raises(ValueError):
        parse_file_number("GEW-2026-12")


def test_core_workflow_withdrawal_from_every_open_state_only() -> None:
    for status in OPEN_STATUSES:
        assert (status, Status.WITHDRAWN) in CORE_TRANSITIONS
    assert not any(source is Status.COMPLETED for source, _ in CORE_TRANSITIONS)
    assert Status.WAITING_FOR_CITIZEN.pauses_deadline
    assert not Status.IN_PROGRESS.pauses_deadline


def test_search_normalisation_is_case_width_and_control_insensitive() -> None:
    assert normalise_for_search("GROSSMANN") == normalise_for_search("Großmann")
    assert normalise_for_search("Ｍüller\u0000\u202e  Weg") == "müller weg"
    text = search_text("GEB-2026-000001", "Anna", form_data={"a": {"b": "x" * 10_000}})
    assert len(text) == MAX_SEARCH_CHARS


def test_clean_line_removes_controls_and_bounds() -> None:
    assert clean_line("a\u202eb\nc\td") == "a b c d"
    assert clean_line("x" * 300, 10) == "x" * 9 + "…"


def test_sanitise_form_data_keeps_meaning_and_bounds() -> None:
    nested: dict = {"v": "leaf"}
    for _ in range(12):
        nested = {"n": nested}
    data = {
        "a": {"name": "Jörg\u0000", "n": 3, "b": True, "none": None, "lst": ["x", 1.5]},
        "long": "y" * (MAX_FIELD_CHARS + 10),
        "deep": nested,
        "surrogate": "\ud800x",
    }
    clean = sanitise_form_data(data)
    assert clean["a"] == {"name": "Jörg\ufffd", "n": 3, "b": True, "none": None, "lst": ["x", 1.5]}
    assert len(clean["long"]) == MAX_FIELD_CHARS and clean["long"].endswith("[…]")
    assert isinstance(json.dumps(clean), str)
    assert "\ud800" not in clean["surrogate"]


def test_workflow_check_names_what_is_missing() -> None:
    template = parse_template(copy.deepcopy(BIRTH))
    with pytest.raises(TransitionError):
        template.workflow.check(Status.RECEIVED, Status.COMPLETED)
    with pytest.raises(RequirementMissing) as missing:
        template.workflow.check(Status.IN_PROGRESS, Status.COMPLETED)
    assert missing.value.details["missing"] == ("document",)
    assert template.workflow.check(Status.IN_PROGRESS, Status.COMPLETED, has_document=True)


def test_unknown_placeholder_in_a_message_is_refused() -> None:
    raw = copy.deepcopy(BIRTH)
    raw["messages"]["received"]["de"] = "Ihr Antrag {filenumber} ist da."
    with pytest.raises(TemplateError) as error:
        parse_template(raw)
    assert error.value.template == "birth_certificate"
    assert error.value.field == "$.messages.received.de"
    assert "{filenumber}" in error.value.problem
    raw["messages"]["received"]["de"] = "Kaputt {file_number"
    with pytest.raises(TemplateError, match="broken placeholder"):
        parse_template(raw)


def test_render_text_fills_known_placeholders_only() -> None:
    text = "Ihr Antrag {file_number} ({service_name}), {given_name} {family_name}"
    values = {"file_number": "GEB-2026-000001", "given_name": "<b>Jörg</b>"}
    assert render_text(text, values) == "Ihr Antrag GEB-2026-000001 (), <b>Jörg</b> "
