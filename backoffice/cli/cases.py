"""``backoffice cases …``: casework from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.domain.status import Status
from backoffice.domain.text import visible_text
from backoffice.services.queries import CaseFilter, CaseSort, SortKey

from . import messages, workload
from .case_json import LIST_EPILOG, SHOW_EPILOG, detail_json, row_json
from .case_text import print_case
from .context import CommandError, open_context
from .output import TIME_ZONE_NAME, local_time, positive, print_json, print_table


def add_commands(sub: Any) -> None:
    cases = sub.add_parser("cases", help="casework").add_subparsers(metavar="ACTION", required=True)
    p = cases.add_parser(
        "list",
        help="list cases as a plain table (or JSON)",
        epilog=LIST_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in Status],
        help="only this status (repeatable)",
    )
    p.add_argument("--service", action="append", metavar="KEY", help="only this service")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--mine", action="store_true", help="only cases assigned to me")
    who.add_argument("--assignee", metavar="LOGIN", help="only cases assigned to LOGIN")
    who.add_argument("--unassigned", action="store_true", help="only unassigned cases")
    p.add_argument("--overdue", action="store_true", help="only overdue cases")
    p.add_argument("--open", action="store_true", help="only open cases")
    p.add_argument(
        "--search", metavar="TEXT", help="words to find in file number, applicant and form data"
    )
    p.add_argument("--sort", choices=[k.value for k in SortKey], default=SortKey.RECEIVED.value)
    p.add_argument("--ascending", action="store_true", help="oldest/lowest first")
    p.add_argument("--limit", type=positive, default=50, help="rows to show (max 500)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts (fields below)")
    p.set_defaults(func=cmd_cases_list)
    p = cases.add_parser(
        "show",
        help="show a case with its form, attachments and history",
        epilog=SHOW_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON for scripts (fields below)")
    p.set_defaults(func=cmd_cases_show)
    p = cases.add_parser("claim", help="take an unassigned case")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.set_defaults(func=cmd_cases_claim)
    p = cases.add_parser("release", help="release a claim")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.set_defaults(func=cmd_cases_release)
    p = cases.add_parser("status", help="change the status along the workflow")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument(
        "--expect-version",
        type=positive,
        required=True,
        help="the case version you looked at (see `cases show`)",
    )
    p.add_argument("--comment")
    p.add_argument("--message", help="text for the citizen, added to the status message")
    p.add_argument(
        "--no-notify", action="store_true", help="change the status without telling the citizen"
    )
    p.add_argument(
        "--resend",
        action="store_true",
        help="send the status message again although one went out for this status before",
    )
    p.set_defaults(func=cmd_cases_status)
    p = cases.add_parser(
        "check",
        help="tick (or with --undo untick) an item of the case's checklist",
        description="Tick an item of the case's checklist (the keys are listed by `cases show`). "
        "A status change that needs unticked items is refused and names them.",
    )
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("item", metavar="ITEM", help="the item's key, e.g. fee_received")
    p.add_argument("--undo", action="store_true", help="untick the item")
    p.set_defaults(func=cmd_cases_check)
    p = cases.add_parser("note", help="add a note to a case")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("text")
    p.set_defaults(func=cmd_cases_note)
    p = cases.add_parser("verify", help="check the audit trail of a case")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.set_defaults(func=cmd_cases_verify)
    messages.add_case_commands(cases)
    workload.add_case_commands(cases)  # assign (one or many), request, approve, refuse


def cmd_cases_list(args: argparse.Namespace) -> int:
    context = open_context(args)
    backoffice = context.backoffice
    actor = context.actor()
    assignee_id = None
    if args.mine:
        assignee_id = actor.user_id
    elif args.assignee:
        assignee_id = backoffice.users.by_login(args.assignee).id
    flt = CaseFilter(
        statuses=frozenset(Status(s) for s in args.status or ()),
        services=frozenset(args.service or ()),
        assignee_id=assignee_id,
        unassigned=args.unassigned,
        overdue=args.overdue,
        open_only=args.open,
        search=args.search or "",
    )
    sort = CaseSort(SortKey(args.sort), descending=not args.ascending)
    queries = backoffice.casework.queries
    page = queries.list_cases(actor, flt, sort, limit=args.limit)
    total = queries.count_cases(actor, flt)
    if args.json:
        print_json({"total": total, "cases": [row_json(r) for r in page.rows]})
        return 0
    rows = [
        [
            str(r.id),
            r.file_number,
            r.service_key,
            r.applicant_name,
            local_time(r.received_at),
            r.due_date.isoformat() if r.due_date else ("paused" if r.paused else "-"),
            r.status.value + (" OVERDUE" if r.overdue else ""),
            r.assignee_name or "-",
            str(r.attachment_count),
        ]
        for r in page.rows
    ]
    print_table(
        [
            "id",
            "file number",
            "service",
            "applicant",
            "received (Berlin)",
            "due",
            "status",
            "assignee",
            "att.",
        ],
        rows,
    )
    print(f"{len(rows)} of {total} case(s); times in {TIME_ZONE_NAME}")
    return 0


def cmd_cases_show(args: argparse.Namespace) -> int:
    context = open_context(args)
    detail = context.backoffice.casework.queries.get_case(context.actor(), args.case_id)
    if args.json:
        print_json(detail_json(detail))
    else:
        print_case(detail)
    return 0


def cmd_cases_claim(args: argparse.Namespace) -> int:
    context = open_context(args)
    row = context.backoffice.casework.commands.claim(context.actor(), args.case_id)
    print(f"{row.file_number} is now yours (version {row.version})")
    return 0


def cmd_cases_release(args: argparse.Namespace) -> int:
    context = open_context(args)
    row = context.backoffice.casework.commands.release(context.actor(), args.case_id)
    print(f"{row.file_number} released (version {row.version})")
    return 0


def cmd_cases_status(args: argparse.Namespace) -> int:
    context = open_context(args)
    row = context.backoffice.casework.commands.change_status(
        context.actor(),
        args.case_id,
        args.expect_version,
        Status(args.status),
        comment=args.comment,
        message=args.message,
        notify=not args.no_notify,
        resend=args.resend,
    )
    print(f"{row.file_number}: {row.status.value} (version {row.version})")
    return 0


def cmd_cases_check(args: argparse.Namespace) -> int:
    context = open_context(args)
    entry = context.backoffice.casework.commands.tick_item(
        context.actor(), args.case_id, args.item, ticked=not args.undo
    )
    if entry.ticked:
        print(
            visible_text(
                f"[x] {entry.label.en} ({entry.key}): ticked by {entry.ticked_by or 'system'} "
                f"at {local_time(entry.ticked_at)} ({TIME_ZONE_NAME})"
            )
        )
    else:
        print(visible_text(f"[ ] {entry.label.en} ({entry.key}): not ticked"))
    return 0


def cmd_cases_note(args: argparse.Namespace) -> int:
    context = open_context(args)
    context.backoffice.casework.commands.add_note(context.actor(), args.case_id, args.text)
    print("note added")
    return 0


def cmd_cases_verify(args: argparse.Namespace) -> int:
    context = open_context(args)
    broken = context.backoffice.casework.queries.verify_history(context.actor(), args.case_id)
    if broken:
        raise CommandError(f"audit trail broken: {broken}")
    print(f"audit trail of case {args.case_id} is intact")
    return 0
