"""The desktop program on 100,000 cases: first paint, filter/search repaint, memory, and the
GUI thread during a sync of 500 submissions (offscreen Qt, real window, real services).

    .venv/bin/python -m tests.benchmarks.run --only gui [--backend both] [--cases 2000]

(once ``"gui": "tests.benchmarks.gui",`` is in run.py's BENCHMARKS), or without that entry
(then both backends are populated in one process; the measurements still run in their own):

    .venv/bin/python -m tests.benchmarks.gui [the same options as run.py]

Targets (the product issue): first paint under 1.5 s, filter/search repaint under 100 ms, no
GUI stall over 100 ms during a sync of 500 submissions, under 300 MB.

Per backend, this process (the run.py child) populates the database with ``build_world`` (timed,
not part of the figures) and then starts, one after another:

1. **cold starts** (tests/benchmarks/gui_coldstart.py): the real program
   (``backoffice --database URL --as sb.sommer --language de``) in a fresh interpreter, closed
   once the inbox has painted rows; one unmeasured start (OS caches, translations compiled),
   then ``COLD_STARTS`` measured ones. The clock starts just before the process is launched.
2. **the measuring process** (tests/benchmarks/gui_window.py, see its documentation for what
   each clock covers): a process of its own, so that its peak RSS is the desktop program's and
   not the population's. It starts the portal simulator as a third process
   (``backoffice simulator --generate N --attachments 1``), opens ``WINDOWS`` fresh windows
   (first paint), times every quick filter and three searches (``--runs`` runs each after a
   warm-up), then syncs the N submissions while a 5 ms timer watches the GUI thread and a
   sampler records every thread's stack.

Acting user: the clerk sb.sommer ("mine": 2,500 open cases). "Today" is the world's fixed Tuesday
(tests.benchmarks.population.NOW), so "overdue" means what it means in the listing benchmark.
Submissions: 500, or 50 when ``--cases`` is below 10,000 (a smoke run); ``BENCH_GUI_SUBMISSIONS``
overrides, ``BENCH_GUI_WINDOWS`` and ``BENCH_GUI_COLD_STARTS`` likewise.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from backoffice.store.models import Case

from .common import Context, load_average, peak_rss_mb, print_table
from .population import CLERKS, World, build_world

NAME = "gui"
DESCRIPTION = (
    "desktop window on N cases: first paint, filter/search repaint, memory, "
    "GUI-thread stalls during a sync of 500 submissions (offscreen Qt)"
)

ROOT = Path(__file__).resolve().parents[2]
LOGIN = CLERKS[0][0]  # sb.sommer
SERVICE = "registration_certificate_simple"
STATUS = "in_progress"
COMMON_NAME = "müller"
NO_HITS = "qqxzyv"

FIRST_PAINT_MS = 1500.0
REPAINT_MS = 100.0
STALL_MS = 100.0
MEMORY_MB = 300.0


def _setting(name: str, default: int) -> int:
    value = os.environ.get(f"BENCH_GUI_{name}")
    return int(value) if value else default


def _file_number(world: World) -> str:
    """A file number from the middle of the load (as the listing benchmark searches)."""
    with world.db.read() as session:
        number = session.scalar(
            select(Case.file_number)
            .where(Case.id >= max(world.cases // 3, 1))
            .order_by(Case.id)
            .limit(1)
        )
    assert number is not None, "the world has no cases"
    return str(number)


def postmaster_pid(backend: Any) -> int | None:
    """The PostgreSQL server's main process (its CPU time is reported apart)."""
    cluster: Any = getattr(backend, "cluster", None)
    with contextlib.suppress(OSError, ValueError, IndexError, AttributeError):
        return int((Path(cluster.data_dir) / "postmaster.pid").read_text().split()[0])
    return None


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def cold_starts(url: str, folder: Path, count: int, log: Callable[[str], None]) -> list[dict]:
    """The real program in fresh interpreters: one unmeasured start, then ``count``."""
    data_dir = folder / "installation"
    results: list[dict] = []
    if count < 1:
        return results
    for number in range(count + 1):
        output = folder / f"cold-{number}.json"
        config = folder / f"cold-{number}-config.json"
        config.write_text(
            json.dumps(
                {
                    "url": url,
                    "login": LOGIN,
                    "data_dir": str(data_dir),
                    "output": str(output),
                    "launched": time.time(),
                }
            ),
            encoding="utf-8",
        )
        result = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.gui_coldstart", str(config)],
            cwd=ROOT,
            env=_child_env(),
            check=False,
            timeout=300,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not output.exists():
            raise RuntimeError(
                f"cold start {number} failed (exit code {result.returncode}):\n"
                + result.stderr[-3000:]
            )
        figures = json.loads(output.read_text("utf-8"))
        if number == 0:
            continue
        marks = figures["marks_ms"]
        log(
            f"  cold start {number}: rows painted {marks['painted']:.0f} ms after launch "
            f"(window construction began at {marks['window_construction']:.0f} ms)"
        )
        results.append(figures)
    return results


