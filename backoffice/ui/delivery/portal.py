"""Fetching from the portal as the whole window shows it, whichever workspace is current.

:class:`PortalSync` puts together the sync itself (:class:`SyncController`: the
action, the interval, the run), its corner of the status bar (:class:`SyncStatus`)
and the bar above the workspaces that says what went wrong in the last sync and what
to do about it. A problem the clerk closed is not shown again by the next automatic
sync while it stays the same; a sync the clerk starts shows it again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from backoffice.domain.errors import DomainError
from backoffice.portal.errors import PortalError
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.sync import SyncController, SyncOutcome
from backoffice.ui.delivery.sync_status import SyncStatus
from backoffice.ui.errors import describe_error
from backoffice.ui.portal_texts import failure_advice
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar

#: Tables a sync may have changed (for the workspaces that show them).
SYNC_TABLES = frozenset({"cases", "submissions", "outbox_messages", "sync_states"})


class PortalSync(QObject):
    """The sync, its status-bar corner and its problem bar; see the module documentation."""

    #: A line for the status bar and how long to show it (ms).
    status_message = Signal(str, int)
    #: A sync ended and what it said has been shown (:class:`SyncOutcome`).
    finished = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = context
        self._dismissed = ""
        self.sync = SyncController(context, self)
        self.action = self.sync.action
        self.stop_action = self.sync.stop_action
        self.status = SyncStatus(
            context.vocabulary,
            self.sync.stop_action,
            configured=self.sync.configured,
            parent=parent,
        )
        #: What went wrong in the last sync, and what to do about it.
        self.bar = MessageBar(parent)
        self.bar.closed.connect(self._bar_closed)
        self.sync.started.connect(self._started)
        self.sync.progressed.connect(self.status.show_progress)
        self.sync.stopping.connect(self.status.sync_stopping)
        self.sync.finished.connect(self._finished)

    def sync_now(self) -> bool:
        """Fetch from the portal now (as the action does); False if it cannot start."""
        return self.sync.sync_now()

    def _started(self, automatic: bool) -> None:
        if not automatic:
            self._dismissed = ""
        self.status.sync_started()

    def _finished(self, outcome: SyncOutcome) -> None:
        self.status_message.emit(self.status.sync_finished(outcome), 15_000)
        problems = self.problems(outcome)
        if problems is None:
            self.bar.hide()
        elif not (self.sync.automatic and problems[0] == self._dismissed):
            self.bar.show_message(
                problems[0], problems[1], action=self.tr("Try again"), on_action=self._retry
            )
        failure = outcome.failure
        if failure is not None and not isinstance(failure, PortalError | DomainError | OSError):
            self._ctx.runner.unhandled_error.emit(failure)  # a bug: the error road
        self.finished.emit(outcome)

    def problems(self, outcome: SyncOutcome) -> tuple[str, Tone] | None:
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

    def _retry(self) -> None:
        self.bar.hide()
        self.sync.sync_now()

    def _bar_closed(self) -> None:
        self._dismissed = self.bar.text

    def start(self) -> None:
        self.sync.start()

    def shut_down(self) -> None:
        self.sync.shut_down()


__all__ = ["SYNC_TABLES", "PortalSync"]
