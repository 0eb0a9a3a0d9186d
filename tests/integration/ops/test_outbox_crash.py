"""Crash safety of the outbox: `backoffice outbox send` killed with SIGKILL while it sends.

The simulator runs as its own process, the mail server (aiosmtpd) on loopback in the test;
the clerk's messages to the citizens of 40 applications wait in the outbox (FIT-Connect
replies, e-mails and letters, by the channel each citizen chose). A real `backoffice outbox
send` process is killed in the middle of its work, several times; then one run goes to the
end. What the design guarantees, and what is checked:

- nothing is lost: every message is marked sent and has arrived;
- a FIT-Connect reply reaches the citizen exactly once (the reply's id is written before
  anything is uploaded, and a later attempt continues that reply); a kill between the
  portal's answer to the announcement and that write may leave one announced, empty reply
  that is never submitted, so at most one such per kill;
- a letter is in the print queue exactly once (linked to its message);
- an e-mail is sent at least once: SMTP cannot recognise a second copy, so a kill after the
  server took the message and before the "sent" mark was committed sends it again. At most
  the one message in flight per kill, and every copy carries the same ``Message-ID``.

Between the kills the test moves the killed run's leases to "now" (what waiting the lease of
two minutes would do) instead of waiting.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import requests
from sqlalchemy import func, select, update

from backoffice.app import Backoffice
from backoffice.domain.roles import Role
from backoffice.services.actor import SYSTEM
from backoffice.services.citizen.message import KIND
from backoffice.services.mail_settings import MailSettings, Security, save_mail_settings
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, OutboxMessage
from tests.integration.ops.conftest import (
    connect,
    make_installation,
    start_simulator_process,
    stop_process,
)
from tests.integration.ops.file_keyring import BACKEND, FILE_ENV, FileKeyring
from tests.integration.smtp_server import smtp_server

REPO = Path(__file__).resolve().parents[3]
SUBMISSIONS = 40
KILLS = 6
MESSAGE_ID = re.compile(r"<citizen-message\.(\d+)\.[0-9a-f]+@")


def _sent(db: Database) -> int:
    with db.read() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == KIND, OutboxMessage.state == "sent")
            )
            or 0
        )


def _end_leases(db: Database) -> None:
    """What waiting out a killed run's lease (two minutes) leads to, without the wait."""
    with db.write() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state == "pending")
            .values(next_attempt_at=datetime.now(UTC))
        )


def _queue_messages(installation: Any) -> dict[int, str]:
    """Pull the applications, and let a clerk write to each citizen; case id → channel."""
    backoffice = Backoffice.open(installation)
    try:
        admin = backoffice.actor("anna")
        backoffice.install_default_catalogue(admin)
        backoffice.users.add(SYSTEM, "petra", "Petra Sommer", Role.CLERK)
        clerk = backoffice.actor("petra")
        with backoffice.portal() as portal:
            (destination,) = portal.settings.destination_ids if portal.settings else ("",)
            report = portal.intake.sync(admin, destination)
        assert report.error is None and report.accepted == SUBMISSIONS, report
        with backoffice.db.read() as session:
            case_ids = list(session.scalars(select(Case.id).order_by(Case.id)))
        for case_id in case_ids:
            backoffice.casework.commands.claim(clerk, case_id)
            backoffice.citizen.send_message(
                clerk, case_id, f"Ihre Unterlagen zu Vorgang {case_id} sind vollständig."
            )
        with backoffice.db.read() as session:
            return {
                row.case_id: row.channel
                for row in session.execute(
                    select(OutboxMessage.case_id, OutboxMessage.channel).where(
                        OutboxMessage.kind == KIND
                    )
                )
                if row.case_id is not None
            }
    finally:
        backoffice.close()


