"""Fixtures for every test of the project.

- Qt runs offscreen (QT_QPA_PLATFORM, unless set already).
- Every test gets a fresh in-memory keyring (fixture ``memory_keyring``, autouse): no test ever
  touches the real keyring of the machine. It and the other shared test doubles (clocks, an
  installation for the portal commands) are in tests/fakes.py.
- ``database_url``: a fresh, empty database per test, once on SQLite (a file in tmp_path) and once
  on PostgreSQL (test ids ``[sqlite]`` and ``[postgresql]``; the latter is marked ``postgres``).
- ``postgres_url``: a fresh, empty PostgreSQL database, for tests about PostgreSQL only.
- ``postgres_cluster``: the throwaway PostgreSQL cluster of the session (tests/postgres_cluster.py).
  Without PostgreSQL server binaries those tests are skipped, or fail when
  BACKOFFICE_REQUIRE_POSTGRES=1 (as tests/run.sh sets).
- Tests under tests/gui/ are marked ``gui``.
- No test may leave a thread running (fixture ``_no_thread_left_running``, autouse): the
  threads a test started must have ended when its fixtures are torn down (after a short
  join for threads that are just finishing), else the test errors and names them. Threads
  that live for the session by design are allow-listed by name in ``SESSION_THREADS``.
- No test may log a warning it did not expect (fixture ``_no_unexpected_log_warning``,
  autouse): a log record of level WARNING or above in the setup or call of a test fails it.
  A test that expects one says so with ``@pytest.mark.expect_log_warning(*patterns)``: then
  records whose message matches one of the regular expressions ``patterns`` (any record,
  when none are given) are allowed; assert on them through ``caplog`` as usual. Qt's own
  warnings fail tests through pytest-qt's ``qt_log_level_fail``.

Nothing here imports the backoffice package: conftest files in subfolders build on these.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType

import keyring
import pytest

from tests.fakes import InMemoryKeyring
from tests.postgres_cluster import PostgresCluster

# Before any QApplication exists (Qt reads it then): a test run never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_TESTS_DIR = Path(__file__).resolve().parent
_GUI_DIR = _TESTS_DIR / "gui"


# -- keyring ----------------------------------------------------------------------------------


# Even code that runs at import or collection time must not reach a real keyring.
keyring.set_keyring(InMemoryKeyring())


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[InMemoryKeyring]:
    """The fresh, empty in-memory keyring installed for this test."""
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(InMemoryKeyring())  # nothing a test stored outlives it


# -- threads and warnings that outlive their test --------------------------------------------

#: Threads that legitimately outlive the test that started them, by name, with the reason.
SESSION_THREADS: dict[str, str] = {
    # None so far: the PostgreSQL cluster is a separate process, and simulators, listeners,
    # executors and task runners are all stopped by the fixture or test that started them.
}
#: How long a thread that is just finishing may take to end after its test.
THREAD_JOIN_SECONDS = 2.0


def _leaked(thread: threading.Thread, before: set[threading.Thread]) -> bool:
    if thread in before or not thread.is_alive() or thread.name in SESSION_THREADS:
        return False
    # Threads that Python did not start (Qt's QThreadPool workers that ran Python code) show
    # up as dummies that never end; the task runner fixtures shut down and check those.
    return not isinstance(thread, threading._DummyThread)


def threads_still_running(
    before: set[threading.Thread], join_seconds: float = THREAD_JOIN_SECONDS
) -> list[threading.Thread]:
    """The threads started since ``before`` that do not end within ``join_seconds``."""
    leaked = [t for t in threading.enumerate() if _leaked(t, before)]
    deadline = time.monotonic() + join_seconds
    for thread in leaked:
        thread.join(max(0.0, deadline - time.monotonic()))
    return [t for t in leaked if t.is_alive()]


@pytest.fixture(autouse=True)
def _no_thread_left_running() -> Iterator[None]:
    """Fail a test that leaves a thread running (torn down after the test's own fixtures)."""
    before = set(threading.enumerate())
    yield
    still_running = threads_still_running(before)
    if still_running:
        frames = sys._current_frames()
        where = "".join(
            f"\n  {t.name}, at:\n{_innermost(frames.get(t.ident or 0))}" for t in still_running
        )
        pytest.fail(
            f"the test left {len(still_running)} thread(s) running: "
            f"{', '.join(t.name for t in still_running)}{where}",
            pytrace=False,
        )


def _innermost(frame: FrameType | None, depth: int = 4) -> str:
    if frame is None:
        return "    (ended meanwhile)\n"
    return "".join("    " + line for line in traceback.format_stack(frame)[-depth:])


def unexpected_log_records(
    records: Iterable[logging.LogRecord], expected: Sequence[str] | None
) -> list[logging.LogRecord]:
    """The records of level WARNING or above that ``expected`` does not allow.

    ``expected``: None when the test expects no warning, else the arguments of its
    expect_log_warning marker (regular expressions; none at all allows every record).
    """
    patterns = [re.compile(p) for p in expected or ()]

    def allowed(record: logging.LogRecord) -> bool:
        if expected is None:
            return False
        return not patterns or any(p.search(record.getMessage()) for p in patterns)

    return [r for r in records if r.levelno >= logging.WARNING and not allowed(r)]


@pytest.fixture(autouse=True)
def _no_unexpected_log_warning(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """Fail a test that logs a warning or error it did not declare with expect_log_warning."""
    yield
    marker = request.node.get_closest_marker("expect_log_warning")
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    unexpected = unexpected_log_records(records, marker.args if marker is not None else None)
    if unexpected:
        lines = "\n".join(
            f"  {r.levelname} {r.name}: {r.getMessage()[:300]}" for r in unexpected[:10]
        )
        pytest.fail(
            f"unexpected log record(s) of level WARNING or above (mark the test with "
            f"@pytest.mark.expect_log_warning if they are expected):\n{lines}",
            pytrace=False,
        )


# -- databases --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """The throwaway PostgreSQL cluster of this test session (started on first use)."""
    if PostgresCluster.find_binaries() is None:
        message = (
            "PostgreSQL tests skipped: no PostgreSQL server binaries (initdb, pg_ctl) on PATH or "
            "under /usr/lib/postgresql/*/bin. Install Debian's 'postgresql' package, or run "
            "./tests/run.sh, which installs it."
        )
        if os.environ.get("BACKOFFICE_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                message.replace("PostgreSQL tests skipped", "BACKOFFICE_REQUIRE_POSTGRES=1")
                + " Refusing to skip the PostgreSQL tests.",
                pytrace=False,
            )
        pytest.skip(message)
    cluster = PostgresCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def _fresh_postgres_database(cluster: PostgresCluster) -> Iterator[str]:
    name = f"t_{secrets.token_hex(8)}"
    cluster.create_database(name)
    try:
        yield cluster.url(name)
    finally:
        cluster.drop_database(name)  # WITH (FORCE): connections left open do not stop it


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database: SQLite (a real file) or PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backoffice.sqlite3'}"
    else:
        yield from _fresh_postgres_database(request.getfixturevalue("postgres_cluster"))


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database."""
    yield from _fresh_postgres_database(postgres_cluster)


# -- markers ----------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.resolve().is_relative_to(_GUI_DIR):
            item.add_marker(pytest.mark.gui)
        uses_postgres = {"postgres_url", "postgres_cluster"} & set(
            getattr(item, "fixturenames", ())
        )
        if uses_postgres and item.get_closest_marker("postgres") is None:
            item.add_marker(pytest.mark.postgres)