def run(ctx: Context) -> dict[str, Any]:
    options, backend, log = ctx.options, ctx.backend, ctx.log
    submissions = _setting("SUBMISSIONS", 500 if options.cases >= 10_000 else 50)
    windows = _setting("WINDOWS", 5)
    cold_count = _setting("COLD_STARTS", 3)
    figures: dict[str, Any] = {
        "backend": backend.name,
        "server": backend.describe(),
        "cases": options.cases,
        "populate": options.populate,
        "runs": options.runs,
        "windows": windows,
        "submissions": submissions,
        "login": LOGIN,
        "load_average_start": load_average(),
    }
    log(f"\n== gui benchmark on {backend.describe()}")
    db = backend.new_database("gui")
    log(f"  populating {options.cases:,} cases ({options.populate} path; not part of the figures)…")
    world = build_world(
        db,
        options.cases,
        method=options.populate,
        seed=options.seed,
        spread_days=options.spread_days,
        attachments=options.attachments,
        setup_sql=options.setup_sql,
        analyze=backend.analyze if options.analyze else None,
        log=log,
    )
    figures["population_s"] = {k: round(v, 2) for k, v in world.timings_s.items()}
    figures["data_fingerprint"] = world.fingerprint
    file_number = _file_number(world)
    url = db.url.render_as_string(hide_password=False)
    db.dispose()  # this process keeps no connection while the program works

    with tempfile.TemporaryDirectory(prefix="backoffice-gui-") as name:
        folder = Path(name)
        log(f"  cold starts of the program ({cold_count} after one unmeasured)…")
        figures["cold_starts"] = cold_starts(url, folder, cold_count, log)
        config: dict[str, Any] = {
            "url": url,
            "login": LOGIN,
            "runs": options.runs,
            "windows": windows,
            "submissions": submissions,
            "attachments": 1,
            "status": STATUS,
            "service": SERVICE,
            "common_name": COMMON_NAME,
            "file_number": file_number,
            "no_hits": NO_HITS,
            "output": str(folder / "window.json"),
            "postmaster_pid": postmaster_pid(backend),
        }
        config_file = folder / "window-config.json"
        config_file.write_text(json.dumps(config), encoding="utf-8")
        log("  the measuring process (windows, filters, sync)…")
        result = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.gui_window", str(config_file)],
            cwd=ROOT,
            env=_child_env(),
            check=False,
            timeout=7200,
        )
        if result.returncode != 0:
            raise RuntimeError(f"the measuring process failed (exit code {result.returncode})")
        figures["window"] = json.loads(Path(config["output"]).read_text("utf-8"))
    figures["load_average_end"] = load_average()
    figures["orchestrator_peak_rss_mb"] = round(peak_rss_mb(), 1)
    figures["targets"] = targets(figures)
    report(ctx, figures)
    return figures


