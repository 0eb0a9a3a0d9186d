"""The ``backoffice`` command: the GUI by default, subcommands for headless work.

Each command group lives in a module of its own that adds its subcommands to the parser;
each command builds what it needs through the composition root (:mod:`backoffice.app`,
via :func:`backoffice.cli.context.open_context`). User mistakes end in one clear line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from contextlib import ExitStack

from backoffice.domain.errors import DomainError
from backoffice.portal.errors import PortalError
from backoffice.services.errors import StorageError
from backoffice.services.installation import InstallationError, console_log_handler
from backoffice.store.database import DatabaseConfigError
from backoffice.store.migrate import DatabaseTooNew

from . import (
    audit,
    cases,
    catalogue,
    db,
    doctor,
    gui,
    identity,
    mail,
    portal,
    retention,
    sync,
    users,
    workload,
)
from .context import CommandError, acting_user, locate_installation
from .output import error_text

log = logging.getLogger("backoffice")

EXIT_USAGE = 2
EXIT_FAILURE = 1


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
        "--no-team-history",
        action="store_true",
        help="with --demo: leave out the twelve weeks of the team's work (starts faster)",
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
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    # The build's check of a bundle or an installed package (installer/smoke.py): the real
    # window, offscreen unless QT_QPA_PLATFORM says otherwise, until the inbox shows rows.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=gui.cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    db.add_commands(sub)
    users.add_commands(sub)
    cases.add_commands(sub)
    workload.add_commands(sub)
    sub.add_parser(
        "simulator",
        help="run the portal simulator on loopback (see `backoffice simulator --help`)",
        add_help=False,
    )
    sync.add_commands(sub)
    portal.add_commands(sub, locate_installation, acting_user)
    catalogue.add_commands(sub)
    identity.add_commands(sub)
    retention.add_commands(sub)
    audit.add_commands(sub)
    mail.add_commands(sub)
    doctor.add_commands(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``; reads the version only when asked (importlib.metadata costs the start)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from backoffice import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


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
    console = console_log_handler(logging.DEBUG if args.verbose else logging.WARNING)
    logging.basicConfig(level=console.level, handlers=[console])
    try:
        with ExitStack() as resources:
            args.resources = resources  # closed after the command, whatever happens
            return int(args.func(args))
    except StorageError as exc:
        log.debug("database error", exc_info=True)
        if exc.unavailable:
            print(
                f"backoffice: error: the database cannot be used: {error_text(exc)}",
                file=sys.stderr,
            )
        else:
            print(f"backoffice: error: database error: {error_text(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except (
        PortalError,
        CommandError,
        DomainError,
        InstallationError,
        DatabaseConfigError,
        DatabaseTooNew,
        ValueError,
    ) as exc:
        print(f"backoffice: error: {error_text(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `backoffice keys export | head`: the reader went away
        sys.stderr.close()
        return 0
