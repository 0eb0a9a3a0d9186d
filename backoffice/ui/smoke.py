"""The smoke test of a built program (``backoffice --demo --smoke-test``).

The real window, with real services, until the inbox paints its first rows: then it says how
many and the program ends with 0. If no rows are painted within the time limit, it says so on
stderr and ends with 1. installer/build.py runs it against the bundle and the installed package.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from backoffice.ui.main_window import MainWindow

TIMEOUT_SECONDS = 60


class SmokeTest(QObject):
    """Watches one window and tells the outcome through :attr:`finished`."""

    #: The test's exit code: 0 when rows were painted, 1 after the time limit.
    finished = Signal(int)

    def __init__(self, window: MainWindow, timeout_seconds: float = TIMEOUT_SECONDS) -> None:
        super().__init__(window)
        self.rows: int | None = None
        self._timeout_seconds = timeout_seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._timer.start(int(timeout_seconds * 1000))
        window.inbox.table.first_rows_painted.connect(self._painted)

    def _painted(self, rows: int) -> None:
        self._timer.stop()
        self.rows = rows
        print(f"smoke test: the inbox shows {rows} rows", flush=True)
        QTimer.singleShot(0, lambda: self.finished.emit(0))  # after this paint has finished

    def _timed_out(self) -> None:
        print(
            f"smoke test FAILED: the inbox showed no rows within {self._timeout_seconds:g} s",
            file=sys.stderr,
            flush=True,
        )
        self.finished.emit(1)


def run_smoke_test(window: MainWindow) -> SmokeTest:
    """For ``run_gui(on_window=…)``: the program ends with the smoke test's exit code."""
    smoke = SmokeTest(window)
    smoke.finished.connect(QApplication.exit)
    return smoke