# -- judging and printing ---------------------------------------------------------------------


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    """The four targets of the issue: the figure, the target, met or not."""
    window = figures["window"]
    paints = [run["painted_ms"] for run in window["first_paint"]]
    cold = [c["marks_ms"]["painted"] for c in figures["cold_starts"]]
    worst_filter = max(f["repaint"]["p95_ms"] for f in window["filters"].values())
    worst_median = max(f["repaint"]["median_ms"] for f in window["filters"].values())
    stall = window["sync"]["stalls"]["max_gap_ms"]
    memory = window["maxrss_mb"]

    def verdict(value: float, limit: float) -> str:
        return "met" if value < limit else "MISSED"

    return {
        "first_paint_window_median_ms": round(_median(paints), 1),
        "first_paint_window_max_ms": max(paints),
        "first_paint_cold_median_ms": round(_median(cold), 1) if cold else None,
        "first_paint_cold_max_ms": max(cold) if cold else None,
        "first_paint": verdict(max(paints), FIRST_PAINT_MS),
        "first_paint_cold": verdict(max(cold), FIRST_PAINT_MS) if cold else None,
        "repaint_worst_median_ms": worst_median,
        "repaint_worst_p95_ms": worst_filter,
        "repaint": verdict(worst_filter, REPAINT_MS),
        "sync_max_stall_ms": stall,
        "stall": verdict(stall, STALL_MS),
        "peak_rss_mb": memory,
        "memory": verdict(memory, MEMORY_MB),
    }


