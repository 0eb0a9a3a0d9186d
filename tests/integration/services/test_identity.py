"""The town's identity as data: stored, checked, overridden per service, on the certificate."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from backoffice.domain.status import Status
from backoffice.services.documents import DocumentService
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.identity import (
    MAX_LOGO_BYTES,
    IdentityService,
    Logo,
    LogoInvalid,
    ServiceIdentity,
    TownIdentity,
)
from tests.integration.conftest import World
from tests.unit.documents import pdf


def _png() -> bytes:
    """A real (tiny) PNG: the documents draw it, so it has to decode."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (30, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def _certificate_text(world: World, identity: IdentityService, tmp_path: Path, key: str) -> str:
    documents = DocumentService(world.db, world.clock, identity.letterhead_for)
    case_id = world.add_case(key)
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    info = documents.generate(world.clerk1, case_id)
    return pdf.words_flat(documents.get_pdf(world.clerk1, info.id), tmp_path)


def test_a_certificate_shows_the_identity_set(world: World, tmp_path: Path) -> None:
    pdf.require_poppler()
    identity = IdentityService(world.db, world.clock)
    before = _certificate_text(world, identity, tmp_path, "birth_certificate")
    assert "Stadt Musterstadt" in before  # the built-in example while nothing is set
    identity.set(
        world.admin,
        TownIdentity(
            name="Stadt Kleinwinkel",
            office="Standesamt",
            street="Am Markt 3",
            postcode="99999",
            city="Kleinwinkel",
            signature_line="Die Standesbeamtin",
            logo=Logo.checked(PNG),
        ),
    )
    identity.set_service(world.admin, "dog_tax_registration", ServiceIdentity(office="Steueramt"))
    after = _certificate_text(world, identity, tmp_path, "birth_certificate")
    assert "Stadt Kleinwinkel" in after and "Stadt Musterstadt" not in after
    assert "Die Standesbeamtin" in after and "Am Markt 3" in after
    dog = _certificate_text(world, identity, tmp_path, "dog_tax_registration")
    assert "Steueramt" in dog and "Stadt Kleinwinkel" in dog
    stored = identity.get()
    assert stored is not None and stored.logo is not None and stored.logo.data == PNG


def test_logos_are_type_checked_and_bounded() -> None:
    assert Logo.checked(PNG).media_type == "image/png"
    assert Logo.checked(b'<svg xmlns="http://www.w3.org/2000/svg"/>').media_type == "image/svg+xml"
    with pytest.raises(LogoInvalid):
        Logo.checked(b"GIF89a....")
    with pytest.raises(LogoInvalid):
        Logo.checked(PNG, "image/svg+xml")  # declared one thing, is another
    with pytest.raises(LogoInvalid):
        Logo.checked(b"<svg><script>alert(1)</script></svg>")
    with pytest.raises(LogoInvalid):
        Logo.checked(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///">]><svg/>')
    with pytest.raises(LogoInvalid):
        Logo.checked(PNG + b"\x00" * MAX_LOGO_BYTES)


def test_fields_are_one_bounded_line() -> None:
    assert TownIdentity(name="  Stadt \n Kleinwinkel ").name == "Stadt Kleinwinkel"
    with pytest.raises(InvalidInput):
        TownIdentity(name="")
    with pytest.raises(InvalidInput):
        TownIdentity(name="x" * 201)
    with pytest.raises(InvalidInput):
        TownIdentity(name="Stadt", verify_base_url="http://evil.example/")


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_changing_the_identity_is_refused_below_administrator(world: World, who: str) -> None:
    identity = IdentityService(world.db, world.clock)
    actor = getattr(world, who)
    with pytest.raises(PermissionDenied):
        identity.set(actor, TownIdentity(name="Stadt Falsch"))
    with pytest.raises(PermissionDenied):
        identity.set_service(actor, "birth_certificate", ServiceIdentity(name="Stadt Falsch"))
    assert identity.get() is None
