"""The measuring process of the GUI benchmark (started by tests/benchmarks/gui.py, one per backend).

    python -m tests.benchmarks.gui_window CONFIG.json

It works on a database the benchmark populated beforehand, in a process of its own so that its
peak RSS is the desktop program's and not the population's. Offscreen Qt, the real
:class:`~backoffice.ui.main_window.MainWindow` with real services and the real thread-pool
:class:`~backoffice.ui.tasks.TaskRunner`, set up as :func:`backoffice.ui.app.run_gui` does
(application object, the ``TrueRefcountGuard`` of backoffice.ui.pyside_fixes active, German
locale and translators). What it measures:

* **first paint** — in ``windows`` fresh windows one after another: from just before
  ``MainWindow(...)`` is constructed (services built, database populated, QApplication up) to the
  end of the first paint of the inbox table's viewport that has rows, i.e. after startup data
  and the first page came through the worker. The clock covers construction, ``show()``,
  ``start()``, the startup worker (templates, users, notices), the first-page worker and the
  paint itself. A Paint event filter on the viewport sees the paint arrive; ``CaseTable``'s
  ``paintEvent`` is wrapped (at class level, here only) to see when it ends.
* **filter / search repaint** — from the user action (a quick-filter button's ``click()``, a
  combo box choice, or Enter in the search field: the same ``_apply_search`` that the 300 ms
  debounce timer calls, so the debounce wait is excluded; the text is set before the clock
  starts) to the end of the next paint of the viewport after the new query's first page
  arrived. Each run starts from the base view (all cases, open, every service, no search) with
  every worker idle.
* **the GUI thread during a sync** — from the sync action's ``trigger()`` until the sync has
  finished, the inbox has repainted with the new cases and every worker is idle. A 5 ms QTimer
  (PreciseTimer) on the GUI thread records every tick; a gap between ticks is how long the
  thread could not run a Python slot (busy itself, or waiting for the GIL). The same timer
  runs during the other phases too. For attribution, a background thread samples every
  thread's Python stack (``sys._current_frames()``) and this process's run delay
  (``/proc/self/task/*/schedstat``) every 10 ms; an application event filter (during the sync
  only) notes the Qt event being dispatched; ``gc.callbacks`` record every garbage collection.
  A gap during which the sampler could not run either is a GIL held elsewhere: the other
  threads' frames at the sample that ended the sampler's longest wait show the holder.
  Wall, CPU and run delay of this process, the simulator, the PostgreSQL server and the rest
  of the machine are reported per phase, so that a disturbed run can be recognised.
* **memory** — RSS with the application up, after the first window has painted, after the
  filters and after the sync; the peak (VmHWM) of this process after the windows and at the end.

The portal simulator runs as its own process (``backoffice simulator``), started here with the
public half of :func:`tests.unit.portal.helpers.session_keys`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before PySide6 is imported

import bisect
import contextlib
import gc
import itertools
import json
import math
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QLocale, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from backoffice.app import portal_services
from backoffice.domain.deadlines import WorkingCalendar
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.attachments import AttachmentService
from backoffice.services.casework import Casework
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.service import CitizenMessages
from backoffice.services.delivery import DeliveryService
from backoffice.services.desktop import DesktopServices
from backoffice.services.documents import DocumentService
from backoffice.services.intake import IntakeService
from backoffice.services.print_queue import PrintQueueService
from backoffice.services.subscriber import KeyCrypto
from backoffice.services.users import UserService
from backoffice.store.database import Database
from backoffice.ui.app import APP_NAME, build_context
from backoffice.ui.delivery.sync import SyncOutcome
from backoffice.ui.inbox.panel import OPEN, CaseTable, InboxPanel
from backoffice.ui.main_window import MainWindow
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.translations import install_translators
from tests.benchmarks.population import NOW
from tests.unit.portal.helpers import session_keys

ROOT = Path(__file__).resolve().parents[2]
TICK_MS = 5
SAMPLE_S = 0.010
#: Gaps between ticks longer than this are attributed (stack samples, Qt event).
ATTRIBUTE_MS = 25.0


def log(message: str) -> None:
    print(message, flush=True)


def now() -> float:
    return time.perf_counter()


def rss_mb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def maxrss_mb() -> float:
    """This process's peak resident set: the kernel's VmHWM. Not ``ru_maxrss``: Linux carries
    that over from the parent across fork and exec, so a child of the benchmark process that
    populated a million cases reported the parent's 318 MiB as its own."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (as tests.benchmarks.common.Timing.p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# -- who used the CPUs ------------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int | str) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # field 3 of proc(5) is index 0


def process_cpu_s(pid: int | str, *, children: bool = False) -> float:
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / _TICK


def server_cpu_s(postmaster: int | None) -> float:
    """CPU seconds of a PostgreSQL server: the postmaster and its children (alive, reaped)."""
    if not postmaster:
        return 0.0
    total = process_cpu_s(postmaster, children=True)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields is not None and fields[1] == str(postmaster):
                total += (int(fields[11]) + int(fields[12])) / _TICK
    return total


