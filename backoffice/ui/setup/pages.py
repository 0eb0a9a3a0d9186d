"""The pages of the setup wizard: database, administrator, town, portal, summary.

Each page lays out its fields and says when it is complete; the connection tests run
in the task runner (never on the GUI thread) through :class:`FirstStart`, and a page
whose test is needed stays incomplete until the test passed for exactly what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from backoffice.services.errors import InvalidInput
from backoffice.services.setup import (
    DatabaseCheck,
    FirstStart,
    PortalChoice,
    SetupError,
    check_login,
)
from backoffice.ui.portal_form import PortalForm
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.widgets import muted, plain_label

DATABASE, ADMIN, TOWN, PORTAL, SUMMARY = range(5)


def setup_error_text(error: Exception) -> str:
    """What went wrong, in the UI language, with the technical text for support after it."""
    step = error.step if isinstance(error, SetupError) else ""
    leads = {
        "database": QCoreApplication.translate("Setup", "The database cannot be used."),
        "portal": QCoreApplication.translate("Setup", "The portal connection does not work."),
        "keyring": QCoreApplication.translate(
            "Setup", "The keyring for the portal secret cannot be used."
        ),
        "folder": QCoreApplication.translate("Setup", "The data folder cannot be used."),
        "administrator": QCoreApplication.translate("Setup", "The administrator cannot be added."),
    }
    lead = leads.get(step, QCoreApplication.translate("Setup", "The setup did not succeed."))
    return f"{lead}\n{error}"


class _TestButton:
    """A "test connection" button with its result line; one test at a time."""

    def __init__(self, page: QWizardPage, runner: TaskRunner, text: str) -> None:
        self.button = QPushButton(text, page)
        self.result = plain_label("", page, wrap=True, selectable=True)
        self._page = page
        self._runner = runner
        self.passed_for: object = None

    def start(self, key: object, test: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self.passed_for = None
        self.button.setEnabled(False)
        self.result.setText(QCoreApplication.translate("Setup", "Testing…"))
        self._page.completeChanged.emit()

        def done(found: Any) -> None:
            self.button.setEnabled(True)
            self.passed_for = key
            on_done(found)
            self._page.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.button.setEnabled(True)
            self.result.setText(setup_error_text(error))
            self._page.completeChanged.emit()

        self._runner.run(test, done=done, failed=failed, owner=self._page, name="setup test")


class DatabasePage(QWizardPage):
    """This computer (the SQLite file in the data folder) or a team's PostgreSQL."""

    def __init__(self, first_start: FirstStart, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._first_start = first_start
        self.check: DatabaseCheck | None = None
        self.setTitle(self.tr("Database"))
        self.setSubTitle(self.tr("Where the cases are kept."))
        self.local = QRadioButton(self.tr("This computer only"), self)
        self.team = QRadioButton(self.tr("A team's PostgreSQL database"), self)
        self.local.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.team)
        local_note = muted(
            plain_label(
                self.tr("A database file in {folder}.").format(
                    folder=first_start.installation.data_dir
                ),
                self,
                wrap=True,
            )
        )
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://user@server/backoffice")
        team_note = muted(
            plain_label(
                self.tr(
                    "Ask your IT for the address. A password does not belong in it: it goes "
                    "into ~/.pgpass."
                ),
                self,
                wrap=True,
            )
        )
        self.tester = _TestButton(self, runner, self.tr("Test connection"))
        self.tester.button.clicked.connect(self._test)
        layout = QVBoxLayout(self)
        for widget in (self.local, local_note, self.team, self.url, team_note):
            layout.addWidget(widget)
        layout.addWidget(self.tester.button)
        layout.addWidget(self.tester.result)
        layout.addStretch(1)
        self.local.toggled.connect(self._changed)
        self.url.textChanged.connect(self._changed)
        self._changed()

    def chosen_url(self) -> str | None:
        """None for this computer; else the URL as typed."""
        return None if self.local.isChecked() else self.url.text().strip()

    def joins_a_team(self) -> bool:
        """The team's database has users already: no administrator or town to set up."""
        return self.team.isChecked() and self.check is not None and self.check.users > 0

    def _changed(self) -> None:
        team = self.team.isChecked()
        self.url.setEnabled(team)
        self.tester.button.setEnabled(team and bool(self.url.text().strip()))
        if self.tester.passed_for != self.chosen_url():
            self.tester.result.setText("")
        self.completeChanged.emit()

    def _test(self) -> None:
        url = self.url.text().strip()
        self.check = None
        self.tester.start(url, lambda: self._first_start.test_database(url), self._tested)

    def _tested(self, check: DatabaseCheck) -> None:
        self.check = check
        text = self.tr("Connected: {what}").format(what=check.description)
        if check.users:
            text += "\n" + self.tr("It has users already: this computer joins the team.")
        self.tester.result.setText(text)

    def isComplete(self) -> bool:
        return self.local.isChecked() or self.tester.passed_for == self.chosen_url()

    def nextId(self) -> int:
        return SUMMARY if self.joins_a_team() else ADMIN


