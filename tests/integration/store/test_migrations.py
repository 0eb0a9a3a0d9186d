"""Alembic migrations against real SQLite files and PostgreSQL databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from backoffice.store.database import Database
from backoffice.store.migrate import (
    HEAD_REVISION,
    DatabaseTooNew,
    _config,
    current_revision,
    head_revision,
    is_current,
    upgrade,
)
from backoffice.store.models import Base

#: What autogenerate cannot compare: the PostgreSQL trigram index, SQLite's full-text table
#: (and its shadow tables), and an expression index SQLAlchemy does not reflect.
NOT_COMPARED = {"ix_cases_search_trgm", "ix_cases_due_sort"}


def _not_postgres_only(obj: object, name: str | None, *_: object) -> bool:
    return name not in NOT_COMPARED and not (name or "").startswith("cases_fts")


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_upgrade_brings_an_empty_database_to_the_models(database_url: str) -> None:
    db = Database(database_url)
    try:
        assert current_revision(db) is None
        before, after = upgrade(db)
        assert (before, after) == (None, head_revision())
        assert is_current(db)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": _not_postgres_only}
            )
            diff = compare_metadata(context, Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        assert upgrade(db) == (head_revision(), head_revision())  # idempotent
    finally:
        db.dispose()


def test_head_revision_constant_is_the_newest_migration() -> None:
    # The program's start compares the database with HEAD_REVISION to skip Alembic.
    assert head_revision() == HEAD_REVISION, "update HEAD_REVISION in backoffice/store/migrate.py"


def test_a_database_one_revision_behind_is_upgraded(database_url: str) -> None:
    from alembic.script import ScriptDirectory

    db = Database(database_url)
    try:
        config = _config()
        previous = ScriptDirectory.from_config(config).get_revision(HEAD_REVISION).down_revision
        assert isinstance(previous, str)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
        assert upgrade(db) == (previous, HEAD_REVISION)
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()


def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    db = Database(database_url)
    try:
        upgrade(db)
        config = _config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(db)
        assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()


def test_database_from_a_newer_version_is_refused_and_left_alone(database_url: str) -> None:
    db = Database(database_url)
    try:
        upgrade(db)
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
        tables_before = sorted(inspect(db.engine).get_table_names())
        with pytest.raises(DatabaseTooNew, match="newer version"):
            upgrade(db)
        assert current_revision(db) == "f00dfeed9999"
        assert sorted(inspect(db.engine).get_table_names()) == tables_before
    finally:
        db.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            busy_timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert busy_timeout is not None and busy_timeout >= 10_000
    finally:
        db.dispose()


def test_every_revision_upgrades_with_data_in_place(database_url: str) -> None:
    """Step through the history: each revision upgrades a database holding a case."""
    from alembic.script import ScriptDirectory

    db = Database(database_url)
    try:
        config = _config()
        revisions = [s.revision for s in ScriptDirectory.from_config(config).walk_revisions()]
        revisions.reverse()  # oldest first
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revisions[0])
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO service_templates (key, version, leika, name_de, name_en, "
                    "definition, active, created_at) VALUES ('s', 1, 'urn:x', 'S', 'S', '{}', "
                    ":t, '2026-01-01 00:00:00')"
                ),
                {"t": True},
            )
            connection.execute(
                text(
                    "INSERT INTO cases (file_number, template_id, service_key, received_at, "
                    "applicant_name, reply_channel, form_data, search_text, status, priority, "
                    "version, updated_at) VALUES ('GEB-2026-000001', 1, 's', "
                    "'2026-01-01 00:00:00', 'Jörg', 'postal', '{}', 'jörg', 'received', 0, 1, "
                    "'2026-01-01 00:00:00')"
                )
            )
        for revision in revisions[1:]:
            with db.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            with db.engine.connect() as connection:
                name = connection.execute(text("SELECT applicant_name FROM cases")).scalar()
            assert name == "Jörg", f"data lost at revision {revision}"
        assert current_revision(db) == head_revision()
    finally:
        db.dispose()


def test_attachment_content_moves_to_the_end_of_the_row_with_its_data(database_url: str) -> None:
    """Migration 0006 (SQLite): the content is the same afterwards, and in the last column."""
    db = Database(database_url)
    try:
        config = _config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        content = bytes(range(256)) * 4096
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO service_templates (key, version, leika, name_de, name_en, "
                    "definition, active, created_at) VALUES ('s', 1, 'urn:x', 'S', 'S', '{}', "
                    ":t, '2026-01-01 00:00:00')"
                ),
                {"t": True},
            )
            connection.execute(
                text(
                    "INSERT INTO cases (file_number, template_id, service_key, received_at, "
                    "applicant_name, reply_channel, form_data, search_text, status, priority, "
                    "version, updated_at, attachment_count) VALUES ('GEB-2026-000001', 1, 's', "
                    "'2026-01-01 00:00:00', 'Jörg', 'postal', '{}', 'jörg', 'received', 0, 1, "
                    "'2026-01-01 00:00:00', 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO attachments (case_id, original_name, safe_name, media_type, "
                    "size, sha512, content, verification) VALUES (1, 'a.pdf', 'a.pdf', "
                    "'application/pdf', :n, '', :c, 'ok')"
                ),
                {"n": len(content), "c": content},
            )
        upgrade(db)
        with db.engine.connect() as connection:
            stored = connection.execute(text("SELECT content FROM attachments")).scalar()
            if db.is_sqlite:
                columns = [r[1] for r in connection.execute(text("PRAGMA table_info(attachments)"))]
                assert columns[-1] == "content"
        assert stored is not None and bytes(stored) == content
    finally:
        db.dispose()


def test_quarantine_table_comes_and_goes_with_migration_0008(database_url: str) -> None:
    """Migration 0008 adds the quarantine next to the intake records, and takes it away again."""
    db = Database(database_url)
    try:
        config = _config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0007")
        assert "quarantine_entries" not in inspect(db.engine).get_table_names()
        upgrade(db)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO submissions (submission_id, portal_case_id, destination_id, "
                    "arrived_at, outcome) VALUES ('s-1', 'c-1', 'd-1', '2026-12-01 00:00:00', "
                    "'quarantined')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO quarantine_entries (submission_id, portal_case_id, "
                    "destination_id, stage, error, state, attempts, first_held_at, held_at) "
                    "VALUES ('s-1', 'c-1', 'd-1', 'sign', 'OSError: gone', 'held', 1, "
                    "'2026-12-01 00:00:00', '2026-12-01 00:00:00')"
                )
            )
            with pytest.raises(IntegrityError), connection.begin_nested():  # one per submission
                connection.execute(
                    text(
                        "INSERT INTO quarantine_entries (submission_id, portal_case_id, "
                        "destination_id, stage, error, state, attempts, first_held_at, "
                        "held_at) VALUES ('s-1', 'c-1', 'd-1', 'store', 'x', 'held', 1, "
                        "'2026-12-01 00:00:00', '2026-12-01 00:00:00')"
                    )
                )
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
        assert "quarantine_entries" not in inspect(db.engine).get_table_names()
        with db.engine.connect() as connection:
            left = connection.execute(text("SELECT count(*) FROM submissions")).scalar()
        assert left == 0  # released: a version without a quarantine takes it in again
    finally:
        db.dispose()
