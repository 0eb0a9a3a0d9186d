"""Shared data for the rendering tests: the shipped catalogue and a plausible application."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from backoffice.documents import CertificateData, LetterData, PostalAddress
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.catalogue import read_catalogue

ISSUED = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
CODE = "7KQ4-M2XA-9PVD"
#: One service per layout.
BY_LAYOUT = {
    "civil_certificate": "birth_certificate",
    "confirmation": "registration_certificate_simple",
    "permit": "resident_parking_permit",
    "notice": "dog_tax_registration",
}
HOSTILE = "<b>x</b><img src=x>"

APPLICANT = {
    "given_name": "Jörg",
    "family_name": "Müller-Lüdenscheidt",
    "birth_date": "1980-02-29",
    "email": "joerg@example.org",
    "phone": "0251 123456",
    "street": "Weißdornweg",
    "house_number": "7a",
    "postal_code": "48143",
    "city": "Musterstadt",
}


@pytest.fixture(scope="session")
def templates() -> dict[str, ServiceTemplate]:
    return {t.key: t for t in read_catalogue()}


def form_for(template: ServiceTemplate, **applicant: Any) -> dict[str, Any]:
    """A complete application: the applicant above, every other field a fitting value."""
    form: dict[str, Any] = {}
    for group in template.field_groups:
        values: dict[str, Any] = {}
        for field in group.fields:
            if field.type == "choice":
                values[field.key] = field.options[0][0]
            elif field.type == "boolean":
                values[field.key] = True
            elif field.type == "date":
                values[field.key] = "2025-11-01"
            elif field.type == "number":
                values[field.key] = 2
            else:
                values[field.key] = f"Wert {field.key}"
        form[group.key] = values
    form["applicant"] = {**form.get("applicant", {}), **APPLICANT, **applicant}
    return form


MakeCertificate = Callable[..., CertificateData]


@pytest.fixture
def make_certificate(templates: dict[str, ServiceTemplate]) -> MakeCertificate:
    """``make_certificate(service="birth_certificate", applicant={...}, **fields)``."""

    def make(
        service: str = "birth_certificate",
        applicant: dict[str, Any] | None = None,
        form_data: dict[str, Any] | None = None,
        **fields: Any,
    ) -> CertificateData:
        template = templates[service]
        data = CertificateData(
            template=template,
            file_number=f"{template.file_prefix}-2026-000042",
            form_data=copy.deepcopy(form_data)
            if form_data is not None
            else form_for(template, **(applicant or {})),
            issued_at=ISSUED,
            verification_code=CODE,
            clerk_name="Petra Sommer",
        )
        return replace(data, **fields)

    return make


@pytest.fixture
def make_letter() -> Callable[..., LetterData]:
    def make(**fields: Any) -> LetterData:
        data = LetterData(
            file_number="GEB-2026-000042",
            recipient=PostalAddress(
                "Jörg Müller-Lüdenscheidt", "Weißdornweg 7a", "48143 Musterstadt"
            ),
            subject="Geburtsurkunde: Ihr Antrag wird bearbeitet",
            message=(
                "Ihr Antrag wird jetzt bearbeitet.\n\n"
                "Bitte senden Sie uns eine Kopie Ihres Ausweises."
            ),
            sent_at=ISSUED,
            clerk_name="Petra Sommer",
        )
        return replace(data, **fields)

    return make
