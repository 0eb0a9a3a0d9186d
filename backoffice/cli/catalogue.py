"""``backoffice catalogue …``: the service templates and their versions.

``list`` and ``install`` work on the catalogue as a whole; ``versions``, ``drafts``,
``check``, ``diff``, ``publish``, ``end``, ``restore``, ``discard``, ``export`` and
``import`` on the versions of one service (administrators; the service checks).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from backoffice.domain.template_check import Finding
from backoffice.domain.text import visible_text
from backoffice.services.catalogue import read_catalogue
from backoffice.services.template_versions import TemplateVersions

from .context import CommandContext, CommandError, open_context
from .output import positive, print_table

#: Import files larger than this are refused unread (a template is a few kB).
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def add_commands(sub: Any) -> None:
    cat = sub.add_parser("catalogue", help="service templates").add_subparsers(
        metavar="ACTION", required=True
    )
    p = cat.add_parser("list", help="list the services")
    p.set_defaults(func=cmd_catalogue_list)
    p = cat.add_parser("install", help="validate template files and store new versions")
    p.add_argument("folder", nargs="?", help="folder of *.json templates (default: built-in)")
    p.set_defaults(func=cmd_catalogue_install)
    p = cat.add_parser("versions", help="every version of a service with state and period")
    p.add_argument("key")
    p.set_defaults(func=cmd_versions)
    p = cat.add_parser("drafts", help="the services with a draft")
    p.set_defaults(func=cmd_drafts)
    p = cat.add_parser("check", help="the configuration check of the draft (or --version N)")
    p.add_argument("key")
    p.add_argument("--version", type=positive, metavar="N")
    p.set_defaults(func=cmd_check)
    p = cat.add_parser("diff", help="the draft (or --version N) against the live version")
    p.add_argument("key")
    p.add_argument("--version", type=positive, metavar="N")
    p.set_defaults(func=cmd_diff)
    p = cat.add_parser("publish", help="publish the draft, valid from a date")
    p.add_argument("key")
    p.add_argument("--from", dest="valid_from", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument(
        "--end-predecessor",
        action="store_true",
        help="end the version valid until then on the day before",
    )
    p.set_defaults(func=cmd_publish)
    p = cat.add_parser("end", help="fix the last day of a published version")
    p.add_argument("key")
    p.add_argument("version", type=positive)
    p.add_argument("--last-day", required=True, type=_date, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_end)
    p = cat.add_parser("restore", help="an earlier version as a new draft")
    p.add_argument("key")
    p.add_argument("version", type=positive)
    p.set_defaults(func=cmd_restore)
    p = cat.add_parser("discard", help="throw the draft of a service away")
    p.add_argument("key")
    p.set_defaults(func=cmd_discard)
    p = cat.add_parser("export", help="one version as a JSON file (default: the live one)")
    p.add_argument("key")
    p.add_argument("--version", type=positive, metavar="N")
    p.add_argument("file", help="the file to write ('-': standard output)")
    p.set_defaults(func=cmd_export)
    p = cat.add_parser(
        "import", help="import an exported version (the same again: nothing; newer: a draft)"
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_import)


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
        f"unchanged: {len(result.unchanged)}, new drafts: {len(result.drafted)}"
    )
    return 0


def _versions(args: argparse.Namespace) -> tuple[TemplateVersions, CommandContext]:
    context = open_context(args)
    return context.backoffice.administration.templates, context


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_versions(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    rows = [
        [
            str(v.version),
            v.state + (" (live)" if v.live else ""),
            v.valid_from.isoformat() if v.valid_from else "",
            v.valid_until.isoformat() if v.valid_until else "",
            str(v.cases),
        ]
        for v in versions.versions(context.actor(), args.key)
    ]
    print_table(["ver.", "state", "valid from", "valid until", "cases"], rows)
    return 0


def cmd_drafts(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    rows = [[d.key, str(d.version), d.name_de] for d in versions.drafts(context.actor())]
    print_table(["key", "ver.", "name"], rows)
    return 0


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        print(visible_text(f"{finding.code}: {finding}"))


def cmd_check(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    findings = versions.check(context.actor(), args.key, args.version)
    if not findings:
        print("no problems found: the version can be published")
        return 0
    _print_findings(findings)
    raise CommandError(f"{len(findings)} problem(s) found")


def _value(value: Any) -> str:
    return "–" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def cmd_diff(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    diff = versions.diff(context.actor(), args.key, args.version)
    live = f"v{diff.old_version}" if diff.old_version is not None else "nothing live"
    print(f"{diff.key}: v{diff.new_version} against {live}")
    if diff.empty:
        print("no differences")
    for change in diff.changes:
        print(
            visible_text(
                f"{change.section:<9} {change.kind:<8} {change.path}: "
                f"{_value(change.old)} → {_value(change.new)}"
            )
        )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    result = versions.publish(
        context.actor(), args.key, args.valid_from, end_predecessor=args.end_predecessor
    )
    published = result.published
    print(f"published {published.key} v{published.version}, valid from {args.valid_from}")
    for version in result.ended:
        print(f"v{version} ends on the day before")
    return 0


def cmd_end(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    info = versions.end(context.actor(), args.key, args.version, args.last_day)
    print(f"{info.key} v{info.version} is valid until {args.last_day} (inclusive)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    info = versions.restore(context.actor(), args.key, args.version)
    print(f"v{args.version} of {info.key} restored as draft v{info.version}")
    return 0


def cmd_discard(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    versions.discard_draft(context.actor(), args.key)
    print(f"the draft of {args.key} is discarded")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    versions, context = _versions(args)
    document = versions.export_document(context.actor(), args.key, args.version)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.file == "-":
        print(text, end="")
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"{args.key} v{document['version']} written to {args.file}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(f"{path} is larger than {MAX_IMPORT_BYTES} bytes")
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}") from None
    versions, context = _versions(args)
    findings = versions.check_import(document)
    if findings:
        _print_findings(findings)
        raise CommandError(f"{path} cannot be imported: {len(findings)} problem(s); nothing stored")
    result = versions.import_document(context.actor(), document)
    if result.outcome == "unchanged":
        print(f"{result.key} v{result.version} is here already: nothing changed")
    else:
        print(f"{result.key} v{result.version} imported as a draft")
    return 0
