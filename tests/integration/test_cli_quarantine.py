"""``backoffice quarantine list|retry``: what the sync held back, and letting it in again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from backoffice.cli import main
from backoffice.services.quarantine import Hold, hold
from backoffice.store.database import Database
from backoffice.store.models import QuarantineEntry, SubmissionRecord

HELD = "3f2b9a1e-5c4d-4e6f-8a7b-9c0d1e2f3a4b"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_held_submissions_are_listed_and_released(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    assert run(capsys, *base, "db", "upgrade")[0] == 0
    db = Database(database_url)
    try:
        with db.write() as session:
            for n, submission_id in enumerate([HELD, HELD.replace("3f", "40", 1)]):
                hold(
                    session,
                    Hold(submission_id, "c" * 36, "d" * 36, None, "sign", f"OSError: \x1b[31m{n}"),
                    datetime(2026, 3, 10, 8, n, tzinfo=UTC),
                )
        code, out, _ = run(capsys, *base, "quarantine", "list")
        assert code == 0 and "2 submission(s)" in out
        assert HELD in out and "2026-03-10 09:00" in out and "sign" in out and "held" in out
        assert "\x1b" not in out  # the recorded error, without control characters

        code, _, err = run(capsys, *base, "quarantine", "retry")
        assert code == 1 and "name the submissions to retry, or give --all" in err
        code, out, _ = run(capsys, *base, "quarantine", "retry", HELD)
        assert code == 0 and "1 submission(s) released" in out
        code, _, err = run(capsys, *base, "quarantine", "retry", HELD)
        assert code == 1 and f"no submission {HELD} is held" in err and "Traceback" not in err
        code, out, _ = run(capsys, *base, "quarantine", "retry", "--all")
        assert code == 0 and "1 submission(s) released" in out
        code, out, _ = run(capsys, *base, "quarantine", "list")
        assert out.count("retry") == 2  # both wait for the next sync
        with db.read() as session:
            assert session.scalars(select(SubmissionRecord)).all() == []
            states = {e.state for e in session.scalars(select(QuarantineEntry))}
        assert states == {"retry"}
    finally:
        db.dispose()
