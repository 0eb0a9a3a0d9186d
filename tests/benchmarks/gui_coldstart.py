"""One cold start of the desktop program, for the GUI benchmark (tests/benchmarks/gui.py).

    python -m tests.benchmarks.gui_coldstart CONFIG.json

Runs the real program (``backoffice.cli.main``: installation, database, migration check,
services, ``run_gui``) offscreen in this fresh interpreter and closes its window once the inbox
table has painted rows. Nothing of the program is replaced: ``CaseTable.paintEvent`` and
``MainWindow.__init__`` are wrapped to note the time. The starting process passes the wall-clock
time just before it launched this one, so the figures cover interpreter start and imports too.
Imports are kept to the standard library until the program's own.
"""

from __future__ import annotations

import time

INTERPRETER_READY = time.time()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    config = json.loads(Path(args[0]).read_text("utf-8"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    marks: dict[str, float] = {"interpreter_ready": INTERPRETER_READY}

    from PySide6.QtCore import QTimer

    from backoffice.ui import main_window
    from backoffice.ui.inbox.panel import CaseTable

    marks["qt_and_ui_imported"] = time.time()
    paint = CaseTable.paintEvent
    construct = main_window.MainWindow.__init__
    start = main_window.MainWindow.start

    def timed_paint(self: Any, event: Any) -> None:
        paint(self, event)
        model = self.model()
        if "painted" not in marks and model is not None and model.rowCount() > 0:
            marks["painted"] = time.time()
            QTimer.singleShot(0, self.window().close)

    def timed_init(self: Any, *a: Any, **k: Any) -> None:
        marks.setdefault("window_construction", time.time())
        construct(self, *a, **k)
        marks.setdefault("window_constructed", time.time())

    def timed_start(self: Any) -> None:
        marks.setdefault("window_start", time.time())
        start(self)

    CaseTable.paintEvent = timed_paint  # type: ignore[method-assign]
    main_window.MainWindow.__init__ = timed_init  # type: ignore[method-assign]
    main_window.MainWindow.start = timed_start  # type: ignore[method-assign]

    from backoffice.cli import main as cli_main

    marks["cli_imported"] = time.time()
    code = cli_main(
        [
            "--data-dir",
            config["data_dir"],
            "--database",
            config["url"],
            "--as",
            config["login"],
            "--language",
            "de",
        ]
    )
    marks["closed"] = time.time()
    launched = float(config["launched"])
    figures = {
        "exit_code": code,
        "marks_ms": {k: round((v - launched) * 1000, 1) for k, v in marks.items()},
        "maxrss_mb": _peak_mb(),
    }
    Path(config["output"]).write_text(json.dumps(figures), encoding="utf-8")
    return 0 if code == 0 and "painted" in marks else 1


def _peak_mb() -> float:
    """VmHWM: ``ru_maxrss`` would be the launching process's peak if that was higher
    (Linux keeps it across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    sys.exit(main())
