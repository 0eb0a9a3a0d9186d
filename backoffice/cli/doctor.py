"""``backoffice doctor``: one line per check of this installation, OK / WARN / FAIL.

The exit code is 0 when nothing failed (warnings allowed), 1 otherwise, so that a
monitoring job or an installer can run it. It locates the installation as every command
does but does not open it the usual way: a database that cannot be reached, is too old
or too new is a finding here, not an error that ends the command.
"""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.services.doctor import Doctor
from backoffice.services.installation import Installation

from .output import error_text

EXIT_FAILURE = 1


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "doctor",
        help="check this installation: database, keyring, keys, portal, disk, logs, outbox",
        description="One line per check: OK, WARN (works, but look at it) or FAIL (does not "
        "work), with the reason and what to do. Exit code 0 when nothing fails.",
    )
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    installation = Installation.locate(args.data_dir, args.database)
    print(f"installation: {error_text(installation.data_dir)}")
    diagnosis = Doctor(installation).run()
    for check in diagnosis.checks:
        print(error_text(check.line()))
    failed = sum(1 for c in diagnosis.checks if c.verdict == "FAIL")
    warned = sum(1 for c in diagnosis.checks if c.verdict == "WARN")
    print(f"{len(diagnosis.checks)} checks: {failed} failed, {warned} warning(s)")
    return 0 if diagnosis.healthy else EXIT_FAILURE
