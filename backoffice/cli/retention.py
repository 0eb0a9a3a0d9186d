"""``backoffice retention due|run|deleted``: deleting closed cases after their retention period.

``run`` deletes what is due (it can run headless, e.g. from a timer); ``--dry-run`` only
lists it. What remains of each deleted case is listed by ``deleted``.
"""

from __future__ import annotations

import argparse
from typing import Any

from .context import open_context
from .output import local_time, print_table


def add_commands(sub: Any) -> None:
    retention = sub.add_parser(
        "retention", help="delete closed cases whose retention period is over"
    ).add_subparsers(metavar="ACTION", required=True)
    p = retention.add_parser("due", help="list the cases due for deletion")
    p.set_defaults(func=cmd_retention_due)
    p = retention.add_parser("run", help="delete the cases due (administrators)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    p.set_defaults(func=cmd_retention_run)
    p = retention.add_parser("deleted", help="the records of deleted cases (no personal data)")
    p.set_defaults(func=cmd_retention_deleted)


def cmd_retention_due(args: argparse.Namespace) -> int:
    context = open_context(args)
    due = context.backoffice.administration.retention.due(context.actor())
    rows = [
        [d.file_number, d.service_key, local_time(d.closed_at), d.retention_until.isoformat()]
        for d in due
    ]
    print_table(["file number", "service", "closed (Berlin)", "kept until"], rows)
    print(f"{len(due)} case(s) due for deletion")
    return 0


def cmd_retention_run(args: argparse.Namespace) -> int:
    context = open_context(args)
    report = context.backoffice.administration.retention.run(
        context.actor(), confirm=not args.dry_run
    )
    if report.dry_run:
        for item in report.due:
            print(f"would delete {item.file_number} ({item.service_key})")
        print(f"dry run: {len(report.due)} case(s) due, nothing deleted")
        return 0
    for file_number in report.deleted:
        print(f"deleted {file_number}")
    for file_number in report.skipped:
        print(f"skipped {file_number}: no longer due")
    print(f"{len(report.deleted)} case(s) deleted")
    return 0


def cmd_retention_deleted(args: argparse.Namespace) -> int:
    context = open_context(args)
    records = context.backoffice.administration.retention.deletions(context.actor())
    rows = [[r.file_number, r.service_key, local_time(r.deleted_at), r.deleted_by] for r in records]
    print_table(["file number", "service", "deleted (Berlin)", "by"], rows)
    return 0
