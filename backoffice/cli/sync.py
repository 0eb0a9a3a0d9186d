"""``backoffice sync``, ``backoffice outbox send|list`` and ``backoffice quarantine list|retry``:
the traffic with the portal."""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from backoffice.services.outbox import OutboxState

from .context import open_context
from .output import ProgressBar, error_text, local_time, positive, print_table

EXIT_FAILURE = 1


def add_commands(sub: Any) -> None:
    p = sub.add_parser("sync", help="pull new applications from the portal and confirm them")
    p.add_argument(
        "--destination",
        action="append",
        metavar="ID",
        help="only this destination (default: all configured)",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="keep going: sync and send the outbox every --interval seconds until SIGTERM or "
        "Ctrl+C (for a server that does the intake of the whole town hall)",
    )
    p.add_argument(
        "--interval",
        type=_interval,
        default=60.0,
        metavar="SECONDS",
        help="with --watch: seconds between rounds (default 60; longer after failures)",
    )
    p.set_defaults(func=cmd_sync)
    outbox = sub.add_parser("outbox", help="messages waiting to be sent").add_subparsers(
        metavar="ACTION", required=True
    )
    p = outbox.add_parser(
        "send", help="send what is due now (portal confirmations, replies, e-mail, letters)"
    )
    p.set_defaults(func=cmd_outbox_send)
    p = outbox.add_parser("list", help="list the outbox: what waits, what was sent, what failed")
    p.add_argument(
        "--state",
        choices=[s.value for s in OutboxState],
        help="only messages in this state (default: all)",
    )
    p.add_argument("--limit", type=positive, default=200, help="rows to show")
    p.set_defaults(func=cmd_outbox_list)
    quarantine = sub.add_parser(
        "quarantine",
        help="submissions the sync held back after a failure on our side (no decision sent)",
    ).add_subparsers(metavar="ACTION", required=True)
    p = quarantine.add_parser("list", help="list held submissions and those waiting for a retry")
    p.add_argument("--limit", type=positive, default=200, help="rows to show")
    p.set_defaults(func=cmd_quarantine_list)
    p = quarantine.add_parser("retry", help="let the next sync take held submissions in again")
    p.add_argument("submission_ids", nargs="*", metavar="SUBMISSION_ID")
    p.add_argument("--all", action="store_true", help="every held submission")
    p.set_defaults(func=cmd_quarantine_retry)


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.1 <= value <= 86_400:
        raise argparse.ArgumentTypeError("must be between 0.1 and 86400 seconds")
    return value


def cmd_sync(args: argparse.Namespace) -> int:
    from backoffice.services.progress import CancelToken

    if args.watch:
        return cmd_sync_watch(args)
    context = open_context(args)
    actor = context.actor()
    portal = args.resources.enter_context(context.backoffice.portal())
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    args.resources.callback(signal.signal, signal.SIGINT, previous)
    failed = False
    configured = portal.settings.destination_ids if portal.settings else ()
    for destination in args.destination or configured:
        bar = ProgressBar(f"{destination[:8]}…")
        report = portal.intake.sync(actor, destination, bar, cancel)
        bar.close()
        print(
            f"{destination}: {report.accepted} accepted, {report.rejected} rejected, "
            f"{report.already_known} known already, {len(report.skipped)} skipped for now, "
            f"{report.confirmations_sent} confirmation(s) sent, "
            f"{report.confirmations_waiting} waiting" + (" (cancelled)" if report.cancelled else "")
        )
        if report.follow_ups:
            print(f"  of the accepted, {report.follow_ups} answer(s) linked to their cases")
        for submission_id, reason in report.skipped:
            print(f"  skipped {error_text(submission_id)}: {error_text(reason)}", file=sys.stderr)
        if report.quarantined:
            print(
                f"  {report.quarantined} submission(s) held back after a failure on our side: "
                "see `backoffice quarantine list`",
                file=sys.stderr,
            )
        if report.error:
            print(f"backoffice: error: {destination}: {error_text(report.error)}", file=sys.stderr)
            failed = True
        if report.cancelled:
            break
    return EXIT_FAILURE if failed else 0


def cmd_sync_watch(args: argparse.Namespace) -> int:
    """Rounds until SIGTERM or SIGINT; then the submission in progress ends and we exit 0."""
    from backoffice.services.watch import StopRequest, SyncWatch

    stop = StopRequest()
    for signum in (signal.SIGTERM, signal.SIGINT):  # first: a stop during the start counts too
        previous = signal.signal(signum, lambda *_: stop.cancel())
        args.resources.callback(signal.signal, signum, previous)
    context = open_context(args)
    actor = context.actor()
    backoffice = context.backoffice
    watch = SyncWatch(
        lambda: backoffice.portal(sleep=stop.sleep),  # retry waits end with a stop, too
        actor,
        interval=args.interval,
        stop=stop,
        destinations=args.destination or (),
        on_round=lambda done: print(error_text(done.line()), flush=True),
    )
    print(
        f"watching: every {args.interval:g} s; stop with SIGTERM or Ctrl+C "
        f"(log: {backoffice.installation.logs_dir})",
        flush=True,
    )
    rounds = watch.run()
    print(f"stopped after {rounds} round(s)", flush=True)
    return 0


def cmd_outbox_send(args: argparse.Namespace) -> int:
    context = open_context(args)
    outbox = args.resources.enter_context(context.backoffice.outbox())
    result = outbox.send_due()
    print(f"{result.sent} sent, {result.retried} to retry later, {result.failed} failed")
    for error in result.errors:
        print(f"  {error_text(error)}", file=sys.stderr)
    return EXIT_FAILURE if result.failed else 0


def cmd_outbox_list(args: argparse.Namespace) -> int:
    context = open_context(args)
    state = OutboxState(args.state) if args.state else None
    messages = context.backoffice.delivery.messages(context.actor(), state, args.limit)
    rows = [
        [
            str(m.id),
            m.file_number or "-",
            m.kind,
            m.channel,
            m.state,
            str(m.attempts),
            local_time(m.next_attempt_at) if m.state == OutboxState.PENDING else "-",
            m.last_error or "",
        ]
        for m in messages
    ]
    print_table(
        ["id", "case", "kind", "channel", "state", "tries", "next (Berlin)", "last error"], rows
    )
    print(f"{len(rows)} message(s)")
    return 0


def cmd_quarantine_list(args: argparse.Namespace) -> int:
    context = open_context(args)
    held = context.backoffice.delivery.quarantined(context.actor(), args.limit)
    rows = [
        [
            q.submission_id,
            local_time(q.held_at),
            q.stage,
            q.state,
            str(q.attempts),
            q.error,
        ]
        for q in held
    ]
    print_table(["submission", "held (Berlin)", "step", "state", "tries", "error"], rows)
    print(f"{len(rows)} submission(s)")
    return 0


def cmd_quarantine_retry(args: argparse.Namespace) -> int:
    context = open_context(args)
    delivery, actor = context.backoffice.delivery, context.actor()
    if args.all == bool(args.submission_ids):
        print("backoffice: error: name the submissions to retry, or give --all", file=sys.stderr)
        return EXIT_FAILURE
    if args.all:
        released = delivery.retry_all_quarantined(actor)
    else:
        for submission_id in args.submission_ids:
            delivery.retry_quarantined(actor, submission_id)
        released = len(args.submission_ids)
    print(f"{released} submission(s) released: the next sync takes them in again")
    return 0