class AdminPage(QWizardPage):
    """The first administrator: login (the operating-system login by default) and name."""

    def __init__(self, os_login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("First administrator"))
        self.setSubTitle(
            self.tr("The person who sets up users and services. More users can be added later.")
        )
        self.login = QLineEdit(os_login if os_login != "unknown" else "", self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Anna Schmitz"))
        form = QFormLayout(self)
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Name:"), self.name)
        self.problem = plain_label("", self, wrap=True)
        form.addRow(self.problem)
        self.login.textChanged.connect(self._changed)
        self.name.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        login = self.login.text().strip()
        try:
            if login:
                check_login(login)
            self.problem.setText("")
        except InvalidInput:
            self.problem.setText(self.tr("A login may only contain letters, digits and . _ @ -"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.login.text().strip() and self.name.text().strip()) and not (
            self.problem.text()
        )


class TownPage(QWizardPage):
    """The town's name and address, as certificates and letters show them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your town"))
        self.setSubTitle(self.tr("Name and address as they appear on certificates and letters."))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Stadt Musterhausen"))
        self.office = QLineEdit(self)
        self.office.setPlaceholderText(self.tr("e.g. Bürgerbüro"))
        self.street = QLineEdit(self)
        self.postcode = QLineEdit(self)
        self.postcode.setMaxLength(20)
        self.city = QLineEdit(self)
        for field, limit in ((self.name, 200), (self.office, 200), (self.street, 200)):
            field.setMaxLength(limit)
        self.city.setMaxLength(100)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Office (optional):"), self.office)
        form.addRow(self.tr("Street and number:"), self.street)
        form.addRow(self.tr("Postcode:"), self.postcode)
        form.addRow(self.tr("City:"), self.city)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())


class PortalPage(QWizardPage):
    """Optionally the connection to the online portal, tested before it is stored."""

    def __init__(self, first_start: FirstStart, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._first_start = first_start
        self.setTitle(self.tr("Online portal (optional)"))
        self.setSubTitle(
            self.tr("Applications arrive from the portal. This can also be set up later.")
        )
        self.enabled = QCheckBox(self.tr("Connect to the portal now"), self)
        self.form = PortalForm(self)
        self.base_url, self.token_url = self.form.base_url, self.form.token_url
        self.destination, self.client_id = self.form.destination, self.form.client_id
        self.secret = self.form.secret
        self.fields = self.form.fields
        self.tester = _TestButton(self, runner, self.tr("Test connection"))
        self.tester.button.clicked.connect(self._test)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.form)
        note = muted(
            plain_label(self.tr("The secret is kept in the system's keyring."), self, wrap=True)
        )
        layout.addWidget(note)
        layout.addWidget(self.tester.button)
        layout.addWidget(self.tester.result)
        layout.addStretch(1)
        self.enabled.toggled.connect(self._changed)
        self.form.changed.connect(self._changed)
        self._changed()

    def choice(self) -> PortalChoice | None:
        if not self.enabled.isChecked():
            return None
        base, token, destination, client, secret = (f.text() for f in self.fields)
        return PortalChoice(
            base.strip(), token.strip(), destination.strip(), client.strip(), secret
        )

    def _changed(self) -> None:
        on = self.enabled.isChecked()
        self.form.setEnabled(on)
        self.tester.button.setEnabled(on and self.form.filled())
        if self.tester.passed_for != self.choice():
            self.tester.result.setText("")
        self.completeChanged.emit()

    def _test(self) -> None:
        choice = self.choice()
        if choice is None:
            return
        self.tester.start(
            choice,
            lambda: self._first_start.test_portal(choice),
            lambda found: self.tester.result.setText(
                self.tr("Connected: {what}").format(what=found)
            ),
        )

    def isComplete(self) -> bool:
        return not self.enabled.isChecked() or self.tester.passed_for == self.choice()


class SummaryPage(QWizardPage):
    """What will be set up; the wizard's Finish button does it (in a worker)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Finish sets up the program and opens it."))
        self.summary = plain_label("", self, wrap=True, selectable=True)
        self.problem = plain_label("", self, wrap=True, selectable=True)
        self.busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return not self.busy
