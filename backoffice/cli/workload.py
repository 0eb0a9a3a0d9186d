"""The team lead's commands: ``backoffice report``, bulk ``cases assign``, ``cases request |
approve | refuse`` (four-eyes rule), ``users absent | absences | give-back``."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from backoffice.domain.figures import DEFAULT_HORIZON_DAYS, DEFAULT_WEEKS, AgeBand
from backoffice.domain.status import Status
from backoffice.domain.text import visible_text
from backoffice.services.bulk import BulkResult
from backoffice.services.workload import Dashboard

from .context import CommandError, open_context
from .output import positive, print_json, print_table


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="the team figures (team leads): open cases by age, overdue, inflow, lead "
        "times, forecast; staff-council safe",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--describe",
        action="store_true",
        help="print what every figure counts, as Markdown for the staff council",
    )
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the figures as CSV")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also write a one-page PDF report")
    p.add_argument("--weeks", type=positive, default=DEFAULT_WEEKS, help="period in weeks")
    p.add_argument(
        "--horizon", type=positive, default=DEFAULT_HORIZON_DAYS, help="forecast, working days"
    )
    p.add_argument("--language", choices=["de", "en"], default="de", help="of the PDF")
    p.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_report)


def add_case_commands(cases: Any) -> None:
    p = cases.add_parser(
        "assign",
        help="assign cases to a user (team leads): ID LOGIN, or ID… --to LOGIN --reason TEXT",
    )
    p.add_argument("items", nargs="+", metavar="ID", help="case ids (ID LOGIN: one case)")
    p.add_argument("--to", metavar="LOGIN", help="assign every case to this user")
    p.add_argument("--reason", help="why (required with --to; goes into each history)")
    p.set_defaults(func=cmd_cases_assign)
    p = cases.add_parser("request", help="ask for a change that needs a second person's approval")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument("--expect-version", type=positive, metavar="N")
    p.add_argument("--comment")
    p.add_argument("--message")
    p.set_defaults(func=cmd_cases_request)
    p = cases.add_parser("approve", help="approve the change a case waits for (team leads)")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.set_defaults(func=cmd_cases_approve)
    p = cases.add_parser("refuse", help="refuse the change a case waits for (team leads)")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_cases_refuse)


def add_user_commands(users: Any) -> None:
    p = users.add_parser("absent", help="mark a user absent, with a deputy (team leads)")
    p.add_argument("absent_login", metavar="LOGIN")
    p.add_argument("--from", dest="first", type=date.fromisoformat, required=True, metavar="DATE")
    p.add_argument("--to", dest="last", type=date.fromisoformat, required=True, metavar="DATE")
    p.add_argument(
        "--deputy",
        metavar="LOGIN",
        help="who takes the cases (default: spread by load over the same role)",
    )
    p.set_defaults(func=cmd_users_absent)
    p = users.add_parser("absences", help="list absences")
    p.add_argument("--all", action="store_true", help="past ones too")
    p.set_defaults(func=cmd_users_absences)
    p = users.add_parser("give-back", help="give the cases moved by an absence back")
    p.add_argument("absence_id", type=positive, metavar="ABSENCE")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_users_give_back)


# -- report -------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    from backoffice.services.workload import export  # reportlab: only for this command

    context = open_context(args)
    workload = context.backoffice.team.workload
    if args.describe:
        print(workload.describe())
        return 0
    board = workload.dashboard(
        context.actor(), weeks=args.weeks, horizon_days=args.horizon, today=args.today
    )
    if args.csv:
        args.csv.write_text(export.dashboard_csv(board), encoding="utf-8", newline="")
    if args.pdf:
        args.pdf.write_bytes(export.dashboard_pdf(board, args.language))
    if args.json:
        print_json(_plain(board))
    else:
        _print_report(board)
    return 0


def _print_report(board: Dashboard) -> None:
    from backoffice.services.workload.export import cell_text

    print(
        f"as of {board.today}, period from {board.period_start} ({board.weeks} weeks), "
        f"forecast to {board.horizon}; minimum group {board.policy.min_staff}"
    )
    headers = ["service", *(b.value for b in AgeBand), "open", "overdue", "median", "p90"]
    headers += ["pace", "breaches"]
    rows = []
    for f in (*board.services, board.totals):
        cells = [*(f.open_by_age[b] for b in AgeBand), f.open_total, f.overdue]
        cells += [f.lead_time_median, f.lead_time_p90, f.pace_per_day, f.forecast_breaches]
        rows.append([f.service_key or f.name_en, *(cell_text(c) for c in cells)])
    print_table(headers, rows)
    if board.assignments:
        print("\nopen cases held now (by name):")
        print_table(
            ["login", "name", "open"],
            [[a.login, a.display_name, str(a.open_cases)] for a in board.assignments],
        )


def _plain(value: Any) -> Any:
    """A dashboard as JSON-ready data (dates ISO, sets sorted, enums by value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# -- cases --------------------------------------------------------------------------------


def cmd_cases_assign(args: argparse.Namespace) -> int:
    context = open_context(args)
    if args.to is None:
        if len(args.items) != 2:
            raise CommandError("give ID LOGIN, or ID… --to LOGIN --reason TEXT")
        case_id, login = _case_id(args.items[0]), args.items[1]
        row = context.backoffice.casework.commands.assign(
            context.actor(), case_id, login, reason=args.reason
        )
        assignee = visible_text(row.assignee_name or "nobody")
        print(f"{row.file_number} assigned to {assignee} (version {row.version})")
        return 0
    if not args.reason:
        raise CommandError("a reassignment needs --reason")
    ids = [_case_id(item) for item in args.items]
    result = context.backoffice.team.bulk.assign(context.actor(), ids, args.to, args.reason)
    return _print_bulk(result)


def cmd_cases_request(args: argparse.Namespace) -> int:
    context = open_context(args)
    actor = context.actor()
    version = args.expect_version
    if version is None:
        version = context.backoffice.casework.queries.get_case(actor, args.case_id).row.version
    request = context.backoffice.team.approvals.request(
        actor,
        args.case_id,
        version,
        Status(args.status),
        comment=args.comment,
        message=args.message,
    )
    print(
        f"{request.file_number}: {request.source.value} → {request.target.value} waits for "
        "a second person's approval"
    )
    return 0


def cmd_cases_approve(args: argparse.Namespace) -> int:
    context = open_context(args)
    approvals = context.backoffice.team.approvals
    actor = context.actor()
    row = approvals.approve(actor, _pending_of(approvals.pending(actor, args.case_id), args))
    print(f"{row.file_number} approved: now {row.status.value} (version {row.version})")
    return 0


def cmd_cases_refuse(args: argparse.Namespace) -> int:
    context = open_context(args)
    approvals = context.backoffice.team.approvals
    actor = context.actor()
    refused = approvals.refuse(
        actor, _pending_of(approvals.pending(actor, args.case_id), args), args.reason
    )
    print(f"{refused.file_number}: {refused.target.value} refused; stays {refused.source.value}")
    return 0


def _pending_of(pending: list[Any], args: argparse.Namespace) -> int:
    if not pending:
        raise CommandError(f"case {args.case_id} waits for no approval")
    return int(pending[0].id)


def _case_id(item: str) -> int:
    try:
        return positive(item)
    except argparse.ArgumentTypeError as exc:
        raise CommandError(f"not a case id: {visible_text(item)!s}") from exc


def _print_bulk(result: BulkResult) -> int:
    for outcome in result.outcomes:
        name = outcome.file_number or f"case {outcome.case_id}"
        if outcome.done:
            detail = f" to {outcome.assignee_login}" if outcome.assignee_login else ""
            note = f" ({outcome.message})" if outcome.message else ""
            print(visible_text(f"{name}: done{detail}{note}"))
        else:
            code = outcome.refusal.value if outcome.refusal else "refused"
            print(visible_text(f"{name}: refused ({code}): {outcome.message}"))
    print(f"{len(result.done)} done, {len(result.refused)} refused")
    return 0 if not result.refused else 1


# -- users --------------------------------------------------------------------------------


def cmd_users_absent(args: argparse.Namespace) -> int:
    context = open_context(args)
    result = context.backoffice.team.absences.mark_absent(
        context.actor(), args.absent_login, args.first, args.last, args.deputy
    )
    absence = result.absence
    who = absence.deputy_login or "the same role, by load"
    print(
        visible_text(
            f"absence {absence.id}: {absence.login} from {absence.first_day} to "
            f"{absence.last_day}; cases go to {who}"
        )
    )
    if result.moved.outcomes:
        return _print_bulk(result.moved)
    return 0


def cmd_users_absences(args: argparse.Namespace) -> int:
    context = open_context(args)
    rows = [
        [
            str(a.id),
            a.login,
            a.first_day.isoformat(),
            a.last_day.isoformat(),
            a.deputy_login or "(by load)",
            f"{a.moved} / {a.given_back}",
            "cancelled" if a.cancelled else "",
        ]
        for a in context.backoffice.team.absences.list_absences(
            context.actor(), include_past=args.all
        )
    ]
    print_table(["id", "login", "from", "to", "deputy", "moved / back", ""], rows)
    return 0


def cmd_users_give_back(args: argparse.Namespace) -> int:
    context = open_context(args)
    result = context.backoffice.team.absences.give_back(
        context.actor(), args.absence_id, args.reason
    )
    return _print_bulk(result)
