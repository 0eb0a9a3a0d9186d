"""The fixed wording of the document frame, in German and English.

What a document says about its subject (title, body, field labels, status messages) comes
from the service template; this is only the frame every document shares: the labels of
the file number and date, the verification hint, greeting and closing of letters.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Words:
    lang_tag: str  # PDF /Lang
    file_number: str
    date: str
    fee: str
    free_of_charge: str
    clerk: str
    issued_for: str
    issued_on: str
    page: str  # with {page} and {pages}
    verification_code: str
    verify_hint: str
    return_address: str  # with {town}, {street}, {postcode_city}
    greeting: str  # with {name}
    greeting_anonymous: str
    closing: str
    on_behalf: str  # may use {town}
    machine_made: str
    enclosures: str  # the heading of the list of what is enclosed (DIN 5008 "Anlagen")
    yes: str
    no: str
    months: tuple[str, ...] = ()


_DE = Words(
    lang_tag="de-DE",
    file_number="Aktenzeichen",
    date="Datum",
    fee="Gebühr",
    free_of_charge="gebührenfrei",
    clerk="Sachbearbeitung",
    issued_for="Ausgestellt für",
    issued_on="Ausgestellt am",
    page="Seite {page} von {pages}",
    verification_code="Prüfcode",
    verify_hint="Die Echtheit prüfen Sie mit dem QR-Code oder unter:",
    return_address="{town} · {street} · {postcode_city}",
    greeting="Guten Tag {name},",
    greeting_anonymous="Guten Tag,",
    closing="Mit freundlichen Grüßen",
    on_behalf="Im Auftrag",
    machine_made="Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
    enclosures="Anlagen",
    yes="Ja",
    no="Nein",
)

_EN = Words(
    lang_tag="en-GB",
    file_number="File number",
    date="Date",
    fee="Fee",
    free_of_charge="free of charge",
    clerk="Handled by",
    issued_for="Issued to",
    issued_on="Issued on",
    page="Page {page} of {pages}",
    verification_code="Verification code",
    verify_hint="Check that it is genuine with the QR code or at:",
    return_address="{town} · {street} · {postcode_city}",
    greeting="Dear {name},",
    greeting_anonymous="Dear Sir or Madam,",
    closing="Yours sincerely",
    on_behalf="On behalf of {town}",
    machine_made="This letter was produced automatically and is valid without a signature.",
    enclosures="Enclosures",
    yes="Yes",
    no="No",
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
)

_WORDS = {"de": _DE, "en": _EN}


def words(language: str) -> Words:
    """The frame wording of a document language (``de`` or ``en``)."""
    try:
        return _WORDS[language]
    except KeyError:
        raise ValueError(
            f"unsupported document language {language!r}; use one of {', '.join(LANGUAGES)}"
        ) from None
