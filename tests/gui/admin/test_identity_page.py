"""Administration → Identity: what is saved there is on the next certificate, the logo
included; per-service overrides; the live preview; who may change it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.desktop import DesktopServices
from backoffice.services.identity import IdentityService
from backoffice.ui.admin.identity_page import IdentityPage
from backoffice.ui.context import UiContext
from tests.gui.conftest import World
from tests.unit.documents import pdf
from tests.unit.documents.test_logo import first_page, png, red_pixels


@pytest.fixture
def make_page(qtbot: QtBot, make_context: Callable[..., UiContext]) -> Callable[..., IdentityPage]:
    def make(actor: Actor) -> IdentityPage:
        page = IdentityPage(make_context(actor))
        qtbot.addWidget(page)
        page.resize(1300, 850)
        page.show()
        page.activate()
        return page

    return make


def identity_of(services: DesktopServices) -> IdentityService:
    assert services.administration is not None
    return services.administration.identity


def certificate(world: World, services: DesktopServices, service: str) -> bytes:
    """A real certificate of a new case of ``service``, generated as a clerk does."""
    case_id = world.add_case(service)
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    info = services.documents.generate(world.clerk1, case_id)
    return services.documents.get_pdf(world.clerk1, info.id)


def type_into(qtbot: QtBot, page: IdentityPage, **values: str) -> None:
    """Type ASCII text key by key; other text is set (QTest types ASCII only)."""
    for name, text in values.items():
        page.edits[name].clear()
        if text.isascii():
            qtbot.keyClicks(page.edits[name], text)
        else:
            page.edits[name].setText(text)


def test_the_identity_saved_here_is_on_the_next_certificate_with_its_logo(
    qtbot: QtBot,
    world: World,
    tmp_path: Path,
    make_page: Callable[..., IdentityPage],
    desktop_services: DesktopServices,
) -> None:
    before = certificate(world, desktop_services, "registration_certificate_simple")
    page = make_page(world.admin)
    assert page.scope.currentText() == "The whole installation"
    type_into(
        qtbot,
        page,
        name="Stadt Kleinwinkel",
        office="Einwohnermeldeamt",
        street="Am Markt 3",
        postcode="99999",
        city="Kleinwinkel",
        signature_line="Die Amtsleiterin",
    )
    logo_file = tmp_path / "wappen.png"
    logo_file.write_bytes(png(300, 200))
    page.load_logo(logo_file)
    assert page.logo is not None and page.logo.media_type == "image/png"
    assert not page.logo_view.pixmap().isNull()  # the thumbnail
    page.save_button.click()
    assert page.message.text == "Saved: the next documents show it."
    stored = identity_of(desktop_services).get()
    assert stored is not None and stored.name == "Stadt Kleinwinkel"
    assert stored.logo is not None and stored.logo.data == logo_file.read_bytes()

    after = certificate(world, desktop_services, "registration_certificate_simple")
    text = pdf.words_flat(after, tmp_path)
    for shown in ("Stadt Kleinwinkel", "Einwohnermeldeamt", "Am Markt 3", "Die Amtsleiterin"):
        assert shown in text
    assert "Stadt Musterstadt" not in text
    logo_box = (25, 12.5, 55, 32.5)  # the office letterhead's logo box (mm)
    assert red_pixels(first_page(before), logo_box) == 0
    assert red_pixels(first_page(after), logo_box) > 1000

    page.remove_logo_button.click()
    assert page.logo is None and not page.remove_logo_button.isEnabled()
    page.save_button.click()
    removed = identity_of(desktop_services).get()
    assert removed is not None and removed.logo is None


def test_a_file_that_is_no_logo_is_refused_and_the_shown_logo_stays(
    world: World, tmp_path: Path, make_page: Callable[..., IdentityPage]
) -> None:
    page = make_page(world.admin)
    good = tmp_path / "good.png"
    good.write_bytes(png(40, 40))
    page.load_logo(good)
    shown = page.logo
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"GIF89a" + b"\x00" * 40)
    page.load_logo(bad)
    assert page.message.text == (
        "This cannot be saved as it is.\nthe logo is neither a PNG nor an SVG image"
    )
    assert page.logo is shown
    page.load_logo(tmp_path / "missing.png")
    assert page.message.text.startswith("This cannot be saved as it is.\ncannot read ")


def test_a_service_overrides_parts_and_keeps_the_rest(
    qtbot: QtBot,
    world: World,
    tmp_path: Path,
    make_page: Callable[..., IdentityPage],
    desktop_services: DesktopServices,
) -> None:
    page = make_page(world.admin)
    type_into(qtbot, page, name="Stadt Kleinwinkel", office="Bürgerbüro", city="Kleinwinkel")
    page.save_button.click()
    page.scope.setCurrentIndex(page.scope.findData("dog_tax_registration"))
    assert page.service_key == "dog_tax_registration"
    assert page.edits["name"].text() == ""  # nothing of its own yet
    assert page.edits["office"].toolTip() == "For the installation: Bürgerbüro"
    type_into(qtbot, page, office="Steueramt")
    page.save_button.click()
    assert page.message.text == "Saved: the next documents show it."
    override = identity_of(desktop_services).get_service("dog_tax_registration")
    assert override.office == "Steueramt" and override.name is None
    dog = pdf.words_flat(certificate(world, desktop_services, "dog_tax_registration"), tmp_path)
    assert "Steueramt" in dog and "Stadt Kleinwinkel" in dog
    other = pdf.words_flat(certificate(world, desktop_services, "birth_certificate"), tmp_path)
    assert "Steueramt" not in other and "Bürgerbüro" in other


def test_the_preview_shows_what_is_typed_before_it_is_saved(
    qtbot: QtBot,
    world: World,
    tmp_path: Path,
    make_page: Callable[..., IdentityPage],
    desktop_services: DesktopServices,
) -> None:
    page = make_page(world.admin)
    assert page.preview is not None  # the default letterhead, at once
    type_into(qtbot, page, name="Gemeinde Vorschau", office="Ordnungsamt")
    qtbot.waitUntil(lambda: page.preview is not None and "Vorschau" in _text(page, tmp_path))
    assert page.page_labels and not page.page_labels[0].pixmap().isNull()
    assert page.preview_status.text().startswith("As ")
    assert identity_of(desktop_services).get() is None  # nothing saved by previewing

    page.edits["name"].clear()
    page.render_preview()
    assert page.preview_status.text() == "No preview: the town's name is needed."
    page.save_button.click()
    assert page.message.text == "This cannot be saved as it is.\nthe town's name is needed"
    assert identity_of(desktop_services).get() is None


def _text(page: IdentityPage, tmp_path: Path) -> str:
    assert page.preview is not None
    return pdf.words_flat(page.preview.pdf, tmp_path)


def test_clerks_and_team_leads_get_no_page_and_the_service_refuses_them(
    qtbot: QtBot,
    world: World,
    make_page: Callable[..., IdentityPage],
    desktop_services: DesktopServices,
) -> None:
    assert not IdentityPage.allowed(world.clerk1) and not IdentityPage.allowed(world.lead)
    assert IdentityPage.allowed(world.admin)
    page = make_page(world.lead)  # built anyway, bypassing the workspace
    type_into(qtbot, page, name="Stadt Falsch")
    page.save_button.click()
    assert page.message.text == "Only an administrator may change the town's identity."
    assert identity_of(desktop_services).get() is None
