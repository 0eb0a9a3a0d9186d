"""The smoke test of a built program: it reports the inbox's first painted rows, or a timeout."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from backoffice.ui.main_window import MainWindow
from backoffice.ui.smoke import SmokeTest
from tests.gui.conftest import World


def test_reports_the_rows_the_inbox_paints_first(
    qtbot: QtBot,
    world: World,
    make_window: Callable[..., MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for _ in range(3):
        world.add_case("birth_certificate")
    window = make_window(world.lead)
    smoke = SmokeTest(window)
    with qtbot.waitSignal(smoke.finished, timeout=10_000) as finished:
        window.inbox.table.viewport().update()
    assert finished.args == [0] and smoke.rows == 3
    assert capsys.readouterr().out == "smoke test: the inbox shows 3 rows\n"
    # Once only: later paints say nothing more.
    with qtbot.assertNotEmitted(window.inbox.table.first_rows_painted, wait=100):
        window.inbox.table.viewport().repaint()


def test_an_empty_inbox_fails_after_the_time_limit(
    qtbot: QtBot,
    world: World,
    make_window: Callable[..., MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = make_window(world.lead)
    smoke = SmokeTest(window, timeout_seconds=0.2)
    with qtbot.waitSignal(smoke.finished, timeout=5_000) as finished:
        pass
    assert finished.args == [1] and smoke.rows is None
    assert capsys.readouterr().err == ("smoke test FAILED: the inbox showed no rows within 0.2 s\n")