def machine_busy_s() -> float:
    """CPU seconds the whole machine was busy (all CPUs), from /proc/stat."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("cpu "):
                user, nice, system, _idle, _iowait, irq, softirq, steal = map(
                    int, line.split()[1:9]
                )
                return (user + nice + system + irq + softirq + steal) / _TICK
    return 0.0


def run_delay_s(pid: int | str = "self") -> float:
    """Seconds the threads of a process spent runnable but waiting for a CPU (schedstat)."""
    total = 0
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int((task / "schedstat").read_text().split()[1])
    return total / 1e9


@dataclass(frozen=True)
class CpuClock:
    """Wall time and CPU seconds of everyone at one moment."""

    wall: float
    machine: float
    own: float
    own_waited: float
    simulator: float
    server: float

    @classmethod
    def read(cls, simulator_pid: int | None, postmaster: int | None) -> CpuClock:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return cls(
            time.perf_counter(),
            machine_busy_s(),
            usage.ru_utime + usage.ru_stime,
            run_delay_s(),
            process_cpu_s(simulator_pid) if simulator_pid else 0.0,
            server_cpu_s(postmaster),
        )

    def since(self, start: CpuClock) -> dict[str, float]:
        wall = self.wall - start.wall
        own = self.own - start.own
        simulator = self.simulator - start.simulator
        server = self.server - start.server
        others = (self.machine - start.machine) - own - simulator - server
        return {
            "wall_s": round(wall, 2),
            "gui_process_cpu_s": round(own, 2),
            "gui_process_waited_for_cpu_s": round(self.own_waited - start.own_waited, 2),
            "simulator_cpu_s": round(simulator, 2),
            "database_server_cpu_s": round(server, 2),
            "other_processes_cpu_s": round(max(others, 0.0), 2),
        }


# -- garbage collections ---------------------------------------------------------------------


class GcWatch:
    """Every cyclic garbage collection (``gc.callbacks``): thread, generation, start, end.

    A collection holds the GIL throughout: a full (generation 2) one in a process with a few
    hundred thousand objects stops every thread for tens of milliseconds, whichever thread
    happened to trigger it.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[int, int, float, float]] = []  # thread, generation, start, end
        self._started: dict[int, float] = {}

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._started[ident] = time.perf_counter()
        else:
            began = self._started.pop(ident, None)
            if began is not None:
                self.runs.append((ident, info["generation"], began, time.perf_counter()))

    def start(self) -> None:
        gc.callbacks.append(self)

    def stop(self) -> None:
        with contextlib.suppress(ValueError):
            gc.callbacks.remove(self)

    def between(self, start: float, end: float) -> list[tuple[int, int, float, float]]:
        return [r for r in self.runs if r[3] > start and r[2] < end]

    def figures(self, start: float, end: float) -> dict[str, Any]:
        runs = self.between(start, end)
        full = [r for r in runs if r[1] == 2]
        return {
            "collections": len(runs),
            "total_ms": round(sum(r[3] - r[2] for r in runs) * 1000, 1),
            "full_collections": len(full),
            "full_max_ms": round(max((r[3] - r[2] for r in full), default=0.0) * 1000, 1),
            "full_total_ms": round(sum(r[3] - r[2] for r in full) * 1000, 1),
        }


GC = GcWatch()


# -- the GUI thread's pulse -------------------------------------------------------------------


class Ticker(QObject):
    """A 5 ms timer on the GUI thread; the time of every tick. A gap between two ticks is how
    long the GUI thread could not get to its timer (busy, or waiting for the GIL)."""

    def __init__(self, interval_ms: int = TICK_MS) -> None:
        super().__init__()
        self.times: list[float] = []
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        self.times.append(time.perf_counter())

    def gaps(self, start: float, end: float) -> list[tuple[float, float]]:
        """(previous tick, tick) for consecutive ticks within [start, end]."""
        low = bisect.bisect_left(self.times, start)
        high = bisect.bisect_right(self.times, end)
        ticks = self.times[low:high]
        return list(itertools.pairwise(ticks))


# -- what the threads were doing --------------------------------------------------------------

Frame = tuple[str, int, str]  # file, line, function


class Sample(NamedTuple):
    """A tuple of atomic values, so that the collector soon stops tracking it (the samples
    must not make the garbage collections they are watching longer)."""

    at: float
    lag: float  # how late the sampler woke (it needs the GIL too)
    main: int  # stack id (-1: no Python frame)
    others: tuple[tuple[int, int], ...]  # (thread ident, stack id) of busy threads
    event: tuple[int, str] | None  # the Qt event the GUI thread dispatched last
    waited: float  # run delay of this process's threads so far (runnable, no CPU), seconds


