"""Messages to citizens: how soon they arrive with the program's own schedule, and letters.

    .venv/bin/python -m tests.benchmarks.run --only delivery [--backend both]
    .venv/bin/python -m tests.benchmarks.delivery --backend sqlite [--cases 200] [--json FILE]

(a) **From the status change to the citizen.** The simulator runs as its own process; the
applications it generated are taken in by the real intake; a mail server (aiosmtpd) listens
on loopback in this process. Then a clerk changes the status of ``--cases`` cases (default
200; citizens who chose a FIT-Connect reply or e-mail) with a message, one change at a time at
random moments (on average two a second). The window's real :class:`OutboxSender` sends,
with the default schedule: it looks every 30 s (``outbox_interval_seconds``) and 1.5 s after
a change the window made itself (``Workspace.data_written``). The first half of the changes
are this window's (it is nudged); after a pause of 5 s the second half come from elsewhere
(another desktop, the command line): those wait for the next 30 s look. Measured per
message: from the commit of the status change to its arrival: the mail server's receipt of
the e-mail; for a reply, the moment the outbox marked it sent, which is after the simulator
took it and its portal confirmed it (the simulator's own time stamps have whole seconds only;
they are checked to agree).

(b) **Letters per second into the print queue**: 500 messages by post (the completion text,
no enclosures), sent by one dispatcher run: render the DIN 5008 letter, store it as a document
linked to its message, mark the message sent.

(c) **Peak memory while the 500 letters are rendered**: the kernel's high-water mark of this
process (VmHWM, reset before the run) against its resident set before, and ``tracemalloc``'s
peak of Python allocations in a second run of 100 letters.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from backoffice.app import Backoffice, portal_services
from backoffice.domain.citizen_messages import Channel
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.credentials import SecretStore
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.message import KIND, ROUTES, CitizenMessage, Recipient
from backoffice.services.installation import Installation
from backoffice.services.mail_settings import (
    MailAccess,
    MailSettings,
    Security,
    save_mail_settings,
)
from backoffice.services.outbox import OutboxDispatcher, queue_message
from backoffice.services.outbox.post import PostHandler
from backoffice.services.subscriber import KeyCrypto
from backoffice.services.users import UserService
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, OutboxMessage
from tests.unit.portal.helpers import session_keys

from .common import BACKENDS, Context, Options, load_average, print_table
from .intake import (
    Settings,
    SimulatorProcess,
    install_catalogue,
    make_intake,
    peak_mb,
    reset_peak,
    rss_mb,
)

NAME = "delivery"
DESCRIPTION = (
    "messages to citizens: status change → arrival (reply, e-mail) with the window's default "
    "schedule, p50/p95; letters/s into the print queue; peak memory for 500 letters"
)

ENV = "BENCH_DELIVERY_"
CASES = 200
LETTERS = 500
TRACED_LETTERS = 100
RATE = 2.0  # status changes per second, on average (exponential gaps)
NUDGED_SHARE = 0.5
#: Seconds between the phase of the window's own changes and that of the others'.
PHASE_GAP_S = 5.0
TARGET_P95_S = 60.0
#: Applications generated: about three in four chose a reply or e-mail.
SUBMISSIONS_PER_CASE = 1.5


@dataclass(frozen=True)
class Plan:
    cases: int = CASES
    letters: int = LETTERS
    rate: float = RATE
    seed: int = 1


def plan_from(options: Options | None) -> Plan:
    plan = Plan()
    if options is not None and options.cases <= 2000:  # --cases of the run script
        plan = replace(plan, cases=options.cases, seed=options.seed)
    changes: dict[str, Any] = {}
    for name, convert in (("cases", int), ("letters", int), ("rate", float), ("seed", int)):
        value = os.environ.get(ENV + name.upper())
        if value is not None:
            changes[name] = convert(value)
    plan = replace(plan, **changes)
    return plan


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# -- the mail server ----------------------------------------------------------------------------


class Arrivals:
    """The aiosmtpd handler: when each message arrived, by its Message-ID's outbox id."""

    def __init__(self) -> None:
        self.at: dict[int, float] = {}
        self.copies: Counter[int] = Counter()
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.time()
        headers = BytesHeaderParser().parsebytes(bytes(envelope.original_content or b""))
        message_id = str(headers.get("Message-ID", ""))
        try:
            outbox_id = int(message_id.split(".")[1])
        except (IndexError, ValueError):
            return "250 2.0.0 Ok: queued (not ours)"
        with self._lock:
            self.at.setdefault(outbox_id, now)
            self.copies[outbox_id] += 1
        return "250 2.0.0 Ok: queued"