def test_sigkill_while_sending_loses_nothing_and_sends_no_reply_twice(
    tmp_path: Path, database_url: str
) -> None:
    simulator, info = start_simulator_process(tmp_path / "simulator", SUBMISSIONS)
    secrets_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(secrets_file))  # shared with the `backoffice` processes
    try:
        with smtp_server() as smtp:
            installation = make_installation(tmp_path / "data", database_url)
            connect(installation, info)
            save_mail_settings(
                installation.settings_file,
                MailSettings(
                    host="127.0.0.1",
                    port=smtp.port,
                    security=Security.NONE,
                    sender_address="buergerbuero@musterstadt.example",
                    sender_name="Stadt Musterstadt",
                    timeout=10,
                ),
            )
            channels = _queue_messages(installation)
            assert set(Counter(channels.values())) == {"fit-connect-reply", "email", "post"}
            _crash_and_finish(tmp_path, installation, database_url, smtp, info, channels)
    finally:
        stop_process(simulator)


def _crash_and_finish(
    tmp_path: Path,
    installation: Any,
    database_url: str,
    smtp: Any,
    info: dict[str, Any],
    channels: dict[int, str],
) -> None:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        FILE_ENV: str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(REPO),
    }
    argv = [
        sys.executable,
        "-m",
        "backoffice.cli",
        "--data-dir",
        str(installation.data_dir),
        "--database",
        database_url,
        "--as",
        "anna",
        "outbox",
        "send",
    ]
    stderr = tmp_path / "outbox.stderr"
    db = Database(database_url)
    rng = random.Random(7)
    total = len(channels)
    kills = 0
    try:
        for _ in range(KILLS):
            before = _sent(db)
            if before >= total - 2:
                break
            with stderr.open("ab") as log:
                process = subprocess.Popen(argv, env=env, stdout=log, stderr=log)
                # In the middle of the work: once a few more went out, plus a random bit.
                deadline = time.monotonic() + 90
                while _sent(db) < before + rng.randint(1, 3) and process.poll() is None:
                    assert time.monotonic() < deadline, stderr.read_text("utf-8")[-3000:]
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.15))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                process.wait(30)
            _end_leases(db)
        assert kills >= KILLS - 1, "the kills came too late to test anything"
        assert _sent(db) < total, "every message was sent before the last kill"

        finished = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
        assert finished.returncode == 0, finished.stderr
        with db.read() as session:
            messages = session.execute(
                select(OutboxMessage.id, OutboxMessage.case_id, OutboxMessage.channel).where(
                    OutboxMessage.kind == KIND, OutboxMessage.state != "sent"
                )
            ).all()
            letters = Counter(
                session.scalars(select(Document.outbox_message_id).where(Document.kind == "letter"))
            )
            ids = dict(
                session.execute(
                    select(OutboxMessage.id, OutboxMessage.channel).where(
                        OutboxMessage.kind == KIND
                    )
                ).all()
            )
            portal_ids = dict(session.execute(select(Case.id, Case.portal_case_id)).all())
    finally:
        db.dispose()
    assert messages == [], messages  # every message marked sent

    # Letters: one each, in the print queue.
    posted = {i for i, channel in ids.items() if channel == "post"}
    assert letters == Counter({i: 1 for i in posted})

    # E-mails: every one arrived; a second copy only for a message in flight at a kill,
    # and with the same Message-ID.
    mailed = {i for i, channel in ids.items() if channel == "email"}
    copies: Counter[int] = Counter()
    for received in smtp.received:
        found = MESSAGE_ID.match(str(received.message()["Message-ID"]))
        assert found is not None, received.message()["Message-ID"]
        copies[int(found.group(1))] += 1
    assert set(copies) == mailed
    assert sum(n - 1 for n in copies.values()) <= kills, copies

    # Replies: each citizen's portal received exactly one; empty announcements at most one
    # per kill, never submitted.
    replied = [case_id for case_id, channel in channels.items() if channel == "fit-connect-reply"]
    empty = 0
    for case_id in replied:
        view = requests.get(f"{info['portal_url']}cases/{portal_ids[case_id]}", timeout=10).json()
        received = [r for r in view["replies"] if r["received"] is not None]
        assert len(received) == 1, view["replies"]
        assert received[0]["received"]["message"].startswith("Ihre Unterlagen zu Vorgang")
        empty += sum(r["state"] == "announced" for r in view["replies"])
    assert empty <= kills
