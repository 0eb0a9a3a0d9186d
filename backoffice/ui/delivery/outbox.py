"""Sending what the outbox has due while the window is open.

Every status change queues the citizen's message; this sender passes by every
``outbox_interval_seconds`` (and soon after a change the window made) and sends what is
due in a worker, one run at a time, through the same dispatcher that ``backoffice outbox
send`` uses. Failures stay in the outbox (retried with back-off, or failed for the clerk
to see); the sender only says how many went out.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from backoffice.services.desktop import DesktopServices
from backoffice.services.outbox import DispatchReport
from backoffice.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: How soon after a change of the window's own the outbox is looked at (ms).
SOON_MS = 1_500


def send_due(services: DesktopServices) -> DispatchReport:
    """Send what is due now (in a worker thread)."""
    assert services.open_outbox is not None
    with services.open_outbox() as outbox:
        return outbox.send_due()


class OutboxSender(QObject):
    """Looks at the outbox now and then, and soon after a change; see the module docs."""

    #: A run sent, retried or gave up something (:class:`DispatchReport`).
    finished = Signal(object)

    def __init__(
        self, services: DesktopServices, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._running = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.send_now)

    @property
    def enabled(self) -> bool:
        return self._services.open_outbox is not None

    def start(self) -> None:
        self._arm(self._services.outbox_interval_seconds * 1000)

    def send_soon(self) -> None:
        """Something was queued: send it within a second or two."""
        if self.enabled and (not self.timer.isActive() or self.timer.remainingTime() > SOON_MS):
            self.timer.start(SOON_MS)

    def send_now(self) -> None:
        if not self.enabled:
            return
        if self._running:
            self._again = True  # once this run ends
            return
        self._running = True
        self._runner.run(
            lambda: send_due(self._services),
            done=self._done,
            failed=self._failed,
            owner=self,
            name="outbox",
        )

    def _done(self, report: DispatchReport) -> None:
        self._running = False
        if report.sent or report.failed or report.retried:
            log.info(
                "outbox: %s sent, %s to retry, %s failed",
                report.sent,
                report.retried,
                report.failed,
            )
            self.finished.emit(report)
        self._next()

    def _failed(self, error: Exception) -> None:
        self._running = False
        log.warning("outbox could not be sent: %s", error)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.send_soon()
            return
        interval_ms = self._services.outbox_interval_seconds * 1000
        # A change made while this run went on asked for a look soon: keep that one (the
        # regular look must not push it back to the full interval).
        if not self.timer.isActive() or self.timer.remainingTime() > interval_ms:
            self._arm(interval_ms)

    def _arm(self, ms: int) -> None:
        if self.enabled and ms > 0:
            self.timer.start(ms)

    def shut_down(self) -> None:
        self.timer.stop()
        self._services = _without_outbox(self._services)


def _without_outbox(services: DesktopServices) -> DesktopServices:
    from dataclasses import replace

    return replace(services, open_outbox=None)
