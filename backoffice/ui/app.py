"""The graphical program: application object, translations, error hook, main window.

:func:`run_gui` is called by the composition root (``backoffice.cli``) with the
services it built and the acting user; nothing here looks services up.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog

from backoffice.services.actor import Actor
from backoffice.services.desktop import DesktopServices
from backoffice.ui.context import UiContext
from backoffice.ui.errors import ErrorReporter
from backoffice.ui.icons import icon
from backoffice.ui.login import LoginDialog
from backoffice.ui.main_window import MainWindow
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.texts import Vocabulary
from backoffice.ui.translations import choose_language, install_translators, remove_translators

log = logging.getLogger(__name__)

APP_NAME = "Rathaus Backoffice"


def build_context(
    services: DesktopServices, actor: Actor, language: str, runner: TaskRunner
) -> UiContext:
    return UiContext(services, actor, runner, Vocabulary(language))


def run_gui(
    services: DesktopServices,
    actor: Actor,
    language: str | None = None,
    *,
    settings_path: Path | None = None,
    log_dir: Path | None = None,
    argv: Sequence[str] | None = None,
    choose_user: bool = False,
    on_window: Callable[[MainWindow], object] | None = None,
) -> int:
    """Run the desktop program until its window closes; returns the exit code.

    ``language``: "de" or "en"; None uses the saved choice, else the system's
    (German unless the system is English). ``settings_path``: the INI file for
    window layouts (None: Qt's per-user default). ``log_dir``: where error
    reports go. ``choose_user``: ask who is working first (demo mode; ``actor``
    is preselected); Cancel ends the program with 0. ``on_window``: called with the
    window once it is shown (the smoke test watches it); what it returns is kept alive.
    """
    existing = QApplication.instance()
    if existing is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    else:  # a test, or an embedding program, made it already
        assert isinstance(existing, QApplication)
        app = existing
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("rathaus-backoffice")
    app.setWindowIcon(icon("backoffice"))
    guard = TrueRefcountGuard(app)
    guard.start()
    settings = UiSettings.at(settings_path)
    chosen = choose_language(language or settings.language)
    previous_locale = QLocale()
    QLocale.setDefault(
        QLocale(QLocale.Language.English if chosen == "en" else QLocale.Language.German)
    )
    translators = install_translators(app, chosen)
    reporter = ErrorReporter(log_dir)
    reporter.install()
    runner = TaskRunner(app)
    runner.unhandled_error.connect(reporter.report)
    window: MainWindow | None = None
    try:
        if choose_user:
            login = LoginDialog(services.users, runner, preselect=actor.login)
            accepted = login.exec() == QDialog.DialogCode.Accepted
            user = login.chosen()
            login.deleteLater()
            if not accepted or user is None:
                log.info("no user chosen")
                return 0
            actor = user.as_actor()
        log.info("working as %s (%s)", actor.login, actor.role.value)
        # Everything alive now lives as long as the program: keep it out of the collector's
        # full passes, which stopped every thread (the GUI's too) for ~100 ms during a sync.
        gc.freeze()
        window = MainWindow(build_context(services, actor, chosen, runner), settings)
        reporter.set_window(window)
        window.show()
        window.start()
        watcher = on_window(window) if on_window is not None else None
        code = app.exec()
        del watcher
        return code
    finally:
        if window is not None:
            window.shut_down()
        runner.shutdown()
        if window is not None:
            reporter.set_window(None)
            # Deleted by Qt, not when Python drops the last reference: freed by the
            # reference count, a window whose dialog had just closed crashed PySide6 6.12.0
            # at the next event processing (see tests/gui/conftest.py).
            shiboken6.delete(window)
        guard.stop()
        guard.top_up()
        reporter.set_window(None)
        reporter.uninstall()
        remove_translators(app, translators)
        QLocale.setDefault(previous_locale)
        settings.sync()
        log.info("window closed")
