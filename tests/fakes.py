"""Test doubles that several test modules use: each one here once, imported where needed.

- :class:`InMemoryKeyring`: a keyring backend in a dict (tests/conftest.py installs a fresh
  one for every test; the fixture ``memory_keyring`` returns it).
- :class:`Clock`: a settable UTC clock for the services (``clock()`` is a ``datetime``).
- :class:`MonotonicClock`: a settable clock in seconds, for the portal client's token expiry.
- :class:`FakeInstallation`: the part of an installation the portal and key commands use
  (a data folder with its key folder and settings file), and :func:`run_portal_command`
  to run ``backoffice portal|keys …`` against one.

Like tests/conftest.py, which imports it, this module imports nothing of the backoffice
package at import time.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keyring.backend
import keyring.errors
from keyring.credentials import SimpleCredential

if TYPE_CHECKING:  # the portal stack is not imported with the fakes
    from backoffice.services.portal_admin import InstallationLike

# -- keyring ----------------------------------------------------------------------------------


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps its secrets in a dict, for tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(
                f"no secret for {username!r} in {service!r}"
            ) from None

    def get_credential(self, service: str, username: str | None) -> SimpleCredential | None:
        for (stored_service, stored_username), password in self.secrets.items():
            if stored_service == service and username in (None, stored_username):
                return SimpleCredential(stored_username, password)
        return None


# -- clocks -----------------------------------------------------------------------------------


class Clock:
    """A settable clock for services (UTC)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class MonotonicClock:
    """A settable stand-in for ``time.monotonic`` (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- an installation for the portal commands --------------------------------------------------


@dataclass(frozen=True)
class FakeInstallation:
    """What ``backoffice portal|keys`` need of an installation: where keys and settings go."""

    data_dir: Path

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"


def portal_command_parser(installation: InstallationLike) -> argparse.ArgumentParser:
    """The ``portal`` and ``keys`` commands of the program, working on ``installation``."""
    from backoffice.cli import portal as cli_portal  # not at import: see the module docstring
    from backoffice.services.actor import SYSTEM

    parser = argparse.ArgumentParser(prog="backoffice")
    # The acting user is an administrator here; refusals are tested with the services.
    cli_portal.add_commands(parser.add_subparsers(), lambda args: installation, lambda args: SYSTEM)
    return parser


def run_portal_command(installation: InstallationLike, *argv: str) -> int:
    """Run one ``portal``/``keys`` command line against ``installation``; its exit code."""
    args = portal_command_parser(installation).parse_args(argv)
    code: int = args.func(args)
    return code


def tick_checklist(
    commands: Any, actor: Any, case_id: int, template: Any, target: str = "completed"
) -> None:
    """Tick every item of ``template``'s checklist that a case needs before entering
    ``target`` (the shipped birth certificate, business registration and dog tax
    registration have some before "completed")."""
    for item in template.checklist:
        if target in item.required_before:
            commands.tick_item(actor, case_id, item.key)
