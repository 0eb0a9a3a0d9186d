"""``backoffice doctor``: is this installation fit to work? One verdict per check.

Each check says OK, WARN or FAIL, a plain reason and, where something is wrong, what to
do about it. Nothing is changed on the way: the database is not upgraded, an SQLite file
that does not exist is not created, no key is registered; the only writes are a temporary
file in the log folder (to see that it is writable) and, for the portal, an access token.
The checks run in an order where a later one can say "not checked" when an earlier one
failed (no keys without a keyring, no portal without the secret).

Plain Python (no Qt): the command line prints the verdicts, tests inspect them, and a
window could show them the same way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from backoffice.portal.errors import (
    AccessDenied,
    AuthenticationFailed,
    KeyringUnavailable,
    NotFound,
    PortalError,
)
from backoffice.store.database import Database, DatabaseConfigError
from backoffice.store.migrate import DatabaseTooNew, check_known, head_revision
from backoffice.store.models import OutboxMessage, User

from .installation import Installation

#: Free space under which the disk check warns, and under which it fails.
WARN_FREE_BYTES = 1024**3
WARN_FREE_SHARE = 0.05
FAIL_FREE_BYTES = 100 * 1024**2

DiskUsage = Callable[[Path], tuple[int, int]]
"""``(total, free)`` bytes of the file system that holds a path."""


def disk_usage(path: Path) -> tuple[int, int]:
    usage = shutil.disk_usage(path)
    return usage.total, usage.free


class Verdict(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    """One line of the diagnosis: what was checked, how it stands, why, what to do."""

    name: str
    verdict: Verdict
    reason: str
    action: str = ""

    def line(self) -> str:
        text = f"{self.verdict.value:<4} {self.name}: {self.reason}"
        return f"{text}; {self.action}" if self.action else text


@dataclass
class Diagnosis:
    checks: list[Check] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """No check failed (warnings allowed): the exit code of ``backoffice doctor``."""
        return all(c.verdict is not Verdict.FAIL for c in self.checks)

    def add(self, name: str, verdict: Verdict, reason: str, action: str = "") -> Check:
        check = Check(name, verdict, reason, action)
        self.checks.append(check)
        return check


class Doctor:
    """The checks for one installation. ``disk_usage`` and ``client_options`` (for the
    portal client: timeouts, retry) can be replaced, e.g. to simulate a full disk."""

    def __init__(
        self,
        installation: Installation,
        *,
        disk_usage: DiskUsage = disk_usage,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        self.installation = installation
        self._disk_usage = disk_usage
        self._client_options = client_options or {}

    def run(self) -> Diagnosis:
        diagnosis = Diagnosis()
        self._database(diagnosis)
        self._folders(diagnosis)
        self._portal(diagnosis)
        return diagnosis

    # -- the database ---------------------------------------------------------------------------

    def _database(self, d: Diagnosis) -> None:
        url = self.installation.database_url
        sqlite_file = _sqlite_path(url)
        if sqlite_file is not None and not sqlite_file.exists():
            d.add(
                "database",
                Verdict.WARN,
                f"no database file yet ({sqlite_file})",
                "the first start creates it (or `backoffice db upgrade`)",
            )
            d.add("outbox", Verdict.WARN, "not checked: no database yet")
            return
        try:
            db = Database(url)
        except DatabaseConfigError as exc:
            d.add("database", Verdict.FAIL, str(exc), "check --database / $BACKOFFICE_DATABASE_URL")
            d.add("outbox", Verdict.WARN, "not checked: the database cannot be used")
            return
        try:
            if self._schema(d, db):
                self._users(d, db)
                self._outbox(d, db)
            else:
                d.add("outbox", Verdict.WARN, "not checked: the database cannot be used")
        finally:
            db.dispose()

    def _schema(self, d: Diagnosis, db: Database) -> bool:
        where = db.describe()
        try:
            revision = check_known(db)
        except DatabaseTooNew:
            d.add(
                "database",
                Verdict.FAIL,
                f"{where} was written by a newer version of the program",
                "update the program on this computer",
            )
            return False
        except Exception as exc:  # any driver failure (refused, auth, DNS) is the finding
            d.add(
                "database",
                Verdict.FAIL,
                f"cannot connect to {where}: {_first_line(exc)}",
                "check that the server runs and the URL, user and password are right",
            )
            return False
        head = head_revision()
        if revision == head:
            d.add("database", Verdict.OK, f"{where}, schema {head} (current)")
            return True
        if revision is None:
            d.add(
                "database",
                Verdict.WARN,
                f"{where} is reachable but has no schema yet",
                "run `backoffice db upgrade` (the first start does it too)",
            )
            return False
        d.add(
            "database",
            Verdict.WARN,
            f"{where} has schema {revision}, this program wants {head}",
            "run `backoffice db upgrade` (every start of the program does it too)",
        )
        return True

    def _users(self, d: Diagnosis, db: Database) -> None:
        with db.read() as session:
            count = session.scalar(
                select(func.count()).select_from(User).where(User.active.is_(True))
            )
        if count:
            d.add("users", Verdict.OK, f"{count} active user(s)")
        else:
            d.add(
                "users",
                Verdict.WARN,
                "no user yet",
                "start the program to set it up, or "
                "`backoffice users add LOGIN --name NAME --role administrator`",
            )

    def _outbox(self, d: Diagnosis, db: Database) -> None:
        with db.read() as session:
            counts = dict(
                session.execute(
                    select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
                ).all()
            )
            retrying = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.state == "pending", OutboxMessage.attempts > 0)
            )
        failed = int(counts.get("failed", 0))
        pending = int(counts.get("pending", 0))
        summary = f"{pending} waiting ({retrying} of them retrying), {failed} failed or given up"
        if failed:
            d.add(
                "outbox",
                Verdict.WARN,
                summary,
                "see `backoffice outbox list --state failed` and send them another way "
                "(`backoffice cases reroute`)",
            )
        else:
            d.add("outbox", Verdict.OK, summary)

    # -- folders --------------------------------------------------------------------------------

    def _folders(self, d: Diagnosis) -> None:
        self._log_folder(d)
        self._disk(d)

    def _log_folder(self, d: Diagnosis) -> None:
        logs = self.installation.logs_dir
        target = logs if logs.exists() else _existing_ancestor(logs)
        if target.exists() and not target.is_dir():
            d.add(
                "log folder",
                Verdict.FAIL,
                f"{target} is in the way: it is not a folder",
                f"move it away so that {logs} can be created",
            )
            return
        try:
            with tempfile.TemporaryFile(dir=target):
                pass
        except OSError as exc:
            d.add(
                "log folder",
                Verdict.FAIL,
                f"{target} is not writable ({exc.strerror})",
                "fix its permissions or choose another data folder with --data-dir",
            )
            return
        if target == logs:
            d.add("log folder", Verdict.OK, f"{logs} is writable")
        else:
            d.add("log folder", Verdict.OK, f"{logs} will be created at the first start")

    def _disk(self, d: Diagnosis) -> None:
        folder = _existing_ancestor(self.installation.data_dir)
        try:
            total, free = self._disk_usage(folder)
        except OSError as exc:
            d.add("disk space", Verdict.WARN, f"cannot tell for {folder}: {exc.strerror}")
            return
        share = free / total if total else 0.0
        text = f"{_size(free)} free of {_size(total)} ({share:.0%}) at {folder}"
        if free < FAIL_FREE_BYTES:
            d.add("disk space", Verdict.FAIL, text, "free space now: the database cannot grow")
        elif free < WARN_FREE_BYTES or share < WARN_FREE_SHARE:
            d.add("disk space", Verdict.WARN, text, "free some space soon")
        else:
            d.add("disk space", Verdict.OK, text)

    # -- keyring, keys, portal ------------------------------------------------------------------

    def _portal(self, d: Diagnosis) -> None:
        from backoffice.portal.credentials import SecretStore
        from backoffice.portal.keys import KeyStore
        from backoffice.portal.settings import load_portal_settings

        secrets = SecretStore(self.installation.data_dir)
        try:
            settings = load_portal_settings(self.installation.settings_file)
        except PortalError as exc:
            d.add("portal", Verdict.FAIL, str(exc), "run `backoffice portal configure` again")
            return
        keyring_ok = self._keyring(d, secrets, needed=settings is not None)
        store = KeyStore(self.installation.keys_dir, secrets)
        keys = None
        if not store.exists():
            verdict = Verdict.FAIL if settings is not None else Verdict.WARN
            d.add(
                "keys",
                verdict,
                "no subscriber keys (needed to receive from the portal)",
                "run `backoffice keys generate`, then `backoffice keys register`",
            )
        elif not keyring_ok:
            d.add("keys", Verdict.WARN, "not checked: their passphrase is in the keyring")
        else:
            try:
                keys = store.load()
            except PortalError as exc:
                d.add("keys", Verdict.FAIL, str(exc))
            else:
                d.add(
                    "keys",
                    Verdict.OK,
                    f"encryption key {keys.encryption_kid}, signing key {keys.signing_kid}",
                )
        if settings is None:
            d.add(
                "portal",
                Verdict.WARN,
                "not configured: nothing arrives from the online portal",
                "run `backoffice portal configure` if this installation receives applications",
            )
            return
        if not keyring_ok:
            d.add("portal", Verdict.WARN, "not checked: the client secret is in the keyring")
            return
        try:
            secret = secrets.client_secret(settings.client_id)
        except PortalError as exc:
            d.add("portal", Verdict.FAIL, str(exc))
            return
        self._connection(d, settings, secret, keys)

    def _keyring(self, d: Diagnosis, secrets: Any, *, needed: bool) -> bool:
        """The portal's secrets live there: without a portal, a missing keyring only warns."""
        import keyring

        try:
            secrets.check()
        except KeyringUnavailable as exc:
            verdict = Verdict.FAIL if needed else Verdict.WARN
            d.add("keyring", verdict, str(exc) + ("" if needed else " (needed for the portal)"))
            return False
        backend = type(keyring.get_keyring())
        d.add("keyring", Verdict.OK, f"{backend.__module__}.{backend.__name__} is usable")
        return True

    def _connection(self, d: Diagnosis, settings: Any, secret: str, keys: Any) -> None:
        from backoffice.portal.client import SubscriberClient
        from backoffice.portal.http import RetryPolicy

        options = {"retry": RetryPolicy(attempts=1), **self._client_options}
        with SubscriberClient.from_settings(settings, secret, **options) as client:
            try:
                client.fetch_token()
            except AuthenticationFailed as exc:
                d.add(
                    "portal",
                    Verdict.FAIL,
                    f"client id {settings.client_id!r} or its secret was refused ({exc.status})",
                    "check them and run `backoffice portal configure` again",
                )
                return
            except PortalError as exc:
                d.add(
                    "portal",
                    Verdict.FAIL,
                    f"no access token from {settings.token_url}: {_first_line(exc)}",
                    "check the network, the address and the portal's status",
                )
                return
            d.add("portal", Verdict.OK, f"{settings.token_url} accepted {settings.client_id!r}")
            for destination in settings.destination_ids:
                self._destination(d, client, destination, keys)

    def _destination(self, d: Diagnosis, client: Any, destination: str, keys: Any) -> None:
        name = f"destination {destination}"
        try:
            found = client.get_destination(destination)
        except NotFound:
            d.add(name, Verdict.FAIL, "the portal does not know it", "check the destination id")
            return
        except AccessDenied:
            d.add(name, Verdict.FAIL, "this client may not use it (403)", "ask the portal")
            return
        except PortalError as exc:
            d.add(name, Verdict.FAIL, _first_line(exc))
            return
        reachable = f"{found.status}, {len(found.services)} service(s)"
        if keys is None:
            d.add(name, Verdict.WARN, f"{reachable}; our keys not checked (none loaded)")
        elif found.encryption_kid is None:
            d.add(
                name,
                Verdict.FAIL,
                f"{reachable}, but no encryption key is registered",
                "run `backoffice keys register`",
            )
        elif found.encryption_kid != keys.encryption_kid:
            d.add(
                name,
                Verdict.FAIL,
                f"{reachable}, but it encrypts for key {found.encryption_kid}, "
                f"not for ours ({keys.encryption_kid})",
                "run `backoffice keys register` (or restore the key file that belongs to it)",
            )
        else:
            d.add(name, Verdict.OK, f"{reachable}, our encryption key is registered")


def _sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases or URLs we cannot read)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(os.sep)


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.1f} {unit}" if unit != "B" else f"{count} B"
        value /= 1024
    return f"{value:.1f} TiB"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
