"""The first start in the window: the welcome, the wizard's pages, the connection tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot

from backoffice.app import Backoffice
from backoffice.domain.roles import Role
from backoffice.services.identity import IdentityService, TownIdentity
from backoffice.services.installation import Installation
from backoffice.services.setup import FirstStart, first_start_needed
from backoffice.ui.app import build_context
from backoffice.ui.main_window import MainWindow
from backoffice.ui.settings import UiSettings
from backoffice.ui.setup import SetupWizard, WelcomeDialog
from backoffice.ui.setup.pages import ADMIN, DATABASE, PORTAL, SUMMARY, TOWN
from backoffice.ui.setup.wizard import Welcome
from backoffice.ui.tasks import SyncTaskRunner, TaskRunner


@pytest.fixture
def first_start(tmp_path: Path) -> FirstStart:
    return FirstStart(Installation.locate(tmp_path / "data"), Backoffice.open)


@pytest.fixture
def make_wizard(qtbot: QtBot, first_start: FirstStart) -> Iterator[object]:
    made: list[SetupWizard] = []

    def make(runner: TaskRunner) -> SetupWizard:
        wizard = SetupWizard(first_start, runner, "anna")
        qtbot.addWidget(wizard)
        wizard.show()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.close()


def _next(wizard: SetupWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()


def test_the_wizard_sets_up_this_computer_and_the_window_starts(
    qtbot: QtBot, make_wizard: object, runner: SyncTaskRunner, tmp_path: Path
) -> None:
    wizard = make_wizard(runner)  # type: ignore[operator]
    assert wizard.currentId() == DATABASE and wizard.database.local.isChecked()
    _next(wizard)
    assert wizard.currentId() == ADMIN
    assert wizard.admin.login.text() == "anna"  # the OS login by default
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no name yet
    qtbot.keyClicks(wizard.admin.name, "Anna Schmitz")
    _next(wizard)
    assert wizard.currentId() == TOWN
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.town.name, "Stadt Musterhausen")
    qtbot.keyClicks(wizard.town.street, "Marktplatz 1")
    qtbot.keyClicks(wizard.town.postcode, "12345")
    qtbot.keyClicks(wizard.town.city, "Musterhausen")
    _next(wizard)
    assert wizard.currentId() == PORTAL and not wizard.portal.enabled.isChecked()
    _next(wizard)
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary.summary.text()
    assert "Anna Schmitz (anna)" in summary and "Portal: not now" in summary
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.outcome is not None
    _installation, admin = wizard.outcome
    assert admin is not None and admin.login == "anna"

    again = Installation.locate(tmp_path / "data")
    assert not first_start_needed(again)
    backoffice = Backoffice.open(again)
    try:
        assert IdentityService(backoffice.db).get() == TownIdentity(
            name="Stadt Musterhausen", street="Marktplatz 1", postcode="12345", city="Musterhausen"
        )
        actor = backoffice.actor("anna")
        assert actor.role is Role.ADMINISTRATOR
        window = MainWindow(
            build_context(backoffice.desktop_services(), actor, "en", runner),
            UiSettings.at(tmp_path / "ui.ini"),
        )
        qtbot.addWidget(window)
        window.show()
        window.start()
        assert window.isVisible()
        window.close()
    finally:
        backoffice.close()


def test_a_team_database_is_tested_in_a_worker_bad_then_good(
    qtbot: QtBot, make_wizard: object, thread_runner: TaskRunner, postgres_url: str
) -> None:
    wizard = make_wizard(thread_runner)  # type: ignore[operator]
    page = wizard.database
    page.team.click()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled() and not page.tester.button.isEnabled()
    wrong = postgres_url.rsplit(":", 1)[0] + ":1/nothing"
    qtbot.keyClicks(page.url, wrong)
    page.tester.button.click()
    qtbot.waitUntil(lambda: page.tester.button.isEnabled(), timeout=20_000)
    assert page.tester.result.text().startswith("The database cannot be used.\ncannot connect")
    assert page.tester.result.textFormat() == Qt.TextFormat.PlainText
    assert not next_button.isEnabled()
    page.url.clear()
    qtbot.keyClicks(page.url, postgres_url)
    page.tester.button.click()
    qtbot.waitUntil(lambda: page.tester.button.isEnabled(), timeout=20_000)
    assert "reachable and empty" in page.tester.result.text()
    assert next_button.isEnabled()
    qtbot.keyClicks(page.url, "x")  # changed after the test: test again
    assert not next_button.isEnabled()


def test_the_portal_page_needs_a_passed_test_when_chosen(
    qtbot: QtBot, make_wizard: object, runner: SyncTaskRunner
) -> None:
    wizard = make_wizard(runner)  # type: ignore[operator]
    page = wizard.portal
    assert page.isComplete()
    page.enabled.click()
    assert not page.isComplete() and not page.tester.button.isEnabled()
    for field, text in zip(
        page.fields,
        ["http://127.0.0.1:1/v1", "http://127.0.0.1:1/token", "not-a-uuid", "c", "s"],
        strict=True,
    ):
        qtbot.keyClicks(field, text)
    assert page.secret.echoMode() == page.secret.EchoMode.Password
    page.tester.button.click()
    assert page.tester.result.text().startswith("The portal connection does not work.")
    assert "not a UUID" in page.tester.result.text()
    assert not page.isComplete()


def test_the_welcome_offers_the_demo_and_the_setup(qtbot: QtBot) -> None:
    for button, choice in (("demo_button", Welcome.DEMO), ("setup_button", Welcome.SET_UP)):
        dialog = WelcomeDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        getattr(dialog, button).click()
        assert dialog.choice is choice and dialog.result() == QDialog.DialogCode.Accepted
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.choice is Welcome.CANCEL
