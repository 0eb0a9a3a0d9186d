"""``backoffice audit log|verify|reads``: the administration's trail, every chain, who read.

The history of one case is ``backoffice cases show ID`` (and ``cases verify ID``).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from backoffice.domain.text import visible_text

from .context import CommandError, open_context
from .output import local_time, positive, print_table


def add_commands(sub: Any) -> None:
    audit = sub.add_parser(
        "audit", help="the administration's audit trail, chain checks, the read log"
    ).add_subparsers(metavar="ACTION", required=True)
    p = audit.add_parser("log", help="the administration's trail, newest first")
    p.add_argument("--limit", type=positive, default=50)
    p.set_defaults(func=cmd_audit_log)
    p = audit.add_parser("verify", help="check every case's chain and the administration's")
    p.set_defaults(func=cmd_audit_verify)
    p = audit.add_parser("reads", help="who opened a case or viewed its documents")
    p.add_argument("case_id", type=positive, metavar="CASE")
    p.set_defaults(func=cmd_audit_reads)


def cmd_audit_log(args: argparse.Namespace) -> int:
    context = open_context(args)
    entries = context.backoffice.administration.views.administration_history(
        context.actor(), limit=args.limit
    )
    rows = [
        [
            str(e.seq),
            local_time(e.at),
            e.actor_login,
            e.kind,
            e.subject,
            json.dumps(e.payload, ensure_ascii=False, sort_keys=True),
        ]
        for e in entries
    ]
    print_table(["#", "at (Berlin)", "by", "what", "subject", "details"], rows)
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    context = open_context(args)
    report = context.backoffice.administration.views.verify_everything(context.actor())
    for link in report.broken:
        print(visible_text(f"BROKEN {link}"))
    if report.administration is not None:
        print(visible_text(f"BROKEN {report.administration}"))
    if not report.intact:
        raise CommandError("the audit trail is damaged (see above)")
    print(f"intact: {report.cases_checked} case chain(s) and the administration's trail")
    return 0


def cmd_audit_reads(args: argparse.Namespace) -> int:
    context = open_context(args)
    reads = context.backoffice.administration.views.reads(context.actor(), args.case_id)
    rows = [
        [local_time(r.at), r.actor or "system", r.kind, str(r.document_id or "")] for r in reads
    ]
    print_table(["at (Berlin)", "by", "what", "document"], rows)
    return 0
