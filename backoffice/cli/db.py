"""``backoffice db upgrade|status``: the database schema."""

from __future__ import annotations

import argparse
from typing import Any

from .context import open_context


def add_commands(sub: Any) -> None:
    db = sub.add_parser("db", help="database schema").add_subparsers(
        metavar="ACTION", required=True
    )
    p = db.add_parser("upgrade", help="bring the database to the current schema")
    p.set_defaults(func=cmd_db_upgrade)
    p = db.add_parser("status", help="show the schema revision")
    p.set_defaults(func=cmd_db_status)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    backoffice = open_context(args, migrate=False).backoffice
    before, after = backoffice.upgrade()
    where = backoffice.db.describe()
    if before == after:
        print(f"{where}: already at schema revision {after}")
    else:
        print(f"{where}: upgraded from {before or 'empty'} to {after}")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    backoffice = open_context(args, migrate=False).backoffice
    current, head = backoffice.schema_revision()
    state = "up to date" if current == head else "needs `backoffice db upgrade`"
    print(
        f"database: {backoffice.db.describe()}\n"
        f"revision: {current or 'empty'} (program: {head}), {state}"
    )
    return 0
