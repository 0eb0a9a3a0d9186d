"""What every command works with: the services of the installation and the acting user."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from backoffice.app import Backoffice
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.installation import Installation


class CommandError(Exception):
    """A user-facing failure of a command; printed as one line."""


@dataclass(frozen=True)
class CommandContext:
    """The services of the installation (built by the composition root) and who is acting."""

    backoffice: Backoffice
    login: str

    def actor(self) -> Actor:
        return self.backoffice.actor(self.login)


def locate_installation(args: argparse.Namespace) -> Installation:
    """The installation named by ``--data-dir``/``--database`` (or their defaults), ready."""
    installation = Installation.locate(args.data_dir, args.database)
    installation.prepare()
    return installation


def open_context(args: argparse.Namespace, *, migrate: bool = True) -> CommandContext:
    """Build the services for this command; everything is closed when the command ends.

    With ``migrate``, the database is brought to the current schema and, while it has no
    service templates, the built-in ones are installed."""
    installation = locate_installation(args)
    args.resources.enter_context(installation.logging_to_file())
    backoffice = Backoffice.open(installation, migrate=migrate)
    args.resources.callback(backoffice.close)
    if migrate:
        # Part of setting up the database, like the schema: done by the system, whoever runs.
        backoffice.install_default_catalogue(SYSTEM)
    return CommandContext(backoffice, args.login)


def acting_user(args: argparse.Namespace) -> Actor:
    """The acting user of a command that needs no other service (the portal commands)."""
    return open_context(args).actor()
