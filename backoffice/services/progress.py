"""Progress reports and cancellation for long use cases (sync, bulk work).

Plain Python: the command line draws a progress bar from the same reports the
GUI turns into signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    current: str = ""
    phase: str = ""


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """The default: nobody is watching."""


class CancelToken:
    """Set from any thread; long work checks it between units and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
