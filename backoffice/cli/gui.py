"""The graphical program (the default command) and demo mode."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from backoffice.services.actor import Actor
from backoffice.services.installation import DATA_DIR_ENV, Installation
from backoffice.services.setup import first_start_needed

from .context import CommandContext, CommandError, locate_installation, open_context
from .output import ProgressBar


def cmd_gui(args: argparse.Namespace) -> int:
    if args.demo:
        return run_demo(args)
    installation = locate_installation(args)
    if first_start_needed(installation):
        return first_start(args, installation)
    context = open_context(args)
    actor = context.actor()
    if actor.user_id is None:
        raise CommandError(
            "there is no user yet: add the first administrator with "
            "`backoffice users add LOGIN --name NAME --role administrator`"
        )
    return _run_window(context, actor, args, choose_user=False)


def first_start(args: argparse.Namespace, installation: Installation) -> int:
    """No configuration yet: offer the demo or the setup wizard instead of an error."""
    from backoffice.app import Backoffice
    from backoffice.services.setup import FirstStart
    from backoffice.ui.setup import Next, run_first_start

    with installation.logging_to_file():
        outcome = run_first_start(
            FirstStart(installation, Backoffice.open), args.login, args.language
        )
    if outcome.next is Next.DEMO:
        # A folder of its own beside the real one, which stays unconfigured.
        args.data_dir = str(installation.data_dir.with_name(installation.data_dir.name + "-demo"))
        args.database = None
        return run_demo(args)
    if outcome.next is Next.QUIT or outcome.installation is None:
        return 0
    args.database = args.database or None  # the stored URL is found by locate from now on
    if outcome.login is not None:
        args.login = outcome.login  # the administrator just added works first
    return cmd_gui(args)


def run_demo(args: argparse.Namespace) -> int:
    from backoffice.cli import demo

    if not (args.data_dir or os.environ.get(DATA_DIR_ENV)):
        args.data_dir = tempfile.mkdtemp(prefix="backoffice-demo-")
    context = open_context(args)
    backoffice = context.backoffice
    replaced = demo.ensure_keyring(backoffice.installation)
    bar = ProgressBar("Demo")
    portal = demo.start_demo_portal(
        backoffice, args.resources, progress=bar, team_history=not args.no_team_history
    )
    bar.close()
    demo.explain(backoffice.installation, portal, replaced)
    if args.no_window:
        print(
            f"Try: backoffice --data-dir {backoffice.installation.data_dir} --as teamleitung "
            "cases list   (the simulator stops with this process)",
            file=sys.stderr,
        )
        return 0
    actor = backoffice.users.by_login("teamleitung").as_actor()
    return _run_window(context, actor, args, choose_user=not args.smoke_test)


def _run_window(
    context: CommandContext, actor: Actor, args: argparse.Namespace, *, choose_user: bool
) -> int:
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from backoffice.ui.app import run_gui
    from backoffice.ui.smoke import run_smoke_test

    installation = context.backoffice.installation
    return run_gui(
        context.backoffice.desktop_services(),
        actor,
        args.language,
        settings_path=installation.data_dir / "ui.ini",
        log_dir=installation.logs_dir,
        choose_user=choose_user,
        on_window=run_smoke_test if args.smoke_test else None,
    )
