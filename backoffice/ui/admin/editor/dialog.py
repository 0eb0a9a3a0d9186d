"""The service template editor: every part of a template, its check and a live preview.

:class:`TemplateEditor` is a non-modal window for one service. It loads the service's
draft — or, without one, the definition of the version live today (else the newest) as the
start of a new draft — in a worker, shows the parts of the definition on pages (general
data, form, workflow, message texts, certificate, and the whole JSON for anything else),
and while the administrator edits:

* runs the configuration check on the unsaved definition (debounced, in a worker) and lists
  the findings; a double click goes to the page the finding belongs to;
* renders the certificate and the status letter of a sample case (debounced ~500 ms, in a
  worker; a newer change drops the result of an older render) and shows the pages as images.

"Save draft" stores the definition with ``TemplateVersions.save_draft`` in a worker and
emits :attr:`TemplateEditor.saved` with the service key. Closing with unsaved changes asks
whether to save them. The services check the permission (MANAGE_TEMPLATES) themselves: a
clerk or team lead who opens the editor sees the refusal and nothing else.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.template_check import Finding
from backoffice.services.actor import Actor
from backoffice.services.administration import AdministrationServices
from backoffice.services.errors import NotFound
from backoffice.services.template_versions import (
    ConfigurationInvalid,
    DraftExists,
    TemplateVersions,
    VersionInfo,
)
from backoffice.ui.admin.editor.findings import finding_text, page_of
from backoffice.ui.admin.editor.preview import PreviewPanel, RenderedPreview, render_preview
from backoffice.ui.admin.editor.sections import (
    CertificateSection,
    Definition,
    FormSection,
    GeneralSection,
    JsonSection,
    MessagesSection,
    Section,
    WorkflowSection,
)
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.tasks import Task
from backoffice.ui.texts import Tone, plain_tooltip
from backoffice.ui.widgets import MessageBar, heading_font, plain_label

#: Milliseconds of quiet before the check runs again, and before the preview renders again.
CHECK_DELAY_MS = 300
PREVIEW_DELAY_MS = 500


@dataclass(frozen=True)
class Loaded:
    """What the editor starts from."""

    definition: Definition
    #: The draft's version number, or None when this will be a new draft.
    draft_version: int | None
    #: The version a new draft starts from.
    based_on: int | None


def load_definition(services: AdministrationServices, context: UiContext, key: str) -> Loaded:
    """The draft, or the version live today (else the newest) as a new draft (in a worker)."""
    templates = services.templates
    actor = context.actor
    try:
        definition = templates.definition(actor, key)
        version = definition.get("version")
        return Loaded(definition, version if isinstance(version, int) else None, None)
    except NotFound:
        pass
    versions = templates.versions(actor, key)
    source = next((v for v in versions if v.live), versions[-1])
    return Loaded(templates.definition(actor, key, source.version), None, source.version)


def save_definition(
    templates: TemplateVersions,
    actor: Actor,
    key: str,
    definition: Definition,
    expect_new: bool,
) -> VersionInfo:
    """Save the draft (in a worker); ``expect_new``: refuse if a draft exists by now."""
    if expect_new:
        try:
            templates.definition(actor, key)
        except NotFound:
            pass
        else:
            raise DraftExists(f"{key} has a draft already", key=key)
    return templates.save_draft(actor, definition)


class TemplateEditor(QDialog):
    """The editor of one service template; see the module documentation."""

    #: The draft was saved (the service key).
    saved = Signal(str)

    def __init__(self, context: UiContext, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.key = key
        self.setObjectName("templateEditor")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setSizeGripEnabled(True)
        self.setWindowTitle(self.tr("Service template {key}").format(key=key))
        self._original: Definition | None = None
        self._baseline: Definition | None = None
        self._draft_version: int | None = None
        self._based_on: int | None = None
        self._check_task: Task | None = None
        self._preview_task: Task | None = None
        self._save_task: Task | None = None
        self._close_after_save = False
        self._confirmed_close = False
        self._loading = False
        self.findings: list[Finding] = []
        self.unsaved_box: QMessageBox | None = None

        self.heading = plain_label(self.tr("Loading {key}…").format(key=key), self, wrap=True)
        self.heading.setFont(heading_font(self.font(), 1.2))
        self.heading.setObjectName("editorHeading")
        self.message_bar = MessageBar(self)

        self.general = GeneralSection(self)
        self.form = FormSection(self)
        self.workflow = WorkflowSection(self)
        self.messages = MessagesSection(self)
        self.certificate = CertificateSection(self)
        self.json = JsonSection(self)
        self.sections: dict[str, Section] = {
            "general": self.general,
            "form": self.form,
            "workflow": self.workflow,
            "messages": self.messages,
            "certificate": self.certificate,
        }
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        titles = {
            "general": self.tr("General"),
            "form": self.tr("Form"),
            "workflow": self.tr("Workflow"),
            "messages": self.tr("Messages"),
            "certificate": self.tr("Certificate"),
        }
        for name, section in self.sections.items():
            self.tabs.addTab(section, titles[name])
            section.changed.connect(self._changed)
        self.tabs.addTab(self.json, self.tr("JSON"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.workflow.states_changed.connect(self._states_changed)
        self.messages.status_chosen.connect(self._message_status_chosen)
        self.json.applied.connect(self._json_applied)

        self.findings_title = plain_label(self.tr("Configuration check"), self)
        self.findings_list = QListWidget(self)
        self.findings_list.setObjectName("findings")
        self.findings_list.setWordWrap(True)
        self.findings_list.itemActivated.connect(self._finding_activated)
        self.findings_list.itemDoubleClicked.connect(self._finding_activated)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_split = QSplitter(Qt.Orientation.Vertical, left)
        left_split.addWidget(self.tabs)
        findings_box = QWidget(left_split)
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        findings_layout.addWidget(self.findings_title)
        findings_layout.addWidget(self.findings_list)
        left_split.addWidget(findings_box)
        left_split.setStretchFactor(0, 4)
        left_split.setStretchFactor(1, 1)
        left_layout.addWidget(left_split)

        self.preview = PreviewPanel(self)
        self.preview.options_changed.connect(self._schedule_preview)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("&Save draft"), self)
        self.save_button.setObjectName("saveDraft")
        self.save_button.setToolTip(self.tr("Store as the service's draft (Ctrl+S)"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._run_check)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._run_preview)
        self.finished.connect(self._shut_down)

        self._set_editable(False)
        self.resize(1400, 900)
        self._load()

    def sizeHint(self) -> QSize:
        return QSize(1400, 900)

    # -- loading ------------------------------------------------------------------------------

    def _services(self) -> AdministrationServices:
        services = self._ctx.services.administration
        if services is None:
            raise RuntimeError("the administration services are not available")
        return services

    def _load(self) -> None:
        services = self._services()
        self._ctx.runner.run(
            lambda: load_definition(services, self._ctx, self.key),
            done=self._loaded,
            failed=self._load_failed,
            owner=self,
            name="load template",
        )

    def _loaded(self, loaded: Loaded) -> None:
        self._draft_version = loaded.draft_version
        self._based_on = loaded.based_on
        self._show_definition(loaded.definition)
        self._baseline = self.current_definition()
        self._set_editable(True)
        self._describe()

    def _load_failed(self, error: Exception) -> None:
        self.heading.setText(self.tr("The template {key} cannot be edited.").format(key=self.key))
        if isinstance(error, NotFound):
            text = self.tr("There is no service {key}.").format(key=self.key)
        else:
            text = describe_error(error)
        self.message_bar.show_message(text, Tone.BAD)

    def _show_definition(self, definition: Definition) -> None:
        self._loading = True
        try:
            self._original = copy.deepcopy(definition)
            for section in self.sections.values():
                section.load(definition)
            states = self.workflow.used_states()
            self.messages.set_states(states)
            self.preview.set_states(states)
        finally:
            self._loading = False
        self._schedule_check(now=True)
        self._schedule_preview(now=True)

    def _describe(self) -> None:
        name = self.general.name.texts().get("de") or self.key
        if self._draft_version is not None:
            text = self.tr("{name} ({key}): draft version {version}").format(
                name=name, key=self.key, version=self._draft_version
            )
        else:
            text = self.tr("{name} ({key}): a new draft, starting from version {version}").format(
                name=name, key=self.key, version=self._based_on
            )
        self.heading.setText(text)

    def _set_editable(self, on: bool) -> None:
        self.tabs.setEnabled(on)
        self.save_button.setEnabled(on)
        self.preview.setEnabled(on)

    # -- the definition -----------------------------------------------------------------------

    def current_definition(self) -> Definition:
        """The definition as the pages show it now (a copy)."""
        definition = copy.deepcopy(self._original) if self._original is not None else {}
        for section in self.sections.values():
            section.store(definition)
        return definition

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.current_definition() != self._baseline

    def _changed(self) -> None:
        if self._loading:
            return
        self._schedule_check()
        self._schedule_preview()

    def _states_changed(self, states: list[str]) -> None:
        self.messages.set_states(states)
        self.preview.set_states(states)

    def _message_status_chosen(self, state: str) -> None:
        self.preview.choose_status(state)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.json and self._original is not None:
            self.json.show_definition(self.current_definition())

    def _json_applied(self, definition: Definition) -> None:
        definition = {**definition, "key": self.key}  # the service stays the same
        self._show_definition(definition)
        self.message_bar.show_message(self.tr("The JSON was applied to the pages."), Tone.GOOD)

    # -- the check ----------------------------------------------------------------------------

    def check_now(self) -> None:
        """Run the configuration check now (it runs by itself shortly after each change)."""
        self._schedule_check(now=True)

    def _schedule_check(self, now: bool = False) -> None:
        if now:
            self._check_timer.stop()
            self._run_check()
        else:
            self._check_timer.start()

    def _run_check(self) -> None:
        if self._original is None:
            return
        if self._check_task is not None:
            self._check_task.cancel()
        preview, actor, definition = (
            self._services().preview,
            self._ctx.actor,
            self.current_definition(),
        )
        self._check_task = self._ctx.runner.run(
            lambda: preview.check(actor, definition),
            done=self._checked,
            failed=self._check_failed,
            owner=self,
            name="check template",
        )

    def _checked(self, findings: list[Finding]) -> None:
        # A schema complaint where the check says the same in its own words (an empty text)
        # is listed once.
        explained = {f.path for f in findings if f.code != "schema_invalid"}
        findings = [f for f in findings if f.code != "schema_invalid" or f.path not in explained]
        self.findings = list(findings)
        self.findings_list.clear()
        if not findings:
            self.findings_title.setText(
                self.tr("Configuration check: no problems; this version can be published.")
            )
            return
        self.findings_title.setText(
            self.tr(
                "Configuration check: %n problem(s) to solve before publishing", "", len(findings)
            )
        )
        for finding in findings:
            item = QListWidgetItem(finding_text(finding))
            item.setToolTip(plain_tooltip(str(finding)))
            item.setData(Qt.ItemDataRole.UserRole, page_of(finding))
            self.findings_list.addItem(item)

    def _check_failed(self, error: Exception) -> None:
        self.findings_title.setText(describe_error(error))

    def _finding_activated(self, item: QListWidgetItem) -> None:
        page = item.data(Qt.ItemDataRole.UserRole)
        section = self.sections.get(str(page))
        if section is not None:
            self.tabs.setCurrentWidget(section)

    # -- the preview --------------------------------------------------------------------------

    def preview_now(self) -> None:
        """Render the preview now (it renders by itself shortly after each change); the
        result of a render still running is dropped."""
        self._schedule_preview(now=True)

    def _schedule_preview(self, now: bool = False) -> None:
        if self._original is None:
            return
        if now:
            self._preview_timer.stop()
            self._run_preview()
        else:
            self._preview_timer.start()

    def _run_preview(self) -> None:
        if self._original is None:
            return
        if self._preview_task is not None:
            self._preview_task.cancel()  # an older render's result is never shown
        preview, actor = self._services().preview, self._ctx.actor
        definition = self.current_definition()
        language, status = self.preview.chosen_language(), self.preview.chosen_status()
        self.preview.rendering()
        self._preview_task = self._ctx.runner.run(
            lambda: render_preview(preview, actor, definition, language, status),
            done=self._previewed,
            failed=self._preview_failed,
            owner=self,
            name="template preview",
        )

    def _previewed(self, rendered: RenderedPreview) -> None:
        self.preview.show_result(rendered)
        self.messages.set_samples(dict(rendered.result.messages))

    def _preview_failed(self, error: Exception) -> None:
        self.preview.show_error(describe_error(error))

    # -- saving -------------------------------------------------------------------------------

    def save(self, replace: bool = False) -> None:
        """Store the definition as the draft. A new draft is not stored over a draft that
        someone else saved meanwhile unless ``replace`` (the message bar offers it)."""
        if self._original is None or (self._save_task is not None and not self._save_task.finished):
            return
        templates, actor, key = self._services().templates, self._ctx.actor, self.key
        definition = self.current_definition()
        expect_new = self._draft_version is None and not replace
        self.save_button.setEnabled(False)
        self._save_task = self._ctx.runner.run(
            lambda: save_definition(templates, actor, key, definition, expect_new),
            done=lambda info: self._saved(info, definition),
            failed=self._save_failed,
            owner=self,
            write=True,
            name="save template draft",
        )

    def _saved(self, info: VersionInfo, definition: Definition) -> None:
        self.save_button.setEnabled(True)
        self._draft_version, self._based_on = info.version, None
        if self._original is not None:
            self._original["version"] = info.version
        self._baseline = {**definition, "version": info.version}
        self._describe()
        self.message_bar.show_message(
            self.tr(
                "Saved as draft version {version}. It takes effect when it is published."
            ).format(version=info.version),
            Tone.GOOD,
        )
        self.saved.emit(self.key)
        if self._close_after_save:
            self._confirmed_close = True
            self.close()

    def _save_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._close_after_save = False
        if isinstance(error, ConfigurationInvalid):
            text = self.tr("The draft was not saved: the check found {count} problem(s).").format(
                count=len(error.findings)
            )
        elif isinstance(error, DraftExists):
            self.message_bar.show_message(
                self.tr(
                    "The draft was not saved: someone saved a draft of this service meanwhile. "
                    "Your changes are still here; replace that draft with them, or close "
                    "without saving and open the other draft."
                ),
                Tone.WARNING,
                action=self.tr("Replace that draft"),
                on_action=lambda: self.save(replace=True),
            )
            return
        else:
            text = self.tr("The draft was not saved; your changes are still here.")
        self.message_bar.show_message(f"{text} {describe_error(error)}", Tone.BAD)

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, the Close button and the window's close button come here."""
        if self._confirmed_close or not self.is_dirty():
            super().reject()
            return
        self._ask_unsaved()

    def _ask_unsaved(self) -> None:
        if self.unsaved_box is not None and self.unsaved_box.isVisible():
            return
        box = QMessageBox(self)
        box.setObjectName("unsavedChanges")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("The template {key} has unsaved changes.").format(key=self.key))
        box.setInformativeText(self.tr("Save them as the draft before closing?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.finished.connect(lambda _r, b=box: self._unsaved_answered(b))
        self.unsaved_box = box
        box.open()

    def _unsaved_answered(self, box: QMessageBox) -> None:
        button = box.clickedButton()
        answer = box.standardButton(button) if button is not None else None
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
        elif answer == QMessageBox.StandardButton.Discard:
            self._confirmed_close = True
            self.close()

    def _shut_down(self, _result: int = 0) -> None:
        self._check_timer.stop()
        self._preview_timer.stop()
        for task in (self._check_task, self._preview_task):
            if task is not None:
                task.cancel()


__all__ = [
    "CHECK_DELAY_MS",
    "PREVIEW_DELAY_MS",
    "Loaded",
    "TemplateEditor",
    "load_definition",
    "save_definition",
]
