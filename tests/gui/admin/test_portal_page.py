"""Administration → Portal: settings and secret through the service, keys, the connection
test against the simulator on loopback, and who gets the page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backoffice.portal import keys as keys_module
from backoffice.portal.credentials import SecretStore
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import Actor
from backoffice.services.desktop import DesktopServices
from backoffice.ui.admin.portal_page import PortalPage
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import Portal, World

DESTINATION = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"


def data_dir(services: DesktopServices) -> Path:
    assert services.administration is not None
    return services.administration.portal.settings_file.parent


@pytest.fixture
def make_page(qtbot: QtBot, make_context: Callable[..., UiContext]) -> Callable[..., PortalPage]:
    def make(actor: Actor, **options: object) -> PortalPage:
        page = PortalPage(make_context(actor, **options))
        qtbot.addWidget(page)
        page.resize(900, 900)
        page.show()
        page.activate()
        return page

    return make


#: What :func:`fill` types where a test gives nothing else.
TYPED = {
    "base_url": "https://portal.example.org/v1",
    "token_url": "https://auth.example.org/token",
    "destination": DESTINATION,
    "client_id": "rathaus",
    "secret": "s3cret",
}


def fill(qtbot: QtBot, page: PortalPage, **given: str) -> None:
    """Type into the form's fields (base_url, token_url, destination, client_id, secret)."""
    values = {**TYPED, **given}
    for field, name in zip(page.form.fields, TYPED, strict=True):
        field.clear()
        qtbot.keyClicks(field, values[name])


def test_saving_stores_the_settings_and_the_secret_in_the_keyring(
    qtbot: QtBot,
    world: World,
    make_page: Callable[..., PortalPage],
    desktop_services: DesktopServices,
) -> None:
    page = make_page(world.admin)
    assert page.source_label.text() == "The portal connection is not set up yet."
    assert not page.test_button.isEnabled()  # nothing stored to test
    fill(qtbot, page, destination=f"{DESTINATION}, {DESTINATION.replace('8b4a', '1c2d')}")
    page.save_button.click()
    assert page.message.text == (
        "The portal connection is saved; the secret is in the keyring. "
        "Start the program again to fetch applications with it."
    )
    assert desktop_services.administration is not None
    stored = desktop_services.administration.portal.settings()
    assert stored is not None
    assert stored.base_url == "https://portal.example.org/v1"
    assert stored.destination_ids == (DESTINATION, DESTINATION.replace("8b4a", "1c2d"))
    assert stored.client_id == "rathaus"
    assert SecretStore(data_dir(desktop_services)).client_secret("rathaus") == "s3cret"
    assert "s3cret" not in stored.to_json().values()
    # The secret is never shown back: the field is empty, the keyring has it.
    assert page.form.secret.text() == ""
    assert page.form.secret.echoMode() == page.form.secret.EchoMode.Password
    assert page.form.secret.placeholderText() == "stored in the keyring – leave empty to keep it"
    assert page.source_label.text() == "The settings of this installation."
    # A change without typing the secret again keeps the stored one.
    page.form.client_id.clear()
    qtbot.keyClicks(page.form.client_id, "rathaus")
    assert page.form.read_timeout is not None
    page.form.read_timeout.setValue(90)
    page.save_button.click()
    again = desktop_services.administration.portal.settings()
    assert again is not None and again.read_timeout == 90
    assert SecretStore(data_dir(desktop_services)).client_secret("rathaus") == "s3cret"


