"""`backoffice` without a configuration starts the first start, not an error; its outcome
leads to the demo (in a folder of its own), the window, or a quiet end.

The dialogs themselves are tested in tests/gui/setup; here their outcome is given."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from backoffice.cli import gui, main
from backoffice.services.actor import Actor
from backoffice.services.installation import Installation
from backoffice.services.setup import FirstStart
from backoffice.ui import setup as ui_setup
from tests.integration.ops.conftest import make_installation


def _outcome(monkeypatch: pytest.MonkeyPatch, make: object) -> list[FirstStart]:
    seen: list[FirstStart] = []

    def run_first_start(
        first_start: FirstStart, os_login: str, language: str | None = None
    ) -> ui_setup.FirstStartOutcome:
        seen.append(first_start)
        return make(first_start)  # type: ignore[operator]

    monkeypatch.setattr(ui_setup, "run_first_start", run_first_start)
    return seen


def test_try_the_demo_starts_the_demo_beside_the_untouched_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = _outcome(monkeypatch, lambda _: ui_setup.FirstStartOutcome(ui_setup.Next.DEMO))
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--no-window"]) == 0
    assert len(seen) == 1 and seen[0].installation.data_dir == data
    demo = Installation.locate(tmp_path / "data-demo")
    assert (demo.data_dir / "backoffice.sqlite3").exists()
    assert not (data / "backoffice.sqlite3").exists()  # the real one is still to be set up
    assert "--as teamleitung" in capsys.readouterr().err


def test_after_the_setup_the_window_starts_as_the_new_administrator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def set_up(first_start: FirstStart) -> ui_setup.FirstStartOutcome:
        make_installation(first_start.installation.data_dir, first_start.local_database_url)
        return ui_setup.FirstStartOutcome(
            ui_setup.Next.WINDOW, first_start.installation, login="anna"
        )

    _outcome(monkeypatch, set_up)
    started: list[Actor] = []

    def run_window(context: object, actor: Actor, args: argparse.Namespace, **_: object) -> int:
        started.append(actor)
        return 0

    monkeypatch.setattr(gui, "_run_window", run_window)
    assert main(["--data-dir", str(tmp_path / "data"), "--as", "somebody-else"]) == 0
    assert [a.login for a in started] == ["anna"]


def test_cancelling_the_first_start_ends_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _outcome(monkeypatch, lambda _: ui_setup.FirstStartOutcome(ui_setup.Next.QUIT))
    assert main(["--data-dir", str(tmp_path / "data")]) == 0
    assert capsys.readouterr().err == ""
