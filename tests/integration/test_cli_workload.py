"""The team lead's commands: report (text, JSON, CSV, PDF, --describe), bulk assign,
absences and the four-eyes commands, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

import pytest

from backoffice.cli import build_parser, main
from backoffice.domain.deadlines import today_local


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, database_url: str) -> list[str]:
    from backoffice.cli.context import open_context
    from backoffice.services.demo import add_cases, add_demo_users
    from backoffice.simulator.citizens import fill_form

    argv = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    args = build_parser().parse_args([*argv, "--as", "admin", "db", "status"])
    with ExitStack() as args.resources:
        context = open_context(args)
        add_demo_users(context.backoffice.users, context.actor())
        add_cases(context.backoffice.db, context.backoffice.catalogue.current(), 12, fill_form)
    return argv


def test_report_describe_json_csv_pdf(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, *base, "report", "--describe")
    assert code == 0 and out.startswith("# Team figures") and "suppressed" in out
    code, _, err = run(capsys, *base, "--as", "sachbearbeitung1", "report")
    assert code == 1 and "may not view workload" in err
    # Nobody worked on any case yet: every service with cases is suppressed.
    csv_file, pdf_file = tmp_path / "f.csv", tmp_path / "f.pdf"
    code, out, _ = run(
        capsys,
        *base,
        "--as",
        "teamleitung",
        "report",
        "--json",
        "--csv",
        str(csv_file),
        "--pdf",
        str(pdf_file),
    )
    assert code == 0
    board = json.loads(out)
    assert board["services"] and all(s["suppressed"] for s in board["services"])
    assert board["services"][0]["open_total"] == {
        "value": None,
        "filter": board["services"][0]["open_total"]["filter"],
        "suppressed": True,
    }
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    assert rows[0] == ["service", "figure", "detail", "value"]
    assert {r[3] for r in rows[1:] if r[0] != "total"} == {"suppressed"}
    assert pdf_file.read_bytes().startswith(b"%PDF")
    code, out, _ = run(capsys, *base, "--as", "teamleitung", "report")
    assert code == 0 and "minimum group 5" in out and "suppressed" in out


def test_bulk_assign_absence_and_give_back(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    lead = [*base, "--as", "teamleitung"]
    code, _, err = run(capsys, *lead, "cases", "assign", "1", "2", "--to", "sachbearbeitung1")
    assert code == 1 and "--reason" in err
    code, out, _ = run(
        capsys,
        *lead,
        "cases",
        "assign",
        "1",
        "2",
        "999",
        "--to",
        "sachbearbeitung1",
        "--reason",
        "Vertretung",
    )
    assert code == 1  # one refused
    assert "2 done, 1 refused" in out and "case 999: refused (not_found)" in out
    # The single form still works.
    code, out, _ = run(capsys, *lead, "cases", "assign", "3", "sachbearbeitung2")
    assert code == 0 and "assigned to" in out
    today = today_local()
    code, out, _ = run(
        capsys,
        *lead,
        "users",
        "absent",
        "sachbearbeitung1",
        "--from",
        today.isoformat(),
        "--to",
        (today + timedelta(days=3)).isoformat(),
        "--deputy",
        "sachbearbeitung2",
    )
    assert code == 0 and "2 done, 0 refused" in out and "to sachbearbeitung2" in out
    code, out, _ = run(capsys, *lead, "users", "absences")
    assert "sachbearbeitung1" in out and "2 / 0" in out
    code, _, err = run(capsys, *lead, "users", "give-back", "1")
    assert code == 1 and "lasts until" in err
    code, _, err = run(
        capsys,
        *base,
        "--as",
        "sachbearbeitung2",
        "users",
        "absent",
        "sachbearbeitung1",
        "--from",
        date(2030, 1, 1).isoformat(),
        "--to",
        date(2030, 1, 2).isoformat(),
    )
    assert code == 1 and "may not assign cases" in err


def test_four_eyes_commands_refuse_without_a_request(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    lead = [*base, "--as", "teamleitung"]
    code, _, err = run(capsys, *lead, "cases", "approve", "1")
    assert code == 1 and "waits for no approval" in err
    run(capsys, *base, "--as", "sachbearbeitung1", "cases", "claim", "1")
    code, _, err = run(
        capsys, *base, "--as", "sachbearbeitung1", "cases", "request", "1", "in_progress"
    )
    assert code == 1 and "needs no approval" in err
