"""``backoffice sync --watch`` as a real process against the simulator as a real process.

Submissions keep arriving while the watcher runs; it is stopped with SIGTERM at several
moments (while it starts, in the middle of a round, while it sleeps). Every stop must
end in exit code 0 within a few seconds, and in the end every submission has exactly one
decision at the portal, at most one case here, and the outbox holds no lease beyond its
time.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
import requests
from sqlalchemy import func, select

from backoffice.app import Backoffice
from backoffice.portal.http import RetryPolicy
from backoffice.services.actor import SYSTEM
from backoffice.services.outbox.dispatcher import LEASE
from backoffice.services.watch import Round, StopRequest, SyncWatch
from backoffice.simulator.faults import FaultKind, FaultRule
from backoffice.store.database import Database
from backoffice.store.models import Case, OutboxMessage, SubmissionRecord
from tests.integration.ops.conftest import (
    Site,
    connect,
    make_installation,
    start_simulator_process,
    stop_process,
)
from tests.integration.ops.file_keyring import BACKEND, FILE_ENV, FileKeyring

REPO = Path(__file__).resolve().parents[3]
AT_START = 8
STOP_WITHIN = 10.0  # seconds from SIGTERM to exit: "a few"; a round finishes its submission


class Watcher:
    """One `backoffice sync --watch` process; its stdout lines arrive in a queue."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self._stderr = log.open("ab")
        self.process = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=self._stderr, text=True
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line.startswith(prefix):
                return line
        self.process.kill()
        pytest.fail(f"no line starting with {prefix!r} in {timeout} s")

    def terminate(self) -> tuple[int, float]:
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(STOP_WITHIN * 3)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(5)
        self._reader.join(5)
        assert self.process.stdout is not None
        self.process.stdout.close()
        self._stderr.close()
        return code, time.monotonic() - started


@pytest.fixture
def simulator_process(tmp_path: Path) -> Iterator[dict[str, Any]]:
    process, info = start_simulator_process(tmp_path / "simulator", AT_START)
    yield info
    stop_process(process)


def more_submissions(info: dict[str, Any], count: int) -> None:
    answer = requests.post(info["control_url"] + "/submissions", json={"count": count}, timeout=30)
    answer.raise_for_status()


def portal_outcomes(info: dict[str, Any]) -> list[dict[str, Any]]:
    answer = requests.get(info["control_url"] + "/submissions", timeout=30).json()
    return answer["submissions"] if isinstance(answer, dict) else answer


def _decided(info: dict[str, Any]) -> int:
    return sum(entry["decision"] is not None for entry in portal_outcomes(info))


