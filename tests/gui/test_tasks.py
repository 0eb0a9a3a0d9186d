"""The task runner: work off the GUI thread, outcome back on it, cancellation, progress."""

from __future__ import annotations

import functools
import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backoffice.ui.tasks import Cancelled, SyncTaskRunner, TaskContext, TaskRunner


def test_result_comes_back_on_the_gui_thread(qtbot: QtBot, thread_runner: TaskRunner) -> None:
    ran_on: list[threading.Thread] = []
    delivered_on: list[threading.Thread] = []
    results: list[int] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    def done(value: int) -> None:
        delivered_on.append(threading.current_thread())
        results.append(value)

    with qtbot.waitSignal(thread_runner.busy_changed, check_params_cb=lambda busy: not busy):
        thread_runner.run(work, done=done)
    assert results == [42]
    assert ran_on[0] is not threading.main_thread()
    assert delivered_on == [threading.main_thread()]
    assert thread_runner.pending == 0


def test_an_exception_comes_back_to_the_failed_callback(
    qtbot: QtBot, thread_runner: TaskRunner
) -> None:
    errors: list[Exception] = []

    def work() -> None:
        raise ValueError("broken")

    thread_runner.run(work, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "broken"


@pytest.mark.expect_log_warning(r"task work failed")
def test_an_exception_nobody_handles_takes_the_error_road(
    qtbot: QtBot, thread_runner: TaskRunner
) -> None:
    def work() -> None:
        raise RuntimeError("nobody listens")

    with qtbot.waitSignal(thread_runner.unhandled_error) as signal:
        thread_runner.run(work)
    assert isinstance(signal.args[0], RuntimeError)


def test_a_cancelled_task_delivers_nothing(qtbot: QtBot, thread_runner: TaskRunner) -> None:
    started = threading.Event()
    release = threading.Event()
    delivered: list[object] = []

    def work() -> str:
        started.set()
        release.wait(5)
        return "late"

    task = thread_runner.run(work, done=delivered.append, failed=delivered.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: task.finished)
    assert delivered == []


def test_long_tasks_get_a_token_and_report_progress_on_the_gui_thread(
    qtbot: QtBot, thread_runner: TaskRunner
) -> None:
    progress: list[tuple[int, int, str, bool]] = []
    results: list[int] = []

    def work(context: TaskContext) -> int:
        for i in range(1, 4):
            context.token.check()
            context.progress(i, 3, phase="counting")
        return 3

    thread_runner.run_long(
        work,
        done=results.append,
        progress=lambda report: progress.append(
            (
                report.done,
                report.total,
                report.phase,
                threading.current_thread() is threading.main_thread(),
            )
        ),
    )
    qtbot.waitUntil(lambda: bool(results))
    assert results == [3]
    assert progress == [(i, 3, "counting", True) for i in (1, 2, 3)]


def test_a_long_task_stops_at_its_next_check_once_cancelled(
    qtbot: QtBot, thread_runner: TaskRunner
) -> None:
    checked = threading.Event()
    go_on = threading.Event()
    reached: list[int] = []

    def work(context: TaskContext) -> None:
        checked.set()
        go_on.wait(5)
        try:
            context.token.check()
        except Cancelled:
            reached.append(1)
            raise

    task = thread_runner.run_long(work, done=lambda _r: reached.append(2))
    assert checked.wait(5)
    task.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: task.finished)
    assert reached == [1]


def test_a_stopped_long_task_ends_early_and_still_delivers(
    qtbot: QtBot, thread_runner: TaskRunner
) -> None:
    """Stopping (unlike cancelling) keeps the outcome: a sync stopped halfway reports."""
    started = threading.Event()
    results: list[int] = []

    def work(context: TaskContext) -> int:
        started.set()
        done = 0
        while not context.stop.cancelled:
            done += 1
            context.stop._event.wait(0.01)  # a unit of work
        assert not context.token.cancelled
        return done

    task = thread_runner.run_long(work, done=results.append)
    assert started.wait(5)
    task.stop()
    qtbot.waitUntil(lambda: bool(results))
    assert task.stopping and not task.cancelled
    assert results[0] >= 1


def test_cancelling_also_asks_a_long_task_to_stop(qtbot: QtBot, thread_runner: TaskRunner) -> None:
    started = threading.Event()
    saw_stop: list[bool] = []

    def work(context: TaskContext) -> None:
        started.set()
        saw_stop.append(context.stop._event.wait(5))

    task = thread_runner.run_long(work, done=lambda _r: saw_stop.append(False))
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.finished)
    assert saw_stop == [True]


def test_nothing_is_delivered_to_a_destroyed_owner(qtbot: QtBot, thread_runner: TaskRunner) -> None:
    owner = QObject()
    release = threading.Event()
    delivered: list[str] = []

    def work() -> str:
        release.wait(5)
        return "value"

    task = thread_runner.run(work, done=delivered.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    qtbot.waitUntil(lambda: task.finished)
    assert delivered == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_writes_run_one_after_the_other(qtbot: QtBot, thread_runner: TaskRunner) -> None:
    order: list[int] = []
    lock = threading.Lock()
    running = [0]
    overlap = [False]

    def write(n: int) -> int:
        with lock:
            running[0] += 1
            overlap[0] |= running[0] > 1
        order.append(n)
        with lock:
            running[0] -= 1
        return n

    for n in range(5):
        thread_runner.run(functools.partial(write, n), write=True)
    qtbot.waitUntil(lambda: thread_runner.pending == 0)
    assert order == [0, 1, 2, 3, 4]
    assert not overlap[0]


def test_the_synchronous_stand_in_delivers_before_run_returns(qapp: object) -> None:
    sync = SyncTaskRunner()
    results: list[int] = []
    errors: list[Exception] = []
    sync.run(lambda: 7, done=results.append)
    sync.run(lambda: 1 // 0, failed=errors.append)
    assert results == [7]
    assert isinstance(errors[0], ZeroDivisionError)
    assert sync.pending == 0
    sync.shutdown()


def test_after_shutdown_nothing_runs(qapp: object) -> None:
    runner = TaskRunner()
    runner.shutdown()
    called: list[int] = []
    task = runner.run(lambda: called.append(1))
    assert task.cancelled
    assert called == []


@pytest.mark.expect_log_warning(r"task work failed")
@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(3)])
def test_base_exceptions_are_not_swallowed_by_failed(qapp: object, error: BaseException) -> None:
    sync = SyncTaskRunner()
    seen: list[object] = []
    sync.unhandled_error.connect(seen.append)

    def work() -> None:
        raise error

    sync.run(work, failed=seen.append)
    assert seen == [error]
    sync.shutdown()
