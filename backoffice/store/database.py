"""Engine and session setup for SQLite (embedded default) and PostgreSQL (shared).

One :class:`Database` per process; a short-lived session per unit of work
(``with db.write() as s:`` / ``with db.read() as s:``), never shared between
threads. On SQLite every write transaction starts with ``BEGIN IMMEDIATE`` so
that two writers queue on the busy timeout instead of failing halfway with
``SQLITE_BUSY``; reads use plain deferred transactions and WAL lets them run
beside a writer.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 15_000


class DatabaseConfigError(Exception):
    """The database URL or location cannot be used."""


def normalise_url(url: str) -> URL:
    """Parse a database URL and pick our driver; refuse what we do not support."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseConfigError(
            f"not a database URL: {url!r} (expected sqlite:///PATH or postgresql://USER@HOST/DB)"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername not in ("postgresql", "postgresql+psycopg"):
            raise DatabaseConfigError(
                f"unsupported PostgreSQL driver {parsed.drivername!r}; use postgresql://"
            )
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise DatabaseConfigError(f"unsupported SQLite driver {parsed.drivername!r}")
        if not parsed.database or parsed.database == ":memory:":
            raise DatabaseConfigError("an SQLite database needs a file path (sqlite:///PATH)")
        return parsed
    raise DatabaseConfigError(
        f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}; "
        "use sqlite:///PATH or postgresql://USER@HOST/DB"
    )


class Database:
    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 5) -> None:
        self.url = normalise_url(url)
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        else:
            kwargs.update(pool_size=pool_size, pool_pre_ping=True)
        try:
            self.engine: Engine = create_engine(self.url, **kwargs)
        except NoSuchModuleError as exc:  # pragma: no cover - driver is a dependency
            raise DatabaseConfigError(str(exc)) from None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_engine = self.engine.execution_options(backoffice_readonly=True)
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    @functools.cached_property
    def has_search_index(self) -> bool:
        """SQLite: the trigram full-text table of migration 0003 exists (FTS5 compiled in).

        Asked the first time a search runs, which is after the program upgraded the schema.
        """
        if not self.is_sqlite:
            return False
        with self.engine.connect() as connection:
            found = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases_fts'"
            ).first()
        return found is not None

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a transaction that commits on success, rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; closing it ends (rolls back) its transaction."""
        with self._read_sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("backoffice_readonly"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
