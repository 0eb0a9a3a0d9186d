"""The application: run_gui end to end, and the error road for the unexpected."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backoffice.domain.errors import RequirementMissing
from backoffice.services.desktop import DesktopServices
from backoffice.services.errors import PermissionDenied, StorageError
from backoffice.ui.app import run_gui
from backoffice.ui.errors import ErrorReporter, describe_error
from backoffice.ui.login import LoginDialog
from backoffice.ui.main_window import MainWindow
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from tests.gui.conftest import World


def test_run_gui_shows_the_inbox_and_returns_when_closed(
    qapp: QApplication, world: World, desktop_services: DesktopServices, tmp_path: Path
) -> None:
    world.add_case("birth_certificate")
    seen: list[int] = []

    def close_when_loaded() -> None:
        windows = _main_windows(qapp)
        rows = windows[0].inbox.model.rowCount() if windows else 0
        if rows:
            seen.append(rows)
            windows[0].close()  # the last window: the application quits by itself
        else:
            QTimer.singleShot(20, close_when_loaded)

    QTimer.singleShot(0, close_when_loaded)
    hook = sys.excepthook
    code = run_gui(
        desktop_services,
        world.clerk1,
        "en",
        settings_path=tmp_path / "ui.ini",
        log_dir=tmp_path / "logs",
    )
    assert code == 0
    assert seen == [1]
    assert sys.excepthook is hook  # the hooks are put back
    assert (tmp_path / "ui.ini").is_file()  # the layout was saved


def _main_windows(qapp: QApplication) -> list[MainWindow]:
    """The main windows on screen (closed ones of earlier tests may not be deleted yet)."""
    return [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _login_dialog(qapp: QApplication) -> LoginDialog | None:
    dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, LoginDialog)]
    return dialogs[0] if dialogs and dialogs[0].isVisible() else None


def test_demo_mode_asks_who_is_working_first(
    qapp: QApplication, world: World, desktop_services: DesktopServices, tmp_path: Path
) -> None:
    """The login dialog lists the active users with their role; the keyboard is enough."""
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = _login_dialog(qapp)
        if dialog is None or dialog.user_list.count() == 0:
            QTimer.singleShot(20, choose)
            return
        entries = [dialog.user_list.item(i).text() for i in range(dialog.user_list.count())]
        seen["entries"] = entries
        seen["preselected"] = dialog.chosen().login  # type: ignore[union-attr]
        # Type the first letters of a name, then Enter.
        dialog.user_list.setFocus()
        dialog.user_list.keyboardSearch("Thomas")
        QTest.keyClick(dialog.user_list, Qt.Key.Key_Return)
        QTimer.singleShot(0, close_main_window)

    def close_main_window() -> None:
        windows = _main_windows(qapp)
        if not windows:
            QTimer.singleShot(20, close_main_window)
            return
        seen["user"] = windows[0].user_label.text()
        windows[0].close()

    QTimer.singleShot(0, choose)
    code = run_gui(
        desktop_services,
        world.lead,
        "en",
        settings_path=tmp_path / "ui.ini",
        choose_user=True,
    )
    assert code == 0
    assert seen["entries"] == [
        "Petra Sommer – Clerk",
        "Thomas Krämer – Clerk",
        "Sabine Albrecht – Team lead",
        "Jens Hofmann – Administrator",
    ]
    assert seen["preselected"] == "lead"
    assert seen["user"] == "Thomas Krämer · Clerk"


def test_cancelling_the_login_ends_the_program(
    qapp: QApplication, world: World, desktop_services: DesktopServices, tmp_path: Path
) -> None:
    opened: list[bool] = []

    def cancel() -> None:
        dialog = _login_dialog(qapp)
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        opened.append(True)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    code = run_gui(
        desktop_services, world.lead, "en", settings_path=tmp_path / "ui.ini", choose_user=True
    )
    assert code == 0 and opened == [True]
    assert not _main_windows(qapp)


@pytest.mark.parametrize("active", [True, False])
def test_the_login_lists_only_active_users(
    qtbot: QtBot, world: World, desktop_services: DesktopServices, active: bool
) -> None:
    from backoffice.store.models import User
    from backoffice.ui.tasks import SyncTaskRunner

    if not active:
        with world.db.write() as session:
            session.query(User).filter(User.login == "clerk2").update({"active": False})
    runner = SyncTaskRunner()
    dialog = LoginDialog(desktop_services.users, runner)
    qtbot.addWidget(dialog)
    names = [dialog.user_list.item(i).text() for i in range(dialog.user_list.count())]
    assert ("Thomas Krämer – Clerk" in names) is active
    assert dialog.chosen() is not None and dialog.sign_in_button.isEnabled()
    runner.shutdown()


@pytest.mark.expect_log_warning(r"unexpected error")
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


@pytest.mark.expect_log_warning(r"unexpected error")
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
    assert describe_error(StorageError("gone", unavailable=True)).startswith(
        "The database cannot be reached or is busy; nothing was changed."
    )
    assert describe_error(StorageError("IntegrityError: x", unavailable=False)).startswith(
        "The database reported an error; nothing was changed."
    )


def test_the_guard_repairs_what_emit_loses(qapp: QApplication) -> None:
    guard = TrueRefcountGuard()
    floor = sys.getrefcount(True)
    timer = QTimer()
    for _ in range(500):
        timer.timeout.emit()
    guard.top_up()
    assert sys.getrefcount(True) >= floor