class StackSampler:
    """Samples every thread's Python stack from a background thread (py-spy is not
    installed): ``sys._current_frames()`` every 10 ms, stacks interned."""

    def __init__(self, interval_s: float = SAMPLE_S) -> None:
        self.interval = interval_s
        self.main = threading.main_thread().ident
        self.samples: list[Sample] = []
        self.stacks: list[tuple[Frame, ...]] = []
        self._ids: dict[tuple[Frame, ...], int] = {}
        self.event: tuple[int, str] | None = None  # written by QtEventNoter
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _intern(self, frame: Any) -> int:
        frames: list[Frame] = []
        while frame is not None and len(frames) < 60:
            code = frame.f_code
            frames.append((code.co_filename, frame.f_lineno, code.co_name))
            frame = frame.f_back
        stack = tuple(reversed(frames))
        found = self._ids.get(stack)
        if found is None:
            found = self._ids[stack] = len(self.stacks)
            self.stacks.append(stack)
        return found

    def _run(self) -> None:
        me = threading.get_ident()
        due = time.perf_counter() + self.interval
        while not self._stop.is_set():
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            at = time.perf_counter()
            frames = sys._current_frames()
            main = frames.get(self.main)  # type: ignore[arg-type]
            others = tuple(
                (ident, self._intern(frame))
                for ident, frame in frames.items()
                if ident not in (me, self.main)
            )
            self.samples.append(
                Sample(
                    at,
                    at - due,
                    self._intern(main) if main else -1,
                    others,
                    self.event,
                    run_delay_s(),
                )
            )
            del frames, main
            due = max(due + self.interval, at)

    def between(self, start: float, end: float) -> list[Sample]:
        times = [s.at for s in self.samples]  # appended in order
        return self.samples[bisect.bisect_right(times, start) : bisect.bisect_right(times, end)]


class QtEventNoter(QObject):
    """An application event filter that notes the event the GUI thread starts dispatching
    (its type and receiver class), for stalls spent in Qt's C++ with no Python frame."""

    def __init__(self, sampler: StackSampler) -> None:
        super().__init__()
        self.sampler = sampler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.sampler.event = (int(event.type().value), watched.metaObject().className())
        return False


#: Functions of this module that are the harness around the program, not the program.
HARNESS = {"wait_until", "check", "_tick", "eventFilter"}


def program_part(stack: tuple[Frame, ...]) -> tuple[Frame, ...]:
    """The part of a GUI-thread stack that is the program: after the harness's event loop."""
    here = __file__
    last = -1
    for i, (filename, _line, function) in enumerate(stack):
        if filename == here and function in ("wait_until", "run_measurements", "main"):
            last = i
    rest = stack[last + 1 :]
    while rest and rest[-1][0] == here and rest[-1][2] in HARNESS:
        rest = rest[:-1]
    return rest


