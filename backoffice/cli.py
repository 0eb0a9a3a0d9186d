"""The ``backoffice`` command: the GUI by default, subcommands for headless work.

This is the composition root: it locates the installation, opens and upgrades
the database, builds the services and hands them to whatever runs. User
mistakes end in one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from backoffice.cli_portal import add_commands as add_portal_commands
from backoffice.domain.deadlines import BERLIN
from backoffice.domain.errors import DomainError
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.portal.errors import PortalError
from backoffice.services.actor import Actor
from backoffice.services.audit import verify_chain
from backoffice.services.casework import Casework
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.services.desktop import DesktopServices, build_desktop_services
from backoffice.services.installation import DATA_DIR_ENV, Installation, InstallationError
from backoffice.services.progress import Progress
from backoffice.services.queries import CaseFilter, CaseSort, SortKey
from backoffice.services.users import UserService
from backoffice.store.database import Database, DatabaseConfigError
from backoffice.store.migrate import DatabaseTooNew, current_revision, head_revision, upgrade

log = logging.getLogger("backoffice")

EXIT_USAGE = 2
EXIT_FAILURE = 1


class CommandError(Exception):
    """A user-facing failure of a command; printed as one line."""


@dataclass
class App:
    """What the commands work with, built once per run."""

    installation: Installation
    db: Database
    users: UserService
    catalogue: CatalogueService
    casework: Casework
    login: str

    def actor(self) -> Actor:
        return self.users.actor_for_login(self.login)


def open_app(args: argparse.Namespace, *, migrate: bool = True) -> App:
    installation = Installation.locate(args.data_dir, args.database)
    installation.prepare()
    args.resources.enter_context(installation.logging_to_file())
    db = installation.open_database()
    args.resources.callback(db.dispose)
    if migrate:
        upgrade(db)
    users = UserService(db)
    catalogue = CatalogueService(db)
    app = App(installation, db, users, catalogue, Casework.build(db), args.login)
    if migrate:
        catalogue.install_defaults_if_empty(app.actor())
    return app


# -- commands ---------------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    app = open_app(args, migrate=False)
    before, after = upgrade(app.db)
    if before == after:
        print(f"{app.db.describe()}: already at schema revision {after}")
    else:
        print(f"{app.db.describe()}: upgraded from {before or 'empty'} to {after}")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    app = open_app(args, migrate=False)
    current = current_revision(app.db)
    head = head_revision()
    state = "up to date" if current == head else "needs `backoffice db upgrade`"
    print(
        f"database: {app.db.describe()}\nrevision: {current or 'empty'} (program: {head}), {state}"
    )
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    app = open_app(args)
    user = app.users.add(app.actor(), args.new_login, args.name, Role(args.role))
    print(f"added {user.login} ({user.display_name}, {user.role.value})")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    app = open_app(args)
    rows = [
        [u.login, u.display_name, u.role.value, "yes" if u.active else "no"]
        for u in app.users.list()
    ]
    print_table(["login", "name", "role", "active"], rows)
    return 0


def cmd_cases_list(args: argparse.Namespace) -> int:
    app = open_app(args)
    actor = app.actor()
    assignee_id = None
    if args.mine:
        assignee_id = actor.user_id
    elif args.assignee:
        assignee_id = app.users.by_login(args.assignee).id
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
    page = app.casework.queries.list_cases(actor, flt, sort, limit=args.limit)
    total = app.casework.queries.count_cases(actor, flt)
    rows = [
        [
            str(r.id),
            r.file_number,
            r.service_key,
            r.applicant_name,
            r.received_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"),
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
            "received",
            "due",
            "status",
            "assignee",
            "att.",
        ],
        rows,
    )
    print(f"{len(rows)} of {total} case(s)")
    return 0


def cmd_cases_show(args: argparse.Namespace) -> int:
    app = open_app(args)
    detail = app.casework.queries.get_case(app.actor(), args.case_id)
    row = detail.row
    print(f"{row.file_number}  {detail.template.name.en}  (id {row.id}, version {row.version})")
    print(
        f"status: {row.status.value}   assignee: {row.assignee_name or '-'}   "
        f"due: {row.due_date or '-'}"
    )
    for group in detail.template.field_groups:
        values = detail.form_data.get(group.key, {})
        print(f"[{group.label.en}]")
        for field in group.fields:
            if isinstance(values, dict) and field.key in values:
                print(f"  {field.label.en}: {values[field.key]}")
    print("history:")
    for entry in detail.history:
        print(
            f"  {entry.seq:>3} {entry.at:%Y-%m-%d %H:%M} {entry.actor_name or 'system'}: "
            f"{entry.kind} {entry.payload}"
        )
    for notice in detail.notices:
        print(f"notice: {notice.actor_name} {notice.kind} {notice.payload}")
    allowed = ", ".join(t.target.value for t in detail.allowed_transitions) or "none"
    print(f"possible status changes: {allowed}")
    return 0


def cmd_cases_claim(args: argparse.Namespace) -> int:
    app = open_app(args)
    row = app.casework.commands.claim(app.actor(), args.case_id)
    print(f"{row.file_number} is now yours (version {row.version})")
    return 0


def cmd_cases_assign(args: argparse.Namespace) -> int:
    app = open_app(args)
    row = app.casework.commands.assign(app.actor(), args.case_id, args.to)
    print(f"{row.file_number} assigned to {row.assignee_name or 'nobody'} (version {row.version})")
    return 0


def cmd_cases_release(args: argparse.Namespace) -> int:
    app = open_app(args)
    row = app.casework.commands.release(app.actor(), args.case_id)
    print(f"{row.file_number} released (version {row.version})")
    return 0


def cmd_cases_status(args: argparse.Namespace) -> int:
    app = open_app(args)
    row = app.casework.commands.change_status(
        app.actor(),
        args.case_id,
        args.expect_version,
        Status(args.status),
        comment=args.comment,
        message=args.message,
    )
    print(f"{row.file_number}: {row.status.value} (version {row.version})")
    return 0


def cmd_cases_note(args: argparse.Namespace) -> int:
    app = open_app(args)
    app.casework.commands.add_note(app.actor(), args.case_id, args.text)
    print("note added")
    return 0


def cmd_cases_verify(args: argparse.Namespace) -> int:
    app = open_app(args)
    app.actor()
    with app.db.read() as session:
        broken = verify_chain(session, args.case_id)
    if broken:
        raise CommandError(f"audit trail broken: {broken}")
    print(f"audit trail of case {args.case_id} is intact")
    return 0


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    app = open_app(args)
    rows = [
        [
            t.key,
            str(t.version),
            t.leika,
            t.name.de,
            str(t.processing_days),
            f"{t.fee} EUR",
            "yes" if t.active else "no",
        ]
        for t in app.catalogue.current()
    ]
    print_table(["key", "ver.", "LeiKa", "name", "days", "fee", "active"], rows)
    return 0


def cmd_catalogue_install(args: argparse.Namespace) -> int:
    templates = read_catalogue(Path(args.folder)) if args.folder else read_catalogue()
    app = open_app(args)
    result = app.catalogue.install(templates, app.actor())
    print(
        f"added: {len(result.added)}, updated: {len(result.updated)}, "
        f"unchanged: {len(result.unchanged)}"
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from backoffice.services.intake import IntakeService
    from backoffice.services.progress import CancelToken
    from backoffice.services.subscriber import open_portal

    app = open_app(args)
    actor = app.actor()
    settings, client, crypto = open_portal(app.installation)
    args.resources.callback(client.close)
    intake = IntakeService(app.db, client, crypto, app.catalogue)
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    args.resources.callback(signal.signal, signal.SIGINT, previous)
    failed = False
    for destination in args.destination or settings.destination_ids:
        bar = ProgressBar(f"{destination[:8]}…")
        report = intake.sync(actor, destination, bar, cancel)
        bar.close()
        print(
            f"{destination}: {report.accepted} accepted, {report.rejected} rejected, "
            f"{report.already_known} known already, {len(report.skipped)} skipped for now, "
            f"{report.confirmations_sent} confirmation(s) sent, "
            f"{report.confirmations_waiting} waiting" + (" (cancelled)" if report.cancelled else "")
        )
        for submission_id, reason in report.skipped:
            print(f"  skipped {submission_id}: {reason}", file=sys.stderr)
        if report.error:
            print(f"backoffice: error: {destination}: {report.error}", file=sys.stderr)
            failed = True
        if report.cancelled:
            break
    return EXIT_FAILURE if failed else 0


def cmd_outbox_send(args: argparse.Namespace) -> int:
    from backoffice.services.intake import IntakeService
    from backoffice.services.subscriber import open_portal

    app = open_app(args)
    _, client, crypto = open_portal(app.installation)
    args.resources.callback(client.close)
    result = IntakeService(app.db, client, crypto, app.catalogue).outbox.send_due()
    print(f"{result.sent} sent, {result.retried} to retry later, {result.failed} failed")
    for error in result.errors:
        print(f"  {error}", file=sys.stderr)
    return EXIT_FAILURE if result.failed else 0


class ProgressBar:
    """A one-line progress bar on stderr when it is a terminal; a line per tenth otherwise."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.tty = sys.stderr.isatty()
        self._last_tenth = -1

    def __call__(self, progress: Progress) -> None:
        if progress.total <= 0:
            return
        share = min(1.0, progress.done / progress.total)
        if self.tty:
            filled = int(share * self.width)
            sys.stderr.write(
                f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{progress.done}/{progress.total} {progress.phase:<10}"
            )
            sys.stderr.flush()
        elif int(share * 10) != self._last_tenth:
            self._last_tenth = int(share * 10)
            print(
                f"{self.label} {progress.done}/{progress.total} {progress.phase}", file=sys.stderr
            )

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def cmd_gui(args: argparse.Namespace) -> int:
    if args.demo:
        return run_demo(args)
    app = open_app(args)
    services = build_desktop_services(
        app.installation, app.db, app.users, app.catalogue, app.casework
    )
    actor = app.actor()
    if actor.user_id is None:
        raise CommandError(
            "there is no user yet: add the first administrator with "
            "`backoffice users add LOGIN --name NAME --role administrator`"
        )
    return _run_window(app, services, actor, args, choose_user=False)


