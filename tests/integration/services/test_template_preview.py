"""The preview of an unsaved template definition: the check, the sample case's certificate
and letter, the permission; with the definitions stored on both databases."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from backoffice.domain.templates import LANGUAGES
from backoffice.services.administration import AdministrationServices
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.identity import IdentityService, TownIdentity
from backoffice.services.installation import Installation
from backoffice.services.template_preview import (
    SAMPLE_APPLICANT,
    TemplatePreview,
    sample_form,
)
from backoffice.services.template_versions import TemplateVersions
from tests.integration.conftest import World


def _raw(world: World, key: str) -> dict[str, Any]:
    return copy.deepcopy(dict(world.templates[key].raw))


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) >= 1
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _administration(world: World, tmp_path: Path) -> AdministrationServices:
    identity = IdentityService(world.db, world.clock)
    installation = Installation(data_dir=tmp_path / "data", database_url="sqlite://")
    return AdministrationServices.build(world.db, installation, identity, world.clock)


@pytest.mark.parametrize("key", ["birth_certificate", "dog_tax_registration"])
def test_the_sample_case_gets_a_certificate_and_a_letter(world: World, key: str) -> None:
    preview = TemplatePreview(clock=world.clock)
    for language in LANGUAGES:
        result = preview.render(
            world.admin, _raw(world, key), language=language, status="completed"
        )
        assert result.problem is None and result.status == "completed"
        assert result.certificate_pdf is not None and result.letter_pdf is not None
        prefix = world.templates[key].file_prefix
        assert result.file_number == f"{prefix}-2026-000123"
        certificate = _text(result.certificate_pdf)
        assert result.file_number in certificate and "Mustermann" in certificate
        assert world.templates[key].certificate.title.get(language) in certificate  # type: ignore[union-attr]
        letter = _text(result.letter_pdf)
        assert result.file_number in letter
        # Every status's text, filled in for the sample case, in the order of the states.
        assert [s for s, _ in result.messages] == [
            s.value for s in world.templates[key].workflow.states
        ]
        assert all("{" not in text and text for _, text in result.messages)
        assert any(result.file_number in text for _, text in result.messages)


def test_the_sample_form_fills_every_field_with_a_value_of_its_type(world: World) -> None:
    raw = _raw(world, "dog_tax_registration")
    form = sample_form(raw)
    for group in raw["field_groups"]:
        for field in group["fields"]:
            value = form[group["key"]][field["key"]]
            if field["type"] == "choice":
                assert value in {o["value"] for o in field["options"]}
            elif field["type"] == "boolean":
                assert value is True
            elif "max_length" in field:
                assert len(str(value)) <= field["max_length"]
    assert form["applicant"]["family_name"] == SAMPLE_APPLICANT["family_name"]
    assert sample_form({"field_groups": "not a list"}) == {}


def test_a_definition_that_does_not_parse_gives_the_reason_and_its_texts(world: World) -> None:
    raw = _raw(world, "birth_certificate")
    raw["workflow"]["transitions"] = [
        t for t in raw["workflow"]["transitions"] if t["from"] != "waiting_for_citizen"
    ]
    preview = TemplatePreview(clock=world.clock)
    result = preview.render(world.admin, raw)
    assert result.certificate_pdf is None and result.letter_pdf is None
    assert result.problem is not None and "waiting_for_citizen" in result.problem
    assert result.messages  # the texts are filled even so
    codes = {f.code for f in preview.check(world.admin, raw)}
    assert "status_without_exit" in codes
    with pytest.raises(InvalidInput):
        preview.render(world.admin, ["not", "an", "object"])
    with pytest.raises(InvalidInput):
        preview.render(world.admin, raw, language="fr")


def test_a_broken_placeholder_stays_as_written_in_the_sample_texts(world: World) -> None:
    raw = _raw(world, "birth_certificate")
    raw["messages"]["received"]["de"] = "Aktenzeichen {file_number:>99999999999}, {unbekannt}"
    result = TemplatePreview(clock=world.clock).render(world.admin, raw)
    assert dict(result.messages)["received"] == raw["messages"]["received"]["de"]
    assert result.problem is not None  # the unknown placeholder


def test_citizen_and_admin_text_is_printed_as_text(world: World) -> None:
    raw = _raw(world, "birth_certificate")
    raw["certificate"]["title"]["de"] = "<b>Urkunde</b> & <img src=x>"
    raw["field_groups"][0]["label"]["de"] = "<font color=red>Person</font>"
    raw["messages"]["received"]["de"] = "<i>Hallo</i> {given_name} " + "lang " * 3000
    result = TemplatePreview(clock=world.clock).render(world.admin, raw, status="received")
    assert result.problem is None
    assert result.certificate_pdf is not None and result.letter_pdf is not None
    certificate = _text(result.certificate_pdf)
    assert "<b>Urkunde</b> & <img src=x>" in certificate
    assert "<font color=red>Person</font>" in certificate
    assert "<i>Hallo</i> Erika" in _text(result.letter_pdf)


def test_only_administrators_may_preview(world: World) -> None:
    preview = TemplatePreview(clock=world.clock)
    raw = _raw(world, "birth_certificate")
    for actor in (world.clerk1, world.lead):
        with pytest.raises(PermissionDenied):
            preview.render(actor, raw)
        with pytest.raises(PermissionDenied):
            preview.check(actor, raw)


def test_a_stored_draft_previews_with_the_towns_identity(world: World, tmp_path: Path) -> None:
    administration = _administration(world, tmp_path)
    administration.identity.set(
        world.admin, TownIdentity(name="Stadt Vorschauhausen", street="Markt 2", city="Vorschau")
    )
    versions = TemplateVersions(world.db, world.clock)
    raw = _raw(world, "dog_tax_registration")
    raw["certificate"]["title"]["de"] = "Neue Bestätigung der Anmeldung"
    versions.save_draft(world.admin, raw)
    stored = administration.templates.definition(world.admin, "dog_tax_registration")
    result = administration.preview.render(world.admin, stored)
    assert result.certificate_pdf is not None
    text = _text(result.certificate_pdf)
    assert "Neue Bestätigung der Anmeldung" in text and "Stadt Vorschauhausen" in text
