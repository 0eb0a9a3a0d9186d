"""Command-line commands for the portal connection and the subscriber keys.

``add_commands(subparsers, open_installation, acting)`` adds ``keys generate|export|register``
and ``portal configure|test`` to the ``backoffice`` parser; the work is done by
:class:`~backoffice.services.portal_admin.PortalAdministration`, which checks that the acting
user may manage the portal connection. Each command is ``func(args) -> int``;
failures raise :class:`~backoffice.portal.errors.PortalError` (one clear line) for the caller
to print. The client secret is never a command-line argument: it comes from standard input or
an interactive prompt, and goes straight into the OS keyring.

The HTTP client, the keys and the keyring are imported by the service's methods that use
them: every start of the program builds this parser, and most starts need none of them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backoffice.portal.errors import PortalConfigError, PortalError
from backoffice.portal.settings import PortalSettings
from backoffice.services.actor import Actor
from backoffice.services.portal_admin import InstallationLike, PortalAdministration

OpenInstallation = Callable[[argparse.Namespace], InstallationLike]
#: The acting user of a command (the administrative commands check their permission).
ActingUser = Callable[[argparse.Namespace], Actor]


class PortalTestFailed(PortalError):
    """``portal test`` found problems (each printed on its own line before)."""


def add_commands(subparsers: Any, open_installation: OpenInstallation, acting: ActingUser) -> None:
    """Add the ``keys`` and ``portal`` commands; ``open_installation(args)`` locates the folder,
    ``acting(args)`` names who acts (``keys generate|register`` and ``portal configure`` need
    an administrator: :class:`~backoffice.services.portal_admin.PortalAdministration` checks)."""
    keys = subparsers.add_parser("keys", help="the subscriber's key pairs").add_subparsers(
        metavar="ACTION", required=True
    )
    p = keys.add_parser("generate", help="generate encryption and signing keys (RSA-4096)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace existing keys (the old key file is kept aside, renamed)",
    )
    p.set_defaults(func=lambda args: cmd_keys_generate(args, open_installation(args), acting(args)))
    p = keys.add_parser("export", help="print the public keys as a JWKS (JSON)")
    p.set_defaults(func=lambda args: cmd_keys_export(args, open_installation(args)))
    p = keys.add_parser("register", help="register the public keys at the portal destination(s)")
    p.add_argument(
        "--destination", metavar="ID", help="only this destination (default: all configured)"
    )
    p.set_defaults(func=lambda args: cmd_keys_register(args, open_installation(args), acting(args)))

    portal = subparsers.add_parser("portal", help="the portal connection").add_subparsers(
        metavar="ACTION", required=True
    )
    p = portal.add_parser(
        "configure",
        help="set the portal addresses and client id; the secret is read from standard input "
        "or asked for",
    )
    p.add_argument("--base-url", required=True, metavar="URL", help="delivery service address")
    p.add_argument("--token-url", required=True, metavar="URL", help="OAuth2 token endpoint")
    p.add_argument(
        "--destination",
        required=True,
        action="append",
        metavar="ID",
        help="destination id (UUID); repeat for several",
    )
    p.add_argument("--client-id", required=True, metavar="ID", help="OAuth2 client id")
    p.add_argument("--connect-timeout", type=_seconds, default=10.0, metavar="SECONDS")
    p.add_argument("--read-timeout", type=_seconds, default=60.0, metavar="SECONDS")
    p.add_argument(
        "--ca-file",
        metavar="FILE",
        help="CA certificates (PEM) to trust instead of the system's, e.g. an in-house CA",
    )
    p.set_defaults(
        func=lambda args: cmd_portal_configure(args, open_installation(args), acting(args))
    )
    p = portal.add_parser("test", help="check credentials and destinations")
    p.set_defaults(func=lambda args: cmd_portal_test(args, open_installation(args)))


# -- keys ---------------------------------------------------------------------------------------


def _administration(installation: InstallationLike) -> PortalAdministration:
    return PortalAdministration(installation)


def cmd_keys_generate(
    args: argparse.Namespace, installation: InstallationLike, actor: Actor
) -> int:
    result = _administration(installation).generate_keys(actor, replace=args.force)
    print(f"keys written to {result.path} (passphrase in the keyring)")
    print(f"encryption key: {result.encryption_kid}")
    print(f"signing key:    {result.signing_kid}")
    if result.previous_moved_to is not None:
        print(f"the previous keys were moved to {result.previous_moved_to}; register the new ones")
    print("next: `backoffice keys register` (or give `backoffice keys export` to the portal)")
    return 0


def cmd_keys_export(args: argparse.Namespace, installation: InstallationLike) -> int:
    print(json.dumps(_administration(installation).export_keys(), indent=2))
    return 0


def cmd_keys_register(
    args: argparse.Namespace, installation: InstallationLike, actor: Actor
) -> int:
    for registration in _administration(installation).register_keys(actor, args.destination):
        print(registration)
    return 0


# -- portal -------------------------------------------------------------------------------------


def cmd_portal_configure(
    args: argparse.Namespace, installation: InstallationLike, actor: Actor
) -> int:
    administration = _administration(installation)
    administration.authorise(actor)  # before asking for the secret
    settings = PortalSettings(
        base_url=args.base_url,
        token_url=args.token_url,
        destination_ids=tuple(dict.fromkeys(args.destination)),
        client_id=args.client_id.strip(),
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        ca_file=str(Path(args.ca_file).resolve()) if args.ca_file else None,
    )
    if settings.ca_file and not Path(settings.ca_file).is_file():
        raise PortalConfigError(f"the CA file {settings.ca_file} does not exist")
    administration.check_keyring()  # before asking for the secret
    administration.configure(actor, settings, read_secret(settings.client_id))
    print(f"portal configured in {installation.settings_file}; secret stored in the keyring")
    print("next: `backoffice portal test`")
    return 0


def read_secret(client_id: str) -> str:
    """The client secret: asked for on a terminal, else the first line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        secret = getpass.getpass(f"client secret for {client_id}: ")
    else:
        secret = sys.stdin.readline() if sys.stdin is not None else ""
    secret = secret.rstrip("\r\n")
    if not secret.strip():
        raise PortalConfigError(
            "no client secret given: type it at the prompt, or pipe it to standard input"
        )
    return secret


def cmd_portal_test(args: argparse.Namespace, installation: InstallationLike) -> int:
    check = _administration(installation).test_connection()
    for line in check.lines:
        print(f"{'ok  ' if line.ok else 'FAIL'} {line.subject}: {line.text}")
    if check.lines and check.lines[0].subject == "token" and not check.lines[0].ok:
        raise PortalTestFailed("portal test failed: no access token")
    if check.failures:
        raise PortalTestFailed(
            f"portal test failed for {check.failures} of {len(check.lines) - 1} destination(s)"
        )
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value
