"""The main window: the inbox beside the case view, menus, toolbar, status bar.

It wires the panels together (selecting a case opens it; a change made in the
case view updates its inbox row) and owns what concerns the whole window:
shortcuts, the periodic refresh (other desktops' changes, new cases), notices
about one's cases, the saved window layout — and the portal: fetching
(:mod:`.sync`) with its progress, result and portal state in the status bar
(:mod:`.sync_status`), problems in a panel above the lists, and the delivery
panel (:mod:`.delivery`) in a dock below them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

import backoffice
from backoffice.domain.errors import DomainError
from backoffice.domain.templates import ServiceTemplate
from backoffice.portal.errors import PortalError
from backoffice.services.casework import NoticeInfo
from backoffice.services.delivery import DeliveryOverview
from backoffice.services.desktop import ChangeWatch
from backoffice.services.users import UserInfo
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.panel import DeliveryPanel
from backoffice.ui.delivery.sync import SyncController, SyncOutcome
from backoffice.ui.delivery.sync_status import SyncStatus
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.inbox.panel import InboxPanel
from backoffice.ui.portal_texts import failure_advice
from backoffice.ui.settings import UiSettings
from backoffice.ui.texts import Tone, role_name
from backoffice.ui.widgets import MessageBar, plain_label


@dataclass(frozen=True)
class StartupData:
    """What the window needs before the inbox can show names: loaded in a worker."""

    templates: list[ServiceTemplate]
    users: list[UserInfo]
    notices: list[NoticeInfo]


def load_startup(context: UiContext) -> StartupData:
    return StartupData(
        templates=context.catalogue.current(),
        users=context.users.list(),
        notices=context.notices.unseen(context.actor),
    )


log = logging.getLogger(__name__)

#: Tables whose changes the delivery panel (and the status bar) show.
_DELIVERY_TABLES = frozenset({"submissions", "outbox_messages", "sync_states"})


class MainWindow(QMainWindow):
    #: Another desktop changed these tables (emitted in the change watch's thread).
    _changes_heard = Signal(object)

    def __init__(self, context: UiContext, settings: UiSettings) -> None:
        super().__init__()
        self._ctx = context
        self._settings = settings
        self._notices: list[NoticeInfo] = []
        #: Notices closed here, until the database says so too (their ids).
        self._dismissed: set[int] = set()
        self._sync_text_dismissed = ""
        self.setWindowTitle(self._title(""))
        self.setWindowIcon(icon("backoffice"))
        self.setMinimumSize(900, 600)
        self.resize(1400, 900)

        self.inbox = InboxPanel(context, settings, self)
        self.case_view = CaseView(context, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.inbox)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 540])
        self.notice_bar = MessageBar(self)
        self.notice_bar.closed.connect(self._dismiss_notices)
        #: What went wrong in the last sync, and what to do about it.
        self.sync_bar = MessageBar(self)
        self.sync_bar.closed.connect(self._sync_bar_closed)
        self.sync = SyncController(context, self)
        self.delivery = DeliveryPanel(context, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.sync_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.delivery_dock = QDockWidget(self.tr("Delivery and portal"), self)
        self.delivery_dock.setObjectName("deliveryDock")
        self.delivery_dock.setWidget(self.delivery)
        self.delivery_dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.delivery_dock)
        self.delivery_dock.hide()

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()

        self.inbox.case_selected.connect(self.case_view.show_case)
        self.case_view.case_changed.connect(self.inbox.case_changed)
        self.case_view.conflict.connect(self.inbox.mark_conflict)
        self.case_view.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.case_view.case_shown.connect(lambda number: self.setWindowTitle(self._title(number)))
        context.runner.busy_changed.connect(self.busy_label.setVisible)
        self.sync.started.connect(self._sync_started)
        self.sync.progressed.connect(self.sync_status.show_progress)
        self.sync.stopping.connect(self.sync_status.sync_stopping)
        self.sync.finished.connect(self._sync_finished)
        self.delivery.overview_loaded.connect(self._overview_loaded)
        self.delivery.open_case.connect(self.open_case)
        self.sync_status.details_requested.connect(self.show_delivery)

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
        self.inbox.model.reloaded.connect(self._reload_case_if_changed)
        self._restore_layout()

    # -- building -----------------------------------------------------------------------------

    def _title(self, file_number: str) -> str:
        name = QCoreApplication.translate("MainWindow", "Rathaus Backoffice")
        return f"{file_number} – {name}" if file_number else name

    def _build_actions(self) -> None:
        self.refresh_action = QAction(icon("refresh"), self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setToolTip(
            self.tr("Look for new and changed cases ({key})").format(key=_keys(self.refresh_action))
        )
        self.refresh_action.triggered.connect(self.refresh)
        self.sync_action = self.sync.action
        self.stop_sync_action = self.sync.stop_action
        self.delivery_action = self.delivery_dock.toggleViewAction()
        self.delivery_action.setIcon(icon("delivery"))
        self.delivery_action.setText(self.tr("&Delivery and portal"))
        self.delivery_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.delivery_action.setToolTip(
            self.tr("Rejected submissions, waiting messages and fetches ({key})").format(
                key=_keys(self.delivery_action)
            )
        )
        self.next_action = QAction(icon("go-next"), self.tr("Ne&xt case"), self)
        self.next_action.setShortcuts([QKeySequence("Ctrl+."), QKeySequence("Alt+Down")])
        self.next_action.setToolTip(
            self.tr("Next case in the list ({key})").format(key=_keys(self.next_action))
        )
        self.next_action.triggered.connect(self.inbox.select_next)
        self.previous_action = QAction(icon("go-previous"), self.tr("&Previous case"), self)
        self.previous_action.setShortcuts([QKeySequence("Ctrl+,"), QKeySequence("Alt+Up")])
        self.previous_action.setToolTip(
            self.tr("Previous case in the list ({key})").format(key=_keys(self.previous_action))
        )
        self.previous_action.triggered.connect(self.inbox.select_previous)
        self.search_action = QAction(icon("search"), self.tr("&Search"), self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self.inbox.focus_search)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About Rathaus Backoffice"), self)
        self.about_action.triggered.connect(self.show_about)
        self.about_qt_action = QAction(self.tr("About &Qt"), self)
        self.about_qt_action.triggered.connect(QMessageBox.aboutQt)
        for action in (
            self.refresh_action,
            self.sync_action,
            self.delivery_action,
            self.next_action,
            self.previous_action,
            self.search_action,
        ):
            self.addAction(action)
        for action in self.case_view.actions_for_menus():
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.refresh_action)
        file_menu.addAction(self.sync_action)
        file_menu.addAction(self.stop_sync_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        case_menu = bar.addMenu(self.tr("&Case"))
        for action in self.case_view.actions_for_menus():
            case_menu.addAction(action)
        case_menu.addSeparator()
        case_menu.addAction(self.next_action)
        case_menu.addAction(self.previous_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.delivery_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.sync_action)
        toolbar.addSeparator()
        toolbar.addAction(self.previous_action)
        toolbar.addAction(self.next_action)
        toolbar.addSeparator()
        toolbar.addAction(self.case_view.claim_action)
        toolbar.addAction(self.case_view.status_action)
        toolbar.addAction(self.case_view.note_action)

    def _build_status_bar(self) -> None:
        actor = self._ctx.actor
        self.busy_label = plain_label(self.tr("Working…"), self)
        self.busy_label.setVisible(False)
        self.user_label = plain_label(f"{actor.display_name} · {role_name(actor.role)}", self)
        self.user_label.setToolTip(self.tr("Signed in as {login}").format(login=actor.login))
        self.sync_status = SyncStatus(
            self._ctx.vocabulary,
            self.sync.stop_action,
            configured=self.sync.configured,
            parent=self,
        )
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.statusBar().addPermanentWidget(self.user_label)

    # -- starting, refreshing -----------------------------------------------------------------

    def start(self) -> None:
        """Load templates, users and notices (in a worker), then the inbox."""
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
        self.inbox.start()
        self._show_notices(data.notices)
        self.delivery.refresh()
        self.sync.start()
        if self._settings.refresh_seconds:
            self.refresh_timer.start(self._settings.refresh_seconds * 1000)
        self._watch_changes()

    def _start_failed(self, error: Exception) -> None:
        self.notice_bar.show_message(
            self.tr("The program could not load its data.") + " " + describe_error(error),
            Tone.BAD,
            action=self.tr("Try again"),
            on_action=self.start,
        )

    def refresh(self) -> None:
        """Look for new and changed cases, and read the open case again (F5)."""
        self._poll()
        if self.case_view.case_id is not None and self.case_view.dialog is None:
            self.case_view.reload()

    def _poll(self) -> None:
        """The periodic look at the database: the open case is read again only if it
        changed, so that a clerk reading or typing is not disturbed."""
        self.inbox.refresh()
        self._ctx.runner.run(
            lambda: self._ctx.notices.unseen(self._ctx.actor),
            done=self._show_notices,
            failed=lambda _error: None,  # the inbox already reports an unreachable database
            owner=self,
            name="notices",
        )

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
        self._poll()
        if tables & _DELIVERY_TABLES:
            self.delivery.refresh()

    def _reload_case_if_changed(self) -> None:
        view = self.case_view
        if view.detail is None or view.dialog is not None or view.busy:
            return
        row = self.inbox.model.row_of(view.detail.row.id)
        listed = self.inbox.model.case_at(row) if row is not None else None
        if listed is not None and listed.version != view.detail.row.version:
            view.reload()

    # -- the portal ---------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Fetch from the portal now (as the action does); False if it cannot start."""
        return self.sync.sync_now()

    def _sync_started(self, automatic: bool) -> None:
        if not automatic:
            self._sync_text_dismissed = ""
        self.sync_status.sync_started()

    def _sync_finished(self, outcome: SyncOutcome) -> None:
        text = self.sync_status.sync_finished(outcome)
        self.statusBar().showMessage(text, 15_000)
        problems = self._sync_problems(outcome)
        if problems is None:
            self.sync_bar.hide()
        elif not (self.sync.automatic and problems[0] == self._sync_text_dismissed):
            self.sync_bar.show_message(
                problems[0],
                problems[1],
                action=self.tr("Try again"),
                on_action=self._retry_sync,
            )
        failure = outcome.failure
        if failure is not None and not isinstance(
            failure, PortalError | DomainError | SQLAlchemyError | OSError
        ):
            self._ctx.runner.unhandled_error.emit(failure)  # a bug: the error road
        self.inbox.refresh()  # new cases appear; the selection stays
        self.delivery.refresh()

    def _sync_problems(self, outcome: SyncOutcome) -> tuple[str, Tone] | None:
        """What failed in a sync and what to do, or None when all went well."""
        lines: list[str] = []
        several = len(self._ctx.services.destinations) > 1
        failure = outcome.failure
        if failure is not None:
            what = str(failure) if isinstance(failure, PortalError) else describe_error(failure)
            lines.append(self.tr("Fetching from the portal failed: {error}").format(error=what))
        for report in outcome.reports:
            where = f"{report.destination_id}: " if several else ""
            if report.error:
                lines.append(
                    where
                    + self.tr("The portal could not be asked for new applications: {error}").format(
                        error=report.error
                    )
                )
            if report.skipped:
                lines.append(
                    where
                    + self.tr(
                        "%n application(s) could not be fetched completely; the portal keeps "
                        "them and they are fetched again next time:",
                        "",
                        len(report.skipped),
                    )
                )
                for submission_id, reason in report.skipped[:5]:
                    lines.append(f"  • {submission_id}: {reason}")
                if len(report.skipped) > 5:
                    lines.append(
                        "  • " + self.tr("… and {n} more").format(n=len(report.skipped) - 5)
                    )
        if not lines:
            return None
        lines.append(failure_advice(failure))
        return "\n".join(lines), Tone.BAD if outcome.failed else Tone.WARNING

    def _retry_sync(self) -> None:
        self.sync_bar.hide()
        self.sync.sync_now()

    def _sync_bar_closed(self) -> None:
        self._sync_text_dismissed = self.sync_bar.text

    def _overview_loaded(self, overview: DeliveryOverview) -> None:
        self.sync_status.show_overview(overview)

    def show_delivery(self) -> None:
        self.delivery_dock.show()
        self.delivery_dock.raise_()
        self.delivery.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- notices ------------------------------------------------------------------------------

    def _show_notices(self, notices: list[NoticeInfo]) -> None:
        self._notices = [n for n in notices if n.id not in self._dismissed]
        if not self._notices:
            self.notice_bar.hide()
            return
        words = self._ctx.vocabulary
        lines = [
            words.notice(n.kind, n.payload, n.actor_name, n.file_number, self._ctx.actor.login)
            for n in self._notices
        ]
        first = self._notices[0]
        self.notice_bar.show_message(
            "\n".join(lines),
            Tone.WARNING,
            action=self.tr("Open {file}").format(file=first.file_number),
            on_action=lambda: self.open_case(first.case_id),
        )

    def _dismiss_notices(self) -> None:
        """Closing the notices dismisses them for good (in the database, in a worker)."""
        ids = [n.id for n in self._notices]
        self._notices = []
        if not ids:
            return
        self._dismissed.update(ids)
        self._ctx.runner.run(
            partial(self._ctx.notices.dismiss, self._ctx.actor, ids),
            failed=lambda error: self.statusBar().showMessage(
                self.tr("The notices could not be dismissed.") + " " + describe_error(error),
                8000,
            ),
            owner=self,
            write=True,
            name="dismiss notices",
        )

    def open_case(self, case_id: int) -> None:
        """Show a case: selected in the inbox if it is listed there, else directly."""
        remaining = [n for n in self._notices if n.case_id != case_id]
        # Opening the case marks its notices as seen (the service does, when it reads it).
        self._dismissed.update(n.id for n in self._notices if n.case_id == case_id)
        if not self.inbox.select_case(case_id):
            self.case_view.show_case(case_id)
        self._show_notices(remaining)

    # -- layout -------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self._settings.layout("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self._settings.layout("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self._settings.layout("window/splitter")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        self._settings.set_layout("window/geometry", self.saveGeometry())
        self._settings.set_layout("window/state", self.saveState())
        self._settings.set_layout("window/splitter", self.splitter.saveState())
        self.inbox.save_layout()
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
        self.sync.shut_down()
        self.case_view.shut_down()

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
