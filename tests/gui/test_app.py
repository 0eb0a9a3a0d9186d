"""The application: run_gui end to end, and the error road for the unexpected."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from backoffice.domain.errors import RequirementMissing
from backoffice.services.catalogue import CatalogueService
from backoffice.services.errors import PermissionDenied
from backoffice.ui.app import run_gui
from backoffice.ui.errors import ErrorReporter, describe_error
from backoffice.ui.main_window import MainWindow
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from tests.gui.conftest import World


def test_run_gui_shows_the_inbox_and_returns_when_closed(
    qapp: QApplication, world: World, tmp_path: Path
) -> None:
    world.add_case("birth_certificate")
    seen: list[int] = []

    def close_when_loaded() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        rows = windows[0].inbox.model.rowCount() if windows else 0
        if rows:
            seen.append(rows)
            windows[0].close()  # the last window: the application quits by itself
        else:
            QTimer.singleShot(20, close_when_loaded)

    QTimer.singleShot(0, close_when_loaded)
    hook = sys.excepthook
    code = run_gui(
        world.casework,
        world.users,
        CatalogueService(world.db),
        world.clerk1,
        "en",
        settings_path=tmp_path / "ui.ini",
        log_dir=tmp_path / "logs",
    )
    assert code == 0
    assert seen == [1]
    assert sys.excepthook is hook  # the hooks are put back
    assert (tmp_path / "ui.ini").is_file()  # the layout was saved


def test_an_unexpected_error_is_logged_reported_and_copyable(qtbot: QtBot, tmp_path: Path) -> None:
    reporter = ErrorReporter(tmp_path / "logs")
    try:
        raise ValueError("kaputt")
    except ValueError as exc:
        error = exc
    reporter.report(error)
    assert len(reporter.dialogs) == 1
    dialog = reporter.dialogs[0]
    details = dialog.details.toPlainText()
    assert "ValueError: kaputt" in details
    assert "Traceback" in details
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "ValueError: kaputt" in reports[0].read_text(encoding="utf-8")
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    dialog.reject()


def test_errors_from_other_threads_reach_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    reporter = ErrorReporter(None)
    reporter.install()
    try:

        def fail() -> None:
            raise RuntimeError("im Hintergrund")

        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(reporter.dialogs))
    finally:
        reporter.uninstall()
    dialog = reporter.dialogs[0]
    assert "im Hintergrund" in dialog.details.toPlainText()
    dialog.reject()


def test_expected_errors_are_described_in_words() -> None:
    assert describe_error(PermissionDenied("clerk1 may not assign cases")).startswith(
        "You are not allowed to do that."
    )
    missing = RequirementMissing("needs", missing=("comment", "message"))
    assert describe_error(missing) == (
        "This status change needs a comment, a message to the applicant."
    )
    assert describe_error(OperationalError("SELECT", {}, Exception("gone"))).startswith(
        "The database cannot be reached."
    )


def test_the_guard_repairs_what_emit_loses(qapp: QApplication) -> None:
    guard = TrueRefcountGuard()
    floor = sys.getrefcount(True)
    timer = QTimer()
    for _ in range(500):
        timer.timeout.emit()
    guard.top_up()
    assert sys.getrefcount(True) >= floor
