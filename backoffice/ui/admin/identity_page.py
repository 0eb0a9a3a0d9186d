"""The town's identity on documents as an administration page, with a live preview.

Name, office, address, place, signature line, footer, verification address and logo, for
the whole installation or, as overrides, for one service (an empty field there means "as
for the installation"). Saved through :class:`~backoffice.services.identity.IdentityService`
(MANAGE_TEMPLATES, recorded in the administration's audit trail). A logo file is read and
checked (:meth:`~backoffice.services.identity.Logo.checked`) in a worker; the preview is a
sample certificate rendered with what is typed, in a worker, shown as page images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.identity import (
    MAX_LENGTH,
    MAX_LOGO_BYTES,
    Logo,
    ServiceIdentity,
    TownIdentity,
)
from backoffice.services.identity_preview import LetterheadPreview, render_preview
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.context import UiContext
from backoffice.ui.icons import icon
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar, muted, plain_label

#: The text fields, in the order of the form (the names of TownIdentity's fields).
FIELDS = (
    "name",
    "office",
    "street",
    "postcode",
    "city",
    "place",
    "signature_line",
    "footer",
    "verify_base_url",
)
#: The installation in the scope box (a service is its key).
INSTALLATION = ""
#: Wait this long after the last keystroke before the preview is rendered again.
PREVIEW_DELAY_MS = 400
#: The logo's thumbnail on the page.
LOGO_THUMB = (160, 80)


@dataclass
class IdentityState:
    """What the page read: the installation's identity and every service's overrides."""

    installation: TownIdentity | None
    services: dict[str, ServiceIdentity] = field(default_factory=dict)
    templates: list[ServiceTemplate] = field(default_factory=list)


def read_logo(path: Path) -> Logo:
    """The image file, checked (in a worker: a file may sit on a slow share)."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise InvalidInput(
                f"the logo has {size} bytes; at most {MAX_LOGO_BYTES} are allowed", size=size
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    return Logo.checked(data)


def identity_failure(error: Exception) -> str:
    if isinstance(error, PermissionDenied):
        return QCoreApplication.translate(
            "IdentityPage", "Only an administrator may change the town's identity."
        )
    if isinstance(error, InvalidInput):
        lead = QCoreApplication.translate("IdentityPage", "This cannot be saved as it is.")
    else:
        lead = QCoreApplication.translate("IdentityPage", "That did not succeed.")
    return f"{lead}\n{error}"