def test_sigterm_at_any_moment_stops_cleanly_and_loses_nothing(
    tmp_path: Path, database_url: str, simulator_process: dict[str, Any]
) -> None:
    info = simulator_process
    secrets_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(secrets_file))  # shared with the watcher processes
    installation = make_installation(tmp_path / "data", database_url)
    connect(installation, info)
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        FILE_ENV: str(secrets_file),
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
        "sync",
        "--watch",
        "--interval",
        "0.5",
    ]
    stderr = tmp_path / "watch.stderr"
    rng = random.Random(12)
    stops: list[tuple[str, int, float]] = []

    def run(moment: str) -> None:
        watcher = Watcher(argv, env, stderr)
        watcher.wait_for("watching")
        if moment == "mid-round":
            decided = _decided(info)
            more_submissions(info, 6)
            # Inside the work: once the first of the six has its decision (on a loaded
            # machine a fixed sleep could end before the round began), plus a random bit.
            deadline = time.monotonic() + 60
            while _decided(info) == decided and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.05))
        elif moment == "sleeping":
            watcher.wait_for("round 1:")
        code, took = watcher.terminate()
        stops.append((moment, code, took))

    for moment in ("starting", "mid-round", "mid-round", "sleeping", "mid-round", "starting"):
        run(moment)
    assert all(code == 0 for _, code, _ in stops), (stops, stderr.read_text("utf-8")[-3000:])
    assert all(took < STOP_WITHIN for _, _, took in stops), stops

    # The last watcher runs until the portal has a decision for every submission.
    expected = len(portal_outcomes(info))
    assert expected == AT_START + 18
    watcher = Watcher(argv, env, stderr)
    watcher.wait_for("watching")
    deadline = time.monotonic() + 120
    while any(entry["decision"] is None for entry in portal_outcomes(info)):
        assert time.monotonic() < deadline, "the watcher did not decide every submission"
        watcher.wait_for("round ")  # poll once per round
    code, took = watcher.terminate()
    assert (code, took < STOP_WITHIN) == (0, True)

    outcomes = portal_outcomes(info)
    assert all(entry["decision"] is not None and entry["matches"] for entry in outcomes)
    db = Database(database_url)
    try:
        with db.read() as session:
            records = session.scalars(select(SubmissionRecord)).all()
            cases_per_submission = session.execute(
                select(Case.submission_id, func.count()).group_by(Case.submission_id)
            ).all()
            open_leases = session.scalars(
                select(OutboxMessage.next_attempt_at).where(OutboxMessage.state == "pending")
            ).all()
    finally:
        db.dispose()
    ids = [r.submission_id for r in records]
    assert sorted(ids) == sorted(e["submissionId"] for e in outcomes)  # each exactly once
    assert all(count == 1 for _, count in cases_per_submission)
    accepted = {r.submission_id for r in records if r.outcome == "accepted"}
    assert {s for s, _ in cases_per_submission} == accepted
    now = datetime.now(UTC)
    assert all(_utc(at) <= now + LEASE for at in open_leases)
    log_text = (installation.logs_dir / "backoffice.log").read_text("utf-8")
    assert "(stopped)" in log_text  # at least one SIGTERM came in the middle of a round
    assert log_text.count("sync --watch started") == len(stops) + 1
    assert log_text.count("sync --watch stopped") == len(stops) + 1


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class RecordedStop(StopRequest):
    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        super().sleep(seconds)


@pytest.mark.expect_log_warning(r"^round \d+(:| failed)")
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_portal_that_is_down_is_logged_backed_off_and_survived(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    backoffice = Backoffice.open(site.installation)
    backoffice.install_default_catalogue(SYSTEM)
    stop = RecordedStop()
    site.simulator.faults.set([FaultRule(FaultKind.ERROR, status=503)])
    site.simulator.generate(3)
    rounds: list[Round] = []

    def on_round(done: Round) -> None:
        rounds.append(done)
        if len(rounds) == 3:
            site.simulator.faults.clear()  # the portal is back
        if (done.ok and done.accepted) or len(rounds) > 10:
            stop.cancel()

    watch = SyncWatch(
        lambda: backoffice.portal(retry=RetryPolicy(attempts=1), sleep=stop.sleep),
        backoffice.actor("anna"),
        interval=0.01,
        stop=stop,
        on_round=on_round,
    )
    try:
        with caplog.at_level("INFO", logger="backoffice.services.watch"):
            assert watch.run() == 4
    finally:
        backoffice.close()
    assert [r.ok for r in rounds] == [False, False, False, True]
    assert "503" in rounds[0].errors[0]
    assert rounds[-1].accepted == 3
    assert stop.waits == [0.02, 0.04, 0.08, 0.01]  # doubled while down, back when up
    assert [watch.wait_after(n) for n in (0, 1, 4, 9)] == [0.01, 0.02, 0.1, 0.1]  # at most 10
    lines = [r.getMessage() for r in caplog.records if r.name == "backoffice.services.watch"]
    assert lines[0] == "sync --watch started: 1 destination(s), every 0.01 s"
    assert "round 1 failed; next try in 0.02 s" in lines
    assert lines[-1] == "sync --watch stopped after 4 round(s)"
