"""THE benchmark script of Rathaus Backoffice (not a test: pytest never collects it).

    .venv/bin/python -m tests.benchmarks.run [--cases N] [--only listing]
        [--backend sqlite|postgresql|both] [--runs 7] [--json FILE]

Each benchmark is a module of this package registered in :data:`BENCHMARKS`; it has ``NAME``,
``DESCRIPTION`` and ``run(ctx) -> dict`` (prints its tables, returns its figures) and may have
``summarise(figures_by_backend, log)`` for a side-by-side view of the backends. Every
(backend, benchmark) pair runs in a child process of its own, so that peak RSS belongs to that
pair alone (``--in-process`` runs everything here). The script makes its own databases: SQLite
files in a temporary folder, PostgreSQL on a throwaway cluster (tests/postgres_cluster.py; the
PostgreSQL runs are skipped with a message when the machine has no server binaries).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from .common import BACKENDS, BackendUnavailable, Context, Options, load_average, machine

#: name → module (tests.benchmarks.<module>); add intake, gui here.
BENCHMARKS: dict[str, str] = {
    "listing": "tests.benchmarks.listing",
    "documents": "tests.benchmarks.documents",
    "intake": "tests.benchmarks.intake",
    "gui": "tests.benchmarks.gui",
    "workload": "tests.benchmarks.workload",
    "printing": "tests.benchmarks.printing",
}

ROOT = Path(__file__).resolve().parents[2]


def benchmark(name: str) -> ModuleType:
    return importlib.import_module(BENCHMARKS[name])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run",
        description="Benchmarks of Rathaus Backoffice on SQLite and PostgreSQL.",
    )
    parser.add_argument(
        "--cases", type=int, default=100_000, help="cases to populate (default 100000)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        help="run only this benchmark (repeatable; default: all)",
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgresql", "both"], default="both", help="default both"
    )
    parser.add_argument(
        "--runs", type=int, default=7, help="measured runs per query after a warm-up (default 7)"
    )
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument(
        "--populate",
        choices=["bulk", "service"],
        default="bulk",
        help="bulk: fast multi-row INSERTs of exactly add_cases' rows (default); "
        "service: backoffice.services.demo.add_cases (minutes for 100,000 cases)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed of the case load")
    parser.add_argument(
        "--spread-days",
        type=int,
        default=365,
        help="cases are received over this many days before 'now' (default 365)",
    )
    parser.add_argument(
        "--attachments",
        action="store_true",
        help="also add 0-3 attachment rows per case (1.5 on average, metadata only)",
    )
    parser.add_argument(
        "--setup-sql",
        action="append",
        default=[],
        metavar="SQL",
        help="run after populating, before ANALYZE (repeatable), e.g. to try an index",
    )
    parser.add_argument("--no-analyze", action="store_true", help="skip ANALYZE / PRAGMA optimize")
    parser.add_argument("--no-plans", action="store_true", help="print no query plans")
    parser.add_argument(
        "--slow-ms", type=float, default=100.0, help="plans for medians above this (default 100)"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run everything in this process (peak RSS then covers all runs so far)",
    )
    parser.add_argument("--child-output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cases < 1 or args.runs < 1:
        parser.error("--cases and --runs must be at least 1")
    return args


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        cases=args.cases,
        runs=args.runs,
        seed=args.seed,
        populate=args.populate,
        spread_days=args.spread_days,
        attachments=args.attachments,
        setup_sql=tuple(args.setup_sql),
        analyze=not args.no_analyze,
        plans=not args.no_plans,
        slow_ms=args.slow_ms,
    )


def run_one(backend_name: str, name: str, options: Options) -> dict[str, Any]:
    """One benchmark on one backend, in this process."""
    try:
        backend = BACKENDS[backend_name]()
    except BackendUnavailable as exc:
        message = f"{backend_name} skipped: {exc}"
        print(f"\n== {name}: {message}", flush=True)
        return {"skipped": message}
    started = time.perf_counter()
    try:
        figures = benchmark(name).run(Context(backend, options))
    finally:
        backend.close()
    figures["wall_s"] = round(time.perf_counter() - started, 1)
    return figures


def run_child(backend_name: str, name: str, args: argparse.Namespace) -> dict[str, Any]:
    """One benchmark on one backend in a fresh interpreter (its own peak RSS)."""
    with tempfile.TemporaryDirectory(prefix="backoffice-bench-") as folder:
        output = Path(folder) / "figures.json"
        command = [
            sys.executable,
            "-m",
            "tests.benchmarks.run",
            "--backend",
            backend_name,
            "--only",
            name,
            "--cases",
            str(args.cases),
            "--runs",
            str(args.runs),
            "--populate",
            args.populate,
            "--seed",
            str(args.seed),
            "--spread-days",
            str(args.spread_days),
            "--slow-ms",
            str(args.slow_ms),
            "--child-output",
            str(output),
        ]
        for statement in args.setup_sql:
            command += ["--setup-sql", statement]
        if args.attachments:
            command.append("--attachments")
        if args.no_analyze:
            command.append("--no-analyze")
        if args.no_plans:
            command.append("--no-plans")
        result = subprocess.run(command, cwd=ROOT, check=False)
        if result.returncode != 0 or not output.exists():
            print(
                f"\n!! {name} on {backend_name} failed (exit code {result.returncode})",
                file=sys.stderr,
                flush=True,
            )
            return {"error": f"exit code {result.returncode}"}
        figures: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
        return figures


def git_revision() -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+changes" if dirty else "")


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # for benchmarks with Qt (gui)
    args = parse_args(argv)
    options = options_from(args)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    names = args.only or list(BENCHMARKS)

    if args.child_output is not None:  # a child of main(): one pair, figures to a file
        figures = run_one(backends[0], names[0], options)
        args.child_output.write_text(json.dumps(figures, default=str), encoding="utf-8")
        return 0

    started = time.perf_counter()
    meta: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "command": " ".join(["python -m tests.benchmarks.run", *(argv or sys.argv[1:])]),
        "options": asdict(options),
        "machine": machine(),
    }
    print(
        f"Rathaus Backoffice benchmarks: {', '.join(names)} on {', '.join(backends)}, "
        f"{options.cases:,} cases, {options.runs} runs; revision {meta['revision']}; "
        f"{meta['machine']['cpus']} CPUs, load average {meta['machine']['load_average']}",
        flush=True,
    )
    results: dict[str, dict[str, Any]] = {b: {} for b in backends}
    failed = False
    for backend_name in backends:
        for name in names:
            if args.in_process:
                figures = run_one(backend_name, name, options)
            else:
                figures = run_child(backend_name, name, args)
            failed = failed or "error" in figures
            results[backend_name][name] = figures

    for name in names:
        module = benchmark(name)
        summarise = getattr(module, "summarise", None)
        if summarise is not None and len(backends) > 1:
            summarise({b: results[b].get(name, {}) for b in backends}, print)

    meta["wall_s"] = round(time.perf_counter() - started, 1)
    meta["load_average_end"] = load_average()
    print(f"\nDone in {meta['wall_s']} s; load average at the end {meta['load_average_end']}.")
    if args.json:
        args.json.write_text(
            json.dumps({"meta": meta, "results": results}, indent=2, default=str) + "\n",
            encoding="utf-8",
        )
        print(f"Figures written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
