"""Change notifications between desktops that share a PostgreSQL database (LISTEN/NOTIFY).

Migration 0005 makes every statement that writes a case, its history, documents, notices,
intake records, outbox messages or sync states send a notification on :data:`CHANNEL` with
the table's name; PostgreSQL delivers it when the transaction commits (once per transaction
and table). :class:`ChangeListener` waits for them on a connection of its own, in a thread of
its own, and reports the changed tables in batches, so that a desktop shows another clerk's
claim or a colleague's sync at once instead of at its next poll. SQLite has no such channel:
desktops on one SQLite file keep polling.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from .database import Database

log = logging.getLogger(__name__)

CHANNEL = "backoffice_changes"
#: Longest wait between two attempts to listen again.
MAX_RETRY = 60.0

#: Receives the names of the tables that changed (called in the listener's thread).
ChangeCallback = Callable[[frozenset[str]], None]


class ChangeListener:
    """LISTEN on :data:`CHANNEL`; call ``on_change`` with what changed, at most every
    ``batch`` seconds. A lost connection is opened again after ``retry`` seconds, doubled
    after each failed attempt up to :data:`MAX_RETRY`."""

    def __init__(
        self,
        db: Database,
        on_change: ChangeCallback,
        *,
        batch: float = 0.25,
        retry: float = 5.0,
        connect_timeout: int = 10,
    ) -> None:
        if db.is_sqlite:
            raise ValueError("change notifications need PostgreSQL")
        self._conninfo = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._on_change = on_change
        self._batch = batch
        self._retry = retry
        self._connect_timeout = connect_timeout
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(self._batch + 1)  # a daemon: a hanging connect need not hold us

    def wait_listening(self, timeout: float) -> bool:
        """True once the listener is connected and listening (tests, start-up)."""
        return self._listening.wait(timeout)

    def _run(self) -> None:
        wait = self._retry
        while not self._stopping.is_set():
            try:
                with psycopg.connect(
                    self._conninfo, autocommit=True, connect_timeout=self._connect_timeout
                ) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    wait = self._retry
                    self._listen(connection)
            except psycopg.Error as exc:
                log.warning("change notifications interrupted (%s); again in %ss", exc, wait)
            finally:
                self._listening.clear()
            self._stopping.wait(wait)
            wait = min(wait * 2, MAX_RETRY)  # a database that stays away is not asked every second

    def _listen(self, connection: psycopg.Connection[object]) -> None:
        while not self._stopping.is_set():
            changed = frozenset(n.payload for n in connection.notifies(timeout=self._batch))
            if changed:
                try:
                    self._on_change(changed)
                except Exception:  # the receiver's problem must not end the listening
                    log.exception("change notification receiver failed")


__all__ = ["CHANNEL", "ChangeCallback", "ChangeListener"]
