"""``backoffice identity show|set``: the town's identity on certificates and letters.

``set`` changes only the fields given; with ``--service KEY`` it sets what that service's
documents show differently (``--clear`` removes the service's overrides).
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from backoffice.domain.text import visible_text
from backoffice.services.identity import (
    MAX_LOGO_BYTES,
    Logo,
    ServiceIdentity,
    TownIdentity,
)

from .context import CommandError, open_context
from .output import print_fields

#: Command-line option → field of the identity.
OPTIONS = {
    "name": "the town's name, e.g. 'Stadt Musterhausen'",
    "office": "the issuing office, e.g. 'Bürgerbüro'",
    "street": "street and number",
    "postcode": "postcode",
    "city": "city",
    "place": "the place before the date (default: the city)",
    "signature_line": "the line under the signature, e.g. 'Die Standesbeamtin'",
    "footer": "the footer's second line (default: the address)",
    "verify_base_url": "the address documents are verified at (the code is appended)",
}


def add_commands(sub: Any) -> None:
    identity = sub.add_parser(
        "identity", help="the town's identity on certificates and letters"
    ).add_subparsers(metavar="ACTION", required=True)
    p = identity.add_parser("show", help="the identity (and a service's, with --service)")
    p.add_argument("--service", metavar="KEY")
    p.set_defaults(func=cmd_identity_show)
    p = identity.add_parser("set", help="change fields of the identity (administrators)")
    p.add_argument("--service", metavar="KEY", help="set what this service shows differently")
    for name, text in OPTIONS.items():
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT", help=text)
    p.add_argument("--logo", metavar="FILE", help=f"PNG or SVG, at most {MAX_LOGO_BYTES} bytes")
    p.add_argument("--no-logo", action="store_true", help="remove the logo")
    p.add_argument("--clear", action="store_true", help="with --service: remove its overrides")
    p.set_defaults(func=cmd_identity_set)


def cmd_identity_show(args: argparse.Namespace) -> int:
    service = open_context(args).backoffice.administration.identity
    identity = service.effective(args.service)
    if identity is None:
        print("no identity set: documents show the built-in example town")
        return 0
    pairs: list[tuple[str, object]] = [
        (f.name, getattr(identity, f.name)) for f in fields(identity)
    ]
    pairs = [
        (k, f"{v.media_type}, {len(v.data)} bytes" if isinstance(v, Logo) else v)
        for k, v in pairs
        if v
    ]
    print_fields([(k, visible_text(str(v))) for k, v in pairs])
    return 0


def _logo(args: argparse.Namespace) -> Logo | None:
    path = Path(args.logo)
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            raise CommandError(f"{path} is larger than {MAX_LOGO_BYTES} bytes")
        return Logo.checked(path.read_bytes())
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None


def cmd_identity_set(args: argparse.Namespace) -> int:
    context = open_context(args)
    service = context.backoffice.administration.identity
    actor = context.actor()
    changes: dict[str, Any] = {n: getattr(args, n) for n in OPTIONS if getattr(args, n) is not None}
    if args.logo:
        changes["logo"] = _logo(args)
    if args.no_logo:
        changes["logo"] = None
    if args.service:
        current = ServiceIdentity() if args.clear else service.get_service(args.service)
        service.set_service(actor, args.service, replace(current, **changes))
        print(f"identity of {args.service} {'cleared' if args.clear else 'saved'}")
        return 0
    current_town = service.get()
    if current_town is None:
        if "name" not in changes:
            raise CommandError("the first `identity set` needs --name")
        updated = TownIdentity(**changes)
    else:
        updated = replace(current_town, **changes)
    service.set(actor, updated)
    print(visible_text(f"identity saved: {updated.name}"))
    return 0