class IdentityPage(AdminPage):
    """Administration → Identity; see the module documentation."""

    key: ClassVar[str] = "identity"
    permission: ClassVar[Permission] = Permission.MANAGE_TEMPLATES
    tables: ClassVar[frozenset[str]] = frozenset({"settings", "service_templates"})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.state: IdentityState | None = None
        #: The logo shown in the form (None: none, or for a service: as the installation).
        self.logo: Logo | None = None
        self.preview: LetterheadPreview | None = None
        self.logo_dialog: QFileDialog | None = None
        self._filling = False
        self._previews_pending = 0

        self.message = MessageBar(self)
        self.scope = QComboBox(self)
        self.scope.setObjectName("identityScope")
        self.scope_note = muted(plain_label("", self, wrap=True))

        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "name": self.tr("Town (issuer):"),
            "office": self.tr("Office:"),
            "street": self.tr("Street and number:"),
            "postcode": self.tr("Postcode:"),
            "city": self.tr("City:"),
            "place": self.tr("Place of signing:"),
            "signature_line": self.tr("Signature line:"),
            "footer": self.tr("Footer:"),
            "verify_base_url": self.tr("Verification address:"),
        }
        examples = {
            "name": self.tr("e.g. Stadt Musterhausen"),
            "office": self.tr("e.g. Bürgerbüro"),
            "place": self.tr("the city, if empty"),
            "signature_line": self.tr("e.g. Die Standesbeamtin"),
            "footer": self.tr("the address, if empty"),
            "verify_base_url": "https://…/pruefen/",
        }
        fields_box = QGroupBox(self.tr("On certificates and letters"), self)
        form = QFormLayout(fields_box)
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"identity_{name}")
            edit.setMaxLength(MAX_LENGTH[name])
            edit.setPlaceholderText(examples.get(name, ""))
            edit.textChanged.connect(self._edited)
            self.edits[name] = edit
            form.addRow(labels[name], edit)

        self.logo_view = QLabel(self)
        self.logo_view.setObjectName("identityLogo")
        self.logo_view.setMinimumSize(*LOGO_THUMB)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_note = muted(plain_label("", self, wrap=True))
        self.choose_logo_button = QPushButton(self.tr("Choose &image…"), self)
        self.remove_logo_button = QPushButton(self.tr("Re&move"), self)
        logo_box = QGroupBox(self.tr("Logo or coat of arms"), self)
        logo_layout = QHBoxLayout(logo_box)
        logo_layout.addWidget(self.logo_view)
        logo_side = QVBoxLayout()
        logo_side.addWidget(self.logo_note)
        logo_buttons = QHBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_side.addLayout(logo_buttons)
        logo_side.addStretch(1)
        logo_layout.addLayout(logo_side, 1)

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("identitySave")
        self.revert_button = QPushButton(self.tr("&Discard changes"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        scope_row = QHBoxLayout()
        scope_row.addWidget(plain_label(self.tr("For:"), self))
        scope_row.addWidget(self.scope, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(scope_row)
        left_layout.addWidget(self.scope_note)
        left_layout.addWidget(fields_box)
        left_layout.addWidget(logo_box)
        left_layout.addLayout(buttons)
        left_layout.addStretch(1)
        left_scroll = QScrollArea(self)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        left_scroll.setWidget(left)

        self.preview_title = plain_label(self.tr("Preview (a sample certificate)"), self)
        self.preview_status = muted(plain_label("", self, wrap=True))
        self.pages_widget = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_labels: list[QLabel] = []
        preview_scroll = QScrollArea(self)
        preview_scroll.setObjectName("identityPreview")
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setWidget(self.pages_widget)
        self.preview_scroll = preview_scroll
        preview_scroll.viewport().installEventFilter(self)
        self._rendered_width = 0
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview_status)
        right_layout.addWidget(preview_scroll, 1)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._fill)
        self._show_logo()

    def title(self) -> str:
        return self.tr("Identity")

    def icon(self) -> QIcon:
        return icon("certificate")

    @property
    def service_key(self) -> str | None:
        """The service whose overrides are shown (None: the installation)."""
        key = self.scope.currentData()
        return key if isinstance(key, str) and key != INSTALLATION else None

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        identity = self.administration.identity
        catalogue = self._ctx.catalogue

        def read() -> IdentityState:
            templates = catalogue.current()
            return IdentityState(
                identity.get(),
                {t.key: identity.get_service(t.key) for t in templates},
                templates,
            )

        self._ctx.runner.run(
            read, done=self._loaded_state, failed=self._failed, owner=self, name="identity"
        )

    def _loaded_state(self, state: IdentityState) -> None:
        self.state = state
        chosen = self.service_key or INSTALLATION
        self._filling = True
        self.scope.clear()
        self.scope.addItem(self.tr("The whole installation"), INSTALLATION)
        language = self._ctx.vocabulary.language
        for template in sorted(state.templates, key=lambda t: t.name.get(language).casefold()):
            self.scope.addItem(
                self.tr("Service: {name}").format(name=template.name.get(language)), template.key
            )
        index = self.scope.findData(chosen)
        self.scope.setCurrentIndex(max(index, 0))
        self._filling = False
        self._fill()

    def _scope_changed(self, _index: int) -> None:
        if not self._filling:
            self._fill()

    def _fill(self) -> None:
        """Show the stored values of the chosen scope (discarding what was typed)."""
        state = self.state
        if state is None:
            return
        self._filling = True
        key = self.service_key
        base = state.installation
        if key is None:
            for name in FIELDS:
                self.edits[name].setText(getattr(base, name) if base else "")
                self.edits[name].setToolTip("")
            self.logo = base.logo if base else None
            self.scope_note.setText(
                self.tr("What every certificate and letter shows; a service may change parts.")
            )
        else:
            override = state.services.get(key, ServiceIdentity())
            for name in FIELDS:
                value = getattr(override, name)
                self.edits[name].setText(value or "")
                inherited = getattr(base, name) if base else ""
                self.edits[name].setToolTip(
                    self.tr("For the installation: {value}").format(value=inherited)
                    if inherited
                    else ""
                )
            self.logo = override.logo
            self.scope_note.setText(
                self.tr(
                    "Only what this service shows differently: an empty field shows what is "
                    "set for the whole installation."
                )
            )
        self._filling = False
        self._show_logo()
        self.render_preview()

    # -- editing ----------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._filling:
            self.preview_timer.start()

    def typed_installation(self) -> TownIdentity:
        """The installation's identity as typed (InvalidInput if it cannot be one)."""
        values = {name: self.edits[name].text() for name in FIELDS}
        return TownIdentity(**values, logo=self.logo)

    def typed_service(self) -> ServiceIdentity:
        """The service's overrides as typed (empty fields: as the installation)."""
        values = {name: (self.edits[name].text().strip() or None) for name in FIELDS}
        return ServiceIdentity(**values, logo=self.logo)

    def effective(self) -> TownIdentity | None:
        """What the documents of the chosen scope would show with what is typed (None: the
        built-in example, where nothing at all is set)."""
        if self.service_key is None:
            if self.logo is None and not any(e.text().strip() for e in self.edits.values()):
                return None
            return self.typed_installation()
        base = self.state.installation if self.state else None
        override = self.typed_service()
        if base is None:
            if override.name is None:
                return None
            base = TownIdentity(name=override.name)
        return override.over(base)

    # -- the logo ---------------------------------------------------------------------------

    def choose_logo(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the logo"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (*.png *.svg)"))
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        if folder:
            dialog.setDirectory(folder)
        dialog.fileSelected.connect(lambda path: self.load_logo(Path(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "logo_dialog", None))
        self.logo_dialog = dialog
        dialog.open()

    def load_logo(self, path: Path) -> None:
        """Read and check the image file in a worker; shown (not yet saved) when it is fine."""
        self._ctx.runner.run(
            lambda: read_logo(path),
            done=self._logo_read,
            failed=self._failed,
            owner=self,
            name="read logo",
        )

    def _logo_read(self, logo: Logo) -> None:
        self.logo = logo
        self._show_logo()
        self.message.show_message(
            self.tr("The logo is checked; save to put it on the documents."), Tone.NEUTRAL
        )
        self.render_preview()

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()
        self.render_preview()

    def _show_logo(self) -> None:
        logo = self.logo
        self.remove_logo_button.setEnabled(logo is not None)
        pixmap = QPixmap()
        if logo is not None and pixmap.loadFromData(logo.data):
            self.logo_view.setPixmap(
                pixmap.scaled(
                    *LOGO_THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText(self.tr("no logo") if logo is None else self.tr("SVG"))
        if logo is None and self.service_key is not None:
            note = self.tr("None of its own: the installation's logo is shown.")
        elif logo is None:
            note = self.tr("PNG or SVG, at most 256 KB. Certificates and letters show a PNG.")
        elif logo.media_type == "image/png":
            note = self.tr("PNG, {kb} KB.").format(kb=max(1, round(len(logo.data) / 1024)))
        else:
            note = self.tr("SVG: kept, but documents show PNG logos only; choose a PNG.")
        self.logo_note.setText(note)

    # -- the preview ------------------------------------------------------------------------

    def render_preview(self) -> None:
        self.preview_timer.stop()
        state = self.state
        if state is None:
            return
        try:
            identity = self.effective()
        except InvalidInput as error:
            self.preview_status.setText(
                self.tr("No preview: {problem}").format(problem=error)
                if self.edits["name"].text().strip()
                else self.tr("No preview: the town's name is needed.")
            )
            return
        templates, key = list(state.templates), self.service_key
        language = self._ctx.vocabulary.language
        # As wide as the preview's area (the page images are drawn at that size).
        width = max(300, self.preview_scroll.viewport().width() - 44)
        self._rendered_width = width
        self._previews_pending += 1
        self.preview_status.setText(self.tr("Rendering…"))

        def render() -> LetterheadPreview:
            return render_preview(
                templates,
                identity,
                key,
                now=datetime.now(UTC),
                language=language,
                width_px=width,
            )

        self._ctx.runner.run(
            render,
            done=self._rendered,
            failed=self._preview_failed,
            owner=self,
            name="identity preview",
        )

    def _rendered(self, preview: LetterheadPreview) -> None:
        self._previews_pending -= 1
        if self._previews_pending > 0:
            return  # a newer one is on its way
        self.preview = preview
        for label in self.page_labels:
            self.pages_layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.page_labels = []
        for number, png in enumerate(preview.pages, start=1):
            label = QLabel(self.pages_widget)
            label.setObjectName(f"identityPreviewPage{number}")
            pixmap = QPixmap()
            pixmap.loadFromData(png)
            label.setPixmap(pixmap)
            label.setFrameShape(QLabel.Shape.Box)
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self.preview_status.setText(
            self.tr("As {service} would look with these values (not saved yet).").format(
                service=self._ctx.vocabulary.service_name(preview.template_key)
            )
        )

    def _preview_failed(self, error: Exception) -> None:
        self._previews_pending -= 1
        self.preview_status.setText(self.tr("No preview: {problem}").format(problem=error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The preview's area changed its width markedly: draw the pages at the new size."""
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.preview_scroll.viewport()
            and self.state is not None
            and abs(self.preview_scroll.viewport().width() - 44 - self._rendered_width) > 40
        ):
            self.preview_timer.start()
        return super().eventFilter(watched, event)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        identity, actor, key = self.administration.identity, self._ctx.actor, self.service_key
        try:
            if key is None:
                town = self.typed_installation()

                def store() -> None:
                    identity.set(actor, town)

            else:
                override = self.typed_service()

                def store() -> None:
                    identity.set_service(actor, key, override)

        except InvalidInput as error:
            self.message.show_message(identity_failure(error), Tone.BAD)
            return
        self._ctx.runner.run(
            store, done=self._saved, failed=self._failed, owner=self, write=True, name="identity"
        )

    def _saved(self, _result: None) -> None:
        text = self.tr("Saved: the next documents show it.")
        self.message.show_message(text, Tone.GOOD)
        self.status_message.emit(text)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message.show_message(identity_failure(error), Tone.BAD)

    def shut_down(self) -> None:
        self.preview_timer.stop()


__all__ = ["IdentityPage", "IdentityState", "read_logo"]
