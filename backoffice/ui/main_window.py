"""The main window: a stack of workspaces, the switcher, and what concerns the whole window.

The workspaces (:data:`WORKSPACES`; see :mod:`.workspace`) are the inbox with the
open case, the delivery state, the team lead's dashboard and the administration; each
role sees those it is allowed. One is shown
at a time; the View menu and the toolbar switch between them, each with its own
shortcut. The current workspace adds its menus, its View entries and its toolbar
entries; they leave with it.

The window itself owns the shortcuts that work everywhere (refresh, fetch, quit),
the periodic look at the database and other desktops' change notifications (passed
to every workspace), the portal sync (:class:`PortalSync`: its problem bar above the
workspaces, its corner of the status bar), the saved window layout and the start:
templates and user names are loaded in a worker before any workspace loads.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

import backoffice
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.desktop import ChangeWatch
from backoffice.services.queries import CaseFilter
from backoffice.services.users import UserInfo
from backoffice.ui.admin.workspace import AdministrationWorkspace
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.dashboard.workspace import DashboardWorkspace
from backoffice.ui.delivery.outbox import OutboxSender
from backoffice.ui.delivery.panel import DeliveryPanel
from backoffice.ui.delivery.portal import SYNC_TABLES, PortalSync
from backoffice.ui.delivery.workspace import DeliveryWorkspace
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.inbox.panel import InboxPanel
from backoffice.ui.inbox.workspace import InboxWorkspace
from backoffice.ui.settings import UiSettings
from backoffice.ui.texts import Tone, role_name
from backoffice.ui.widgets import MessageBar, plain_label
from backoffice.ui.workspace import Shell, Workspace
from backoffice.ui.workspace_stack import WorkspaceStack

log = logging.getLogger(__name__)

#: What a run of the outbox changes (for the workspaces that show it).
OUTBOX_TABLES = frozenset({"outbox_messages", "documents", "case_events"})

#: The workspaces in switcher order; the window offers each to the roles it allows.
WORKSPACES: tuple[type[Workspace], ...] = (
    InboxWorkspace,
    DeliveryWorkspace,
    DashboardWorkspace,
    AdministrationWorkspace,
)


@dataclass(frozen=True)
class StartupData:
    """What the workspaces need before they can show names: loaded in a worker."""

    templates: list[ServiceTemplate]
    users: list[UserInfo]


def load_startup(context: UiContext) -> StartupData:
    return StartupData(templates=context.catalogue.current(), users=context.users.list())


class MainWindow(QMainWindow):
    #: Another desktop changed these tables (emitted in the change watch's thread).
    _changes_heard = Signal(object)

    def __init__(
        self,
        context: UiContext,
        settings: UiSettings,
        workspaces: Sequence[type[Workspace]] = WORKSPACES,
    ) -> None:
        super().__init__()
        self._ctx = context
        self._settings = settings
        self.setWindowTitle(self._title(""))
        self.setWindowIcon(icon("backoffice"))
        self.setMinimumSize(900, 600)
        self.resize(1400, 900)

        self.portal = PortalSync(context, self)
        # The sync's parts by their old names (tests, the screenshots).
        self.sync, self.sync_action = self.portal.sync, self.portal.action
        self.sync_bar, self.sync_status = self.portal.bar, self.portal.status
        self.portal.status_message.connect(self.statusBar().showMessage)
        self.portal.finished.connect(lambda _outcome: self._data_changed(SYNC_TABLES))
        self.stack = WorkspaceStack(context, Shell(settings, self.portal), workspaces, self)
        #: Sends what the clerks decided (citizen messages, confirmations) while the window runs.
        self.outbox = OutboxSender(context.services, context.runner, self)
        self.outbox.finished.connect(lambda _report: self._data_changed(OUTBOX_TABLES))
        self.workspaces = self.stack.workspaces
        self.switch_actions = self.stack.switch_actions
        for workspace in self.stack:
            workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            workspace.subject_changed.connect(partial(self._subject_changed, workspace))
            workspace.open_case_requested.connect(self.open_case)
            workspace.data_written.connect(self.outbox.send_soon)
            workspace.show_cases_requested.connect(self.show_cases)
            workspace.letter_requested.connect(self.show_letter)
        if any(workspace.shows_letters() for workspace in self.stack):
            for workspace in self.stack:
                if not workspace.shows_letters():
                    workspace.offer_letters()
        self.stack.switched.connect(self._switched)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.sync_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        context.runner.busy_changed.connect(self.busy_label.setVisible)
        self.stack.attach(self.menuBar(), self.view_menu, self.toolbar)
        self.addActions(list(self.switch_actions.values()))

        self.refresh_timer = QTimer(self)
        self.refresh_timer.timeout.connect(self._poll)
        # PostgreSQL: other desktops' changes arrive as notifications; a burst (a colleague's
        # sync) is gathered for a second and read once.
        self._watch: ChangeWatch | None = None
        self._heard: set[str] = set()
        self._changes_heard.connect(self._changes_arrived)
        self.change_timer = QTimer(self)
        self.change_timer.setSingleShot(True)
        self.change_timer.setInterval(1000)
        self.change_timer.timeout.connect(self._apply_changes)
        self._restore_layout()
        if self.workspaces:
            self.show_workspace(next(iter(self.workspaces)))

    # -- building -----------------------------------------------------------------------------

    def _title(self, subject: str) -> str:
        name = QCoreApplication.translate("MainWindow", "Rathaus Backoffice")
        return f"{subject} – {name}" if subject else name

    def _build_actions(self) -> None:
        self.refresh_action = QAction(icon("refresh"), self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setToolTip(
            self.tr("Look for new and changed cases ({key})").format(key=_keys(self.refresh_action))
        )
        self.refresh_action.triggered.connect(self.refresh)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About Rathaus Backoffice"), self)
        self.about_action.triggered.connect(self.show_about)
        self.about_qt_action = QAction(self.tr("About &Qt"), self)
        self.about_qt_action.triggered.connect(QMessageBox.aboutQt)
        self.addAction(self.refresh_action)
        self.addAction(self.sync_action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.refresh_action)
        file_menu.addAction(self.sync_action)
        file_menu.addAction(self.portal.stop_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu(self.tr("&View"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self) -> None:
        self.toolbar = self.addToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addAction(self.sync_action)

    def _build_status_bar(self) -> None:
        actor = self._ctx.actor
        self.busy_label = plain_label(self.tr("Working…"), self)
        self.busy_label.setVisible(False)
        self.user_label = plain_label(f"{actor.display_name} · {role_name(actor.role)}", self)
        self.user_label.setToolTip(self.tr("Signed in as {login}").format(login=actor.login))
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.statusBar().addPermanentWidget(self.user_label)

    # -- workspaces ---------------------------------------------------------------------------

    def show_workspace(self, key: str) -> None:
        self.stack.show_workspace(key)

    def _switched(self, key: str) -> None:
        self.setWindowTitle(self._title(self.workspaces[key].subject()))

    def _subject_changed(self, workspace: Workspace, subject: str) -> None:
        if workspace is self.stack.current:
            self.setWindowTitle(self._title(subject))

    def open_case(self, case_id: int) -> None:
        """Show a case in the first workspace that shows cases, and bring that up."""
        for key, workspace in self.workspaces.items():
            if workspace.open_case(case_id):
                self.stack.show_workspace(key)
                return

    def show_cases(self, flt: CaseFilter, label: str) -> None:
        """List the cases of a filter in the first workspace that lists cases, brought up."""
        for key, workspace in self.workspaces.items():
            if workspace.show_cases(flt, label):
                self.stack.show_workspace(key)
                return

    def show_letter(self, letter_id: int) -> None:
        """Show a letter in the first workspace that shows letters, and bring that up."""
        for key, workspace in self.workspaces.items():
            if workspace.show_letter(letter_id):
                self.stack.show_workspace(key)
                return

    def show_delivery(self) -> None:
        self.show_workspace(DeliveryWorkspace.key)

    # The panels by name (tests, the screenshots); present for every role that sees cases.

    @property
    def inbox(self) -> InboxPanel:
        return self._inbox_workspace.inbox

    @property
    def case_view(self) -> CaseView:
        return self._inbox_workspace.case_view

    @property
    def notice_bar(self) -> MessageBar:
        return self._inbox_workspace.notice_bar

    @property
    def delivery(self) -> DeliveryPanel:
        workspace = self.workspaces[DeliveryWorkspace.key]
        assert isinstance(workspace, DeliveryWorkspace)
        return workspace.panel

    @property
    def _inbox_workspace(self) -> InboxWorkspace:
        workspace = self.workspaces[InboxWorkspace.key]
        assert isinstance(workspace, InboxWorkspace)
        return workspace

    # -- starting, refreshing -----------------------------------------------------------------

    def start(self) -> None:
        """Load templates and users (in a worker), then start every workspace."""
        self._ctx.runner.run(
            lambda: load_startup(self._ctx),
            done=self._started,
            failed=self._start_failed,
            owner=self,
            name="startup",
        )

    def _started(self, data: StartupData) -> None:
        words = self._ctx.vocabulary
        words.templates = {t.key: t for t in data.templates}
        words.user_names = {u.login: u.display_name for u in data.users}
        for workspace in self.stack:
            workspace.start()
        self.portal.start()
        self.outbox.start()
        if self._settings.refresh_seconds:
            self.refresh_timer.start(self._settings.refresh_seconds * 1000)
        self._watch_changes()

    def _start_failed(self, error: Exception) -> None:
        self.sync_bar.show_message(
            self.tr("The program could not load its data.") + " " + describe_error(error),
            Tone.BAD,
            action=self.tr("Try again"),
            on_action=self._start_again,
        )

    def _start_again(self) -> None:
        self.sync_bar.hide()
        self.start()

    def refresh(self) -> None:
        """F5: the current workspace reads everything again; the others take a quiet look."""
        current = self.stack.current
        for workspace in self.stack:
            if workspace is current:
                workspace.refresh()
            else:
                workspace.poll()

    def _poll(self) -> None:
        for workspace in self.stack:
            workspace.poll()

    def sync_now(self) -> bool:
        """Fetch from the portal now (as the action does); False if it cannot start."""
        return self.portal.sync_now()

    def _watch_changes(self) -> None:
        watch = self._ctx.services.watch_changes
        if watch is None or self._watch is not None:
            return
        try:
            self._watch = watch(self._changes_heard.emit)
        except Exception:  # the periodic look at the database goes on
            log.exception("cannot watch for other desktops' changes")

    def _changes_arrived(self, tables: frozenset[str]) -> None:
        self._heard |= tables
        if not self.change_timer.isActive():
            self.change_timer.start()

    def _apply_changes(self) -> None:
        tables, self._heard = self._heard, set()
        self._data_changed(frozenset(tables))

    def _data_changed(self, tables: frozenset[str]) -> None:
        for workspace in self.stack:
            workspace.data_changed(tables)

    # -- layout and closing -------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self._settings.layout("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self._settings.layout("window/state")
        if not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        self._settings.set_layout("window/geometry", self.saveGeometry())
        self._settings.set_layout("window/state", self.saveState())
        for workspace in self.stack:
            workspace.save_layout()
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Stop the timers and the running sync; remove temporary copies (idempotent)."""
        self.refresh_timer.stop()
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        self.change_timer.stop()
        self.portal.shut_down()
        self.outbox.shut_down()
        for workspace in self.stack:
            workspace.shut_down()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Rathaus Backoffice"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIconPixmap(icon("backoffice").pixmap(64, 64))
        box.setText(
            self.tr(
                "Rathaus Backoffice\n\nWork through the applications citizens file online: "
                "take a case, check it, decide, and keep the applicant informed."
            )
        )
        box.setInformativeText(self.tr("Version {version}").format(version=backoffice.__version__))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


__all__ = ["WORKSPACES", "MainWindow", "StartupData", "load_startup"]
