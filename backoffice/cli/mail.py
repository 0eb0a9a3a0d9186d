"""``backoffice mail configure|test``: the mail server for messages to citizens.

The settings go to the installation's ``settings.json`` (key ``"mail"``); the login's
password is never a command-line argument: it is asked for on a terminal or read from the
first line of standard input, and goes straight into the OS keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from .context import CommandError, locate_installation


def add_commands(sub: Any) -> None:
    mail = sub.add_parser("mail", help="the mail server for messages to citizens").add_subparsers(
        metavar="ACTION", required=True
    )
    p = mail.add_parser(
        "configure",
        help="set the mail server and sender; with --user the password is read from standard "
        "input or asked for",
    )
    p.add_argument("--host", required=True, help="the SMTP server")
    p.add_argument("--port", type=int, help="default: 587 for starttls, 465 for tls, 25 for none")
    p.add_argument(
        "--security",
        choices=["starttls", "tls", "none"],
        default="starttls",
        help="starttls (default), tls from the first byte, or none (an internal relay only)",
    )
    p.add_argument("--sender", required=True, metavar="ADDRESS", help="the From address")
    p.add_argument("--sender-name", default="", metavar="NAME", help="the From name")
    p.add_argument("--user", metavar="LOGIN", help="the login at the server, if it wants one")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS")
    p.add_argument(
        "--ca-file", metavar="FILE", help="CA certificates (PEM) to trust instead of the system's"
    )
    p.set_defaults(func=cmd_mail_configure)
    p = mail.add_parser(
        "test", help="connect, protect, log in and offer the sender; sends no message"
    )
    p.set_defaults(func=cmd_mail_test)


def cmd_mail_configure(args: argparse.Namespace) -> int:
    from backoffice.portal.credentials import SecretStore
    from backoffice.services.mail_settings import (
        DEFAULT_PORTS,
        MailAccess,
        MailSettings,
        Security,
        load_mail_settings,
        save_mail_settings,
    )

    installation = locate_installation(args)
    security = Security(args.security)
    ca_file = str(Path(args.ca_file).resolve()) if args.ca_file else None
    if ca_file and not Path(ca_file).is_file():
        raise CommandError(f"the CA file {ca_file} does not exist")
    settings = MailSettings(
        host=args.host,
        port=args.port or DEFAULT_PORTS[security],
        security=security,
        sender_address=args.sender,
        sender_name=args.sender_name,
        username=args.user,
        timeout=args.timeout,
        ca_file=ca_file,
    )
    access = MailAccess(installation.settings_file, SecretStore(installation.data_dir))
    previous = load_mail_settings(installation.settings_file)
    if settings.username is not None:
        access.secrets.check()  # before asking for the password
        access.set_password(settings, _read_password(settings.username))
    save_mail_settings(installation.settings_file, settings)
    if previous is not None and previous.keyring_user != settings.keyring_user:
        access.forget_password(previous)
    where = "; password stored in the keyring" if settings.username else ""
    print(f"mail configured in {installation.settings_file}: {settings.describe()}{where}")
    print("next: `backoffice mail test`")
    return 0


def _read_password(login: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"mail password for {login}: ")
    else:
        password = sys.stdin.readline() if sys.stdin is not None else ""
    password = password.rstrip("\r\n")
    if not password:
        raise CommandError(
            "no mail password given: type it at the prompt, or pipe it to standard input"
        )
    return password


def cmd_mail_test(args: argparse.Namespace) -> int:
    from backoffice.portal.credentials import SecretStore
    from backoffice.services.mail_settings import MailAccess
    from backoffice.services.outbox.email import diagnose

    installation = locate_installation(args)
    access = MailAccess(installation.settings_file, SecretStore(installation.data_dir))
    settings = access.settings()
    print(f"mail server: {settings.describe()}")
    steps = diagnose(settings, access.password(settings))
    for step in steps:
        print(f"{'ok  ' if step.ok else 'FAIL'} {step.name}: {step.detail}")
    failed = next((step for step in steps if not step.ok), None)
    if failed is not None:
        raise CommandError(f"mail test failed at {failed.name}; no message was sent")
    print("the server would take messages from this sender; nothing was sent")
    return 0
