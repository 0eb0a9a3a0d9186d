"""The setup wizard of a first start, and the welcome that offers it or the demo.

:class:`WelcomeDialog` asks "try the demo" or "set up"; :class:`SetupWizard` walks
through the pages of :mod:`backoffice.ui.setup.pages` and, on Finish, stores the
choices through :meth:`FirstStart.apply` in a worker; it closes once that succeeded,
with :attr:`SetupWizard.outcome` telling the installation and the administrator.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from backoffice.services.identity import TownIdentity
from backoffice.services.installation import Installation
from backoffice.services.setup import FirstStart, SetupChoices
from backoffice.services.users import UserInfo
from backoffice.ui.setup.pages import (
    ADMIN,
    DATABASE,
    PORTAL,
    SUMMARY,
    TOWN,
    AdminPage,
    DatabasePage,
    PortalPage,
    SummaryPage,
    TownPage,
    setup_error_text,
)
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.widgets import heading_font, plain_label


class Welcome(Enum):
    DEMO = "demo"
    SET_UP = "set_up"
    CANCEL = "cancel"


class WelcomeDialog(QDialog):
    """The first thing a new installation shows: the demo, or the setup."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = Welcome.CANCEL
        self.setWindowTitle(self.tr("Welcome – Rathaus Backoffice"))
        title = plain_label(self.tr("Welcome to Rathaus Backoffice"), self)
        title.setFont(heading_font(self.font(), 1.3))
        text = plain_label(
            self.tr(
                "This computer has no Rathaus Backoffice set up yet. You can look around in a "
                "demo with made-up applications first, or set the program up for your town "
                "hall now."
            ),
            self,
            wrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.demo_button = QPushButton(self.tr("Try the demo"), self)
        self.setup_button = QPushButton(self.tr("Set up…"), self)
        self.setup_button.setDefault(True)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.setup_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button.clicked.connect(lambda: self._choose(Welcome.DEMO))
        self.setup_button.clicked.connect(lambda: self._choose(Welcome.SET_UP))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _choose(self, choice: Welcome) -> None:
        self.choice = choice
        self.accept()


class SetupWizard(QWizard):
    """Database, first administrator, town, portal (optional), then Finish does it."""

    def __init__(
        self,
        first_start: FirstStart,
        runner: TaskRunner,
        os_login: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._first_start = first_start
        self._runner = runner
        self.outcome: tuple[Installation, UserInfo | None] | None = None
        self.setWindowTitle(self.tr("Set up Rathaus Backoffice"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumWidth(560)
        self.database = DatabasePage(first_start, runner, self)
        self.admin = AdminPage(os_login, self)
        self.town = TownPage(self)
        self.portal = PortalPage(first_start, runner, self)
        self.summary = SummaryPage(self)
        for page_id, page in (
            (DATABASE, self.database),
            (ADMIN, self.admin),
            (TOWN, self.town),
            (PORTAL, self.portal),
            (SUMMARY, self.summary),
        ):
            self.setPage(page_id, page)
        self.setStartId(DATABASE)
        self.currentIdChanged.connect(self._entered)

    def choices(self) -> SetupChoices:
        if self.database.joins_a_team():
            return SetupChoices(self.database.chosen_url())
        identity = TownIdentity(
            name=self.town.name.text(),
            office=self.town.office.text(),
            street=self.town.street.text(),
            postcode=self.town.postcode.text(),
            city=self.town.city.text(),
        )
        return SetupChoices(
            database_url=self.database.chosen_url(),
            admin_login=self.admin.login.text().strip(),
            admin_name=self.admin.name.text().strip(),
            identity=identity,
            portal=self.portal.choice(),
        )

    def _entered(self, page_id: int) -> None:
        if page_id == SUMMARY:
            self.summary.problem.setText("")
            self.summary.summary.setText(self._summary_text())

    def _summary_text(self) -> str:
        url = self.database.chosen_url()
        lines = [
            self.tr("Database: {what}").format(
                what=url
                if url
                else self.tr("this computer ({folder})").format(
                    folder=self._first_start.installation.data_dir
                )
            )
        ]
        if self.database.joins_a_team():
            lines.append(self.tr("This computer joins the team's existing installation."))
            return "\n".join(lines)
        lines.append(
            self.tr("Administrator: {name} ({login})").format(
                name=self.admin.name.text().strip(), login=self.admin.login.text().strip()
            )
        )
        lines.append(self.tr("Town: {name}").format(name=self.town.name.text().strip()))
        choice = self.portal.choice()
        lines.append(
            self.tr("Portal: {address}").format(address=choice.base_url)
            if choice
            else self.tr("Portal: not now")
        )
        return "\n".join(lines)

    def accept(self) -> None:
        """Finish: store everything in a worker; close once it is done."""
        if self.summary.busy:
            return
        try:
            choices = self.choices()
        except Exception as error:  # a town name the service refuses, e.g.
            self.summary.problem.setText(setup_error_text(error))
            return
        self.summary.busy = True
        self.summary.problem.setText(self.tr("Setting up…"))
        self.summary.completeChanged.emit()
        self._runner.run(
            lambda: self._first_start.apply(choices),
            done=self._applied,
            failed=self._failed,
            owner=self,
            write=True,
            name="first start",
        )

    def _applied(self, outcome: tuple[Installation, UserInfo | None]) -> None:
        self.outcome = outcome
        self.summary.busy = False
        super().accept()

    def _failed(self, error: Exception) -> None:
        self.summary.busy = False
        self.summary.problem.setText(setup_error_text(error))
        self.summary.completeChanged.emit()
