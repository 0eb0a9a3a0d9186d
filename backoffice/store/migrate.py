"""Bring a database to the current schema with Alembic, or say why not."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import Database

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseTooNew(Exception):
    """The database was written by a newer version of the program."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_known(db: Database) -> str | None:
    """Return the database's revision; raise DatabaseTooNew if we do not know it."""
    revision = current_revision(db)
    if revision is not None:
        scripts = ScriptDirectory.from_config(_config())
        known = {script.revision for script in scripts.walk_revisions()}
        if revision not in known:
            raise DatabaseTooNew(
                f"the database {db.describe()} has schema revision {revision!r}, which this "
                "version of Rathaus Backoffice does not know: it was written by a newer version. "
                "Update the program; nothing was changed."
            )
    return revision


def upgrade(db: Database) -> tuple[str | None, str]:
    """Upgrade to head; return (revision before, revision after)."""
    before = check_known(db)
    config = _config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision()


def is_current(db: Database) -> bool:
    return check_known(db) == head_revision()
