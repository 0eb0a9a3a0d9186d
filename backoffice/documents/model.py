"""The plain data a document is rendered from (no database, no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from backoffice.domain.templates import APPLICANT_GROUP, ServiceTemplate


@dataclass(frozen=True)
class Letterhead:
    """Who issues the documents: the town and its office.

    The values below are the default of an installation that never set its identity; the
    program builds the real one from data (``backoffice.services.identity``)."""

    town: str = "Stadt Musterstadt"
    office: str = "Bürgerbüro"
    street: str = "Rathausplatz 1"
    postcode_city: str = "48143 Musterstadt"
    #: The place in "Musterstadt, 10.03.2026".
    place: str = "Musterstadt"
    #: The verification code is appended to this address (and put into the QR code).
    verify_base_url: str = "https://musterstadt.de/pruefen/"
    #: Under the signature rule of a certificate, e.g. "Die Standesbeamtin" (empty: none).
    signature_line: str = ""
    #: The footer's second line instead of the address (empty: the address).
    footer: str = ""
    #: The coat of arms or logo (checked PNG or SVG bytes) and its type; shown where the
    #: layout has room for it (PNG only for now).
    logo: bytes | None = field(default=None, repr=False)
    logo_media_type: str | None = None


DEFAULT_LETTERHEAD = Letterhead()


@dataclass(frozen=True)
class PostalAddress:
    """A recipient as the address window shows it (DIN 5008)."""

    name: str
    street: str = ""
    city: str = ""  # postcode and town
    country: str = ""

    @classmethod
    def from_form(cls, form_data: Mapping[str, Any]) -> PostalAddress:
        """The applicant's address from the template's ``applicant`` group."""
        applicant = form_data.get(APPLICANT_GROUP)
        values = applicant if isinstance(applicant, Mapping) else {}

        def text(*keys: str) -> str:
            parts = [values.get(k) for k in keys]
            return " ".join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())

        return cls(
            name=text("given_name", "family_name"),
            street=text("street", "house_number"),
            city=text("postal_code", "city"),
            country=text("country"),
        )


@dataclass(frozen=True)
class CertificateData:
    """Everything a certificate, permit, notice or confirmation shows.

    ``form_data`` is the case's form data as received (``{group: {field: value}}``); it is
    laid out by ``template.field_groups`` and printed as data, never as markup.
    """

    template: ServiceTemplate
    file_number: str
    form_data: Mapping[str, Any]
    issued_at: datetime  # aware; shown as a date in Europe/Berlin
    verification_code: str
    clerk_name: str
    language: str = "de"
    letterhead: Letterhead = field(default=DEFAULT_LETTERHEAD)


@dataclass(frozen=True)
class LetterData:
    """A postal letter about a case (status messages for citizens without a digital channel).

    ``subject`` is a template text (e.g. the service name and the new status); it goes into
    the PDF metadata as the title, so it must not carry citizen data. ``message`` is plain
    text; an empty line starts a new paragraph. ``enclosures`` names what is enclosed (e.g.
    "Geburtsurkunde GEB-2026-000042"), listed under "Anlagen" below the signature.
    """

    file_number: str
    recipient: PostalAddress
    subject: str
    message: str
    sent_at: datetime  # aware; shown as a date in Europe/Berlin
    clerk_name: str
    language: str = "de"
    letterhead: Letterhead = field(default=DEFAULT_LETTERHEAD)
    enclosures: tuple[str, ...] = ()