def report(ctx: Context, figures: dict[str, Any]) -> None:
    log, name = ctx.log, ctx.backend.name
    window = figures["window"]
    population = figures["population_s"]
    log(
        "\n  population (not measured below): "
        + ", ".join(f"{k} {v:.1f} s" for k, v in population.items())
    )
    rows = []
    for number, run in enumerate(window["first_paint"], 1):
        rows.append(
            [
                number,
                run["construct_ms"],
                run["start_ms"],
                run["first_page_ms"],
                run["painted_ms"],
                run["paint_ms"],
                run["settled_ms"],
                run["stalls_after_start"].get("max_gap_ms"),
                run["rows"],
                run["rss_mb_painted"],
            ]
        )
    print_table(
        [
            "window",
            "built",
            "shown+start",
            "1st page",
            "PAINTED",
            "paint",
            "counts",
            "max stall",
            "rows",
            "RSS MiB",
        ],
        rows,
        title=(
            f"[{name}] first paint, {figures['cases']:,} cases, as {figures['login']} — ms from "
            "just before MainWindow() to the end of the first paint of the inbox viewport with "
            "rows (startup data and first page through the worker); 'counts': every startup "
            "task delivered; window 1 is the first of the process"
        ),
        log=log,
    )
    cold = figures["cold_starts"]
    if cold:
        crow = []
        for number, c in enumerate(cold, 1):
            m = c["marks_ms"]
            crow.append(
                [
                    number,
                    m["interpreter_ready"],
                    m["qt_and_ui_imported"],
                    m["cli_imported"],
                    m["window_construction"],
                    m["window_start"],
                    m["painted"],
                    c["maxrss_mb"],
                ]
            )
        print_table(
            [
                "cold",
                "python up",
                "Qt+ui imported",
                "cli imported",
                "MainWindow()",
                "start()",
                "PAINTED",
                "maxrss MiB",
            ],
            crow,
            title=(
                f"[{name}] cold start of the real program (backoffice --database URL --as "
                f"{figures['login']}) — ms after the process was launched"
            ),
            log=log,
        )
    frows = []
    for f in window["filters"].values():
        frows.append(
            [
                f["label"],
                f["rows"],
                f["count"],
                f["repaint"]["median_ms"],
                f["repaint"]["p95_ms"],
                f["page"]["median_ms"],
                f["paint"]["median_ms"],
                f["counts"]["median_ms"],
                f["max_stall_ms"],
                "met" if f["repaint"]["p95_ms"] < REPAINT_MS else "MISSED",
            ]
        )
    print_table(
        [
            "action",
            "rows",
            "cases",
            "REPAINT med",
            "p95",
            "page med",
            "paint med",
            "counts med",
            "max stall",
            "< 100 ms",
        ],
        frows,
        title=(
            f"[{name}] filter/search → repaint, ms, {figures['runs']} runs after a warm-up, "
            "from the click / combo choice / Enter (search: debounce excluded) to the end of the "
            "next viewport paint after the new first page; 'page': first page applied; "
            "'counts': filter-bar counts delivered"
        ),
        log=log,
    )
    sync = window["sync"]
    stalls = sync["stalls"]
    log(
        f"\n[{name}] sync of {sync['submissions']} submissions (1 attachment each) from the "
        f"simulator process: {sync['accepted']} accepted, {sync['rejected']} rejected"
        + (f", failure {sync['failure']}" if sync["failure"] else "")
        + f"; finished after {sync['sync_s']} s, inbox repainted with the new cases at "
        f"{sync['refreshed_painted_s']} s, everything settled at {sync['settled_s']} s"
    )
    log(
        f"  GUI thread (5 ms timer, {stalls['ticks']:,} ticks): longest gap "
        f"{stalls['max_gap_ms']} ms, p99 {stalls['p99_gap_ms']} ms, p99.9 "
        f"{stalls['p999_gap_ms']} ms, median {stalls['median_gap_ms']} ms; gaps > 50 ms: "
        f"{stalls['gaps_over_50_ms']}, > 100 ms: {stalls['gaps_over_100_ms']}"
    )
    cpu = sync.get("cpu")
    if cpu:
        log(
            f"  CPU over those {cpu['wall_s']} s (2 CPUs = {2 * cpu['wall_s']:.0f} CPU-s): "
            f"desktop process {cpu['gui_process_cpu_s']} s (its threads waited "
            f"{cpu['gui_process_waited_for_cpu_s']} s for a CPU), simulator "
            f"{cpu['simulator_cpu_s']} s, database server {cpu['database_server_cpu_s']} s, "
            f"other processes on the machine {cpu['other_processes_cpu_s']} s"
        )
    print_stalls(stalls, log)
    phase = window.get("filter_phase_stalls", {})
    if phase.get("ticks"):
        log(
            f"\n[{name}] for comparison, the GUI thread during the filter runs: longest gap "
            f"{phase['max_gap_ms']} ms, p99 {phase['p99_gap_ms']} ms"
        )
        print_stalls(phase, log)
    first = window["first_paint"][0]["stalls_after_start"]
    if first.get("ticks"):
        log(
            f"\n[{name}] the GUI thread in window 1 from start() until every startup task was "
            f"delivered: longest gap {first['max_gap_ms']} ms"
        )
        print_stalls(first, log)
    log(
        f"\n[{name}] memory of the measuring process: RSS {window['rss_mb_app_up']} MiB with the "
        f"application up, {window['rss_mb_window_up']} MiB at the first painted window, "
        f"{window['rss_mb_after_windows']} MiB after {figures['windows']} windows, "
        f"{window['rss_mb_after_filters']} MiB after the filters, {window['rss_mb_after_sync']} "
        f"MiB after the sync; peak (VmHWM) {window['maxrss_mb_after_windows']} MiB after the "
        f"windows, {window['maxrss_mb']} MiB at the end"
    )
    t = figures["targets"]
    print_table(
        ["target", "figure", "limit", "verdict"],
        [
            [
                "first paint, window (max of runs)",
                t["first_paint_window_max_ms"],
                FIRST_PAINT_MS,
                t["first_paint"],
            ],
            [
                "first paint, cold process (max)",
                t["first_paint_cold_max_ms"],
                FIRST_PAINT_MS,
                t["first_paint_cold"],
            ],
            [
                "filter/search repaint (worst p95)",
                t["repaint_worst_p95_ms"],
                REPAINT_MS,
                t["repaint"],
            ],
            ["GUI stall during the sync (max)", t["sync_max_stall_ms"], STALL_MS, t["stall"]],
            ["peak memory, MiB (VmHWM)", t["peak_rss_mb"], MEMORY_MB, t["memory"]],
        ],
        title=f"[{name}] targets",
        log=log,
    )
    if window.get("errors"):
        log(f"  ERRORS from the program: {window['errors']}")
    log(
        f"  load average (1/5/15 min): {figures['load_average_start']} at start, "
        f"{figures['load_average_end']} at end"
    )


