"""Generated form data is what the back office accepts: valid against each service's form schema."""

from __future__ import annotations

import random

import jsonschema
import pytest

from backoffice.domain.forms import form_schema
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.catalogue import read_catalogue
from backoffice.simulator.citizens import Citizen, fill_form

TEMPLATES = read_catalogue()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_forms_are_valid_for_their_service(template: ServiceTemplate) -> None:
    validator = jsonschema.Draft202012Validator(form_schema(template))
    rng = random.Random(template.key)
    for _ in range(40):
        form = fill_form(dict(template.raw), rng)
        errors = [e.message for e in validator.iter_errors(form)]
        assert errors == [], form


def test_a_citizen_is_consistent() -> None:
    rng = random.Random(4)
    for _ in range(50):
        citizen = Citizen(rng)
        assert citizen.email.endswith("@example.org") and citizen.email.isascii()
        assert citizen.full_name == f"{citizen.given_name} {citizen.family_name}"
        assert len(citizen.postal_code) == 5


def test_asking_for_oneself_names_oneself() -> None:
    (template,) = [t for t in TEMPLATES if t.key == "birth_certificate"]
    rng = random.Random(9)
    forms = [fill_form(dict(template.raw), rng) for _ in range(60)]
    own = [f for f in forms if f["person"]["relation"] == "self"]
    assert own
    for form in own:
        assert form["person"]["person_family_name"] == form["applicant"]["family_name"]
        assert form["person"]["birth_date"] == form["applicant"]["birth_date"]


def test_same_seed_same_form() -> None:
    raw = dict(TEMPLATES[0].raw)
    assert fill_form(raw, random.Random(1)) == fill_form(raw, random.Random(1))
