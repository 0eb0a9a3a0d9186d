"""The portal connection as an administration page: settings, secret, keys, a test.

What ``backoffice portal configure``, ``keys generate|export|register`` and ``portal test``
do, through the same :class:`~backoffice.services.portal_admin.PortalAdministration` (which
checks MANAGE_PORTAL), each call in a worker. The secret is a password field that is never
filled: left empty, the stored secret stays. The test shows one line per check (the access
token, then each destination) with what to do about a failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.portal.errors import PortalError
from backoffice.services.errors import PermissionDenied
from backoffice.services.portal_admin import (
    CheckLine,
    ConnectionCheck,
    GeneratedKeys,
    PortalOverview,
    Registration,
)
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.context import UiContext
from backoffice.ui.icons import icon
from backoffice.ui.portal_form import PortalForm
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar, muted, plain_label

T = TypeVar("T")


def check_advice(line: CheckLine) -> str:
    """What a failed check means and what to do, from the kind of failure."""
    kind = line.error_kind or ""
    advice = {
        "AuthenticationFailed": QCoreApplication.translate(
            "PortalPage",
            "The portal refused the client ID or its secret. Check both, type the secret "
            "again and save.",
        ),
        "NotFound": QCoreApplication.translate(
            "PortalPage", "The portal does not know this destination: check the destination ID."
        ),
        "AccessDenied": QCoreApplication.translate(
            "PortalPage",
            "This client may not use the destination: is it subscribed to it at the portal?",
        ),
        "TlsError": QCoreApplication.translate(
            "PortalPage",
            "The portal's certificate was not accepted: check the address, or give the "
            "in-house CA file.",
        ),
        "PortalConnectionError": QCoreApplication.translate(
            "PortalPage",
            "The portal could not be reached: check the address and the network connection.",
        ),
        "PortalTimeout": QCoreApplication.translate(
            "PortalPage", "The portal did not answer in time: try again later."
        ),
    }.get(kind)
    if advice is None:
        advice = QCoreApplication.translate(
            "PortalPage", "The portal answered in a way the program did not expect."
        )
    return advice


def failure_text(error: Exception) -> str:
    """A failed action in the UI language, the technical text for support after it."""
    if isinstance(error, PermissionDenied):
        return QCoreApplication.translate(
            "PortalPage", "Only an administrator may change the portal connection."
        )
    from backoffice.portal.keys import KeyFileError

    if isinstance(error, KeyFileError):
        lead = QCoreApplication.translate("PortalPage", "The subscriber keys cannot be used.")
    elif isinstance(error, PortalError):
        lead = QCoreApplication.translate("PortalPage", "The portal connection does not work.")
    else:
        lead = QCoreApplication.translate("PortalPage", "That did not succeed.")
    return f"{lead}\n{error}"


def _ok_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)


class PortalPage(AdminPage):
    """Administration → Portal; see the module documentation."""

    key: ClassVar[str] = "portal"
    permission: ClassVar[Permission] = Permission.MANAGE_PORTAL

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overview: PortalOverview | None = None
        self.last_check: ConnectionCheck | None = None
        self.confirm_box: QMessageBox | None = None
        self.export_dialog: QFileDialog | None = None
        self._busy = False

        self.message = MessageBar(self)
        self.source_label = muted(plain_label("", self, wrap=True))
        self.source_label.setObjectName("portalSource")

        self.form = PortalForm(self, advanced=True, keep_secret=True)
        secret_note = muted(
            plain_label(
                self.tr(
                    "The secret goes into the system's keyring and is never shown. Leave the "
                    "field empty to keep the stored secret."
                ),
                self,
                wrap=True,
            )
        )
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("portalSave")
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("portalTest")
        connection = QGroupBox(self.tr("Connection"), self)
        connection_layout = QVBoxLayout(connection)
        connection_layout.addWidget(self.form)
        connection_layout.addWidget(secret_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        connection_layout.addLayout(buttons)

        self.keys_label = plain_label("", self, wrap=True, selectable=True)
        self.keys_label.setObjectName("portalKeys")
        self.generate_button = QPushButton(self.tr("&Generate keys…"), self)
        self.export_button = QPushButton(self.tr("E&xport public keys…"), self)
        self.register_button = QPushButton(self.tr("&Register at the portal"), self)
        keys = QGroupBox(self.tr("Subscriber keys"), self)
        keys_layout = QVBoxLayout(keys)
        keys_layout.addWidget(self.keys_label)
        keys_buttons = QHBoxLayout()
        for button in (self.generate_button, self.export_button, self.register_button):
            keys_buttons.addWidget(button)
        keys_buttons.addStretch(1)
        keys_layout.addLayout(keys_buttons)

        self.results = QTreeWidget(self)
        self.results.setObjectName("portalCheck")
        self.results.setRootIsDecorated(False)
        self.results.setWordWrap(True)
        self.results.setHeaderLabels([self.tr("Result"), self.tr("Checked"), self.tr("Message")])
        header = self.results.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.results.setMinimumHeight(110)
        self.check_summary = plain_label("", self, wrap=True, selectable=True)
        check = QGroupBox(self.tr("Connection test"), self)
        check_layout = QVBoxLayout(check)
        check_layout.addWidget(self.check_summary)
        check_layout.addWidget(self.results)

        body = QWidget(self)
        body.setMaximumWidth(1040)  # long lines of fields are hard to read
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.source_label)
        body_layout.addWidget(connection)
        body_layout.addWidget(keys)
        body_layout.addWidget(check, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_connection)
        self.generate_button.clicked.connect(self.generate_keys)
        self.export_button.clicked.connect(self.export_keys)
        self.register_button.clicked.connect(self.register_keys)
        self.form.changed.connect(self._update_buttons)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Portal")

    def icon(self) -> QIcon:
        return icon("sync")

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._run(self.administration.portal.overview, self._show_overview, "portal overview")

    def _show_overview(self, overview: PortalOverview, *, fill_form: bool = True) -> None:
        """Show what was read; ``fill_form`` False keeps what is typed in the fields."""
        self.overview = overview
        if fill_form:
            self.form.show_settings(overview.settings)
        if overview.settings is None:
            source = self.tr("The portal connection is not set up yet.")
        elif overview.from_machine:
            source = self.tr(
                "These are the machine-wide defaults (from the installer or group policy). "
                "Saving stores them for this installation, with the secret."
            )
        else:
            source = self.tr("The settings of this installation.")
        self.source_label.setText(source)
        self.form.secret.setPlaceholderText(
            self.tr("stored in the keyring – leave empty to keep it")
            if overview.secret_stored
            else self.tr("not stored yet")
        )
        keys = overview.keys
        if keys is None:
            self.keys_label.setText(
                self.tr("No keys yet: generate them, then register them at the portal.")
            )
        else:
            self.keys_label.setText(
                self.tr(
                    "Encryption key {encryption}\nSigning key {signing}\nmade {created}, in {path}"
                ).format(
                    encryption=keys.encryption_kid,
                    signing=keys.signing_kid,
                    created=keys.created,
                    path=keys.path,
                )
            )
        leads = {
            "settings": self.tr("The stored portal settings cannot be read."),
            "keyring": self.tr("The keyring cannot be used."),
            "keys": self.tr("The subscriber keys cannot be used."),
        }
        if overview.problems:
            self.message.show_message(
                "\n".join(f"{leads.get(kind, kind)}\n{text}" for kind, text in overview.problems),
                Tone.WARNING,
            )
        self._update_buttons()

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        settings, wrong = self.form.checked_settings()
        if settings is None:
            self.message.show_message(wrong, Tone.BAD)
            return
        secret = self.form.secret_value()
        if secret is None and not (self.overview and self.overview.secret_stored):
            self.message.show_message(self.tr("Type the client secret."), Tone.BAD)
            self.form.secret.setFocus()
            return
        administration, actor = self.administration.portal, self._ctx.actor

        def configure() -> PortalOverview:
            administration.configure(actor, settings, secret)
            return administration.overview()

        self._run(configure, self._saved, "configure portal", write=True)

    def _saved(self, overview: PortalOverview) -> None:
        self._show_overview(overview)
        text = self.tr("The portal connection is saved; the secret is in the keyring.")
        if self._ctx.services.open_intake is None:  # the window started without a portal
            text += " " + self.tr("Start the program again to fetch applications with it.")
        self.message.show_message(text, Tone.GOOD)
        self.status_message.emit(text)

    # -- the test ---------------------------------------------------------------------------

    def test_connection(self) -> None:
        self.results.clear()
        self.check_summary.setText(self.tr("Testing…"))
        self._run(
            self.administration.portal.test_connection,
            self._tested,
            "portal test",
            on_failure=self._test_failed,
        )

    def _tested(self, check: ConnectionCheck) -> None:
        self.last_check = check
        self.results.clear()
        for line in check.lines:
            self.results.addTopLevelItem(self._line_item(line))
        if check.ok:
            summary = self.tr("Everything works: the portal knows this office.")
        elif check.lines and check.lines[0].subject == "token" and not check.lines[0].ok:
            summary = self.tr("The test failed: no access token.")
        else:
            summary = self.tr("The test failed for {n} of {total} destination(s).").format(
                n=check.failures, total=len(check.lines) - 1
            )
        self.check_summary.setText(summary)
        self.status_message.emit(summary)

    def _line_item(self, line: CheckLine) -> QTreeWidgetItem:
        if line.subject == "token":
            subject = self.tr("Access token")
        else:
            subject = self.tr("Destination {id}").format(
                id=line.subject.removeprefix("destination ")
            )
        message = line.text if line.ok else f"{check_advice(line)}\n{line.text}"
        item = QTreeWidgetItem([self.tr("ok") if line.ok else self.tr("failed"), subject, message])
        item.setIcon(0, _ok_icon() if line.ok else icon("error"))
        item.setToolTip(2, line.text)
        item.setData(0, Qt.ItemDataRole.UserRole, line.ok)
        return item

    def _test_failed(self, error: Exception) -> None:
        self.last_check = None
        self.check_summary.setText(failure_text(error))

    # -- keys -------------------------------------------------------------------------------

    def generate_keys(self) -> None:
        if self.overview is not None and self.overview.keys is not None:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Replace the keys"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(self.tr("This installation has keys already. Replace them?"))
            box.setInformativeText(
                self.tr(
                    "Once new keys are registered, applications encrypted for the old keys "
                    "cannot be read any more. The old key file is kept aside, renamed."
                )
            )
            replace = box.addButton(self.tr("Replace keys"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.buttonClicked.connect(
                lambda button: self._generate(replace=True) if button is replace else None
            )
            box.finished.connect(lambda _result: setattr(self, "confirm_box", None))
            self.confirm_box = box
            box.open()
            return
        self._generate(replace=False)

    def _generate(self, *, replace: bool) -> None:
        administration, actor = self.administration.portal, self._ctx.actor
        self.keys_label.setText(self.tr("Generating keys (a few seconds)…"))

        def generate() -> tuple[GeneratedKeys, PortalOverview]:
            made = administration.generate_keys(actor, replace=replace)
            return made, administration.overview()

        self._run(generate, self._generated, "generate keys", write=True)

    def _generated(self, result: tuple[GeneratedKeys, PortalOverview]) -> None:
        made, overview = result
        self._show_overview(overview)
        text = self.tr("New keys made; register them at the portal next.")
        if made.previous_moved_to is not None:
            text += " " + self.tr("The previous keys were moved to {path}.").format(
                path=made.previous_moved_to
            )
        self.message.show_message(text, Tone.GOOD)
        self.status_message.emit(text)

    def export_keys(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the public keys"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("json")
        dialog.setNameFilter(self.tr("Key sets (*.json)"))
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if folder:
            dialog.setDirectory(folder)
        dialog.selectFile("subscriber-keys.jwks.json")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the public JWKS to ``path`` (in a worker; nothing secret is in it)."""
        administration = self.administration.portal

        def export() -> Path:
            text = json.dumps(administration.export_keys(), indent=2) + "\n"
            path.write_text(text, encoding="utf-8")
            return path

        self._run(export, self._exported, "export keys", write=True)

    def _exported(self, path: Path) -> None:
        text = self.tr("The public keys were written to {path}.").format(path=path)
        self.message.show_message(text, Tone.GOOD)
        self.status_message.emit(text)

    def register_keys(self) -> None:
        administration, actor = self.administration.portal, self._ctx.actor
        self._run(lambda: administration.register_keys(actor), self._registered, "register keys")

    def _registered(self, registrations: list[Registration]) -> None:
        text = self.tr("The keys are registered at {n} destination(s).").format(
            n=len(registrations)
        )
        self.message.show_message(text, Tone.GOOD)
        self.status_message.emit(text)

    # -- plumbing ---------------------------------------------------------------------------

    def _run(
        self,
        fn: Callable[[], T],
        done: Callable[[T], None],
        name: str,
        *,
        write: bool = False,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        self._busy = True
        self._update_buttons()

        def finished(result: T) -> None:
            self._busy = False
            self._update_buttons()
            done(result)

        def failed(error: Exception) -> None:
            self._busy = False
            self._update_buttons()
            if on_failure is not None:
                on_failure(error)
                return
            self.message.show_message(failure_text(error), Tone.BAD)
            if self.overview is not None:  # the keys line again, not "Generating…";
                self._show_overview(self.overview, fill_form=False)  # nothing typed is lost

        self._ctx.runner.run(fn, done=finished, failed=failed, owner=self, write=write, name=name)

    def _update_buttons(self) -> None:
        idle = not self._busy
        configured = self.overview is not None and self.overview.settings is not None
        has_keys = self.overview is not None and self.overview.keys is not None
        self.save_button.setEnabled(idle and self.form.filled())
        self.test_button.setEnabled(idle and configured)
        self.generate_button.setEnabled(idle and self.overview is not None)
        self.export_button.setEnabled(idle and has_keys)
        self.register_button.setEnabled(idle and has_keys and configured)


__all__ = ["PortalPage", "check_advice", "failure_text"]