@contextmanager
def mail_server() -> Iterator[tuple[int, Arrivals]]:
    import logging

    from aiosmtpd.controller import Controller

    from tests.integration.smtp_server import free_port

    logging.getLogger("mail.log").setLevel(logging.ERROR)
    arrivals = Arrivals()
    port = free_port()
    controller = Controller(arrivals, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, arrivals
    finally:
        controller.stop()


# -- (b) and (c): letters -------------------------------------------------------------------------


def _letter_payloads(db: Database, count: int, case_ids: Sequence[int]) -> list[dict[str, Any]]:
    with db.read() as session:
        numbers = dict(
            session.execute(select(Case.id, Case.file_number).where(Case.id.in_(case_ids))).all()
        )
    payloads = []
    for i in range(count):
        case_id = case_ids[i % len(case_ids)]
        file_number = numbers[case_id]
        payloads.append(
            CitizenMessage(
                case_id=case_id,
                file_number=file_number,
                channel=Channel.POST,
                language="de",
                subject=f"Geburtsurkunde: Abgeschlossen ({file_number})",
                body=(
                    "Ihre Geburtsurkunde ist ausgestellt.\n\nSie liegt diesem Schreiben bei. "
                    "Bei Fragen erreichen Sie uns montags bis freitags von 8 bis 12 Uhr."
                ),
                status="completed",
                citizen_status="COMPLETED",
                status_details="Abgeschlossen",
                additional_information=f"Geburtsurkunde, {file_number}",
                recipient=Recipient(
                    name=f"Jörg Müller-Lüdenscheidt {i}",
                    street="Weißdornweg 7a",
                    city="48143 Musterstadt",
                ),
                clerk_name="Petra Sommer",
                created_at=datetime.now(UTC),
            ).to_payload()
        )
    return payloads


def _queue_letters(db: Database, payloads: Sequence[dict[str, Any]], label: str) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        for i, payload in enumerate(payloads):
            queue_message(
                session,
                kind=KIND,
                channel=Channel.POST.value,
                payload=payload,
                idempotency_key=f"bench-letter:{label}:{i}",
                case_id=payload["case_id"],
                now=now,
            )


def letters(db: Database, plan: Plan, case_ids: Sequence[int], log: Callable[[str], None]) -> dict:
    outbox = OutboxDispatcher(db, {ROUTES[Channel.POST]: PostHandler(db)})
    # Warm-up: fonts registered, reportlab imported, statements prepared.
    _queue_letters(db, _letter_payloads(db, 5, case_ids), "warm")
    outbox.send_due()

    _queue_letters(db, _letter_payloads(db, plan.letters, case_ids), "measured")
    before_mb = rss_mb()
    peak_reset = reset_peak()
    started, started_cpu = time.perf_counter(), time.process_time()
    report = outbox.send_due(limit=plan.letters + 10)
    wall = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    peak = peak_mb()
    after_mb = rss_mb()

    _queue_letters(db, _letter_payloads(db, TRACED_LETTERS, case_ids), "traced")
    tracemalloc.start()
    traced = outbox.send_due()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    with db.read() as session:
        stored = session.scalar(
            select(func.count()).select_from(Document).where(Document.kind == "letter")
        )
        sizes = session.scalars(select(func.length(Document.pdf)).where(Document.kind == "letter"))
        mean_kib = statistics.mean(sizes) / 1024
    figures = {
        "letters": plan.letters,
        "sent": report.sent,
        "failed": report.failed,
        "stored_letters": stored,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "letters_per_s": round(report.sent / wall, 1),
        "letters_per_cpu_s": round(report.sent / cpu, 1),
        "rss_before_mib": before_mb,
        "rss_after_mib": after_mb,
        "peak_rss_mib": peak if peak_reset else None,
        "peak_above_before_mib": round(peak - before_mb, 1)
        if peak_reset and peak is not None and before_mb is not None
        else None,
        "tracemalloc_peak_mib": round(traced_peak / 2**20, 1),
        "tracemalloc_letters": traced.sent,
        "mean_letter_kib": round(mean_kib, 1),
    }
    print_table(
        ["letters", "wall s", "letters/s", "letters/CPU-s", "RSS before", "peak RSS", "traced"],
        [
            [
                report.sent,
                figures["wall_s"],
                figures["letters_per_s"],
                figures["letters_per_cpu_s"],
                before_mb,
                figures["peak_rss_mib"],
                figures["tracemalloc_peak_mib"],
            ]
        ],
        title=f"(b), (c) {plan.letters} letters into the print queue (MiB; traced: "
        f"tracemalloc peak of {TRACED_LETTERS} more)",
        log=log,
    )
    return figures


# -- (a): from the status change to the citizen -------------------------------------------------


@dataclass
class Change:
    case_id: int
    version: int
    channel: str  # "fitConnect" or "eMail"
    at: float  # seconds after the start when the clerk changes the status
    nudged: bool
    committed: float | None = None  # time.time() after the commit
    outbox_id: int | None = None
    error: str | None = None


def _client(info: dict[str, Any]) -> SubscriberClient:
    return SubscriberClient(
        info["base_url"],
        info["token_url"],
        ClientCredentials(info["subscriber"]["client_id"], info["subscriber"]["client_secret"]),
        timeouts=Timeouts(connect=10, read=60, body=120),
        retry=RetryPolicy(attempts=2, backoff=0.05, backoff_max=0.2),
    )


def latency(
    backoffice: Backoffice,
    info: dict[str, Any],
    keys: SubscriberKeys,
    changes: list[Change],
    clerk: Actor,
    log: Callable[[str], None],
) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from backoffice.ui.delivery.outbox import OutboxSender
    from backoffice.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([sys.argv[0]])
    db, installation = backoffice.db, backoffice.installation
    with mail_server() as (port, arrivals):
        save_mail_settings(
            installation.settings_file,
            MailSettings(
                host="127.0.0.1",
                port=port,
                security=Security.NONE,
                sender_address="buergerbuero@musterstadt.example",
                sender_name="Stadt Musterstadt",
            ),
        )
        mail = MailAccess(installation.settings_file, SecretStore(installation.data_dir))
        catalogue = CatalogueService(db)
        runs: list[tuple[float, float, int]] = []

        @contextmanager
        def open_outbox() -> Iterator[OutboxDispatcher]:
            """What Backoffice.outbox() gives the window: a new portal session per run."""
            client = _client(info)
            started = time.time()
            try:
                yield portal_services(
                    db, catalogue, client, KeyCrypto(keys, client.get_jwks), mail=mail
                ).outbox
            finally:
                client.close()
                runs.append((started, time.time(), 0))

        services = replace(backoffice.desktop_services(), open_outbox=open_outbox)
        assert services.outbox_interval_seconds == 30  # the default schedule
        runner = TaskRunner(max_threads=4)
        sender = OutboxSender(services, runner)
        start = time.time() + 1.0
        commands = backoffice.casework.commands

        def change(item: Change) -> None:
            def write() -> float:
                commands.change_status(
                    clerk,
                    item.case_id,
                    item.version,
                    Status.IN_PROGRESS,
                    message="Wir bearbeiten Ihren Antrag jetzt. Sie hören bald von uns.",
                )
                return time.time()

            def done(at: float) -> None:
                item.committed = at
                if item.nudged:
                    sender.send_soon()  # what Workspace.data_written does

            def failed(error: Exception) -> None:
                item.error = f"{type(error).__name__}: {error}"

            runner.run(write, done=done, failed=failed, write=True, name="status change")

        for item in changes:
            QTimer.singleShot(
                max(0, int((start + item.at - time.time()) * 1000)), lambda i=item: change(i)
            )
        sender.start()
        log(
            f"  {len(changes)} status changes over {changes[-1].at:.0f} s "
            f"({sum(c.nudged for c in changes)} nudged), the window's sender running"
        )
        deadline = start + changes[-1].at + 180
        loop = QEventLoop()

        def finished() -> bool:
            if any(c.committed is None and c.error is None for c in changes):
                return False
            with db.read() as session:
                waiting = session.scalar(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(OutboxMessage.kind == KIND, OutboxMessage.state == "pending")
                )
            return not waiting

        def check() -> None:
            if time.time() > deadline or finished():
                loop.quit()

        ticker = QTimer()
        ticker.timeout.connect(check)
        ticker.start(500)
        loop.exec()
        ticker.stop()
        sender.shut_down()
        runner.shutdown()
        app.processEvents()
        copies = dict(arrivals.copies)
        mail_at = dict(arrivals.at)

    case_ids = [c.case_id for c in changes]
    with db.read() as session:
        rows = session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.case_id,
                OutboxMessage.channel,
                OutboxMessage.state,
                OutboxMessage.sent_at,
                OutboxMessage.last_error,
            )
            .where(
                OutboxMessage.kind == KIND,
                OutboxMessage.case_id.in_(case_ids),
                # not the letters of (b), queued for the same cases
                OutboxMessage.channel.in_([Channel.FIT_CONNECT.value, Channel.EMAIL.value]),
            )
            .order_by(OutboxMessage.id)
        ).all()
        portal_ids = dict(
            session.execute(select(Case.id, Case.portal_case_id).where(Case.id.in_(case_ids))).all()
        )
    by_case = {row.case_id: row for row in rows}
    if len(by_case) != len(rows):
        problems_first = [f"{len(rows) - len(by_case)} case(s) with more than one message"]
    else:
        problems_first = []
    samples: dict[tuple[str, bool], list[float]] = {}
    problems: list[str] = problems_first + [
        f"case {c.case_id}: {c.error}" for c in changes if c.error
    ]
    import requests

    http = requests.Session()
    checked_portal = 0
    for item in changes:
        row = by_case.get(item.case_id)
        if item.committed is None or row is None:
            continue
        if row.state != "sent":
            problems.append(f"message {row.id}: {row.state} ({row.last_error})")
            continue
        if row.channel == Channel.EMAIL.value:
            arrived = mail_at.get(row.id)
            if arrived is None:
                problems.append(f"message {row.id}: marked sent, not at the mail server")
                continue
        else:
            sent_at = row.sent_at if row.sent_at.tzinfo else row.sent_at.replace(tzinfo=UTC)
            arrived = sent_at.timestamp()
            if checked_portal < 20:  # the simulator agrees (whole seconds)
                view = http.get(
                    f"{info['portal_url']}cases/{portal_ids[item.case_id]}", timeout=30
                ).json()
                stamps = [r["submittedAt"] for r in view["replies"] if r["received"]]
                if len(stamps) != 1:
                    problems.append(f"case {item.case_id}: {len(stamps)} replies at the portal")
                elif datetime.fromisoformat(stamps[0]).timestamp() > arrived + 1:
                    problems.append(f"case {item.case_id}: the portal's time is after ours")
                checked_portal += 1
        kind = "reply" if row.channel == Channel.FIT_CONNECT.value else "e-mail"
        samples.setdefault((kind, item.nudged), []).append(arrived - item.committed)
    http.close()

    table = []
    figures: dict[str, Any] = {"groups": {}, "problems": problems[:20]}
    groups = [(k, n) for k in ("reply", "e-mail") for n in (True, False)]
    everything = [s for values in samples.values() for s in values]
    for label, values in [
        *(
            (
                f"{kind}, {'this window (nudged)' if nudged else 'elsewhere (30 s look)'}",
                samples.get((kind, nudged), []),
            )
            for kind, nudged in groups
        ),
        ("all", everything),
    ]:
        if not values:
            continue
        row_figures = {
            "n": len(values),
            "p50_s": round(percentile(values, 0.5), 2),
            "p95_s": round(percentile(values, 0.95), 2),
            "max_s": round(max(values), 2),
        }
        figures["groups"][label] = row_figures
        table.append([label, *row_figures.values()])
    print_table(
        ["messages", "n", "p50 s", "p95 s", "max s"],
        table,
        title="(a) status change → arrival, the window's default schedule",
        log=log,
    )
    duplicates = sum(n - 1 for n in copies.values())
    figures.update(
        {
            "measured": len(everything),
            "changes": len(changes),
            "sender_runs": len(runs),
            "mean_run_s": round(statistics.mean(b - a for a, b, _ in runs), 2) if runs else None,
            "e_mail_duplicates": duplicates,
            "p95_all_s": figures["groups"].get("all", {}).get("p95_s"),
        }
    )
    p95 = figures["p95_all_s"]
    verdict = "met" if p95 is not None and p95 < TARGET_P95_S else "MISSED"
    log(
        f"  p95 over all {len(everything)} messages: {p95} s (target < {TARGET_P95_S:g} s) — "
        f"{verdict}; {len(runs)} sender runs; {len(problems)} problem(s)"
    )
    for problem in problems[:10]:
        log(f"  !! {problem}")
    return figures


