"""``backoffice sync --watch``: the intake of a whole town hall, round after round, on a server.

One round syncs every destination (pull, check, store once, confirm) and then sends what
the outbox has due; then the loop sleeps for the interval. A round that fails (the portal
is down, the database is busy) is logged and the next one waits longer (doubling, at most
ten intervals); the first good round returns to the interval. A stop request (the command
line sets it on SIGTERM and SIGINT) ends the sleep at once and lets the submission in
progress finish: intake checks the token between submissions, and each submission is
stored in one transaction, so that nothing is half done and nothing is lost; what is left
waits for the next start. Plain Python: the command line wires the signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from backoffice.services.actor import Actor
from backoffice.services.progress import CancelToken

if TYPE_CHECKING:
    from backoffice.portal.settings import PortalSettings
    from backoffice.services.intake import IntakeService
    from backoffice.services.outbox import OutboxDispatcher

log = logging.getLogger(__name__)

#: The longest wait after failed rounds, in intervals.
MAX_BACKOFF_INTERVALS = 10


class StopRequest(CancelToken):
    """A cancel token that also ends the loop's sleep (and the HTTP client's retry waits)."""

    def __init__(self) -> None:
        super().__init__()
        self._wake = threading.Event()

    def cancel(self) -> None:
        super().cancel()
        self._wake.set()

    def sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds``; return early once a stop was requested."""
        self._wake.wait(max(0.0, seconds))


@dataclass
class Round:
    """What one round did, for the log line and for tests."""

    number: int
    accepted: int = 0
    rejected: int = 0
    known: int = 0
    skipped: int = 0
    #: Sent by the syncs (the portal's confirmations; citizen messages that were due).
    confirmations: int = 0
    messages: int = 0
    #: Sent by the outbox run after the syncs (whatever else was due).
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    stopped: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def line(self) -> str:
        text = (
            f"round {self.number}: {self.accepted} accepted, {self.rejected} rejected, "
            f"{self.known} known already, {self.skipped} skipped, "
            f"{self.confirmations} confirmation(s) and {self.messages} message(s) to citizens "
            f"sent; outbox {self.sent} sent, {self.retried} to retry, {self.failed} failed"
        )
        if self.errors:
            text += "; errors: " + " | ".join(self.errors)
        return text + (" (stopped)" if self.stopped else "")


class Portal(Protocol):
    """What a round needs: the composition root's ``PortalServices``."""

    @property
    def settings(self) -> PortalSettings | None: ...

    @property
    def intake(self) -> IntakeService: ...

    @property
    def outbox(self) -> OutboxDispatcher: ...


PortalSession = Callable[[], AbstractContextManager[Portal]]


class SyncWatch:
    """The loop. ``open_portal()`` is a context manager yielding the composition root's
    ``PortalServices`` (``.intake``, ``.outbox``, ``.settings``), opened once for the run."""

    def __init__(
        self,
        open_portal: PortalSession,
        actor: Actor,
        *,
        interval: float,
        stop: StopRequest,
        destinations: Sequence[str] = (),
        on_round: Callable[[Round], None] | None = None,
    ) -> None:
        if interval <= 0:
            raise ValueError("the interval must be more than 0 seconds")
        self._open_portal = open_portal
        self._actor = actor
        self.interval = interval
        self._stop = stop
        self._destinations = tuple(destinations)
        self._on_round = on_round

    def run(self) -> int:
        """Round after round until a stop is requested; returns the number of rounds."""
        number = 0
        failures = 0
        with self._open_portal() as portal:
            destinations = self._destinations or _configured(portal)
            log.info(
                "sync --watch started: %d destination(s), every %g s",
                len(destinations),
                self.interval,
            )
            while not self._stop.cancelled:
                number += 1
                done = self.round(portal, destinations, number)
                log.log(logging.INFO if done.ok else logging.WARNING, "%s", done.line())
                if self._on_round is not None:
                    self._on_round(done)
                failures = 0 if done.ok else failures + 1
                wait = self.wait_after(failures)
                if failures:
                    log.warning("round %d failed; next try in %g s", number, wait)
                self._stop.sleep(wait)
        log.info("sync --watch stopped after %d round(s)", number)
        return number

    def wait_after(self, failures: int) -> float:
        """The interval, doubled per failed round in a row, at most ten intervals."""
        if failures <= 0:
            return self.interval
        return min(self.interval * 2.0**failures, self.interval * MAX_BACKOFF_INTERVALS)

    def round(self, portal: Portal, destinations: Sequence[str], number: int) -> Round:
        done = Round(number)
        intake, outbox = portal.intake, portal.outbox
        for destination in destinations:
            if self._stop.cancelled:
                done.stopped = True
                return done
            try:
                report = intake.sync(self._actor, destination, cancel=self._stop)
            except Exception as exc:  # a database failure, a refused permission: next round
                log.exception("sync of %s failed", destination)
                done.errors.append(f"{destination}: {exc}")
                continue
            done.accepted += report.accepted
            done.rejected += report.rejected
            done.known += report.already_known
            done.skipped += len(report.skipped)
            done.confirmations += report.confirmations_sent
            done.messages += report.messages_sent
            done.stopped = done.stopped or report.cancelled
            if report.error:
                done.errors.append(f"{destination}: {report.error}")
        if self._stop.cancelled:
            done.stopped = True
            return done  # what is due waits for the next start: stop now
        try:
            sent = outbox.send_due()
        except Exception as exc:
            log.exception("sending the outbox failed")
            done.errors.append(f"outbox: {exc}")
            return done
        done.sent, done.retried, done.failed = sent.sent, sent.retried, sent.failed
        return done


def _configured(portal: Portal) -> tuple[str, ...]:
    settings = portal.settings
    return tuple(settings.destination_ids) if settings is not None else ()
