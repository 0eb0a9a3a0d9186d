"""``backoffice cases message|preview|messages|reroute|certificate``: writing to the citizen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backoffice.domain.citizen_messages import Channel
from backoffice.domain.deadlines import BERLIN
from backoffice.domain.status import Status
from backoffice.domain.text import visible_text

from .context import open_context
from .output import error_text, positive, print_table

CHANNELS = [c.value for c in Channel]


def add_case_commands(cases: Any) -> None:
    """Add the message commands to the ``cases`` group."""
    p = cases.add_parser("message", help="write to the applicant (without a status change)")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("text")
    p.add_argument(
        "--channel", choices=CHANNELS, help="instead of the channel the submission chose"
    )
    p.set_defaults(func=cmd_cases_message)
    p = cases.add_parser("preview", help="show what the applicant would receive, and why not")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument(
        "--status", choices=[s.value for s in Status], help="for a change to this status"
    )
    p.add_argument("--message", default="", help="the clerk's text to add")
    p.add_argument("--channel", choices=CHANNELS, help="another channel than the submission's")
    p.set_defaults(func=cmd_cases_preview)
    p = cases.add_parser("messages", help="list the messages to the applicant and their state")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.set_defaults(func=cmd_cases_messages)
    p = cases.add_parser("reroute", help="send a failed message again by another channel")
    p.add_argument("message_id", type=positive, metavar="MESSAGE_ID")
    p.add_argument("--channel", choices=CHANNELS, required=True)
    p.set_defaults(func=cmd_cases_reroute)
    p = cases.add_parser("certificate", help="create the case's certificate (PDF)")
    p.add_argument("case_id", type=positive, metavar="ID")
    p.add_argument("--out", metavar="FILE", help="also write the PDF to FILE")
    p.set_defaults(func=cmd_cases_certificate)


def cmd_cases_message(args: argparse.Namespace) -> int:
    context = open_context(args)
    channel = Channel(args.channel) if args.channel else None
    message_id = context.backoffice.citizen.send_message(
        context.actor(), args.case_id, args.text, channel
    )
    print(f"message {message_id} queued; `backoffice outbox send` sends it")
    return 0


def cmd_cases_preview(args: argparse.Namespace) -> int:
    context = open_context(args)
    preview = context.backoffice.citizen.preview(
        context.actor(),
        args.case_id,
        Status(args.status) if args.status else None,
        args.message,
        Channel(args.channel) if args.channel else None,
    )
    # Recipient, subject and body hold citizen text: shown by the one rule (visible_text).
    print(f"channel:     {preview.channel.value}")
    print(f"recipient:   {visible_text(preview.recipient)}")
    print(f"subject:     {visible_text(preview.subject)}")
    print(f"attachments: {visible_text(', '.join(preview.attachments) or 'none')}")
    print()
    print(visible_text(preview.body, multiline=True))
    print()
    if preview.already_sent:
        print("note: a message for this status went out already; it is not sent again", end="")
        print(" unless you add text or pass --resend to `cases status`")
    for problem in preview.problems:
        print(f"cannot be sent: {error_text(problem.detail)}", file=sys.stderr)
    return 0 if preview.sendable else 1


def cmd_cases_messages(args: argparse.Namespace) -> int:
    context = open_context(args)
    messages = context.backoffice.citizen.for_case(context.actor(), args.case_id)
    rows = [
        [
            str(m.id),
            m.channel.value,
            m.state.value,
            m.status or "-",
            m.created_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"),
            m.sent_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") if m.sent_at else "-",
            m.subject,
            m.last_error or "",
        ]
        for m in messages
    ]
    print_table(
        ["id", "channel", "state", "status", "queued (Berlin)", "sent", "subject", "last error"],
        rows,
    )
    return 0


def cmd_cases_reroute(args: argparse.Namespace) -> int:
    context = open_context(args)
    new_id = context.backoffice.citizen.reroute(
        context.actor(), args.message_id, Channel(args.channel)
    )
    print(f"message {new_id} queued by {args.channel} (instead of message {args.message_id})")
    return 0


def cmd_cases_certificate(args: argparse.Namespace) -> int:
    context = open_context(args)
    documents = context.backoffice.documents
    actor = context.actor()
    info = documents.generate(actor, args.case_id)
    print(
        f"{info.file_number}: certificate {info.id} created "
        f"(check code {info.verification_code}, {info.size} bytes)"
    )
    if args.out:
        Path(args.out).write_bytes(documents.get_pdf(actor, info.id))
        print(f"written to {args.out}")
    return 0
