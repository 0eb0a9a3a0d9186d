"""Change notifications between desktops on PostgreSQL (LISTEN/NOTIFY, migrations 0005, 0012)."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from backoffice.services.absences import AbsenceService
from backoffice.services.casework import Casework
from backoffice.store import changes
from backoffice.store.changes import ChangeListener
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from tests.integration.conftest import World

WAIT = 10.0


@pytest.fixture
def other_desktop(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


def _next(received: queue.Queue[frozenset[str]]) -> frozenset[str]:
    return received.get(timeout=WAIT)


def test_another_desktops_claim_is_announced_at_once(world: World, other_desktop: Database) -> None:
    if world.db.is_sqlite:
        with pytest.raises(ValueError, match="PostgreSQL"):
            ChangeListener(world.db, lambda _tables: None)
        return  # SQLite desktops poll
    case_id = world.add_case()
    received: queue.Queue[frozenset[str]] = queue.Queue()
    listener = ChangeListener(world.db, received.put).start()
    try:
        assert listener.wait_listening(WAIT)
        elsewhere = Casework.build(other_desktop, clock=world.clock)
        elsewhere.commands.claim(world.clerk2, case_id)
        tables = _next(received)
        while not {"cases", "case_events"} <= tables:  # one batch or two
            tables |= _next(received)
        with other_desktop.read() as session:  # reading tells nobody anything
            session.execute(text("SELECT count(*) FROM cases")).scalar()
        with pytest.raises(queue.Empty):
            received.get(timeout=0.8)
    finally:
        listener.stop()


@pytest.mark.expect_log_warning(r"change notifications interrupted")
def test_the_listener_comes_back_after_losing_its_connection(postgres_url: str) -> None:
    db, other = Database(postgres_url), Database(postgres_url)
    upgrade(db)
    received: queue.Queue[frozenset[str]] = queue.Queue()
    listener = ChangeListener(db, received.put, retry=0.2).start()
    try:
        assert listener.wait_listening(WAIT)
        with other.write() as session:  # as when the server restarts under us
            session.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = :q"),
                {"q": f"LISTEN {changes.CHANNEL}"},
            )
        deadline = time.monotonic() + WAIT
        attempt = 0
        while time.monotonic() < deadline:  # until a new connection listens and hears
            attempt += 1
            if not listener.wait_listening(WAIT):
                continue
            with other.write() as session:
                session.execute(
                    text("INSERT INTO sync_states (destination_id) VALUES (:d)"),
                    {"d": f"d{attempt}"},
                )
            try:
                assert "sync_states" in received.get(timeout=1.0)
                break
            except queue.Empty:
                continue
        else:
            pytest.fail("no notification after the reconnect")
    finally:
        listener.stop()
        db.dispose()
        other.dispose()


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_a_team_leads_absence_entry_is_announced(world: World, other_desktop: Database) -> None:
    received: queue.Queue[frozenset[str]] = queue.Queue()
    listener = ChangeListener(world.db, received.put).start()
    try:
        assert listener.wait_listening(WAIT)
        today = world.clock.now.date()
        AbsenceService(other_desktop, world.clock).mark_absent(
            world.lead, "clerk1", today + timedelta(days=7), today + timedelta(days=9), "clerk2"
        )
        assert _next(received) == {"absences"}  # nothing moved yet: it begins next week
    finally:
        listener.stop()


def test_every_table_other_desktops_show_announces_its_changes(postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        upgrade(db)
        with db.read() as session:
            announcing = set(
                session.execute(
                    text(
                        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                        "WHERE t.tgname = c.relname || '_notify_change'"
                    )
                ).scalars()
            )
    finally:
        db.dispose()
    team_lead_and_administration = {
        "absences",
        "absence_moves",
        "approvals",
        "admin_events",
        "deletion_records",
        "users",
    }
    assert team_lead_and_administration <= announcing
    assert {"cases", "case_events", "notices", "quarantine_entries"} <= announcing
    assert "read_log" not in announcing  # every opening of a case writes it


def test_the_migration_uses_the_listeners_channel() -> None:
    from importlib import import_module

    migration = import_module("backoffice.store.migrations.versions.0005_change_notifications")
    assert migration.CHANNEL == changes.CHANNEL
