"""The administration's services page: every service template and its versions.

Left the services (what is live today, whether a draft waits, the open cases); right the
versions of the chosen one — draft, published with the day it is valid from, ended with its
last day — and what can be done with them:

* **New draft / Edit draft** asks for the template editor (:attr:`ServicesPage.
  edit_requested`, the service key); the editor is another part of the administration.
* **Discard draft** (after a confirmation), **Restore as draft** (an earlier version's
  definition as a new draft), **End version…** (its last day).
* **Check** lists everything that cannot work; **Differences** shows the draft (or the
  chosen version) beside the live one; **Publish…** runs the check first and refuses while
  it finds anything, then asks for the day it is valid from and offers to end the version
  running until then; an overlapping period is shown in the dialog and nothing changes.
* **Export…** writes the chosen version as one JSON file; **Import…** reads one: what is
  missing or invalid is listed before anything is stored, the same version again changes
  nothing, a newer one becomes the draft.

Every service call runs in a worker; refusals are shown in the page's message bar in the
project's words (:func:`~backoffice.ui.errors.describe_error`), results in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.domain.template_check import Finding
from backoffice.services.errors import NotFound
from backoffice.services.template_live import SINCE_ALWAYS
from backoffice.services.template_versions import (
    ServiceOverview,
    TemplateVersions,
    VersionInfo,
)
from backoffice.ui.admin.diff import DiffDialog
from backoffice.ui.admin.findings import FindingsList
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.page_parts import record_table
from backoffice.ui.admin.publishing import VersionPublishing
from backoffice.ui.admin.transfer import TemplateTransfer
from backoffice.ui.admin.version_dialogs import EndDialog, PublishDialog
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.flow_layout import FlowLayout
from backoffice.ui.icons import icon
from backoffice.ui.record_model import Field, RecordModel
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar, heading_font, muted, plain_label


def state_name(state: str) -> str:
    names = {
        "draft": QCoreApplication.translate("ServicesPage", "Draft"),
        "published": QCoreApplication.translate("ServicesPage", "Published"),
        "ended": QCoreApplication.translate("ServicesPage", "Ended"),
    }
    return names.get(state, state)


def _table(parent: QWidget, model: RecordModel, name: str, stretch: int) -> QTableView:
    """The administration's table, columns fitted to their contents, one stretched."""
    table = record_table(model, parent)
    table.setObjectName(name)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class ServicesPage(AdminPage):
    """See the module documentation."""

    key = "services"
    permission = Permission.MANAGE_TEMPLATES
    tables = frozenset({"service_templates", "cases"})

    #: Open the template editor on this service (its key): its draft, or a new one.
    edit_requested = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        words = context.vocabulary
        self._selected_key: str | None = None
        #: After a change: the version to choose once the versions are read again.
        self._select_after_load: int | None = None
        #: The version the administrator chose (kept when the lists are read again).
        self._chosen_version: int | None = None
        self._choosing = False
        self._versions_requested = False
        self._versions: list[VersionInfo] = []
        #: The open dialogs (tests and the screenshots reach them here).
        self.diff_dialog: DiffDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.message_bar = MessageBar(self)
        self.publishing = VersionPublishing(context, lambda: self.templates, self._error_text, self)
        self.publishing.checked.connect(self._checked)
        self.publishing.refused.connect(self._publish_refused)
        self.publishing.changed.connect(lambda text, version: self._changed(text, version))
        self.publishing.failed.connect(self._failed)
        self.transfer = TemplateTransfer(context, lambda: self.templates, self)
        self.transfer.status_message.connect(self.status_message)
        self.transfer.refused.connect(self._import_refused)
        self.transfer.imported.connect(self._imported)
        self.transfer.failed.connect(self._failed)
        self.services_model = RecordModel(
            [
                Field(self.tr("Service"), self._service_name, tooltip=lambda s: s.key),
                Field(self.tr("Live"), lambda s: f"v{s.live_version}" if s.live_version else "—"),
                Field(self.tr("Valid from"), lambda s: self._since(s.live_from)),
                Field(
                    self.tr("Draft"),
                    lambda s: (
                        self.tr("v{version}").format(version=s.draft_version)
                        if s.draft_version
                        else self.tr("no")
                    ),
                ),
                Field(self.tr("Open cases"), lambda s: str(s.open_cases), align_right=True),
            ],
            self,
        )
        self.services_table = _table(self, self.services_model, "servicesTable", 0)
        self.services_table.selectionModel().currentRowChanged.connect(self._service_chosen)

        self.versions_model = RecordModel(
            [
                Field(self.tr("Version"), lambda v: f"v{v.version}"),
                Field(self.tr("State"), self._version_state),
                Field(self.tr("Valid from"), lambda v: self._since(v.valid_from)),
                Field(self.tr("Last day"), lambda v: words.date(v.valid_until)),
                Field(self.tr("Cases"), lambda v: str(v.cases), align_right=True),
                Field(self.tr("Open"), lambda v: str(v.open_cases), align_right=True),
            ],
            self,
        )
        self.versions_table = _table(self, self.versions_model, "versionsTable", 1)
        self.versions_table.selectionModel().currentRowChanged.connect(self._version_chosen)
        self.heading = plain_label("", self, wrap=True, selectable=True)
        self.heading.setFont(heading_font(self.heading.font(), 1.25))
        self.subheading = muted(plain_label("", self, wrap=True, selectable=True))

        def button(text: str, name: str, slot: Callable[[], None], tip: str) -> QPushButton:
            widget = QPushButton(text, self)
            widget.setObjectName(name)
            widget.setToolTip(tip)
            widget.clicked.connect(slot)
            return widget

        self.edit_button = button(
            self.tr("New draft"), "editDraft", self.edit, self.tr("Open the template editor")
        )
        self.discard_button = button(
            self.tr("Discard draft…"), "discardDraft", self.discard, self.tr("Throw the draft away")
        )
        self.restore_button = button(
            self.tr("Restore as draft"),
            "restoreVersion",
            self.restore,
            self.tr("The chosen version's content as a new draft"),
        )
        self.check_button = button(
            self.tr("Check"),
            "checkVersion",
            self.check,
            self.tr("List everything in the chosen version that cannot work"),
        )
        self.diff_button = button(
            self.tr("Differences…"),
            "showDifferences",
            self.show_differences,
            self.tr("The chosen version beside the version live today"),
        )
        self.publish_button = button(
            self.tr("Publish…"),
            "publishDraft",
            self.publish,
            self.tr("Check the draft and make it valid from a day"),
        )
        self.end_button = button(
            self.tr("End version…"),
            "endVersion",
            self.end_version,
            self.tr("Fix the last day of the chosen version"),
        )
        self.export_button = button(
            self.tr("Export…"),
            "exportVersion",
            self.export_version,
            self.tr("Save the chosen version as a file"),
        )
        self.import_button = button(
            self.tr("Import…"),
            "importVersion",
            self.import_version,
            self.tr("Read a version from a file; a newer version becomes the draft"),
        )
        self.publish_button.setIcon(icon("case-status"))
        self.export_button.setIcon(icon("document-save"))

        self.findings_title = plain_label(self.tr("Configuration check"), self)
        bold = self.findings_title.font()
        bold.setBold(True)
        self.findings_title.setFont(bold)
        self.findings_summary = plain_label(
            self.tr("Check a version to see what would stop it from working."),
            self,
            wrap=True,
            selectable=True,
        )
        self.findings_summary.setObjectName("findingsSummary")
        self.findings = FindingsList(self)
        self.findings.hide()

        right = QWidget(self)
        actions = FlowLayout(spacing=6)
        for widget in (
            self.edit_button,
            self.discard_button,
            self.restore_button,
            self.check_button,
            self.diff_button,
            self.publish_button,
            self.end_button,
            self.export_button,
        ):
            actions.addWidget(widget)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.subheading)
        right_layout.addWidget(self.versions_table, 1)
        right_layout.addLayout(actions)
        right_layout.addSpacing(6)
        right_layout.addWidget(self.findings_title)
        right_layout.addWidget(self.findings_summary)
        right_layout.addWidget(self.findings, 2)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.services_table, 1)
        left_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self._enable()

    # -- the page -----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("&Services")

    def icon(self) -> QIcon:
        return icon("certificate")

    @property
    def templates(self) -> TemplateVersions:
        return self.administration.templates

    def refresh(self) -> None:
        self._run(
            partial(self.templates.overview, self._ctx.actor),
            self._overview_loaded,
            name="service overview",
        )

    def _overview_loaded(self, services: list[ServiceOverview]) -> None:
        wanted = self._selected_key
        self.services_model.set_records(services)
        row = next((i for i, s in enumerate(services) if s.key == wanted), 0 if services else -1)
        self._versions_requested = False
        if row >= 0:
            self.services_table.selectRow(row)
        self._selected_key = self.current_service_key()
        if not self._versions_requested:  # the selection did not change: no signal came
            self._load_versions()

    # -- selection ----------------------------------------------------------------------------

    def current_service(self) -> ServiceOverview | None:
        index = self.services_table.currentIndex()
        record = self.services_model.record_at(index.row()) if index.isValid() else None
        return record if isinstance(record, ServiceOverview) else None

    def current_service_key(self) -> str | None:
        service = self.current_service()
        return service.key if service else None

    def current_version(self) -> VersionInfo | None:
        index = self.versions_table.currentIndex()
        record = self.versions_model.record_at(index.row()) if index.isValid() else None
        return record if isinstance(record, VersionInfo) else None

    def select_service(self, key: str) -> None:
        for row, service in enumerate(self.services_model.records):
            if service.key == key:
                self.services_table.selectRow(row)
                return

    def select_version(self, version: int) -> None:
        for row, info in enumerate(self._versions):
            if info.version == version:
                self.versions_table.selectRow(row)
                return

    def _version_chosen(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        chosen = self.current_version()
        if not self._choosing and chosen is not None:
            self._chosen_version = chosen.version
        self._enable()

    @property
    def versions(self) -> list[VersionInfo]:
        return list(self._versions)

    def draft(self) -> VersionInfo | None:
        return next((v for v in self._versions if v.state == "draft"), None)

    def live(self) -> VersionInfo | None:
        return next((v for v in self._versions if v.live), None)

    def _service_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        service = self.current_service()
        key = service.key if service else None
        if key != self._selected_key:
            self._chosen_version = None
            self.findings.set_findings([])
            self.findings_summary.setText(
                self.tr("Check a version to see what would stop it from working.")
            )
        self._selected_key = key
        self._load_versions()

    def _load_versions(self) -> None:
        self._versions_requested = True
        key = self._selected_key
        if key is None:
            self._show_versions([])
            return
        self._run(
            partial(self.templates.versions, self._ctx.actor, key),
            partial(self._versions_loaded, key),
            name="template versions",
        )

    def _versions_loaded(self, key: str, versions: list[VersionInfo]) -> None:
        if key != self._selected_key:
            return  # another service was chosen meanwhile
        self._choosing = True
        try:
            self._show_versions(versions)
            wanted = self._chosen_version
            if self._select_after_load is not None:
                wanted = self._chosen_version = self._select_after_load
                self._select_after_load = None
            fallback = self.draft() or self.live() or (versions[-1] if versions else None)
            if wanted is None or all(v.version != wanted for v in versions):
                wanted = fallback.version if fallback else None
            if wanted is not None:
                self.select_version(wanted)
        finally:
            self._choosing = False

    def _show_versions(self, versions: list[VersionInfo]) -> None:
        self._versions = list(versions)
        self.versions_model.set_records(versions)
        service = self.current_service()
        if service is None:
            self.heading.setText("")
            self.subheading.setText("")
        else:
            self.heading.setText(self._service_name(service))
            live = self.live()
            self.subheading.setText(
                self.tr("{key} · live today: {live} · draft: {draft}").format(
                    key=service.key,
                    live=f"v{live.version}" if live else self.tr("nothing"),
                    draft=(
                        f"v{service.draft_version}" if service.draft_version else self.tr("none")
                    ),
                )
            )
        self._enable()

    def _enable(self) -> None:
        service = self.current_service()
        chosen = self.current_version()
        draft = self.draft()
        today = self.templates.today() if chosen is not None else None
        self.edit_button.setEnabled(service is not None)
        self.edit_button.setText(self.tr("Edit draft") if draft else self.tr("New draft"))
        self.discard_button.setEnabled(draft is not None)
        restorable = chosen is not None and chosen.state != "draft"
        self.restore_button.setEnabled(restorable and draft is None)
        self.restore_button.setToolTip(
            self.tr("Publish or discard the draft first")
            if restorable and draft is not None
            else self.tr("The chosen version's content as a new draft")
        )
        self.check_button.setEnabled(chosen is not None)
        self.diff_button.setEnabled(chosen is not None)
        self.publish_button.setEnabled(draft is not None)
        endable = (
            chosen is not None
            and chosen.state != "draft"
            and today is not None
            and (chosen.valid_until is None or chosen.valid_until >= today)
        )
        self.end_button.setEnabled(endable)
        self.export_button.setEnabled(chosen is not None)

    # -- actions ------------------------------------------------------------------------------

    def edit(self) -> None:
        key = self.current_service_key()
        if key is not None:
            self.edit_requested.emit(key)

    def discard(self) -> None:
        draft = self.draft()
        service = self.current_service()
        if draft is None or service is None or self.confirm_box is not None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Discard the draft"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("Discard draft v{version} of “{service}”? Its changes are lost.").format(
                version=draft.version, service=self._service_name(service)
            )
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(partial(self._discard_answered, box, service.key, draft.version))
        self.confirm_box = box
        box.open()

    def _discard_answered(self, box: QMessageBox, key: str, version: int, _result: int) -> None:
        self.confirm_box = None
        confirmed = box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)
        box.deleteLater()
        if not confirmed:
            return
        self._run(
            partial(self.templates.discard_draft, self._ctx.actor, key),
            lambda _none: self._changed(
                self.tr("Draft v{version} of {key} discarded.").format(version=version, key=key)
            ),
            write=True,
            name="discard draft",
        )

    def restore(self) -> None:
        chosen = self.current_version()
        if chosen is None or chosen.state == "draft":
            return
        self._run(
            partial(self.templates.restore, self._ctx.actor, chosen.key, chosen.version),
            lambda info: self._changed(
                self.tr("v{old} of {key} restored as draft v{new}.").format(
                    old=chosen.version, key=chosen.key, new=info.version
                ),
                select=info.version,
            ),
            write=True,
            name="restore version",
        )

    def check(self) -> None:
        chosen = self.current_version()
        if chosen is None:
            return
        self._run(
            partial(self.templates.check, self._ctx.actor, chosen.key, chosen.version),
            partial(self._checked, chosen),
            name="configuration check",
        )

    def _checked(self, info: VersionInfo, findings: list[Finding]) -> None:
        self.findings.set_findings(findings)
        if findings:
            self.findings_summary.setText(
                self.tr(
                    "v{version}: %n problem(s) found; it cannot be published.", "", len(findings)
                ).format(version=info.version)
            )
        else:
            self.findings_summary.setText(
                self.tr("v{version}: no problems found; it can be published.").format(
                    version=info.version
                )
            )

    def show_differences(self) -> None:
        chosen = self.current_version()
        service = self.current_service()
        if chosen is None or service is None:
            return
        live = self.live()
        old = live.version if live is not None else None
        if live is not None and live.version == chosen.version:
            earlier = [v for v in self._versions if v.version < chosen.version]
            old = earlier[-1].version if earlier else None
        if self.diff_dialog is not None:
            self.diff_dialog.close()
        dialog = DiffDialog(
            self._ctx,
            self.templates,
            service.key,
            self._service_name(service),
            self._versions,
            old,
            chosen.version,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget_diff(dialog))
        self.diff_dialog = dialog
        dialog.open()

    def _forget_diff(self, dialog: DiffDialog) -> None:
        if self.diff_dialog is dialog:
            self.diff_dialog = None

    # -- publishing, ending, export and import (controllers of their own) --------------------

    def publish(self) -> None:
        draft = self.draft()
        service = self.current_service()
        if draft is not None and service is not None:
            self.publishing.publish(self._service_name(service), draft, self._versions)

    def _publish_refused(self, draft: VersionInfo, findings: list[Finding]) -> None:
        self.message_bar.show_message(
            self.tr(
                "Draft v{version} cannot be published: the configuration check found "
                "%n problem(s), listed below. Nothing was changed.",
                "",
                len(findings),
            ).format(version=draft.version),
            Tone.BAD,
        )

    def end_version(self) -> None:
        chosen = self.current_version()
        service = self.current_service()
        if chosen is not None and service is not None:
            self.publishing.end(self._service_name(service), chosen)

    @property
    def publish_dialog(self) -> PublishDialog | None:
        return self.publishing.publish_dialog

    @property
    def end_dialog(self) -> EndDialog | None:
        return self.publishing.end_dialog

    @property
    def file_dialog(self) -> QFileDialog | None:
        return self.transfer.file_dialog

    def export_version(self) -> None:
        chosen = self.current_version()
        if chosen is not None:
            self.transfer.export_version(chosen.key, chosen.version)

    def import_version(self) -> None:
        self.transfer.import_version()

    def import_from(self, path: Path) -> None:
        self.transfer.import_from(path)

    def _import_refused(self, text: str, findings: list[Finding]) -> None:
        if findings:
            self.findings.set_findings(findings)
            self.findings_summary.setText(
                self.tr("%n problem(s) in the file; nothing was stored.", "", len(findings))
            )
        self.message_bar.show_message(text, Tone.BAD)

    def _imported(self, text: str, key: str, version: int) -> None:
        self._selected_key = key
        self._changed(text, select=version)

    # -- helpers ------------------------------------------------------------------------------

    def _run(
        self,
        call: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        write: bool = False,
        name: str,
    ) -> None:
        self._ctx.runner.run(
            call, done=done, failed=self._failed, owner=self, write=write, name=name
        )

    def _changed(self, text: str, select: int | None = None) -> None:
        """A change went through: say so, and read the lists again."""
        self.message_bar.dismiss()
        self.status_message.emit(text)
        if select is not None:
            self._select_after_load = select
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message_bar.show_message(self._error_text(error), Tone.BAD)
        if isinstance(error, NotFound):
            self.refresh()

    def _error_text(self, error: Exception) -> str:
        if isinstance(error, NotFound):
            return (
                self.tr(
                    "That version no longer exists (someone else changed the service meanwhile); "
                    "the list is read again."
                )
                + f" ({error})"
            )
        return describe_error(error)

    def _since(self, day: date | None) -> str:
        if day == SINCE_ALWAYS:  # the first version installed with nothing before it
            return self.tr("from the start")
        return self._ctx.vocabulary.date(day)

    def _service_name(self, service: ServiceOverview) -> str:
        return service.name_en if self._ctx.vocabulary.language == "en" else service.name_de

    def _version_state(self, info: VersionInfo) -> str:
        text = state_name(info.state)
        if info.live:
            text += " · " + self.tr("live today")
        elif info.state != "draft" and info.valid_from is not None:
            today = self.templates.today()
            if info.valid_from > today:
                text += " · " + self.tr("scheduled")
        return text


__all__ = ["ServicesPage", "state_name"]
