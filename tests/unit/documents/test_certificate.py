"""Certificates in their four layouts, looked at through poppler (text, fonts, metadata)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm

from backoffice.documents import LAYOUTS, Letterhead, UnknownLayout, render_certificate
from backoffice.documents.page import PAGE_HEIGHT, PAGE_WIDTH, RIGHT
from backoffice.documents.qr import qr_drawing
from backoffice.documents.text import ELLIPSIS
from backoffice.domain.templates import Certificate, LocalText, ServiceTemplate

from . import pdf
from .conftest import BY_LAYOUT, CODE, HOSTILE, ISSUED, MakeCertificate, form_for

URL = f"https://musterstadt.de/pruefen/{CODE}"


def test_every_layout_of_the_catalogue_is_covered(templates: dict[str, ServiceTemplate]) -> None:
    used = {t.certificate.layout for t in templates.values() if t.certificate}
    assert used == set(LAYOUTS) == set(BY_LAYOUT)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_german_certificate_shows_everything(
    layout: str, make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate(BY_LAYOUT[layout])
    document = render_certificate(data)
    assert document.startswith(b"%PDF-")
    text = pdf.words_flat(document, tmp_path)
    template = data.template
    assert " ".join(template.certificate.title.de.split()) in text  # type: ignore[union-attr]
    assert data.file_number in text
    assert "Aktenzeichen" in text
    assert "Stadt Musterstadt" in text and "Bürgerbüro" in text
    assert "Rathausplatz 1" in text and "48143 Musterstadt" in text
    assert "10.03.2026" in text
    assert "Jörg" in text and "Müller-Lüdenscheidt" in text
    assert "Weißdornweg" in text
    applicant = template.field_groups[0]
    assert applicant.label.de in text
    assert "Familienname" in text
    assert "Prüfcode" in text and CODE in text
    assert URL in text.replace("/ ", "/")  # the address may wrap after its last slash
    assert "Petra Sommer" in text
    fee = "gebührenfrei" if template.fee == 0 else f"{template.fee:.2f}".replace(".", ",")
    assert fee in text
    if template.certificate and template.certificate.body:
        assert " ".join(template.certificate.body.de.split())[:40] in text
    # Contact details are not certified: they stay off the document.
    assert "joerg@example.org" not in text and "0251 123456" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_english_certificate(
    layout: str, make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate(BY_LAYOUT[layout], language="en")
    text = pdf.words_flat(render_certificate(data), tmp_path)
    assert " ".join(data.template.certificate.title.en.split()) in text  # type: ignore[union-attr]
    assert "File number" in text and "Verification code" in text
    assert "10 March 2026" in text
    assert "Family name" in text and "Familienname" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_font_is_embedded(
    layout: str, make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    fonts = pdf.fonts(render_certificate(make_certificate(BY_LAYOUT[layout])), tmp_path)
    assert fonts, "no fonts at all?"
    assert [f.name for f in fonts if not f.embedded] == []
    assert all(re.fullmatch(r"[A-Z]{6}\+DejaVu(Sans|Serif)(-Bold)?", f.name) for f in fonts), fonts


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_normal_certificate_is_one_page(
    layout: str, make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    info = pdf.info(render_certificate(make_certificate(BY_LAYOUT[layout])), tmp_path)
    assert info["Pages"] == "1"
    assert "A4" in info["Page size"]


def test_every_shipped_service_fits_one_page(
    templates: dict[str, ServiceTemplate], make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    for key in templates:
        assert pdf.pages(render_certificate(make_certificate(key)), tmp_path) == 1, key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_hostile_names_are_printed_literally(
    layout: str, make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate(
        BY_LAYOUT[layout],
        applicant={"given_name": HOSTILE, "family_name": "<font size=80>&amp;</font>"},
        clerk_name="<i>Clerk</i>",
    )
    text = pdf.words_flat(render_certificate(data), tmp_path)
    assert HOSTILE in text
    assert "<font size=80>&amp;</font>" in text
    assert "<i>Clerk</i>" in text


def test_odd_unicode_does_not_break_rendering(
    make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    odd = "Jo\u0308rg \u202eevil\u202c 😀👍🏽 漢字 \x00 \ud800 Ǆ ﬁ"
    for layout in LAYOUTS:
        data = make_certificate(BY_LAYOUT[layout], applicant={"given_name": odd, "city": odd})
        text = pdf.text(render_certificate(data), tmp_path)
        assert "Jörg" in text and "evil" in text
        assert "\u202e" not in text and "\x00" not in text
        assert "\ufffd" in text  # what the font cannot show is marked, not dropped


def test_long_values_wrap_inside_the_margins(
    make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    long_word = "Überlänge" * 40  # 360 characters without a space
    for layout in LAYOUTS:
        template_form = form_for(make_certificate(BY_LAYOUT[layout]).template)
        for group in template_form.values():
            for key in group:
                if isinstance(group[key], str) and key not in ("birth_date",):
                    group[key] = f"{long_word} {'Wort ' * 80}"
        data = make_certificate(BY_LAYOUT[layout], form_data=template_form)
        document = render_certificate(data)
        words = pdf.words(document, tmp_path)
        assert words
        right_edge = PAGE_WIDTH - RIGHT + 1
        for word in words:
            assert word.x_min >= 20 * mm, (layout, word)
            assert word.x_max <= right_edge, (layout, word)
            assert word.y_min >= 0 and word.y_max <= PAGE_HEIGHT - 8 * mm, (layout, word)
        text = pdf.words_flat(document, tmp_path)
        assert ELLIPSIS in text  # cut at the bound (300 characters, 1,500 if multi-line)
        assert "Wort " * 300 not in text


def test_metadata_names_the_document_not_the_citizen(
    make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate("birth_certificate")
    info = pdf.info(render_certificate(data), tmp_path)
    assert info["Title"] == "Geburtsurkunde"
    assert info["Author"] == "Stadt Musterstadt"
    assert info["Subject"] == data.file_number
    assert info["Creator"] == "Rathaus Backoffice"
    assert info["CreationDate"].startswith("Tue Mar 10 08:00:00 2026")
    everything = " ".join(info.values())
    for citizen in ("Jörg", "Müller", "Weißdornweg", "1980"):
        assert citizen not in everything


def test_equal_input_gives_equal_bytes(make_certificate: MakeCertificate, tmp_path: Path) -> None:
    data = make_certificate("resident_parking_permit")
    first = render_certificate(data)
    assert render_certificate(data) == first
    later = render_certificate(replace(data, issued_at=ISSUED + timedelta(days=1)))
    assert later != first
    assert "11.03.2026" in pdf.text(later, tmp_path)
    assert pdf.info(later, tmp_path)["CreationDate"].startswith("Wed Mar 11")


def test_the_qr_code_carries_the_verification_address() -> None:
    drawing = qr_drawing(URL, 80, "DejaVuSans")
    (widget,) = drawing.contents
    assert isinstance(widget, QrCodeWidget) and widget.value == URL
    # Drawing(**kw) sets it as an attribute; reportlab's stubs do not declare it.
    assert drawing.initialFontName == "DejaVuSans"  # type: ignore[attr-defined]


def test_the_letterhead_is_the_towns(make_certificate: MakeCertificate, tmp_path: Path) -> None:
    letterhead = Letterhead(
        town="Gemeinde Beispiel",
        office="Standesamt",
        street="Markt 2",
        postcode_city="12345 Beispiel",
        place="Beispiel",
        verify_base_url="https://beispiel.de/echt",
    )
    document = render_certificate(make_certificate("birth_certificate", letterhead=letterhead))
    text = pdf.words_flat(document, tmp_path)
    assert "Gemeinde Beispiel" in text and "Standesamt" in text and "Beispiel, 10.03.2026" in text
    assert f"https://beispiel.de/echt/{CODE}" in text.replace("/ ", "/")
    assert pdf.info(document, tmp_path)["Author"] == "Gemeinde Beispiel"


def test_what_cannot_be_rendered_is_refused(make_certificate: MakeCertificate) -> None:
    data = make_certificate("birth_certificate")
    assert data.template.certificate is not None
    odd = replace(data.template, certificate=replace(data.template.certificate, layout="poster"))
    with pytest.raises(UnknownLayout, match="poster"):
        render_certificate(replace(data, template=odd))
    with pytest.raises(ValueError, match="no certificate"):
        render_certificate(replace(data, template=replace(data.template, certificate=None)))
    with pytest.raises(ValueError, match="language"):
        render_certificate(replace(data, language="fr"))


def test_a_certificate_without_body_or_applicant_data(
    make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate("birth_certificate", form_data={"unknown": "x"})
    assert data.template.certificate is not None
    bare = replace(
        data.template,
        certificate=Certificate("confirmation", data.template.certificate.title, None),
    )
    for template in (data.template, bare):
        text = pdf.words_flat(render_certificate(replace(data, template=template)), tmp_path)
        assert data.file_number in text and CODE in text


def test_the_template_body_is_filled_and_printed_whole(
    make_certificate: MakeCertificate, tmp_path: Path
) -> None:
    data = make_certificate("birth_certificate", applicant={"given_name": HOSTILE})
    assert data.template.certificate is not None
    appeal = " ".join(["Gegen diesen Bescheid kann Klage erhoben werden."] * 15) + " ENDE."
    body = LocalText(
        de="Für {given_name} {family_name} ({file_number}, {service_name}). " + appeal,
        en="For {given_name}.",
    )
    template = replace(data.template, certificate=replace(data.template.certificate, body=body))
    text = pdf.words_flat(render_certificate(replace(data, template=template)), tmp_path)
    assert f"Für {HOSTILE} Müller-Lüdenscheidt (GEB-2026-000042, Geburtsurkunde)." in text
    assert "ENDE." in text  # ~770 characters of template text are not cut


def test_rendering_in_worker_threads_gives_the_same_bytes(
    make_certificate: MakeCertificate,
) -> None:
    jobs = [make_certificate(BY_LAYOUT[layout]) for layout in LAYOUTS] * 3
    expected = [render_certificate(data) for data in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(render_certificate, jobs)) == expected