def run_demo(args: argparse.Namespace) -> int:
    from backoffice import cli_demo

    if not (args.data_dir or os.environ.get(DATA_DIR_ENV)):
        args.data_dir = tempfile.mkdtemp(prefix="backoffice-demo-")
    app = open_app(args)
    replaced = cli_demo.ensure_keyring(app.installation)
    bar = ProgressBar("Demo")
    portal = cli_demo.start_demo_portal(
        app.installation,
        app.db,
        app.users,
        app.casework,
        app.catalogue,
        args.resources,
        progress=bar,
    )
    bar.close()
    cli_demo.explain(app.installation, portal, replaced)
    if args.no_window:
        print(
            f"Try: backoffice --data-dir {app.installation.data_dir} --as teamleitung "
            "cases list   (the simulator stops with this process)",
            file=sys.stderr,
        )
        return 0
    services = build_desktop_services(
        app.installation, app.db, app.users, app.catalogue, app.casework
    )
    actor = app.users.by_login("teamleitung").as_actor()
    return _run_window(app, services, actor, args, choose_user=True)


def _run_window(
    app: App,
    services: DesktopServices,
    actor: Actor,
    args: argparse.Namespace,
    *,
    choose_user: bool,
) -> int:
    from backoffice.ui.app import run_gui

    return run_gui(
        services,
        actor,
        args.language,
        settings_path=app.installation.data_dir / "ui.ini",
        log_dir=app.installation.logs_dir,
        choose_user=choose_user,
    )


