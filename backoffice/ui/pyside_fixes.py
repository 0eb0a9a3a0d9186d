"""Work-arounds for measured bugs of the Qt binding. Remove each when the binding is fixed.

**Signal.emit() drops a reference to True** (PySide6 6.12.0, CPython 3.11, measured
here): every ``SignalInstance.emit(...)`` called from Python decrements the
reference count of ``True`` once, whatever the arguments and whether or not
anything is connected (signals emitted by Qt itself, ``postEvent`` and
``QTimer`` are not affected). The program starts with about 8,000 references to
``True``; once the count reaches zero the interpreter aborts with "Fatal Python
error: bool_dealloc". The interface emits a few signals per action and per
refresh, so a working day would get there.

:class:`TrueRefcountGuard` checks once whether the binding has the bug and, if
so, keeps the count from falling below its level at start by holding extra
references in a list (8 bytes per leaked reference; a day of work is well under
a megabyte). It does nothing on a binding without the bug.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

#: The references that stand in for the leaked ones; never shrinks.
_RESERVE: list[bool] = []
_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """Whether ``emit()`` of this binding drops references to True (probed, then repaired)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    leaked = before - sys.getrefcount(True)
    if leaked > 0:
        _RESERVE.extend([True] * leaked)
    return leaked >= _PROBES


class TrueRefcountGuard(QObject):
    """Keeps ``True`` referenced at least as often as when the guard was made."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._floor = sys.getrefcount(True)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.top_up)
        self.active = False

    def start(self) -> bool:
        """Probe the binding; watch periodically if it has the bug. True when watching."""
        self.active = emit_leaks_true()
        if self.active:
            log.info("PySide6 emit() leaks references to True: guard active")
            self._timer.start()
        return self.active

    def stop(self) -> None:
        self._timer.stop()

    def top_up(self) -> int:
        """Restore what was lost since the last call; returns how many references."""
        missing = self._floor - sys.getrefcount(True)
        if missing > 0:
            _RESERVE.extend([True] * missing)
            return missing
        return 0