def _plan_changes(db: Database, plan: Plan, clerk: Actor, backoffice_commands: Any) -> list[Change]:
    rng = random.Random(plan.seed)
    with db.read() as session:
        candidates = session.execute(
            select(Case.id, Case.reply_channel)
            .where(Case.reply_channel.in_(["fitConnect", "eMail"]))
            .order_by(Case.id)
        ).all()
    if len(candidates) < plan.cases:
        raise RuntimeError(f"only {len(candidates)} cases with a reply or e-mail channel")
    chosen = list(candidates[: plan.cases])
    rng.shuffle(chosen)
    nudged = round(len(chosen) * NUDGED_SHARE)
    changes = []
    at = 0.0
    for index, (case_id, channel) in enumerate(chosen):
        version = backoffice_commands.claim(clerk, case_id).version
        at += rng.expovariate(plan.rate)
        if index == nudged:
            at += PHASE_GAP_S  # the window's own changes are all out before the others begin
        changes.append(Change(case_id, version, channel, at, index < nudged))
    return changes


def run(ctx: Context) -> dict[str, Any]:
    plan = plan_from(ctx.options)
    log = ctx.log
    db = ctx.backend.new_database("delivery")
    install_catalogue(db)
    users = UserService(db)
    clerk = users.add(SYSTEM, "petra", "Petra Sommer", Role.CLERK).as_actor()
    keys = session_keys()
    figures: dict[str, Any] = {"plan": plan.__dict__, "load_average_start": load_average()}
    log(
        f"\n== delivery on {ctx.backend.name}: {plan.cases} status changes, {plan.letters} "
        f"letters; load average {load_average()}"
    )
    with tempfile.TemporaryDirectory(prefix="backoffice-delivery-") as name:
        folder = Path(name)
        submissions = int(plan.cases * SUBMISSIONS_PER_CASE) + 20
        simulator = SimulatorProcess(
            folder,
            keys,
            Settings(submissions=submissions, attachments=0, attachment_size=0, zip_share=0.0),
            None,
        )
        try:
            info = simulator.wait_ready(900)
            intake, client = make_intake(db, info, keys)
            try:
                started = time.perf_counter()
                report = intake.sync(SYSTEM, info["destination_id"])
                log(
                    f"  intake: {report.accepted} accepted, {report.rejected} rejected in "
                    f"{time.perf_counter() - started:.1f} s"
                )
            finally:
                client.close()
            with db.read() as session:
                case_ids = list(session.scalars(select(Case.id).order_by(Case.id)))
            figures["letters"] = letters(db, plan, case_ids, log)
            installation = Installation(folder / "data", str(db.url))
            installation.prepare()
            backoffice = Backoffice.on(installation, db)
            changes = _plan_changes(db, plan, clerk, backoffice.casework.commands)
            figures["latency"] = latency(backoffice, info, keys, changes, clerk, log)
        finally:
            simulator.stop()
    figures["load_average_end"] = load_average()
    return figures


def summarise(by_backend: dict[str, dict[str, Any]], log: Callable[[str], None]) -> None:
    rows = []
    for backend, figures in by_backend.items():
        groups = figures.get("latency", {}).get("groups", {})
        letters_figures = figures.get("letters", {})
        rows.append(
            [
                backend,
                groups.get("all", {}).get("p50_s"),
                groups.get("all", {}).get("p95_s"),
                letters_figures.get("letters_per_s"),
                letters_figures.get("peak_rss_mib"),
            ]
        )
    print_table(
        ["backend", "p50 s", "p95 s", "letters/s", "peak RSS MiB"],
        rows,
        title="delivery: side by side",
        log=log,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.delivery")
    parser.add_argument("--backend", choices=sorted(BACKENDS), default="sqlite")
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    backend = BACKENDS[args.backend]()
    try:
        figures = run(Context(backend, Options(cases=args.cases)))
    finally:
        backend.close()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
