"""The shipped service catalogue (resources/services) and the template loader's error reports.

The first half checks every template file an administrator gets with the program: it must
load, and the catalogue as a whole must be consistent (keys, file prefixes, LeiKa ids,
message placeholders). The second half feeds the loader broken templates and checks that
each `TemplateError` names the template and the offending field.
"""

from __future__ import annotations

import copy
import json
import string
from pathlib import Path
from typing import Any

import pytest

from backoffice.domain.errors import TemplateError
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate, load_template_text

CATALOGUE = Path(__file__).resolve().parents[3] / "resources" / "services"
ALLOWED_PLACEHOLDERS = {"file_number", "service_name", "given_name", "family_name"}
REQUIRED_SERVICES = {
    "birth_certificate",
    "marriage_certificate",
    "death_certificate",
    "registration_certificate_simple",
    "registration_certificate_extended",
    "dog_tax_registration",
    "dog_tax_deregistration",
    "business_registration",
    "business_change",
    "business_deregistration",
    "resident_parking_permit",
}


def _load_catalogue() -> list[ServiceTemplate]:
    return [
        load_template_text(path.read_text(encoding="utf-8"), path.name)
        for path in sorted(CATALOGUE.glob("*.json"))
    ]


@pytest.fixture(scope="module")
def catalogue() -> list[ServiceTemplate]:
    return _load_catalogue()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --------------------------------------------------------------------------- the catalogue


def test_every_template_file_loads_and_is_named_after_its_key() -> None:
    paths = sorted(CATALOGUE.glob("*.json"))
    assert paths, f"no templates in {CATALOGUE}"
    for path in paths:
        template = load_template_text(path.read_text(encoding="utf-8"), path.name)
        assert path.stem == template.key


def test_catalogue_has_at_least_the_eleven_services(catalogue: list[ServiceTemplate]) -> None:
    keys = {t.key for t in catalogue}
    assert len(catalogue) >= 11
    assert keys >= REQUIRED_SERVICES


def test_keys_prefixes_and_leika_ids_are_unique(catalogue: list[ServiceTemplate]) -> None:
    for attribute in ("key", "file_prefix", "leika"):
        values = [getattr(t, attribute) for t in catalogue]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        assert not duplicates, f"{attribute} used more than once: {duplicates}"


def test_every_leika_id_says_where_it_comes_from(catalogue: list[ServiceTemplate]) -> None:
    for template in catalogue:
        note = template.raw.get("leika_note", "")
        assert note, f"{template.key}: leika_note missing"
        if template.leika_confirmed:
            assert "http" in note, f"{template.key}: a confirmed LeiKa id needs a source URL"
        else:
            assert note.startswith("not confirmed:"), template.key


def test_message_placeholders_are_the_allowed_four(catalogue: list[ServiceTemplate]) -> None:
    values = {name: f"<{name}>" for name in ALLOWED_PLACEHOLDERS}
    for template in catalogue:
        for status, text in template.messages.items():
            for language in ("de", "en"):
                message = text.get(language)
                used = _placeholders(message)
                assert used <= ALLOWED_PLACEHOLDERS, (template.key, status, language, used)
                message.format(**values)  # no stray braces


def test_every_state_has_a_message_in_both_languages(catalogue: list[ServiceTemplate]) -> None:
    for template in catalogue:
        for state in template.workflow.states:
            assert template.messages[state].de.strip()
            assert template.messages[state].en.strip()


def test_choice_fields_have_options_and_free_text_is_bounded(
    catalogue: list[ServiceTemplate],
) -> None:
    for template in catalogue:
        for group in template.field_groups:
            for field in group.fields:
                where = f"{template.key}.{group.key}.{field.key}"
                if field.type == "choice":
                    assert field.options, where
                    values = [value for value, _ in field.options]
                    assert len(values) == len(set(values)), where
                if field.type in ("text", "multiline"):
                    assert field.max_length, f"{where}: free text needs max_length"


def test_applicant_group_has_name_contact_and_address(catalogue: list[ServiceTemplate]) -> None:
    expected = {
        "given_name",
        "family_name",
        "birth_date",
        "email",
        "phone",
        "street",
        "house_number",
        "postal_code",
        "city",
    }
    for template in catalogue:
        applicant = next(g for g in template.field_groups if g.key == "applicant")
        assert {f.key for f in applicant.fields} >= expected, template.key


def test_workflow_requirements_protect_the_citizen(catalogue: list[ServiceTemplate]) -> None:
    for template in catalogue:
        for transition in template.workflow.transitions:
            edge = (template.key, transition.source.value, transition.target.value)
            if transition.target is Status.REJECTED:
                assert {"comment", "message"} <= transition.requires, edge
            if transition.target is Status.WAITING_FOR_CITIZEN:
                assert "message" in transition.requires, edge
            if transition.target is Status.COMPLETED and template.certificate is not None:
                assert "document" in transition.requires, edge


