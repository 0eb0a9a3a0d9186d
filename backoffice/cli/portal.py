"""Command-line commands for the portal connection and the subscriber keys.

``add_commands(subparsers, open_installation)`` adds ``keys generate|export|register`` and
``portal configure|test`` to the ``backoffice`` parser. Each command is ``func(args) -> int``;
failures raise :class:`~backoffice.portal.errors.PortalError` (one clear line) for the caller
to print. The client secret is never a command-line argument: it comes from standard input or
an interactive prompt, and goes straight into the OS keyring.

The HTTP client, the keys and the keyring are imported by the commands that use them: every
start of the program builds this parser, and most starts need none of them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from backoffice.portal.errors import (
    AccessDenied,
    AuthenticationFailed,
    NotFound,
    PortalConfigError,
    PortalError,
)
from backoffice.portal.settings import (
    PortalSettings,
    load_portal_settings,
    require_portal_settings,
    save_portal_settings,
)

if TYPE_CHECKING:
    from backoffice.portal.keys import KeyStore, SubscriberKeys


class InstallationLike(Protocol):
    @property
    def data_dir(self) -> Path: ...

    @property
    def keys_dir(self) -> Path: ...

    @property
    def settings_file(self) -> Path: ...


OpenInstallation = Callable[[argparse.Namespace], InstallationLike]


class PortalTestFailed(PortalError):
    """``portal test`` found problems (each printed on its own line before)."""


def add_commands(subparsers: Any, open_installation: OpenInstallation) -> None:
    """Add the ``keys`` and ``portal`` commands; ``open_installation(args)`` locates the folder."""
    keys = subparsers.add_parser("keys", help="the subscriber's key pairs").add_subparsers(
        metavar="ACTION", required=True
    )
    p = keys.add_parser("generate", help="generate encryption and signing keys (RSA-4096)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace existing keys (the old key file is kept aside, renamed)",
    )
    p.set_defaults(func=lambda args: cmd_keys_generate(args, open_installation(args)))
    p = keys.add_parser("export", help="print the public keys as a JWKS (JSON)")
    p.set_defaults(func=lambda args: cmd_keys_export(args, open_installation(args)))
    p = keys.add_parser("register", help="register the public keys at the portal destination(s)")
    p.add_argument(
        "--destination", metavar="ID", help="only this destination (default: all configured)"
    )
    p.set_defaults(func=lambda args: cmd_keys_register(args, open_installation(args)))

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
    p.set_defaults(func=lambda args: cmd_portal_configure(args, open_installation(args)))
    p = portal.add_parser("test", help="check credentials and destinations")
    p.set_defaults(func=lambda args: cmd_portal_test(args, open_installation(args)))


# -- keys ---------------------------------------------------------------------------------------


def _key_store(installation: InstallationLike) -> KeyStore:
    from backoffice.portal.credentials import SecretStore
    from backoffice.portal.keys import KeyStore

    return KeyStore(installation.keys_dir, SecretStore(installation.data_dir))


def cmd_keys_generate(args: argparse.Namespace, installation: InstallationLike) -> int:
    from backoffice.portal.credentials import SecretStore
    from backoffice.portal.keys import generate_keys

    store = _key_store(installation)
    if not args.force:
        store.ensure_absent()  # before the slow key generation
    SecretStore(installation.data_dir).check()
    keys = generate_keys()
    moved = store.save(keys, replace=args.force)
    print(f"keys written to {store.path} (passphrase in the keyring)")
    print(f"encryption key: {keys.encryption_kid}")
    print(f"signing key:    {keys.signing_kid}")
    if moved is not None:
        print(f"the previous keys were moved to {moved}; register the new ones")
    print("next: `backoffice keys register` (or give `backoffice keys export` to the portal)")
    return 0


def cmd_keys_export(args: argparse.Namespace, installation: InstallationLike) -> int:
    keys = _key_store(installation).load()
    print(json.dumps(keys.export_public_jwks(), indent=2))
    return 0


def cmd_keys_register(args: argparse.Namespace, installation: InstallationLike) -> int:
    from backoffice.portal.client import SubscriberClient
    from backoffice.portal.credentials import SecretStore

    settings = require_portal_settings(installation.settings_file)
    keys = _key_store(installation).load()
    secret = SecretStore(installation.data_dir).client_secret(settings.client_id)
    destinations = settings.destination_ids
    if args.destination:
        if args.destination not in destinations:
            raise PortalConfigError(
                f"destination {args.destination} is not configured "
                f"(configured: {', '.join(destinations)})"
            )
        destinations = (args.destination,)
    with SubscriberClient.from_settings(settings, secret) as client:
        for destination in destinations:
            client.register_keys(destination, keys.export_public_jwks())
            print(_registered(destination, keys))
    return 0


def _registered(destination: str, keys: SubscriberKeys) -> str:
    return (
        f"destination {destination}: registered encryption key {keys.encryption_kid} "
        f"and signing key {keys.signing_kid}"
    )


# -- portal -------------------------------------------------------------------------------------


def cmd_portal_configure(args: argparse.Namespace, installation: InstallationLike) -> int:
    from backoffice.portal.credentials import SecretStore

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
    previous = load_portal_settings(installation.settings_file)
    store = SecretStore(installation.data_dir)
    store.check()  # before asking for the secret
    secret = read_secret(settings.client_id)
    store.set_client_secret(settings.client_id, secret)
    save_portal_settings(installation.settings_file, settings)
    if previous is not None and previous.client_id != settings.client_id:
        store.delete_client_secret(previous.client_id)
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
    from backoffice.portal.client import SubscriberClient
    from backoffice.portal.credentials import SecretStore
    from backoffice.portal.http import RetryPolicy

    settings = require_portal_settings(installation.settings_file)
    secret = SecretStore(installation.data_dir).client_secret(settings.client_id)
    failures = 0
    # A diagnosis: report the first failure at once instead of retrying it.
    with SubscriberClient.from_settings(settings, secret, retry=RetryPolicy(attempts=1)) as client:
        try:
            client.fetch_token()
        except PortalError as error:
            print(f"FAIL token: {_explain(error, settings)}")
            raise PortalTestFailed("portal test failed: no access token") from None
        print(f"ok   token: {settings.token_url} accepted client id {settings.client_id!r}")
        for destination in settings.destination_ids:
            try:
                found = client.get_destination(destination)
            except PortalError as error:
                failures += 1
                print(f"FAIL destination {destination}: {_explain(error, settings, destination)}")
                continue
            services = len(found.services)
            print(f"ok   destination {destination}: {found.status}, {services} service(s)")
    if failures:
        raise PortalTestFailed(
            f"portal test failed for {failures} of {len(settings.destination_ids)} destination(s)"
        )
    return 0


def _explain(error: PortalError, settings: PortalSettings, destination: str = "") -> str:
    if isinstance(error, AuthenticationFailed):
        return (
            f"client id {settings.client_id!r} or its secret was rejected ({error.status}); "
            "check them and run `backoffice portal configure` again"
        )
    if isinstance(error, NotFound) and destination:
        return "the portal does not know this destination (404): check the destination id"
    if isinstance(error, AccessDenied):
        return (
            f"client {settings.client_id!r} may not use this (403): is it subscribed to the "
            "destination?"
        )
    return str(error)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value
