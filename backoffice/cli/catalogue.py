"""``backoffice catalogue list|install``: the service templates."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from backoffice.services.catalogue import read_catalogue

from .context import open_context
from .output import print_table


def add_commands(sub: Any) -> None:
    cat = sub.add_parser("catalogue", help="service templates").add_subparsers(
        metavar="ACTION", required=True
    )
    p = cat.add_parser("list", help="list the services")
    p.set_defaults(func=cmd_catalogue_list)
    p = cat.add_parser("install", help="validate template files and store new versions")
    p.add_argument("folder", nargs="?", help="folder of *.json templates (default: built-in)")
    p.set_defaults(func=cmd_catalogue_install)


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    catalogue = open_context(args).backoffice.catalogue
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
        for t in catalogue.current()
    ]
    print_table(["key", "ver.", "LeiKa", "name", "days", "fee", "active"], rows)
    return 0


def cmd_catalogue_install(args: argparse.Namespace) -> int:
    templates = read_catalogue(Path(args.folder)) if args.folder else read_catalogue()
    context = open_context(args)
    result = context.backoffice.catalogue.install(templates, context.actor())
    print(
        f"added: {len(result.added)}, updated: {len(result.updated)}, "
        f"unchanged: {len(result.unchanged)}"
    )
    return 0
