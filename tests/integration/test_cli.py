"""The `backoffice` command line: real SQLite files and PostgreSQL, clear errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from backoffice.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, database_url: str) -> list[str]:
    return ["--data-dir", str(tmp_path / "data"), "--database", database_url]


def test_upgrade_users_and_case_commands(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    code, out, _ = run(capsys, *base, "db", "upgrade")
    assert code == 0 and "upgraded from empty" in out
    code, out, _ = run(capsys, *base, "db", "upgrade")
    assert code == 0 and "already at schema revision" in out
    # First user: bootstrap; afterwards only administrators add users.
    assert (
        run(
            capsys, *base, "users", "add", "anna", "--name", "Anna Admin", "--role", "administrator"
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            *base,
            "--as",
            "anna",
            "users",
            "add",
            "karl",
            "--name",
            "Karl Klerk",
            "--role",
            "clerk",
        )[0]
        == 0
    )
    code, _, err = run(
        capsys, *base, "--as", "karl", "users", "add", "x", "--name", "X", "--role", "clerk"
    )
    assert code == 1 and "may not manage users" in err and "Traceback" not in err
    code, out, _ = run(capsys, *base, "--as", "anna", "users", "list")
    assert "Anna Admin" in out and "Karl Klerk" in out
    code, _, err = run(
        capsys, *base, "--as", "anna", "users", "add", "karl", "--name", "K", "--role", "clerk"
    )
    assert code == 1 and "exists already" in err

    code, out, _ = run(capsys, *base, "--as", "anna", "catalogue", "list")
    assert code == 0 and "birth_certificate" in out and "urn:de:fim:leika:leistung:" in out

    code, out, _ = run(capsys, *base, "--as", "anna", "cases", "list")
    assert code == 0 and "0 of 0 case(s)" in out
    code, _, err = run(capsys, *base, "--as", "anna", "cases", "show", "4711")
    assert code == 1 and err.strip() == "backoffice: error: no case with id 4711"


def test_cases_list_filters(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    from backoffice.cli.context import open_context
    from backoffice.services.demo import add_cases, add_demo_users
    from backoffice.simulator.citizens import fill_form

    args = build_parser().parse_args([*base, "--as", "admin", "db", "status"])
    with ExitStack() as args.resources:
        context = open_context(args)
        backoffice = context.backoffice
        add_demo_users(backoffice.users, context.actor())
        add_cases(backoffice.db, backoffice.catalogue.current(), 30, fill_form, seed=3)
    code, out, _ = run(capsys, *base, "--as", "admin", "cases", "list", "--limit", "500")
    assert code == 0 and "30 of 30 case(s)" in out
    code, out, _ = run(capsys, *base, "--as", "sachbearbeitung1", "cases", "claim", "1")
    assert code == 0 and "is now yours" in out
    code, out, _ = run(capsys, *base, "--as", "sachbearbeitung1", "cases", "list", "--mine")
    assert "1 of 1 case(s)" in out and "Petra Sommer" in out
    code, out, _ = run(
        capsys, *base, "--as", "admin", "cases", "list", "--unassigned", "--limit", "500"
    )
    assert "29 of 29 case(s)" in out
    code, _, err = run(capsys, *base, "--as", "sachbearbeitung2", "cases", "claim", "1")
    assert code == 1 and "claimed by Petra Sommer" in err
    code, out, _ = run(
        capsys,
        *base,
        "--as",
        "sachbearbeitung1",
        "cases",
        "status",
        "1",
        "in_progress",
        "--expect-version",
        "2",
    )
    assert code == 0 and "in_progress (version 3)" in out
    code, _, err = run(
        capsys,
        *base,
        "--as",
        "sachbearbeitung1",
        "cases",
        "status",
        "1",
        "withdrawn",
        "--expect-version",
        "2",
    )
    assert code == 1 and "changed by Petra Sommer meanwhile" in err
    code, out, _ = run(capsys, *base, "--as", "admin", "cases", "verify", "1")
    assert code == 0 and "intact" in out
    code, out, _ = run(capsys, *base, "--as", "admin", "cases", "list", "--status", "in_progress")
    assert "1 of 1 case(s)" in out


def test_cases_verify_and_json_of_an_empty_installation(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    import json

    code, _, err = run(capsys, *base, "cases", "verify", "99")
    assert code == 1 and err.strip() == "backoffice: error: no case with id 99"
    code, out, _ = run(capsys, *base, "cases", "list", "--json")
    assert code == 0 and json.loads(out) == {"total": 0, "cases": []}
    code, _, err = run(capsys, *base, "cases", "show", "99", "--json")
    assert code == 1 and err.strip() == "backoffice: error: no case with id 99"
    for command in ("list", "show"):
        with pytest.raises(SystemExit):
            main(["cases", command, "--help"])
        text = capsys.readouterr().out
        assert "--json" in text and "portal_case_id" in text and "Europe/Berlin" in text


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    paths: list[list[str]] = [[]]
    assert parser._subparsers is not None
    for action in parser._subparsers._group_actions:
        assert isinstance(action.choices, dict)
        for name, sub in action.choices.items():
            paths.append([name])
            for inner in sub._subparsers._group_actions if sub._subparsers else []:
                assert isinstance(inner.choices, dict)
                paths.extend([name, n] for n in inner.choices)
    assert ["cases", "list"] in paths and ["users", "add"] in paths and ["db", "upgrade"] in paths
    for path in paths:
        with pytest.raises(SystemExit) as exit_:
            main([*path, "--help"])
        assert exit_.value.code == 0
        assert "usage: backoffice" in capsys.readouterr().out


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_bad_input_gets_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    data = ["--data-dir", str(tmp_path / "d")]
    cases = [
        (["--database", "mysql://u@h/db", "cases", "list"], "unsupported database 'mysql'"),
        (["--database", "not a url", "cases", "list"], "not a database URL"),
        (
            ["--database", "postgresql://nobody@127.0.0.1:1/none", "cases", "list"],
            "the database cannot be used",
        ),
    ]
    for argv, expected in cases:
        code, _, err = run(capsys, *data, *argv)
        assert code == 1, argv
        assert expected in err and "Traceback" not in err and err.count("\n") == 1, err

    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker), "cases", "list")
    assert code == 1 and "exists but is not a folder" in err

    # A template folder with a syntax error: named file and line, nothing stored.
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(Path(__file__).parents[2] / "resources/services/birth_certificate.json", folder)
    (folder / "broken.json").write_text('{"key": "broken",\n  "version": 1,,\n}', "utf-8")
    code, out, _ = run(capsys, *data, "db", "upgrade")
    code, _, err = run(capsys, *data, "catalogue", "install", str(folder))
    assert code == 1
    assert "broken.json" in err and "line 2" in err
    code, out, _ = run(capsys, *data, "catalogue", "list")
    assert out.count(" 1 ") >= 1 and "v2" not in out


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_read_only_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    if os.geteuid() == 0:
        target = "/proc/backoffice-test"  # not writable, even for root
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        target = str(folder)
    code, _, err = run(capsys, "--data-dir", target, "cases", "list")
    assert code == 1 and ("data folder" in err) and "Traceback" not in err


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_entry_point_and_demo_setup(tmp_path: Path, database_url: str) -> None:
    exe = Path(sys.executable).with_name("backoffice")
    env = {**os.environ, "BACKOFFICE_DATA_DIR": str(tmp_path / "demo")}
    done = subprocess.run(
        [str(exe), "--demo", "--no-team-history", "--no-window"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [str(exe), "--as", "teamleitung", "cases", "list", "--limit", "500"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert listed.returncode == 0 and "36 of 36 case(s)" in listed.stdout
