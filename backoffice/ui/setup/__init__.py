"""The first start without a terminal: the welcome (demo or setup) and the setup wizard.

:func:`run_first_start` is called by the command line (``backoffice`` without a
configuration) with the :class:`~backoffice.services.setup.FirstStart` it built; it runs
the dialogs on the application object the window will use afterwards and says what
the person chose.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog

from backoffice.services.installation import Installation
from backoffice.services.setup import FirstStart
from backoffice.ui.icons import icon
from backoffice.ui.setup.wizard import SetupWizard, Welcome, WelcomeDialog
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.translations import choose_language, install_translators, remove_translators

__all__ = ["FirstStartOutcome", "Next", "SetupWizard", "WelcomeDialog", "run_first_start"]


class Next(Enum):
    DEMO = "demo"  # start the demo (in a demo folder of its own)
    WINDOW = "window"  # set up: start the window on this installation
    QUIT = "quit"  # cancelled


@dataclass(frozen=True)
class FirstStartOutcome:
    next: Next
    installation: Installation | None = None
    login: str | None = None  # the administrator just added (None: joined a team)


def application() -> QApplication:
    existing = QApplication.instance()
    if existing is not None:
        assert isinstance(existing, QApplication)
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Rathaus Backoffice")
    app.setWindowIcon(icon("backoffice"))
    return app


def run_first_start(
    first_start: FirstStart, os_login: str, language: str | None = None
) -> FirstStartOutcome:
    """The welcome, then the wizard if chosen; what comes next."""
    app = application()
    chosen = choose_language(language)
    previous_locale = QLocale()
    QLocale.setDefault(
        QLocale(QLocale.Language.English if chosen == "en" else QLocale.Language.German)
    )
    translators = install_translators(app, chosen)
    runner = TaskRunner(app)
    try:
        welcome = WelcomeDialog()
        welcome.exec()
        if welcome.choice is Welcome.DEMO:
            return FirstStartOutcome(Next.DEMO)
        if welcome.choice is not Welcome.SET_UP:
            return FirstStartOutcome(Next.QUIT)
        wizard = SetupWizard(first_start, runner, os_login)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.outcome is None:
            return FirstStartOutcome(Next.QUIT)
        installation, admin = wizard.outcome
        return FirstStartOutcome(Next.WINDOW, installation, admin.login if admin else None)
    finally:
        runner.shutdown()
        remove_translators(app, translators)
        QLocale.setDefault(previous_locale)
