"""The acting user rule traps nobody: an unknown login is told the users and --as."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.cli import main


def test_an_unknown_login_is_told_which_users_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    assert main([*base, "users", "add", "anna", "--name", "Anna", "--role", "administrator"]) == 0
    assert (
        main([*base, "--as", "anna", "users", "add", "karl", "--name", "K", "--role", "clerk"]) == 0
    )
    capsys.readouterr()
    assert main([*base, "--as", "nobody", "cases", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "'nobody' is not an active user" in err
    assert "its users are: anna, karl" in err and "--as LOGIN" in err
    assert "backoffice users add nobody" in err


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_demo_starts_again_in_the_same_folder(tmp_path: Path, database_url: str) -> None:
    exe = Path(sys.executable).with_name("backoffice")
    env = {**os.environ, "BACKOFFICE_DATA_DIR": str(tmp_path / "demo"), "USER": "somebody"}
    for _ in range(2):  # the second start must not trip over the unknown OS login
        done = subprocess.run(
            [str(exe), "--as", "somebody", "--demo", "--no-team-history", "--no-window"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
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
    assert listed.returncode == 0 and "72 of 72 case(s)" in listed.stdout
