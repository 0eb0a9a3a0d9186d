"""``backoffice users add|list|role|rename|deactivate|reactivate``: users and roles.

Users are never deleted: the history keeps their names. Nobody deactivates their own account,
and the last active administrator stays. There is nothing to reset: people sign in with their
operating-system login."""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.domain.roles import Role
from backoffice.domain.text import visible_text

from . import workload
from .context import open_context
from .output import print_table


def add_commands(sub: Any) -> None:
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
    p = users.add_parser("role", help="change a user's role (administrators)")
    p.add_argument("target", metavar="LOGIN")
    p.add_argument("role", choices=[r.value for r in Role])
    p.set_defaults(func=cmd_users_role)
    p = users.add_parser("rename", help="change a user's display name (administrators)")
    p.add_argument("target", metavar="LOGIN")
    p.add_argument("--name", required=True, help="the new display name")
    p.set_defaults(func=cmd_users_rename)
    p = users.add_parser("deactivate", help="a user can no longer act (the history keeps them)")
    p.add_argument("target", metavar="LOGIN")
    p.set_defaults(func=cmd_users_deactivate)
    p = users.add_parser("reactivate", help="a deactivated user can act again")
    p.add_argument("target", metavar="LOGIN")
    p.set_defaults(func=cmd_users_reactivate)
    workload.add_user_commands(users)  # absent, absences, give-back


def cmd_users_add(args: argparse.Namespace) -> int:
    context = open_context(args)
    user = context.backoffice.users.add(context.actor(), args.new_login, args.name, Role(args.role))
    print(visible_text(f"added {user.login} ({user.display_name}, {user.role.value})"))
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    users = open_context(args).backoffice.users
    rows = [
        [u.login, u.display_name, u.role.value, "yes" if u.active else "no"] for u in users.list()
    ]
    print_table(["login", "name", "role", "active"], rows)
    return 0


def cmd_users_role(args: argparse.Namespace) -> int:
    context = open_context(args)
    user = context.backoffice.users.change_role(context.actor(), args.target, Role(args.role))
    print(visible_text(f"{user.login} is now {user.role.value}"))
    return 0


def cmd_users_rename(args: argparse.Namespace) -> int:
    context = open_context(args)
    user = context.backoffice.users.rename(context.actor(), args.target, args.name)
    print(visible_text(f"{user.login} is now called {user.display_name}"))
    return 0


def cmd_users_deactivate(args: argparse.Namespace) -> int:
    context = open_context(args)
    user = context.backoffice.users.deactivate(context.actor(), args.target)
    print(visible_text(f"{user.login} is deactivated"))
    return 0


def cmd_users_reactivate(args: argparse.Namespace) -> int:
    context = open_context(args)
    user = context.backoffice.users.reactivate(context.actor(), args.target)
    print(visible_text(f"{user.login} is active again"))
    return 0
