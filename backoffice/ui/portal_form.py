"""The fields of the portal connection, shared by the first-start wizard and the
administration's portal page: addresses, destination(s), client id and secret, and (on
the administration page) the timeouts and an own CA file.

:meth:`PortalForm.problem` says, in the UI language, what is wrong with what is typed
(the same rules as :class:`~backoffice.portal.settings.PortalSettings`, which the services
check again); the secret is a password field and is never filled from anywhere.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from backoffice.portal.errors import PortalConfigError, PortalError
from backoffice.portal.settings import PortalSettings
from backoffice.portal.urls import check_url, is_uuid
from backoffice.ui.widgets import plain_label

EXAMPLE_UUID = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"
_SEPARATORS = re.compile(r"[\s,;]+")


def split_destinations(text: str) -> tuple[str, ...]:
    """The destination ids typed, separated by commas, semicolons or spaces (no repeats)."""
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(text.strip()) if part))


def url_problem(field: str, text: str) -> str:
    """What is wrong with an address, in the UI language ("" when it is usable)."""
    try:
        check_url(text, what=field)
    except PortalError as error:
        detail = str(error)
        if "user name or password" in detail:
            message = QCoreApplication.translate(
                "PortalForm", "{field} must not contain a user name or password."
            )
        elif "query" in detail:
            message = QCoreApplication.translate(
                "PortalForm", "{field} must not have a query (?…) or a fragment (#…)."
            )
        elif "plain http://" in detail:
            message = QCoreApplication.translate(
                "PortalForm",
                "{field} uses plain http:// to another computer: use https:// (plain http:// "
                "is allowed only for this computer).",
            )
        else:
            message = QCoreApplication.translate(
                "PortalForm",
                "{field} is not a web address: it must begin with https:// and name a "
                "server, e.g. https://portal.example.",
            )
        return message.format(field=field)
    return ""


class PortalForm(QWidget):
    """The connection fields in a form layout; see the module documentation.

    ``advanced``: the timeouts and the CA file too. ``keep_secret``: an empty secret
    field means "keep the stored secret" (the administration page), not "missing".
    """

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, advanced: bool = False, keep_secret: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("portalForm")
        self._keep_secret = keep_secret
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText("https://…")
        self.token_url = QLineEdit(self)
        self.token_url.setPlaceholderText("https://…/token")
        self.destination = QLineEdit(self)
        self.destination.setPlaceholderText(EXAMPLE_UUID)
        self.client_id = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setObjectName("portalSecret")
        for field in (self.base_url, self.token_url, self.client_id):
            field.setMaxLength(500)
        self.destination.setMaxLength(2000)
        self.secret.setMaxLength(500)
        #: The text fields, in order (the wizard enables and checks them together).
        self.fields = (self.base_url, self.token_url, self.destination, self.client_id, self.secret)
        self.problem_label = plain_label("", self, wrap=True)
        self.problem_label.setObjectName("portalFormProblem")
        self.problem_label.setStyleSheet("color: #9b1c1c;")
        self.problem_label.hide()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Address:"), self.base_url)
        self.form.addRow(self.tr("Token address:"), self.token_url)
        self.form.addRow(
            self.tr("Destination IDs:") if advanced else self.tr("Destination ID:"),
            self.destination,
        )
        self.form.addRow(self.tr("Client ID:"), self.client_id)
        self.form.addRow(self.tr("Client secret:"), self.secret)
        self.connect_timeout: QDoubleSpinBox | None = None
        self.read_timeout: QDoubleSpinBox | None = None
        self.ca_file: QLineEdit | None = None
        if advanced:
            self.connect_timeout = self._seconds(10.0)
            self.read_timeout = self._seconds(60.0)
            self.ca_file = QLineEdit(self)
            self.ca_file.setPlaceholderText(self.tr("the system's certificates"))
            browse = QPushButton(self.tr("Choose…"), self)
            browse.setObjectName("portalCaBrowse")
            browse.clicked.connect(self._choose_ca_file)
            row = QHBoxLayout()
            row.addWidget(self.ca_file, 1)
            row.addWidget(browse)
            self.form.addRow(self.tr("Connect timeout:"), self.connect_timeout)
            self.form.addRow(self.tr("Read timeout:"), self.read_timeout)
            self.form.addRow(self.tr("Trusted CA file (PEM):"), row)
            self.ca_file.textChanged.connect(self._changed)
            self.connect_timeout.valueChanged.connect(self._changed)
            self.read_timeout.valueChanged.connect(self._changed)
        self.form.addRow(self.problem_label)
        for field in self.fields:
            field.textChanged.connect(self._changed)
        self.ca_dialog: QFileDialog | None = None

    def _seconds(self, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(1.0, 3600.0)
        box.setDecimals(0)
        box.setValue(value)
        box.setSuffix(self.tr(" s"))
        return box

    # -- what is typed --------------------------------------------------------------------

    def destination_ids(self) -> tuple[str, ...]:
        return split_destinations(self.destination.text())

    def secret_value(self) -> str | None:
        """The secret typed; None where an empty field keeps the stored one."""
        text = self.secret.text()
        if not text and self._keep_secret:
            return None
        return text

    def filled(self) -> bool:
        """Every needed field has something in it (the secret only where it is needed)."""
        needed = self.fields[:-1] if self._keep_secret else self.fields
        return all(field.text().strip() for field in needed)

    def problem(self) -> str:
        """The first thing wrong with what is typed, in the UI language; "" if nothing is
        (an empty field is no problem here: :meth:`filled` says whether all are there)."""
        for label, field in (
            (self.tr("The address"), self.base_url),
            (self.tr("The token address"), self.token_url),
        ):
            if field.text().strip():
                found = url_problem(label, field.text())
                if found:
                    return found
        for destination in self.destination_ids():
            if not is_uuid(destination):
                return self.tr(
                    "The destination ID {id} is not a UUID (it looks like {example})."
                ).format(id=destination[:60], example=EXAMPLE_UUID)
        client = self.client_id.text().strip()
        if client and not client.isprintable():
            return self.tr("The client ID contains control characters.")
        secret = self.secret.text()
        if secret and not secret.isprintable():
            return self.tr("The client secret contains control characters.")
        return ""

    def missing(self) -> str:
        """What to fill in before saving, in the UI language ("" if nothing)."""
        if self.filled():
            return ""
        if self._keep_secret:
            return self.tr("Fill in the addresses, at least one destination ID and the client ID.")
        return self.tr(
            "Fill in the addresses, at least one destination ID, the client ID and its secret."
        )

    def settings(self) -> PortalSettings:
        """The settings typed (PortalConfigError with the service's words if they are not)."""
        ca_file = self.ca_file.text().strip() if self.ca_file is not None else ""
        return PortalSettings(
            base_url=self.base_url.text().strip(),
            token_url=self.token_url.text().strip(),
            destination_ids=self.destination_ids(),
            client_id=self.client_id.text().strip(),
            connect_timeout=self.connect_timeout.value() if self.connect_timeout else 10.0,
            read_timeout=self.read_timeout.value() if self.read_timeout else 60.0,
            ca_file=ca_file or None,
        )

    def checked_settings(self) -> tuple[PortalSettings | None, str]:
        """The settings, or None and what is wrong (in the UI language)."""
        wrong = self.missing() or self.problem()
        if wrong:
            return None, wrong
        try:
            return self.settings(), ""
        except PortalConfigError as error:  # a rule the form does not know: the service's words
            return None, str(error)

    def show_settings(self, settings: PortalSettings | None) -> None:
        """Fill the fields from stored settings; the secret field is emptied, never filled."""
        self.base_url.setText(settings.base_url if settings else "")
        self.token_url.setText(settings.token_url if settings else "")
        self.destination.setText(", ".join(settings.destination_ids) if settings else "")
        self.client_id.setText(settings.client_id if settings else "")
        self.secret.clear()
        if self.connect_timeout is not None and self.read_timeout is not None:
            self.connect_timeout.setValue(settings.connect_timeout if settings else 10.0)
            self.read_timeout.setValue(settings.read_timeout if settings else 60.0)
        if self.ca_file is not None:
            self.ca_file.setText((settings.ca_file or "") if settings else "")

    # -- reactions ------------------------------------------------------------------------

    def _changed(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.changed.emit()

    def _choose_ca_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Trusted CA certificates"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if self.ca_file is not None:
            ca_file = self.ca_file
            dialog.fileSelected.connect(ca_file.setText)
        dialog.finished.connect(lambda _result: setattr(self, "ca_dialog", None))
        self.ca_dialog = dialog
        dialog.open()


__all__ = ["PortalForm", "split_destinations", "url_problem"]
