"""Crash safety: the sync process is killed (SIGKILL) at random moments, many times.

The simulator runs as its own process (`backoffice simulator`); each sync runs in
a forked child that is killed at a random point. Afterwards one run goes to the
end. Every submission must then exist exactly once, every accepted one as a
case, every decision must have reached the portal, and none twice.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from backoffice.app import portal_services
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.services.intake import IntakeService
from backoffice.services.subscriber import KeyCrypto
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from backoffice.store.models import Case, OutboxMessage, SubmissionRecord
from tests.unit.portal.helpers import session_keys

SUBMISSIONS = 60
KILLS = 12


@pytest.fixture
def simulator_process(tmp_path: Path) -> Iterator[dict[str, Any]]:
    keys = session_keys()
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(keys.export_public_jwks()), "utf-8")
    info = tmp_path / "info.json"
    log = tmp_path / "simulator.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "backoffice.cli",
                "simulator",
                "--generate",
                str(SUBMISSIONS),
                "--seed",
                "5",
                "--attachments",
                "1",
                "--info",
                str(info),
                "--subscriber-jwks",
                str(jwks),
            ],
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    deadline = time.monotonic() + 60
    while not info.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"simulator did not start: {log.read_text('utf-8')[-2000:]}")
        time.sleep(0.05)
    try:
        yield json.loads(info.read_text("utf-8"))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def _intake(
    url: str, info: dict[str, Any], keys: SubscriberKeys, clock: Any = None
) -> tuple[IntakeService, SubscriberClient, Database]:
    db = Database(url)
    client = SubscriberClient(
        info["base_url"],
        info["token_url"],
        ClientCredentials(info["subscriber"]["client_id"], info["subscriber"]["client_secret"]),
        timeouts=Timeouts(connect=2, read=5, body=20),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
    )
    options = {"clock": clock} if clock else {}
    intake = portal_services(
        db, CatalogueService(db), client, KeyCrypto(keys, client.get_jwks), **options
    ).intake
    return intake, client, db


def _child(url: str, info: dict[str, Any], destination: str) -> None:
    intake, _client, _db = _intake(url, info, session_keys())
    intake.sync(SYSTEM, destination)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    database_url: str, simulator_process: dict[str, Any]
) -> None:
    info = simulator_process
    keys = session_keys()
    db = Database(database_url)
    try:
        upgrade(db)
        CatalogueService(db).install(read_catalogue(), SYSTEM)
    finally:
        db.dispose()
    destination = info["destination_id"]
    context = multiprocessing.get_context("fork")
    rng = random.Random(99)
    killed_while_running = 0
    for _ in range(KILLS):
        child = context.Process(target=_child, args=(database_url, info, destination))
        child.start()
        time.sleep(rng.uniform(0.02, 0.5))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            killed_while_running += 1
        child.join(30)
    assert killed_while_running >= KILLS // 2, "the kills came too late to test anything"

    # The last run, a day later: leases of killed runs and back-offs have expired.
    later = datetime.now(UTC) + timedelta(days=1)
    intake, client, db = _intake(database_url, info, keys, clock=lambda: later)
    try:
        for _ in range(5):
            report = intake.sync(SYSTEM, destination)
            if report.listed == 0 and report.confirmations_waiting == 0:
                break
        with db.read() as session:
            records = session.scalars(select(SubmissionRecord)).all()
            cases = session.scalar(select(func.count()).select_from(Case))
            pending = session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state != "sent")
            )
    finally:
        client.close()
        db.dispose()
    outcomes = requests.get(info["control_url"] + "/submissions", timeout=10).json()
    entries = outcomes["submissions"] if isinstance(outcomes, dict) else outcomes
    assert len(entries) == SUBMISSIONS
    ids = [r.submission_id for r in records]
    assert len(ids) == len(set(ids)) == SUBMISSIONS  # every submission exactly once
    accepted = [r for r in records if r.outcome == "accepted"]
    assert cases == len(accepted)  # every accepted one stored as a case
    assert all(r.case_id is not None for r in accepted)
    assert pending == 0
    for entry in entries:  # every decision reached the portal, and agrees with what we stored
        assert entry["decision"] is not None, entry
        assert entry["matches"] is True, entry
    # The portal answers 409 to a second decision; our log of what we sent holds one per case.
    assert len({r.portal_case_id for r in records}) == SUBMISSIONS