def test_fees_are_euro_amounts(catalogue: list[ServiceTemplate]) -> None:
    for template in catalogue:
        assert template.fee >= 0
        assert template.raw["fee"].get("currency", "EUR") == "EUR"
    by_key = {t.key: t for t in catalogue}
    assert by_key["dog_tax_registration"].fee == 0  # the tax itself is assessed separately


# --------------------------------------------------------------------------- loader errors


def _minimal() -> dict[str, Any]:
    def text(de: str, en: str) -> dict[str, str]:
        return {"de": de, "en": en}

    states = ["received", "in_progress", "completed", "rejected"]
    return {
        "key": "sample_service",
        "version": 1,
        "leika": "urn:de:fim:leika:leistung:00000000000099",
        "file_prefix": "SMP",
        "name": text("Beispiel", "Sample"),
        "processing_days": 5,
        "fee": {"amount": "0.00"},
        "field_groups": [
            {
                "key": "applicant",
                "label": text("Antragsteller", "Applicant"),
                "fields": [
                    {"key": "given_name", "label": text("Vorname", "Given name"), "type": "text"},
                    {"key": "family_name", "label": text("Name", "Family name"), "type": "text"},
                ],
            }
        ],
        "workflow": {
            "states": states,
            "transitions": [
                {"from": "received", "to": "in_progress"},
                {"from": "in_progress", "to": "completed"},
                {"from": "in_progress", "to": "rejected", "requires": ["comment", "message"]},
            ],
        },
        "messages": {s: text(f"Status {s}", f"Status {s}") for s in states},
    }


def _load(raw: dict[str, Any]) -> ServiceTemplate:
    return load_template_text(json.dumps(raw, ensure_ascii=False, indent=2), "sample.json")


def test_minimal_template_is_valid() -> None:
    assert _load(_minimal()).key == "sample_service"


def test_json_syntax_error_names_file_and_line() -> None:
    text = '{\n  "key": "sample_service",\n  "version": 1,,\n}\n'
    with pytest.raises(TemplateError) as caught:
        load_template_text(text, "broken.json")
    assert caught.value.template == "broken.json"
    assert caught.value.field.startswith("line 3,")
    assert "not valid JSON" in caught.value.problem


def test_unknown_key_is_reported_with_its_place() -> None:
    raw = _minimal()
    raw["colour"] = "blue"
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$"
    assert "unknown key" in caught.value.problem
    assert "colour" in caught.value.problem


def test_unknown_key_inside_a_field_points_at_the_field() -> None:
    raw = _minimal()
    raw["field_groups"][0]["fields"][1]["placeholder"] = "Mustermann"
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.field_groups[0].fields[1]"
    assert "unknown key" in caught.value.problem


def test_transition_outside_the_core_graph_is_refused() -> None:
    raw = _minimal()
    raw["workflow"]["transitions"].append({"from": "received", "to": "completed"})
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.workflow.transitions[3]"
    assert "not a transition of the core workflow" in caught.value.problem


def test_missing_message_for_a_state_is_refused() -> None:
    raw = _minimal()
    del raw["messages"]["in_progress"]
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.messages.in_progress"
    assert "missing" in caught.value.problem


def test_missing_translation_of_a_message_is_refused() -> None:
    raw = _minimal()
    del raw["messages"]["completed"]["en"]
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.messages.completed"
    assert "'en'" in caught.value.problem


@pytest.mark.parametrize("name_field", ["given_name", "family_name"])
def test_missing_applicant_name_field_is_refused(name_field: str) -> None:
    raw = _minimal()
    fields = raw["field_groups"][0]["fields"]
    raw["field_groups"][0]["fields"] = [f for f in fields if f["key"] != name_field]
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.field_groups[applicant]"
    assert name_field in caught.value.problem


def test_choice_field_without_options_is_refused() -> None:
    raw = _minimal()
    raw["field_groups"][0]["fields"].append(
        {"key": "purpose", "label": {"de": "Zweck", "en": "Purpose"}, "type": "choice"}
    )
    with pytest.raises(TemplateError) as caught:
        _load(raw)
    assert caught.value.template == "sample_service"
    assert caught.value.field == "$.field_groups[0].fields[2].options"


def test_every_shipped_template_survives_a_round_trip(catalogue: list[ServiceTemplate]) -> None:
    for template in catalogue:
        again = load_template_text(json.dumps(copy.deepcopy(dict(template.raw))), template.key)
        assert again == template