def short_path(filename: str) -> str:
    for marker in ("/site-packages/", "/work/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return Path(filename).name


def show_frames(frames: Sequence[Frame], depth: int = 4) -> str:
    if not frames:
        return "(no Python frame)"
    chosen = frames[-depth:]
    return " → ".join(f"{short_path(f)}:{line} {fn}" for f, line, fn in chosen)


def thread_name(ident: int, main: int | None) -> str:
    if ident == main:
        return "the GUI thread"
    thread = threading._active.get(ident)  # type: ignore[attr-defined]
    if thread is not None and thread.name == "stack-sampler":
        return "the stack sampler (whichever thread allocates when the threshold is crossed)"
    return "a worker thread"


def event_name(code: int) -> str:
    with contextlib.suppress(ValueError):
        return QEvent.Type(code).name
    return str(code)


def attribute(sampler: StackSampler, start: float, end: float) -> dict[str, Any]:
    """What the threads did between two ticks (from the samples in that interval).

    The sampler needs the GIL as well: when it woke late for most of the gap, another thread
    held the GIL and the GUI thread was waiting for it (its next Python slot, or the tick
    itself, could not run). The other threads' stacks at the first sample after such a wait
    show the holder: its frame is still on the line of the call that did not let go.
    """
    inside = sampler.between(start, end)
    starved = not inside
    if starved:  # the sampler could not run either: someone held the GIL throughout
        inside = sampler.between(end, end + 0.05)[:1]
    lag = max((s.lag for s in inside), default=0.0)
    expected = (end - start) / sampler.interval
    gil_wait = starved or lag >= 0.5 * (end - start) or len(inside) < 0.5 * expected
    main_parts: Counter[str] = Counter()
    events: Counter[str] = Counter()
    workers: Counter[str] = Counter()
    for sample in inside:
        stack = sampler.stacks[sample.main] if sample.main >= 0 else ()
        part = program_part(stack)
        if part:
            main_parts[show_frames(part, 5)] += 1
        else:
            label = "waiting for the GIL" if gil_wait else "in Qt's C++ (no Python frame)"
            if sample.event is not None:
                label += f", last Qt event {event_name(sample.event[0])} → {sample.event[1]}"
            main_parts[label] += 1
        if sample.event is not None:
            events[f"{event_name(sample.event[0])} → {sample.event[1]}"] += 1
        for _ident, stack_id in sample.others:
            workers[show_frames(sampler.stacks[stack_id], 3)] += 1
    around = sampler.between(start - 0.05, end + 0.05)
    before = [x for x in around if x.at <= start]
    after = [x for x in around if x.at >= end]
    waited = (after[0].waited - before[-1].waited) if before and after else None
    holder = None
    if gil_wait:
        # The sample that ended the longest wait of the sampler (inside the gap, or the first
        # one after it): the GIL had just been let go, its holder is still on that line.
        candidates = inside + sampler.between(end, end + 0.05)[:1]
        if candidates:
            late = max(candidates, key=lambda s: s.lag)
            holder = [show_frames(sampler.stacks[i], 3) for _t, i in late.others]
    overlapping = [run for run in GC.between(start, end) if run[3] - run[2] >= 0.003]
    collections = [
        f"generation {generation} collection of {round((b - a) * 1000, 1)} ms, triggered in "
        f"{thread_name(ident, sampler.main)} (it holds the GIL: every thread stops)"
        for ident, generation, a, b in overlapping
    ]
    covered = sum(min(b, end) - max(a, start) for _i, _g, a, b in overlapping)
    if covered >= 0.5 * (end - start):
        holder = ["the garbage collector"]
    return {
        "samples": len(inside),
        "sampler_starved": starved,
        "max_sampler_lag_ms": round(lag * 1000, 1),
        "gil_held_elsewhere": gil_wait,
        # Our threads' time runnable without a CPU around the gap (other processes had them).
        "threads_waited_for_cpu_ms": round(waited * 1000, 1) if waited is not None else None,
        "gil_holder_candidates": holder,
        "garbage_collections": collections,
        "gui_thread": [f"{n}× {text}" for text, n in main_parts.most_common(3)],
        "qt_event": [f"{n}× {text}" for text, n in events.most_common(2)],
        "other_threads": [f"{n}× {text}" for text, n in workers.most_common(3)],
    }


def stall_figures(
    ticker: Ticker, sampler: StackSampler, start: float, end: float, top: int = 3
) -> dict[str, Any]:
    gaps = ticker.gaps(start, end)
    if not gaps:
        return {"ticks": 0}
    lengths = [(b - a) * 1000 for a, b in gaps]
    ordered = sorted(range(len(gaps)), key=lambda i: lengths[i], reverse=True)
    tops = []
    for i in ordered[:top]:
        a, b = gaps[i]
        tops.append(
            {"gap_ms": round(lengths[i], 1), "at_s": round(a - start, 3)} | attribute(sampler, a, b)
        )
    late = [i for i in ordered if lengths[i] >= ATTRIBUTE_MS]
    # What the GUI thread did in every gap over ATTRIBUTE_MS, weighted by the time lost.
    blame: defaultdict[str, float] = defaultdict(float)
    for i in late:
        a, b = gaps[i]
        found = attribute(sampler, a, b)
        if found["garbage_collections"] and found["gil_holder_candidates"] == [
            "the garbage collector"
        ]:
            label = "garbage collection: " + found["garbage_collections"][0].split(" of ")[0]
        elif found["gil_held_elsewhere"] and found["gil_holder_candidates"]:
            label = "GIL held by: " + " | ".join(found["gil_holder_candidates"])
        elif found["gui_thread"]:
            label = found["gui_thread"][0].split("× ", 1)[1]
        else:
            label = "?"
        blame[label] += lengths[i] - TICK_MS
    return {
        "ticks": len(gaps) + 1,
        "window_s": round(end - start, 3),
        "max_gap_ms": round(max(lengths), 1),
        "p99_gap_ms": round(percentile(lengths, 0.99), 1),
        "p999_gap_ms": round(percentile(lengths, 0.999), 1),
        "median_gap_ms": round(statistics.median(lengths), 2),
        "gaps_over_50_ms": sum(1 for x in lengths if x > 50),
        "gaps_over_100_ms": sum(1 for x in lengths if x > 100),
        "time_in_gaps_over_25_ms_s": round(sum(lengths[i] for i in late) / 1000, 3),
        "top": tops,
        "blame_ms": [
            [text, round(ms, 1)]
            for text, ms in sorted(blame.items(), key=lambda tm: tm[1], reverse=True)[:6]
        ],
        "gc": GC.figures(start, end),
    }


# -- paints of the inbox table ----------------------------------------------------------------


@dataclass
class PaintWait:
    """The paint we wait for: the first one that has rows (``rows``), or the first one after
    the model applied a new query's first page (``reload``)."""

    table: CaseTable
    since: float
    mode: str
    reloaded_at: float | None = None
    arrived_at: float | None = None  # the Paint event reached the viewport (event filter)
    painted_at: float | None = None  # paintEvent returned
    rows: int = 0
    visible_rows: int = 0

    @property
    def done(self) -> bool:
        return self.painted_at is not None


class PaintProbe(QObject):
    """An event filter on the inbox viewport (a Paint event arrives) and a wrapper around
    ``CaseTable.paintEvent`` (it ends), and the model's ``reloaded`` signal."""

    def __init__(self) -> None:
        super().__init__()
        self.wait: PaintWait | None = None
        self._arrived: float | None = None
        self.paints = 0

    def watch(self, panel: InboxPanel) -> None:
        panel.table.viewport().installEventFilter(self)
        panel.model.reloaded.connect(self._reloaded)

    def expect(self, table: CaseTable, since: float, mode: str) -> PaintWait:
        self.wait = PaintWait(table, since, mode)
        return self.wait

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._arrived = time.perf_counter()
        return False

    def _reloaded(self) -> None:
        wait = self.wait
        if wait is not None and wait.reloaded_at is None:
            wait.reloaded_at = time.perf_counter()

    def painted(self, table: CaseTable, started: float, ended: float) -> None:
        self.paints += 1
        wait = self.wait
        if wait is None or wait.done or table is not wait.table:
            return
        model = table.model()
        rows = model.rowCount() if model is not None else 0
        if wait.mode == "rows" and rows == 0:
            return
        if wait.mode == "reload" and wait.reloaded_at is None:
            return
        wait.arrived_at = self._arrived if self._arrived is not None else started
        wait.painted_at = ended
        wait.rows = rows
        height = table.verticalHeader().defaultSectionSize() or 1
        wait.visible_rows = min(rows, table.viewport().height() // height)


#: Made once the application exists (a QObject); CaseTable.paintEvent reports to it.
PROBE: PaintProbe | None = None
_original_paint = CaseTable.paintEvent


def _timed_paint(self: CaseTable, event: Any) -> None:
    started = time.perf_counter()
    _original_paint(self, event)
    if PROBE is not None:
        PROBE.painted(self, started, time.perf_counter())


def probe() -> PaintProbe:
    assert PROBE is not None
    return PROBE


# -- the event loop ---------------------------------------------------------------------------


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop (as app.exec() would) until ``predicate()`` holds."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s

    def check() -> None:
        if predicate() or time.perf_counter() > deadline:
            loop.quit()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if not predicate():
        raise TimeoutError(f"no {what} within {timeout_s:.0f} s")


def settled(window: MainWindow, runner: TaskRunner) -> bool:
    return runner.pending == 0 and not window.inbox.model.loading


# -- the portal simulator ---------------------------------------------------------------------


class SimulatorProcess:
    """``backoffice simulator --generate N`` as a process of its own; stopped with SIGTERM."""

    def __init__(self, folder: Path, keys: SubscriberKeys, count: int, attachments: int) -> None:
        jwks = folder / "subscriber-jwks.json"
        jwks.write_text(json.dumps(keys.export_public_jwks()), encoding="utf-8")
        self.info_file = folder / "simulator-info.json"
        self.log_file = folder / "simulator.log"
        command = [
            sys.executable,
            "-m",
            "backoffice.cli",
            "simulator",
            "--generate",
            str(count),
            "--seed",
            "5",
            "--attachments",
            str(attachments),
            "--info",
            str(self.info_file),
            "--subscriber-jwks",
            str(jwks),
        ]
        self.started = time.perf_counter()
        with self.log_file.open("wb") as log_file:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file
            )
        self.generation_s: float | None = None

    def wait_ready(self, timeout_s: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while not self.info_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log_file.read_text("utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"the simulator did not start (log):\n{tail}")
            time.sleep(0.05)
        time.sleep(0.05)  # the info file is written in one go, but be sure it is complete
        self.generation_s = round(time.perf_counter() - self.started, 2)
        info: dict[str, Any] = json.loads(self.info_file.read_text("utf-8"))
        return info

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def build_services(
    db: Database, info: dict[str, Any] | None, keys: SubscriberKeys | None
) -> DesktopServices:
    """The bundle as build_desktop_services makes it, with the portal being the simulator
    (a fresh SubscriberClient per sync, as the program does). "Now" is the world's fixed
    Tuesday, so that the overdue filter means what it means in the listing benchmark."""
    catalogue = CatalogueService(db)
    open_intake = None
    destinations: tuple[str, ...] = ()
    if info is not None and keys is not None:

        @contextmanager
        def open_intake_session() -> Iterator[IntakeService]:
            client = SubscriberClient(
                info["base_url"],
                info["token_url"],
                ClientCredentials(
                    info["subscriber"]["client_id"], info["subscriber"]["client_secret"]
                ),
                timeouts=Timeouts(connect=5, read=60, body=300),
                retry=RetryPolicy(attempts=2, backoff=0.05, backoff_max=0.2),
            )
            try:
                yield portal_services(
                    db, CatalogueService(db), client, KeyCrypto(keys, client.get_jwks)
                ).intake
            finally:
                client.close()

        open_intake = open_intake_session
        destinations = (info["destination_id"],)
    return DesktopServices(
        db=db,
        casework=Casework.build(db, WorkingCalendar(), lambda: NOW),
        users=UserService(db),
        catalogue=catalogue,
        documents=DocumentService(db),
        attachments=AttachmentService(db),
        delivery=DeliveryService(db),
        citizen=CitizenMessages(db, lambda: NOW),
        print_queue=PrintQueueService(db, lambda: NOW),
        open_intake=open_intake,
        destinations=destinations,
        sync_interval_minutes=0,  # no automatic sync: the benchmark starts the one it times
    )


# -- the measurements -------------------------------------------------------------------------


@dataclass
class Setup:
    app: QApplication
    services: DesktopServices
    runner: TaskRunner
    settings: UiSettings
    actor: Any
    ticker: Ticker
    sampler: StackSampler
    simulator_pid: int | None = None
    postmaster_pid: int | None = None
    errors: list[BaseException] = field(default_factory=list)
    #: When the task runner last became idle (busy_changed(False)).
    idle_at: list[float] = field(default_factory=list)

    def busy_changed(self, busy: bool) -> None:
        if not busy:
            self.idle_at.append(now())

    def cpu(self) -> CpuClock:
        return CpuClock.read(self.simulator_pid, self.postmaster_pid)

    def idle_since(self, start: float) -> float:
        """When the workers last went idle, if after ``start`` (else now)."""
        return self.idle_at[-1] if self.idle_at and self.idle_at[-1] >= start else now()


def open_window(setup: Setup) -> tuple[MainWindow, dict[str, Any]]:
    """A fresh window, timed from just before its construction to its first painted rows."""
    t0 = now()
    context = build_context(setup.services, setup.actor, "de", setup.runner)
    window = MainWindow(context, setup.settings)
    built = now()
    probe().watch(window.inbox)
    wait = probe().expect(window.inbox.table, t0, "rows")
    window.show()
    shown = now()
    window.start()
    started = now()
    wait_until(lambda: wait.done, 120, "painted rows in a new window")
    rss_painted = rss_mb()
    wait_until(lambda: settled(window, setup.runner), 300, "the startup tasks to end")
    settled_at = setup.idle_since(t0)
    assert wait.painted_at is not None and wait.arrived_at is not None
    ms = lambda t: round((t - t0) * 1000, 1)  # noqa: E731
    figures = {
        "construct_ms": ms(built),
        "show_ms": ms(shown),
        "start_ms": ms(started),
        "first_page_ms": ms(wait.reloaded_at) if wait.reloaded_at else None,
        "paint_arrived_ms": ms(wait.arrived_at),
        "painted_ms": ms(wait.painted_at),
        "paint_ms": round((wait.painted_at - wait.arrived_at) * 1000, 1),
        "settled_ms": ms(settled_at),
        "rows": wait.rows,
        "visible_rows": wait.visible_rows,
        "rss_mb_painted": rss_painted,
        "stalls_after_start": stall_figures(setup.ticker, setup.sampler, started, settled_at, 3),
    }
    return window, figures


def close_window(window: MainWindow, setup: Setup) -> None:
    wait_until(lambda: setup.runner.pending == 0, 300, "idle workers")
    window.shut_down()
    window.hide()
    shiboken6.delete(window)  # deleted by Qt, as run_gui does
    setup.app.processEvents()


def choose(combo: Any, value: str) -> None:
    """A clerk's choice in a combo box: the current item changes, ``activated`` follows."""
    index = combo.findData(value)
    assert index >= 0, f"no entry {value!r}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def to_base(window: MainWindow, setup: Setup) -> None:
    """Back to all cases, open, every service, no search; every worker idle."""
    inbox = window.inbox
    if inbox.selection.search:
        inbox.search.setText("")
        inbox.search.returnPressed.emit()
    if inbox.selection.scope != "all":
        inbox.scope_buttons["all"].click()
    if inbox.selection.status != OPEN:
        choose(inbox.status_combo, OPEN)
    if inbox.selection.service:
        choose(inbox.service_combo, "")
    wait_until(lambda: settled(window, setup.runner), 300, "the base view")


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    prepare: Callable[[InboxPanel], None]  # before the clock (typing the search text)
    act: Callable[[InboxPanel], None]  # the timed user action


def scenarios(config: dict[str, Any]) -> list[Scenario]:
    def scope(name: str) -> Scenario:
        return Scenario(
            name,
            f"quick filter: {name}",
            lambda _inbox: None,
            lambda inbox: inbox.scope_buttons[name].click(),
        )

    def search(key: str, text: str, what: str) -> Scenario:
        return Scenario(
            key,
            f"search {what} '{text}'",
            lambda inbox: inbox.search.setText(text),
            lambda inbox: inbox.search.returnPressed.emit(),
        )

    status, service = config["status"], config["service"]
    return [
        scope("mine"),
        scope("unassigned"),
        scope("overdue"),
        Scenario(
            "status",
            f"status: {status}",
            lambda _inbox: None,
            lambda inbox: choose(inbox.status_combo, status),
        ),
        Scenario(
            "service",
            f"service: {service}",
            lambda _inbox: None,
            lambda inbox: choose(inbox.service_combo, service),
        ),
        search("search_name", config["common_name"], "common name"),
        search("search_file_number", config["file_number"], "file number"),
        search("search_no_hits", config["no_hits"], "no hits"),
    ]


def measure_filter(window: MainWindow, setup: Setup, scenario: Scenario, runs: int) -> dict:
    inbox = window.inbox
    painted: list[float] = []
    pages: list[float] = []
    counts: list[float] = []
    paint_only: list[float] = []
    stalls: list[float] = []
    rows = count = 0
    for run in range(runs + 1):  # the first run warms up
        to_base(window, setup)
        scenario.prepare(inbox)
        t0 = now()
        wait = probe().expect(inbox.table, t0, "reload")
        scenario.act(inbox)
        wait_until(lambda: wait.done, 120, f"the repaint after {scenario.label}")  # noqa: B023
        wait_until(lambda: settled(window, setup.runner), 300, "the counts")
        end = setup.idle_since(t0)
        if run == 0:
            continue
        assert wait.painted_at is not None and wait.reloaded_at is not None
        painted.append((wait.painted_at - t0) * 1000)
        pages.append((wait.reloaded_at - t0) * 1000)
        paint_only.append((wait.painted_at - (wait.arrived_at or wait.painted_at)) * 1000)
        counts.append((end - t0) * 1000)
        stall = stall_figures(setup.ticker, setup.sampler, t0, end, 0)
        stalls.append(stall.get("max_gap_ms", 0.0))
        rows = wait.rows
        count = inbox.count_of("current") or 0

    def summary(values: list[float]) -> dict[str, Any]:
        return {
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "samples_ms": [round(v, 1) for v in values],
        }

    return {
        "label": scenario.label,
        "rows": rows,
        "count": count,
        "repaint": summary(painted),
        "page": summary(pages),
        "paint": summary(paint_only),
        "counts": summary(counts),
        "max_stall_ms": round(max(stalls), 1) if stalls else None,
    }


def measure_sync(window: MainWindow, setup: Setup, expected: int) -> dict[str, Any]:
    to_base(window, setup)
    noter = QtEventNoter(setup.sampler)
    outcome: list[tuple[SyncOutcome, float]] = []
    progress: list[float] = []
    refresh: list[PaintWait] = []

    def finished(result: SyncOutcome) -> None:
        # Runs after the main window's own slot, which asked for the inbox refresh.
        outcome.append((result, now()))
        refresh.append(probe().expect(window.inbox.table, now(), "reload"))

    window.sync.finished.connect(finished)
    window.sync.progressed.connect(lambda _report: progress.append(now()))
    rows_before = window.inbox.model.case_ids()[:1]
    setup.app.installEventFilter(noter)
    log(f"  sync of {expected} submissions started…")
    clock = setup.cpu()
    t0 = now()
    window.sync_action.trigger()
    triggered = now()
    wait_until(lambda: bool(outcome), 3600, "end of the sync")
    wait_until(lambda: refresh[0].done, 300, "the inbox repaint after the sync")
    wait_until(lambda: settled(window, setup.runner), 300, "the refresh after the sync")
    end = now()
    cpu = setup.cpu().since(clock)
    setup.app.removeEventFilter(noter)
    result, finished_at = outcome[0]
    reports = [r.as_counts() | {"error": r.error} for r in result.reports]
    accepted = sum(r.accepted for r in result.reports)
    rejected = sum(r.rejected for r in result.reports)
    painted = refresh[0].painted_at
    assert painted is not None
    figures = {
        "submissions": expected,
        "accepted": accepted,
        "rejected": rejected,
        "failure": repr(result.failure) if result.failure else None,
        "reports": reports,
        "trigger_ms": round((triggered - t0) * 1000, 1),
        "sync_s": round(finished_at - t0, 2),
        "refreshed_painted_s": round(painted - t0, 2),
        "settled_s": round(end - t0, 2),
        "progress_reports": len(progress),
        "cpu": cpu,
        "new_top_row": window.inbox.model.case_ids()[:1] != rows_before,
        "stalls": stall_figures(setup.ticker, setup.sampler, t0, end, 3),
        "stalls_after_sync": stall_figures(setup.ticker, setup.sampler, finished_at, end, 1),
    }
    window.sync.finished.disconnect(finished)
    return figures


def run_measurements(config: dict[str, Any], folder: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {"pid": os.getpid(), "rss_mb_at_start": rss_mb()}
    started = now()
    keys = session_keys()
    figures["keys_s"] = round(now() - started, 2)
    simulator = SimulatorProcess(folder, keys, config["submissions"], config["attachments"])
    try:
        info = simulator.wait_ready(timeout_s=600 + config["submissions"])
        figures["simulator_generation_s"] = simulator.generation_s
        log(
            f"  simulator (pid {simulator.process.pid}) generated {config['submissions']} "
            f"submissions in {simulator.generation_s} s"
        )
        figures.update(measure_gui(config, folder, info, keys, simulator.process.pid))
    finally:
        simulator.stop()
    return figures


def measure_gui(
    config: dict[str, Any],
    folder: Path,
    info: dict[str, Any],
    keys: SubscriberKeys,
    simulator_pid: int,
) -> dict[str, Any]:
    global PROBE
    figures: dict[str, Any] = {}
    db = Database(config["url"])
    services = build_services(db, info, keys)
    actor = services.users.by_login(config["login"]).as_actor()

    # As run_gui: the application object, the True-refcount guard, locale, translators.
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    guard = TrueRefcountGuard(app)
    figures["true_refcount_guard_active"] = guard.start()
    QLocale.setDefault(QLocale(QLocale.Language.German))
    translators = install_translators(app, "de")
    runner = TaskRunner(app)
    settings = UiSettings.at(folder / "ui.ini")
    settings.refresh_seconds = 0  # no periodic refresh in the middle of a measurement
    figures["rss_mb_app_up"] = rss_mb()
    PROBE = PaintProbe()
    CaseTable.paintEvent = _timed_paint  # type: ignore[method-assign]
    ticker = Ticker()
    sampler = StackSampler()
    setup = Setup(
        app,
        services,
        runner,
        settings,
        actor,
        ticker,
        sampler,
        simulator_pid,
        config.get("postmaster_pid"),
    )
    runner.unhandled_error.connect(setup.errors.append)
    runner.busy_changed.connect(setup.busy_changed)
    ticker.start()
    sampler.start()
    GC.start()
    window: MainWindow | None = None
    try:
        # 1. First paint, in fresh windows.
        paints = []
        clock = setup.cpu()
        for number in range(config["windows"]):
            if window is not None:
                close_window(window, setup)
            window, run = open_window(setup)
            log(
                f"  window {number + 1}: rows painted after {run['painted_ms']:.0f} ms "
                f"(construct {run['construct_ms']:.0f}, first page {run['first_page_ms']:.0f}, "
                f"all counts {run['settled_ms']:.0f}); RSS {run['rss_mb_painted']} MiB"
            )
            paints.append(run)
        assert window is not None
        figures["first_paint"] = paints
        figures["first_paint_cpu"] = setup.cpu().since(clock)
        figures["rss_mb_window_up"] = paints[0]["rss_mb_painted"]
        figures["rss_mb_after_windows"] = rss_mb()
        figures["maxrss_mb_after_windows"] = maxrss_mb()

        # 2. Filters and searches.
        phase = now()
        clock = setup.cpu()
        filters = {}
        for scenario in scenarios(config):
            filters[scenario.key] = measure_filter(window, setup, scenario, config["runs"])
            done = filters[scenario.key]
            log(
                f"  {scenario.label}: repaint median {done['repaint']['median_ms']} ms, "
                f"p95 {done['repaint']['p95_ms']} ms ({done['rows']} rows, {done['count']} cases)"
            )
        to_base(window, setup)
        figures["filters"] = filters
        figures["filter_cpu"] = setup.cpu().since(clock)
        figures["filter_phase_stalls"] = stall_figures(ticker, sampler, phase, now(), 3)
        figures["rss_mb_after_filters"] = rss_mb()
        figures["maxrss_mb_after_filters"] = maxrss_mb()

        # 3. The sync.
        figures["sync"] = measure_sync(window, setup, config["submissions"])
        figures["rss_mb_after_sync"] = rss_mb()
        figures["maxrss_mb"] = maxrss_mb()
        # What a full garbage collection has to walk (after the peak was read: the list costs).
        figures["gc_tracked_objects"] = len(gc.get_objects())
        figures["gc_frozen_objects"] = gc.get_freeze_count()
        sync = figures["sync"]
        log(
            f"  sync: {sync['accepted']} accepted in {sync['sync_s']} s, inbox repainted at "
            f"{sync['refreshed_painted_s']} s; longest GUI stall "
            f"{sync['stalls'].get('max_gap_ms')} ms"
        )
    finally:
        GC.stop()
        ticker.stop()
        sampler.stop()
        if window is not None:
            with contextlib.suppress(TimeoutError):
                wait_until(lambda: runner.pending == 0, 60, "idle workers")
            window.shut_down()
        runner.shutdown()
        if window is not None:
            shiboken6.delete(window)
        guard.stop()
        guard.top_up()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
    figures["errors"] = [repr(e) for e in setup.errors]
    figures["stack_samples"] = len(sampler.samples)
    figures["switch_interval_ms"] = sys.getswitchinterval() * 1000
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m tests.benchmarks.gui_window CONFIG.json", file=sys.stderr)
        return 2
    config = json.loads(Path(args[0]).read_text("utf-8"))
    with tempfile.TemporaryDirectory(prefix="backoffice-gui-bench-") as folder:
        figures = run_measurements(config, Path(folder))
    Path(config["output"]).write_text(json.dumps(figures, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
