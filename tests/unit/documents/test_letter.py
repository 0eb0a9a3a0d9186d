"""Postal letters (DIN 5008 form B) for status messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm

from backoffice.documents import LetterData, PostalAddress, render_letter
from backoffice.documents.page import PAGE_WIDTH, RIGHT

from . import pdf
from .conftest import HOSTILE

MakeLetter = Callable[..., LetterData]


def test_a_letter_has_address_subject_message_and_signature(
    make_letter: MakeLetter, tmp_path: Path
) -> None:
    document = render_letter(make_letter())
    text = pdf.words_flat(document, tmp_path)
    for expected in (
        "Stadt Musterstadt · Rathausplatz 1 · 48143 Musterstadt",  # return address
        "Jörg Müller-Lüdenscheidt",
        "Weißdornweg 7a",
        "Geburtsurkunde: Ihr Antrag wird bearbeitet",
        "Aktenzeichen GEB-2026-000042",
        "Guten Tag Jörg Müller-Lüdenscheidt,",
        "Ihr Antrag wird jetzt bearbeitet.",
        "Bitte senden Sie uns eine Kopie Ihres Ausweises.",
        "Mit freundlichen Grüßen",
        "Petra Sommer",
        "10.03.2026",
        "ohne Unterschrift gültig",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    assert pdf.pages(document, tmp_path) == 1
    assert [f.name for f in pdf.fonts(document, tmp_path) if not f.embedded] == []
    info = pdf.info(document, tmp_path)
    assert info["Title"] == "Geburtsurkunde: Ihr Antrag wird bearbeitet"
    assert info["Subject"] == "GEB-2026-000042"
    assert "Jörg" not in " ".join(info.values())


def test_the_address_sits_in_the_envelope_window(make_letter: MakeLetter, tmp_path: Path) -> None:
    words = pdf.words(render_letter(make_letter()), tmp_path)
    for token in ("Müller-Lüdenscheidt", "Weißdornweg", "48143"):
        # The 48143 of the recipient, not the one in the footer or return address.
        boxes = [w for w in words if w.text == token and w.y_min > 45 * mm + 17.7 * mm]
        box = min(boxes, key=lambda w: w.y_min)
        assert 20 * mm <= box.x_min and box.x_max <= 105 * mm, box
        assert 45 * mm + 17.7 * mm <= box.y_min and box.y_max <= 90 * mm, box


def test_an_english_letter(make_letter: MakeLetter, tmp_path: Path) -> None:
    text = pdf.words_flat(render_letter(make_letter(language="en", subject="Status")), tmp_path)
    assert "Dear Jörg Müller-Lüdenscheidt," in text
    assert "File number GEB-2026-000042" in text
    assert "Yours sincerely" in text and "10 March 2026" in text


def test_hostile_text_in_a_letter_is_printed_literally(
    make_letter: MakeLetter, tmp_path: Path
) -> None:
    letter = make_letter(
        recipient=PostalAddress(HOSTILE, "<br/>Straße 1", "48143 Musterstadt"),
        message=f"Sie schrieben: {HOSTILE}\n\n<para>Absatz</para>",
        subject="Betreff <u>mit</u> Markup",
    )
    text = pdf.words_flat(render_letter(letter), tmp_path)
    assert f"Guten Tag {HOSTILE}," in text
    assert "<br/>Straße 1" in text
    assert f"Sie schrieben: {HOSTILE}" in text and "<para>Absatz</para>" in text
    assert "Betreff <u>mit</u> Markup" in text


def test_a_long_letter_continues_on_numbered_pages(make_letter: MakeLetter, tmp_path: Path) -> None:
    message = "\n\n".join(f"Absatz {i}: " + "viel Text " * 40 for i in range(30))
    document = render_letter(make_letter(message=message))
    pages = pdf.pages(document, tmp_path)
    assert pages >= 2
    text = pdf.words_flat(document, tmp_path)
    assert f"Seite {pages} von {pages}" in text
    for word in pdf.words(document, tmp_path):
        assert word.x_max <= PAGE_WIDTH - RIGHT + 1, word


def test_an_anonymous_recipient_is_greeted_politely(
    make_letter: MakeLetter, tmp_path: Path
) -> None:
    letter = make_letter(recipient=replace(make_letter().recipient, name=""))
    assert "Guten Tag," in pdf.words_flat(render_letter(letter), tmp_path)


def test_address_from_form_data() -> None:
    form = {
        "applicant": {
            "given_name": " Jörg ",
            "family_name": "Müller",
            "street": "Weg",
            "house_number": 7,
            "postal_code": "48143",
            "city": "Musterstadt",
        }
    }
    assert PostalAddress.from_form(form) == PostalAddress(
        "Jörg Müller", "Weg 7", "48143 Musterstadt", ""
    )
    assert PostalAddress.from_form({}) == PostalAddress("", "", "", "")
    assert PostalAddress.from_form({"applicant": "nonsense"}).name == ""
