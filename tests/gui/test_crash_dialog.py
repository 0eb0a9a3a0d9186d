"""Unexpected errors end in the crash dialog, wired as the program wires it (ui/app.py):
one raised in a worker of the task runner and one raised on the GUI thread (a slot) both
show a dialog whose details can be copied, and write a report file to the log folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from backoffice.ui.errors import ErrorDialog, ErrorReporter
from backoffice.ui.tasks import TaskRunner


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[ErrorReporter]:
    made = ErrorReporter(tmp_path / "logs")
    made.install()
    yield made
    made.uninstall()
    for dialog in list(made.dialogs):
        dialog.reject()


def _check(reporter: ErrorReporter, logs: Path, message: str) -> ErrorDialog:
    assert len(reporter.dialogs) == 1
    dialog = reporter.dialogs[0]
    assert dialog.isVisible()
    details = dialog.details.toPlainText()
    assert "Traceback (most recent call last)" in details and message in details
    [report] = logs.glob("crash-*.txt")
    assert message in report.read_text("utf-8")
    assert f"report: {report}" in details  # the copied text says where the file is
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    return dialog


@pytest.mark.expect_log_warning(r"task broken work failed", r"unexpected error")
def test_an_exception_in_a_worker_ends_in_the_dialog(
    qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path
) -> None:
    runner = TaskRunner(max_threads=1)
    runner.unhandled_error.connect(reporter.report)  # as run_gui connects them
    try:

        def work() -> None:
            raise LookupError("im Arbeiter verloren")

        runner.run(work, name="broken work")  # nobody takes its failure
        qtbot.waitUntil(lambda: bool(reporter.dialogs), timeout=10_000)
    finally:
        runner.shutdown()
    dialog = _check(reporter, tmp_path / "logs", "LookupError: im Arbeiter verloren")
    assert "in work" in dialog.details.toPlainText()  # the worker's frame is in it


@pytest.mark.expect_log_warning(r"unexpected error")
def test_an_exception_on_the_gui_thread_ends_in_the_dialog(
    qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path
) -> None:
    assert sys.excepthook == reporter._excepthook

    def slot() -> None:
        raise ZeroDivisionError("im Fenster")

    QTimer.singleShot(0, slot)  # raised inside Qt's event loop, in a slot
    qtbot.waitUntil(lambda: bool(reporter.dialogs), timeout=10_000)
    _check(reporter, tmp_path / "logs", "ZeroDivisionError: im Fenster")


@pytest.mark.expect_log_warning(r"unexpected error", r"could not write the error report")
def test_the_report_goes_to_the_dialog_even_where_the_log_folder_is_unwritable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "logs").write_text("a file in the way", "utf-8")
    reporter = ErrorReporter(tmp_path / "logs")
    try:
        raise RuntimeError("ohne Bericht")
    except RuntimeError as exc:
        reporter.report(exc)
    [dialog] = reporter.dialogs
    assert "RuntimeError: ohne Bericht" in dialog.details.toPlainText()
    assert "report:" not in dialog.details.toPlainText()
    dialog.reject()