def print_stalls(stalls: dict[str, Any], log: Callable[[str], None]) -> None:
    """The longest gaps between ticks, with what the threads were doing."""
    for i, top in enumerate(stalls.get("top", []), 1):
        log(
            f"  stall {i}: {top['gap_ms']} ms at +{top['at_s']} s; {top['samples']} stack "
            f"samples, sampler woke up to {top['max_sampler_lag_ms']} ms late"
            + (" (GIL held by another thread)" if top.get("gil_held_elsewhere") else "")
            + (
                f"; our threads waited {top['threads_waited_for_cpu_ms']} ms for a CPU"
                if top.get("threads_waited_for_cpu_ms") is not None
                else ""
            )
        )
        for line in top["gui_thread"]:
            log(f"      GUI thread: {line}")
        for line in top.get("garbage_collections") or []:
            log(f"      GC:         {line}")
        for line in top.get("gil_holder_candidates") or []:
            log(f"      GIL holder? {line}")
        for line in top["other_threads"]:
            log(f"      other:      {line}")
    collected = stalls.get("gc")
    if collected:
        log(
            f"  garbage collections meanwhile: {collected['collections']} "
            f"({collected['total_ms']} ms), of which {collected['full_collections']} full ones "
            f"({collected['full_total_ms']} ms, longest {collected['full_max_ms']} ms)"
        )
    if stalls.get("blame_ms"):
        log("  time lost in gaps over 25 ms (beyond the 5 ms tick), by cause:")
        for text, ms in stalls["blame_ms"]:
            log(f"    {ms:8.1f} ms  {text}")


def summarise(by_backend: dict[str, dict[str, Any]], log: Callable[[str], None]) -> None:
    """The targets of every backend side by side."""
    measured = {b: f for b, f in by_backend.items() if f.get("targets")}
    if len(measured) < 2:
        return
    backends = list(measured)
    keys = [
        ("first paint, window median ms", "first_paint_window_median_ms", None),
        ("first paint, window max ms (< 1500)", "first_paint_window_max_ms", "first_paint"),
        ("first paint, cold process median ms", "first_paint_cold_median_ms", None),
        (
            "first paint, cold process max ms (< 1500)",
            "first_paint_cold_max_ms",
            "first_paint_cold",
        ),
        ("filter/search repaint, worst median ms", "repaint_worst_median_ms", None),
        ("filter/search repaint, worst p95 ms (< 100)", "repaint_worst_p95_ms", "repaint"),
        ("max GUI stall during the sync, ms (< 100)", "sync_max_stall_ms", "stall"),
        ("peak RSS MiB (< 300)", "peak_rss_mb", "memory"),
    ]
    rows = []
    for label, key, verdict in keys:
        row: list[Any] = [label]
        for b in backends:
            value = measured[b]["targets"][key]
            judged = measured[b]["targets"].get(verdict) if verdict else None
            row.append(f"{value} {judged}" if judged == "MISSED" else value)
        rows.append(row)
    first = measured[backends[0]]
    print_table(
        ["gui", *backends],
        rows,
        title=f"gui, {first['cases']:,} cases: the issue's targets side by side",
        log=log,
    )


if __name__ == "__main__":
    # Not in run.py's BENCHMARKS yet: register it here and run everything in this process
    # (each backend's measurements still run in processes of their own).
    from . import run as runner

    runner.BENCHMARKS.setdefault(NAME, "tests.benchmarks.gui")
    arguments = sys.argv[1:]
    if "--only" not in arguments:
        arguments += ["--only", NAME]
    if "--in-process" not in arguments and "--child-output" not in arguments:
        arguments.append("--in-process")
    sys.exit(runner.main(arguments))