@pytest.mark.parametrize(
    ("field", "text", "said"),
    [
        (
            "base_url",
            "http://portal.example.org/v1",
            "The address uses plain http:// to another computer: use https://",
        ),
        ("token_url", "portal.example.org/token", "The token address is not a web address"),
        ("destination", "not-a-uuid", "The destination ID not-a-uuid is not a UUID"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(
    qtbot: QtBot,
    world: World,
    make_page: Callable[..., PortalPage],
    desktop_services: DesktopServices,
    field: str,
    text: str,
    said: str,
) -> None:
    page = make_page(world.admin)
    fill(qtbot, page, **{field: text})
    assert page.form.problem_label.text().startswith(said)  # said while typing
    page.save_button.click()
    assert page.message.text.startswith(said)
    assert desktop_services.administration is not None
    assert desktop_services.administration.portal.settings() is None
    assert not (data_dir(desktop_services) / "settings.json").exists()


def configure_for(qtbot: QtBot, page: PortalPage, portal: Portal) -> None:
    sim = portal.simulator
    fill(
        qtbot,
        page,
        base_url=sim.base_url,
        token_url=sim.token_url,
        destination=sim.destination_id,
        client_id=sim.subscriber.client_id,
        secret=sim.subscriber.client_secret,
    )
    page.save_button.click()
    assert page.message.text.startswith("The portal connection is saved")


def results(page: PortalPage) -> list[tuple[str, str, str]]:
    return [
        (item.text(0), item.text(1), item.text(2))
        for item in (page.results.topLevelItem(i) for i in range(page.results.topLevelItemCount()))
        if item is not None
    ]


def test_the_connection_test_shows_each_line_against_the_running_and_the_stopped_portal(
    qtbot: QtBot,
    world: World,
    make_page: Callable[..., PortalPage],
    make_portal: Callable[..., Portal],
) -> None:
    portal = make_portal()
    sim = portal.simulator
    page = make_page(world.admin, services=portal.services)
    configure_for(qtbot, page, portal)
    assert page.test_button.isEnabled()
    page.test_button.click()
    assert page.last_check is not None and page.last_check.ok
    lines = results(page)
    assert [(result, subject) for result, subject, _ in lines] == [
        ("ok", "Access token"),
        ("ok", f"Destination {sim.destination_id}"),
    ]
    assert lines[0][2] == (f"{sim.token_url} accepted client id {sim.subscriber.client_id!r}")
    assert lines[1][2].startswith("active, ")
    assert page.check_summary.text() == "Everything works: the portal knows this office."

    sim.stop()
    page.test_button.click()
    assert page.last_check is not None and not page.last_check.ok
    (line,) = results(page)
    assert line[:2] == ("failed", "Access token")
    assert line[2].startswith(
        "The portal could not be reached: check the address and the network connection.\n"
    )
    assert page.check_summary.text() == "The test failed: no access token."


def test_keys_are_generated_replaced_only_when_confirmed_exported_and_registered(
    qtbot: QtBot,
    world: World,
    tmp_path: Path,
    make_page: Callable[..., PortalPage],
    make_portal: Callable[..., Portal],
    subscriber_keys: SubscriberKeys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keys_module, "generate_keys", lambda: subscriber_keys)
    portal = make_portal()
    page = make_page(world.admin, services=portal.services)
    configure_for(qtbot, page, portal)
    assert page.keys_label.text().startswith("No keys yet")
    assert not page.export_button.isEnabled() and not page.register_button.isEnabled()
    page.generate_button.click()
    assert page.confirm_box is None  # nothing to replace: no question
    assert page.message.text == "New keys made; register them at the portal next."
    assert subscriber_keys.encryption_kid in page.keys_label.text()

    keys_dir = data_dir(portal.services) / "keys"
    before = sorted(p.name for p in keys_dir.iterdir())
    page.generate_button.click()  # keys exist: asked first
    box = page.confirm_box
    assert box is not None and "Replace them?" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert sorted(p.name for p in keys_dir.iterdir()) == before  # nothing replaced

    page.generate_button.click()
    box = page.confirm_box
    assert box is not None
    (replace,) = [b for b in box.buttons() if b.text() == "Replace keys"]
    replace.click()
    assert "The previous keys were moved to" in page.message.text
    assert len(list(keys_dir.iterdir())) == len(before) + 1

    page.export_button.click()
    dialog = page.export_dialog
    assert dialog is not None
    target = tmp_path / "public.jwks.json"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    exported = json.loads(target.read_text("utf-8"))
    assert {key["kid"] for key in exported["keys"]} == {
        subscriber_keys.encryption_kid,
        subscriber_keys.signing_kid,
    }
    assert all("d" not in key for key in exported["keys"])  # no private part
    assert page.message.text == f"The public keys were written to {target}."

    page.register_button.click()
    assert page.message.text == "The keys are registered at 1 destination(s)."


def test_clerks_and_team_leads_get_no_page_and_the_service_refuses_them(
    qtbot: QtBot,
    world: World,
    make_page: Callable[..., PortalPage],
    make_window: Callable[..., MainWindow],
    desktop_services: DesktopServices,
) -> None:
    assert not PortalPage.allowed(world.clerk1) and not PortalPage.allowed(world.lead)
    window = make_window(world.admin)
    workspace = window.workspaces["administration"]
    assert "portal" in workspace.pages  # type: ignore[attr-defined]
    # A page built for a team lead anyway (bypassing the workspace): the service refuses.
    page = make_page(world.lead)
    fill(qtbot, page)
    page.save_button.click()
    assert page.message.text == "Only an administrator may change the portal connection."
    assert page.form.client_id.text() == "rathaus"  # what was typed stays
    assert desktop_services.administration is not None
    assert desktop_services.administration.portal.settings() is None


def test_the_page_is_a_tab_of_the_administration(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.admin)
    window.switch_actions["administration"].trigger()
    workspace = window.workspaces["administration"]
    workspace.show_page("portal")  # type: ignore[attr-defined]
    page = workspace.pages["portal"]  # type: ignore[attr-defined]
    assert isinstance(page, PortalPage)
    assert page.overview is not None  # loaded when first shown
    assert workspace.tabs.tabText(workspace.tabs.indexOf(page)) == "Portal"  # type: ignore[attr-defined]
