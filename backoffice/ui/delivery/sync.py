"""Fetching from the portal: the action, the automatic interval, progress, stopping, the outcome.

:func:`run_sync` runs in a worker: it opens a portal session there (the bundle's
``open_intake`` factory builds its own HTTP client) and syncs every configured
destination in turn, reporting progress and honouring a stop request between
submissions. :class:`SyncController` owns the action and the timer; it never
starts a second sync while one runs, and the timer is armed again only when a
sync has ended, so automatic syncs never overlap either. What the clerk sees of
it (status bar, error panel) is wired by the main window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.services.desktop import DesktopServices
from backoffice.services.progress import Progress
from backoffice.ui.context import UiContext
from backoffice.ui.icons import icon
from backoffice.ui.tasks import Task, TaskContext

if TYPE_CHECKING:  # the intake module (the portal stack) is loaded with the first sync
    from backoffice.services.intake import SyncReport

log = logging.getLogger(__name__)

#: ``Progress.phase`` of the report that starts a destination (``current``: its id).
DESTINATION = "destination"


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync run did: a report per destination reached, and what stopped it."""

    reports: tuple[SyncReport, ...] = ()
    #: An error that ended the run early (opening the session, or a destination's sync).
    failure: Exception | None = None
    #: The clerk (or the program closing) asked it to stop.
    stopped: bool = False

    @property
    def failed(self) -> bool:
        return self.failure is not None or any(r.error for r in self.reports)

    @property
    def troubled(self) -> bool:
        """Something needs a look: a failure, or submissions skipped for now."""
        return self.failed or any(r.skipped for r in self.reports)


def run_sync(services: DesktopServices, actor: Actor, context: TaskContext) -> SyncOutcome:
    """Sync every destination (in a worker thread); errors end the run and are returned."""
    if services.open_intake is None:
        raise RuntimeError("the portal is not configured")
    reports: list[SyncReport] = []
    count = len(services.destinations)
    try:
        with services.open_intake() as intake:
            for index, destination in enumerate(services.destinations):
                if context.stop.cancelled:
                    break
                context.report(Progress(index, count, destination, DESTINATION))
                reports.append(intake.sync(actor, destination, context.report, context.stop))
    except Exception as exc:  # shown to the clerk with what was fetched before it
        log.warning("sync ended early: %s", exc, exc_info=True)
        return SyncOutcome(tuple(reports), exc, context.stop.cancelled)
    return SyncOutcome(tuple(reports), None, context.stop.cancelled)


class SyncController(QObject):
    """The "Fetch from portal" action, its automatic interval, and the run under way."""

    #: A sync has started (``automatic``: started by the timer).
    started = Signal(bool)
    #: A progress report of the running sync (:class:`Progress`).
    progressed = Signal(object)
    #: The sync ended (:class:`SyncOutcome`).
    finished = Signal(object)
    #: A stop was requested; the run ends after the current submission.
    stopping = Signal()

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._task: Task | None = None
        self._running = False
        self._automatic = False
        self.action = QAction(icon("sync"), self.tr("&Fetch from portal"), self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(lambda: self.sync_now())
        self.stop_action = QAction(self.tr("Stop fetching"), self)
        self.stop_action.setToolTip(
            self.tr("Stop after the current application; what arrived so far is kept")
        )
        self.stop_action.setEnabled(False)
        self.stop_action.triggered.connect(self.stop)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(0, context.services.sync_interval_minutes) * 60_000)
        self.timer.timeout.connect(lambda: self.sync_now(automatic=True))
        self._describe_action()

    # -- state --------------------------------------------------------------------------------

    @property
    def configured(self) -> bool:
        services = self._ctx.services
        return services.open_intake is not None and bool(services.destinations)

    @property
    def allowed(self) -> bool:
        return self._ctx.actor.can(Permission.RUN_SYNC)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def automatic(self) -> bool:
        """Whether the running (or last) sync was started by the timer."""
        return self._automatic

    def _describe_action(self) -> None:
        key = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not self.configured:
            tip = self.tr(
                "The portal connection is not configured. An administrator sets it up with "
                "backoffice portal configure."
            )
        elif not self.allowed:
            tip = self.tr("Your role may not fetch applications from the portal.")
        elif self.running:
            tip = self.tr("Fetching from the portal…")
        else:
            tip = self.tr("Fetch new applications from the portal ({key})").format(key=key)
        self.action.setEnabled(self.configured and self.allowed and not self.running)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    # -- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """Arm the automatic interval (if there is one); the first run comes a few seconds
        after the start (``first_sync_after_seconds``), once the inbox has painted."""
        self._arm(first=True)

    def _arm(self, *, first: bool = False) -> None:
        services = self._ctx.services
        interval = max(0, services.sync_interval_minutes) * 60_000
        if self.configured and self.allowed and interval > 0 and not self.running:
            soon = services.first_sync_after_seconds * 1000 if first else 0
            self.timer.start(soon if soon > 0 else interval)

    def sync_now(self, *, automatic: bool = False) -> bool:
        """Start a sync unless one runs (or the portal is not configured); True if started."""
        if self.running or not self.configured or not self.allowed:
            return False
        self.timer.stop()
        self._automatic = automatic
        self._running = True
        self.stop_action.setEnabled(True)
        self._describe_action()
        self.started.emit(automatic)
        task = self._ctx.runner.run_long(
            partial(run_sync, self._ctx.services, self._ctx.actor),
            done=self._done,
            failed=self._failed,
            progress=self.progressed.emit,
            owner=self,
            name="portal sync",
        )
        if task.finished and task.cancelled:  # the runner is shutting down
            self._running = False
            self.stop_action.setEnabled(False)
            self._describe_action()
            return False
        if not task.finished:  # (a synchronous runner has delivered already)
            self._task = task
        return True

    def stop(self) -> None:
        """Ask the running sync to end after the current submission."""
        if self._task is not None and not self._task.stopping:
            self._task.stop()
            self.stop_action.setEnabled(False)
            self.stopping.emit()

    def _done(self, outcome: SyncOutcome) -> None:
        self._task = None
        self._running = False
        self.stop_action.setEnabled(False)
        self._describe_action()
        self._arm()
        self.finished.emit(outcome)

    def _failed(self, error: Exception) -> None:
        self._done(SyncOutcome((), error))

    def shut_down(self) -> None:
        """The window closes: no new sync; the running one is cancelled."""
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._running = False


__all__ = ["DESTINATION", "SyncController", "SyncOutcome", "run_sync"]
