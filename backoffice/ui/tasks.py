"""The task runner: blocking work off the GUI thread, results back on it.

Modelled on Picard's ``util/thread.py``: a plain function runs on a
``QThreadPool``; its result or exception comes back on the GUI thread through a
queued signal and is handed to the callbacks given with the task. Reads run on
a small pool; writes (``write=True``) on a pool of one thread, so that one
desktop's changes reach the database in the order the clerk made them.

Only plain data crosses threads: the functions are service calls that open
their own database session per call and return frozen dataclasses.

Long functions (:meth:`TaskRunner.run_long`) receive a :class:`TaskContext`
with a cancellation token, a stop request and a progress callback whose reports
(:class:`~backoffice.services.progress.Progress`) are delivered to the GUI
thread as well. Both tokens are the services' own
:class:`~backoffice.services.progress.CancelToken`, so a long use case (a sync)
takes them as they are. *Cancelling* a task drops its outcome; *stopping* it
asks the function to end early and still delivers what it returns (a sync
stopped halfway reports what it got).

:class:`SyncTaskRunner` is the stand-in for tests: same interface, the function
and its callbacks run at once on the calling thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from backoffice.services import progress as service_progress
from backoffice.services.progress import Progress

log = logging.getLogger(__name__)

T = TypeVar("T")
ProgressCallback = Callable[[Progress], None]


class Cancelled(Exception):
    """Raised by :meth:`CancelToken.check` inside a task that was cancelled."""


class CancelToken(service_progress.CancelToken):
    """Set by the GUI thread, read by the worker: thread-safe."""

    def check(self) -> None:
        """Stop a long function at a safe point once the task is cancelled."""
        if self.cancelled:
            raise Cancelled


@dataclass(frozen=True)
class TaskContext:
    """What a long function gets: ``token`` (cancelled: nobody wants the outcome any
    more), ``stop`` (asked to end early: the outcome is still delivered; pass it to a
    use case as its ``cancel``), and ``report`` for progress (a use case's ``progress``)."""

    token: CancelToken
    stop: service_progress.CancelToken
    report: ProgressCallback

    def progress(self, done: int, total: int, current: str = "", phase: str = "") -> None:
        self.report(Progress(done, total, current, phase))


@dataclass(eq=False)
class Task:
    """Handle of a submitted task: cancel or stop it, or ask whether it ended."""

    name: str
    token: CancelToken = field(default_factory=CancelToken)
    stop_token: service_progress.CancelToken = field(default_factory=service_progress.CancelToken)
    finished: bool = False

    def cancel(self) -> None:
        """Drop the result: no callback of this task runs after this call."""
        self.stop_token.cancel()
        self.token.cancel()

    def stop(self) -> None:
        """Ask a long function to end at its next safe point; its outcome still comes back."""
        self.stop_token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    @property
    def stopping(self) -> bool:
        return self.stop_token.cancelled


@dataclass(eq=False)
class _Job:
    task: Task
    call: Callable[[], Any]
    done: Callable[[Any], None] | None
    failed: Callable[[Exception], None] | None
    progress: ProgressCallback | None
    owner: QObject | None
    write: bool


class TaskRunner(QObject):
    """Runs plain functions on thread pools and delivers their outcome on the GUI thread."""

    #: True while at least one task is queued or running (for a busy indicator).
    busy_changed = Signal(bool)
    #: An exception that no ``failed`` callback took: the application's error road shows it.
    unhandled_error = Signal(object)

    _finished = Signal(object, object, object)  # job, result, error
    _progressed = Signal(object, object)  # job, Progress

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(max_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._pending: set[_Job] = set()
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._report, Qt.ConnectionType.QueuedConnection)

    # -- submitting ---------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
        write: bool = False,
        name: str = "",
    ) -> Task:
        """Run ``fn()`` in a worker; ``done(result)`` or ``failed(error)`` on the GUI thread.

        With ``owner``, nothing is delivered once that object has been destroyed.
        """
        task = Task(name or getattr(fn, "__name__", "task"))
        return self._submit(_Job(task, fn, done, failed, None, owner, write))

    def run_long(
        self,
        fn: Callable[[TaskContext], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        progress: ProgressCallback | None = None,
        owner: QObject | None = None,
        write: bool = False,
        name: str = "",
    ) -> Task:
        """Like :meth:`run` for long functions: ``fn(context)`` may check
        ``context.token`` or ``context.stop`` and report through ``context.report``
        (or ``context.progress(done, total)``); ``progress(Progress)`` runs on the GUI
        thread."""
        task = Task(name or getattr(fn, "__name__", "task"))
        job = _Job(task, lambda: None, done, failed, progress, owner, write)
        context = TaskContext(
            task.token, task.stop_token, lambda report: self._progress_from_worker(job, report)
        )
        job.call = lambda: fn(context)
        return self._submit(job)

    def _submit(self, job: _Job) -> Task:
        if self._closed:
            job.task.cancel()
            job.task.finished = True
            return job.task
        was_idle = not self._pending
        self._pending.add(job)
        if was_idle:
            self.busy_changed.emit(True)
        self._start(job)
        return job.task

    def _start(self, job: _Job) -> None:
        pool = self._writes if job.write else self._reads
        pool.start(lambda: self._execute(job))

    # -- in the worker ------------------------------------------------------------------------

    def _outcome(self, job: _Job) -> tuple[Any, BaseException | None]:
        if job.task.cancelled:
            return None, Cancelled()
        try:
            return job.call(), None
        except BaseException as exc:
            return None, exc

    def _execute(self, job: _Job) -> None:
        result, error = self._outcome(job)
        self._finished.emit(job, result, error)

    def _progress_from_worker(self, job: _Job, report: Progress) -> None:
        if job.progress is not None and not job.task.cancelled:
            self._progressed.emit(job, report)

    # -- on the GUI thread --------------------------------------------------------------------

    def _owner_gone(self, job: _Job) -> bool:
        return job.owner is not None and not shiboken6.isValid(job.owner)

    @Slot(object, object)
    def _report(self, job: _Job, report: Progress) -> None:
        if job.progress is not None and not job.task.cancelled and not self._owner_gone(job):
            job.progress(report)

    @Slot(object, object, object)
    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        job.task.finished = True
        self._pending.discard(job)
        try:
            if job.task.cancelled or isinstance(error, Cancelled) or self._owner_gone(job):
                return
            if error is None:
                if job.done is not None:
                    job.done(result)
            elif isinstance(error, Exception) and job.failed is not None:
                job.failed(error)
            else:
                log.error("task %s failed", job.task.name, exc_info=error)
                self.unhandled_error.emit(error)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    # -- lifetime -----------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Tasks submitted whose outcome has not been delivered yet."""
        return len(self._pending)

    def wait_for_workers(self, timeout_ms: int = 30_000) -> bool:
        """Block until the workers are idle (shutdown and tests); outcomes are still queued."""
        return self._reads.waitForDone(timeout_ms) and self._writes.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel everything, drop what has not started, wait for what runs."""
        self._closed = True
        for job in list(self._pending):
            job.task.cancel()
        self._reads.clear()
        self._writes.clear()
        self.wait_for_workers(timeout_ms)
        self._pending.clear()


class SyncTaskRunner(TaskRunner):
    """The stand-in for tests: runs each function at once on the calling thread and
    delivers its outcome before :meth:`run` returns. Callers must not rely on the
    returned handle being stored before their callback runs."""

    def _start(self, job: _Job) -> None:
        result, error = self._outcome(job)
        self._deliver(job, result, error)

    def _progress_from_worker(self, job: _Job, report: Progress) -> None:
        self._report(job, report)
