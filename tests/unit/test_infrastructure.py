"""Tests of the test infrastructure itself (tests/conftest.py, tests/postgres_cluster.py)."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import keyring
import psycopg
import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import threads_still_running, unexpected_log_records
from tests.postgres_cluster import PostgresCluster

SERVICE = "rathaus-backoffice-infrastructure-test"


# -- threads and warnings that outlive their test --------------------------------------------


def test_a_thread_still_running_after_its_test_is_named() -> None:
    before = set(threading.enumerate())
    release = threading.Event()
    finishing = threading.Thread(target=time.sleep, args=(0.2,), name="finishing")
    stuck = threading.Thread(target=release.wait, name="stuck")
    finishing.start()
    stuck.start()
    try:
        # The one that ends within the join is forgiven; the other is not.
        assert threads_still_running(before, join_seconds=1.0) == [stuck]
    finally:
        release.set()
        stuck.join()
    assert threads_still_running(before, join_seconds=0) == []


def _record(level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord("backoffice.x", level, __file__, 1, message, None, None)


def test_warnings_fail_a_test_unless_it_expects_them() -> None:
    info = _record(logging.INFO, "fine")
    odd = _record(logging.WARNING, "something odd")
    broken = _record(logging.ERROR, "something broke")
    records = [info, odd, broken]
    assert unexpected_log_records(records, None) == [odd, broken]
    assert unexpected_log_records(records, ()) == []  # the marker without patterns
    assert unexpected_log_records(records, ("odd",)) == [broken]
    assert unexpected_log_records(records, ("odd", r"bro+ke")) == []


# -- keyring ----------------------------------------------------------------------------------


def test_keyring_is_in_memory_and_stores_secrets(memory_keyring: object) -> None:
    assert keyring.get_keyring() is memory_keyring
    assert type(memory_keyring).__name__ == "InMemoryKeyring"

    keyring.set_password(SERVICE, "portal-client", "s3cret-Ä")
    assert keyring.get_password(SERVICE, "portal-client") == "s3cret-Ä"
    credential = keyring.get_credential(SERVICE, None)
    assert credential is not None
    assert (credential.username, credential.password) == ("portal-client", "s3cret-Ä")

    keyring.delete_password(SERVICE, "portal-client")
    assert keyring.get_password(SERVICE, "portal-client") is None
    with pytest.raises(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, "portal-client")


@pytest.mark.parametrize("run", [1, 2])
def test_keyring_is_fresh_for_every_test(run: int) -> None:
    # The second run fails if what the first stored is still there.
    assert keyring.get_password(SERVICE, "left-over") is None
    keyring.set_password(SERVICE, "left-over", f"from run {run}")


# -- databases --------------------------------------------------------------------------------


def test_database_url_is_a_working_empty_database(
    database_url: str, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params["database_url"]
    url = make_url(database_url)
    engine = create_engine(database_url)
    try:
        assert inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
            conn.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY, name VARCHAR(50))"))
            conn.execute(text("INSERT INTO probe (id, name) VALUES (1, 'Jörg Groß')"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM probe")).scalars().all() == ["Jörg Groß"]
    finally:
        engine.dispose()

    if backend == "sqlite":
        assert url.get_backend_name() == "sqlite"
        assert url.database is not None
        assert Path(url.database).is_file()
        assert request.node.get_closest_marker("postgres") is None
    else:
        assert url.drivername == "postgresql+psycopg"
        assert url.database is not None
        assert url.database.startswith("t_")
        assert request.node.get_closest_marker("postgres") is not None


def test_postgres_databases_are_dropped_even_with_open_connections(
    postgres_cluster: PostgresCluster,
) -> None:
    postgres_cluster.create_database("t_infrastructure_drop")
    left_open = psycopg.connect(postgres_cluster.conninfo("t_infrastructure_drop"), autocommit=True)
    try:
        assert left_open.execute("SELECT 1").fetchone() == (1,)
        postgres_cluster.drop_database("t_infrastructure_drop")
    finally:
        left_open.close()
    with psycopg.connect(postgres_cluster.conninfo()) as conn:
        names = conn.execute("SELECT datname FROM pg_database").fetchall()
    assert ("t_infrastructure_drop",) not in names


def test_postgres_url_is_marked_and_usable(
    postgres_url: str, request: pytest.FixtureRequest
) -> None:
    assert request.node.get_closest_marker("postgres") is not None
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one() == "postgres"
            # C.UTF-8: case mapping knows umlauts (ILIKE searches for citizens' names).
            assert conn.execute(text("SELECT upper('jörg')")).scalar_one() == "JÖRG"
            assert conn.execute(text("SELECT 'Jörg Müller' ILIKE '%MÜLLER'")).scalar_one()
    finally:
        engine.dispose()


def test_postgres_server_is_at_least_13(postgres_cluster: PostgresCluster) -> None:
    assert postgres_cluster.server_version >= 130000
    assert postgres_cluster.binaries.initdb.is_file()


# -- environment and markers ------------------------------------------------------------------


def test_qt_runs_offscreen_unless_told_otherwise() -> None:
    assert os.environ.get("QT_QPA_PLATFORM")


def test_gui_tests_are_marked_gui(request: pytest.FixtureRequest) -> None:
    gui_dir = Path(__file__).resolve().parents[1] / "gui"
    for item in request.session.items:
        if item.path.resolve().is_relative_to(gui_dir):
            assert item.get_closest_marker("gui") is not None, item.nodeid