# -- parsing --------------------------------------------------------------------------------


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [len(h) for h in headers]
    clipped = [[_cell(c) for c in row] for row in rows]
    for row in clipped:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in clipped:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: str, limit: int = 40) -> str:
    # Terminal output of citizen text: no control characters, bounded width.
    text = "".join(ch if ch.isprintable() else " " for ch in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backoffice",
        description="Rathaus Backoffice: work through the applications citizens file online. "
        "Without a command, starts the graphical program.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder of this installation (database, settings, logs, keys); "
        "default $BACKOFFICE_DATA_DIR or the platform's user data folder",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL instead of the SQLite file in the data folder, e.g. "
        "postgresql://user@host/db (default $BACKOFFICE_DATABASE_URL)",
    )
    parser.add_argument(
        "--as",
        dest="login",
        metavar="LOGIN",
        default=_os_login(),
        help="act as this user (default: the operating-system login)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="demo mode: a fresh demo installation with users and applications",
    )
    parser.add_argument(
        "--no-window",
        action="store_true",
        help="with --demo: set everything up, then exit instead of opening the window",
    )
    parser.add_argument(
        "--language",
        choices=["de", "en"],
        help="interface language (default: saved choice, else the system's)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    parser.set_defaults(func=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    db = sub.add_parser("db", help="database schema").add_subparsers(
        metavar="ACTION", required=True
    )
    p = db.add_parser("upgrade", help="bring the database to the current schema")
    p.set_defaults(func=cmd_db_upgrade)
    p = db.add_parser("status", help="show the schema revision")
    p.set_defaults(func=cmd_db_status)

    users = sub.add_parser("users", help="users and roles").add_subparsers(
        metavar="ACTION", required=True
    )
    p = users.add_parser("add", help="add a user (administrators; anyone while there is none)")
    p.add_argument("new_login", metavar="LOGIN")
    p.add_argument("--name", required=True, help="display name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.set_defaults(func=cmd_users_add)
    p = users.add_parser("list", help="list users")
    p.set_defaults(func=cmd_users_list)

    cases = sub.add_parser("cases", help="casework").add_subparsers(metavar="ACTION", required=True)
    p = cases.add_parser("list", help="list cases as a plain table")
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
    p.add_argument("--limit", type=_positive, default=50, help="rows to show (max 500)")
    p.set_defaults(func=cmd_cases_list)
    p = cases.add_parser("show", help="show a case with its history")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.set_defaults(func=cmd_cases_show)
    p = cases.add_parser("claim", help="take an unassigned case")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.set_defaults(func=cmd_cases_claim)
    p = cases.add_parser("assign", help="assign a case to a user (team leads)")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.add_argument("to", metavar="LOGIN")
    p.set_defaults(func=cmd_cases_assign)
    p = cases.add_parser("release", help="release a claim")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.set_defaults(func=cmd_cases_release)
    p = cases.add_parser("status", help="change the status along the workflow")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument(
        "--expect-version",
        type=_positive,
        required=True,
        help="the case version you looked at (see `cases show`)",
    )
    p.add_argument("--comment")
    p.add_argument("--message", help="message to the citizen")
    p.set_defaults(func=cmd_cases_status)
    p = cases.add_parser("note", help="add a note to a case")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.add_argument("text")
    p.set_defaults(func=cmd_cases_note)
    p = cases.add_parser("verify", help="check the audit trail of a case")
    p.add_argument("case_id", type=_positive, metavar="ID")
    p.set_defaults(func=cmd_cases_verify)

    sub.add_parser(
        "simulator",
        help="run the portal simulator on loopback (see `backoffice simulator --help`)",
        add_help=False,
    )
    p = sub.add_parser("sync", help="pull new applications from the portal and confirm them")
    p.add_argument(
        "--destination",
        action="append",
        metavar="ID",
        help="only this destination (default: all configured)",
    )
    p.set_defaults(func=cmd_sync)
    outbox = sub.add_parser("outbox", help="messages waiting to be sent").add_subparsers(
        metavar="ACTION", required=True
    )
    p = outbox.add_parser("send", help="send what is due now (confirmations to the portal)")
    p.set_defaults(func=cmd_outbox_send)
    add_portal_commands(sub, _installation)

    cat = sub.add_parser("catalogue", help="service templates").add_subparsers(
        metavar="ACTION", required=True
    )
    p = cat.add_parser("list", help="list the services")
    p.set_defaults(func=cmd_catalogue_list)
    p = cat.add_parser("install", help="validate template files and store new versions")
    p.add_argument("folder", nargs="?", help="folder of *.json templates (default: built-in)")
    p.set_defaults(func=cmd_catalogue_install)
    return parser


def _installation(args: argparse.Namespace) -> Installation:
    installation = Installation.locate(args.data_dir, args.database)
    installation.prepare()
    return installation


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["simulator"]:
        # A separate program with its own options (`backoffice simulator --help`).
        from backoffice.simulator.server import main as simulator_main

        return simulator_main(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=console.level, handlers=[console])
    try:
        with ExitStack() as resources:
            args.resources = resources  # closed after the command, whatever happens
            return int(args.func(args))
    except (
        PortalError,
        CommandError,
        DomainError,
        InstallationError,
        DatabaseConfigError,
        DatabaseTooNew,
    ) as exc:
        print(f"backoffice: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except ValueError as exc:
        print(f"backoffice: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OperationalError as exc:
        print(
            f"backoffice: error: the database cannot be used: {_first_line(exc.orig)}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except SQLAlchemyError as exc:
        log.debug("database error", exc_info=True)
        print(f"backoffice: error: database error: {_first_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `backoffice keys export | head`: the reader went away
        sys.stderr.close()
        return 0


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
