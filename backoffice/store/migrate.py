"""Bring a database to the current schema with Alembic, or say why not.

Alembic (~75 ms to import, more to read the migration scripts) is loaded only when there is
something to do or to report: :func:`upgrade` first compares the database's revision with
:data:`HEAD_REVISION` in plain SQL, which is all the program's start needs on a current database.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from .database import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest revision in ``migrations/versions``; a test checks it against Alembic's head,
#: so a new migration must update it.
HEAD_REVISION = "0011"


class DatabaseTooNew(Exception):
    """The database was written by a newer version of the program."""


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The head revision according to the migration scripts (what HEAD_REVISION must be)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_known(db: Database) -> str | None:
    """Return the database's revision; raise DatabaseTooNew if we do not know it."""
    from alembic.script import ScriptDirectory

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
    with db.read() as session:
        if _stored_revisions(session.connection()) == [HEAD_REVISION]:
            return HEAD_REVISION, HEAD_REVISION  # the usual start: nothing to do, no Alembic
    from alembic import command

    before = check_known(db)
    config = _config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision()


def is_current(db: Database) -> bool:
    return check_known(db) == head_revision()


def _stored_revisions(connection: Connection) -> list[str]:
    """The rows of Alembic's version table, read without Alembic (none: an empty database)."""
    if not inspect(connection).has_table("alembic_version"):
        return []
    return list(connection.scalars(text("SELECT version_num FROM alembic_version")))
