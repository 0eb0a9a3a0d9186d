"""The team lead's dashboard and a bulk reassignment of 500 cases at N cases (issue 10).

The population is tests/benchmarks/population.py's (≈ 30 % assigned, 10 % moved on, 2.5 %
completed), then shaped for the figures: the completed cases get a closing time spread
over the 12 weeks before "now" (never before their receipt) and two history entries each
(claimed and status_changed to completed, by their clerk, at the closing time), so that
the lead times, the weekly closings and the staff count read real rows. Those entries are
not hash-chained (the benchmark never verifies the trail).

Measured through the real services, warm, as a team lead:

* ``WorkloadService.dashboard`` (8 weeks, 10 working days ahead; target < 1 s);
* ``BulkActions.assign`` of 500 open cases from one clerk to another with a reason, then
  back again, alternately (each run writes 500 cases, 500 history entries, notices;
  target < 2 s).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.services.audit import EventKind
from backoffice.services.bulk import BulkActions
from backoffice.services.documents import DocumentService
from backoffice.services.workload import WorkloadService
from backoffice.store.models import Case, CaseEvent

from .common import (
    Context,
    SqlCapture,
    load_average,
    measure,
    peak_rss_mb,
    print_table,
    stopwatch,
)
from .population import World, build_world, check_bulk_matches_service

NAME = "workload"
DESCRIPTION = "the team lead's dashboard and a 500-case bulk reassignment at N cases"

BULK_SIZE = 500
DASHBOARD_TARGET_MS = 1_000
BULK_TARGET_MS = 2_000


def run(ctx: Context) -> dict[str, Any]:
    options, backend, log = ctx.options, ctx.backend, ctx.log
    figures: dict[str, Any] = {
        "backend": backend.name,
        "server": backend.describe(),
        "cases": options.cases,
        "runs": options.runs,
        "load_average_start": load_average(),
    }
    log(f"\n== workload benchmark on {backend.describe()}")
    if backend.name == "postgresql":  # the COPY path (listing checks the SQLite one)
        problem = check_bulk_matches_service(new_database=backend.new_database)
        if problem:
            raise RuntimeError(f"the bulk population path differs from add_cases: {problem}")
        log("  COPY path checked: writes the same rows as demo.add_cases (300-case sample)")
    db = backend.new_database("workload")
    log(f"  populating {options.cases:,} cases…")
    with stopwatch() as elapsed:
        world = build_world(
            db,
            options.cases,
            seed=options.seed,
            spread_days=options.spread_days,
            analyze=None,
            log=log,
        )
        shaped = shape_for_figures(world)
        if options.analyze:
            backend.analyze(db)
        figures["population_s"] = round(elapsed(), 1)
    figures["population_split_s"] = {k: round(v, 2) for k, v in world.timings_s.items()}
    figures["shape"] = {**world.shape, **shaped}
    log(f"  populated in {figures['population_s']} s: {figures['shape']}")

    calendar = WorkingCalendar()
    workload = WorkloadService(db, calendar, lambda: world.now)
    dashboard_timing, board = measure(
        lambda: workload.dashboard(world.lead, weeks=8, horizon_days=10), options.runs
    )
    shown = [s for s in board.services if not s.suppressed]
    figures["dashboard"] = dashboard_timing.figures()
    figures["dashboard_result"] = {
        "services": len(board.services),
        "shown": len(shown),
        "open": board.totals.open_total.value,
        "overdue": board.totals.overdue.value,
        "lead_time_cases": board.totals.lead_time_cases.value,
        "median_lead_time": board.totals.lead_time_median.value,
        "breaches": board.totals.forecast_breaches.value,
    }

    figures["dashboard_queries"] = explain_dashboard(ctx, db, workload, world)

    bulk = BulkActions(
        db,
        world.casework.commands,
        DocumentService(db, lambda: world.now),
        calendar,
        lambda: world.now,
    )
    first, second = world.clerks[0], world.clerks[1]
    with db.read() as session:
        ids = list(
            session.scalars(
                select(Case.id)
                .where(
                    Case.assignee_id == first.user_id,
                    Case.status.in_([s.value for s in OPEN_STATUSES]),
                )
                .order_by(Case.id)
                .limit(BULK_SIZE)
            )
        )
    targets = [second.login, first.login]
    turn = {"n": 0}

    def reassign() -> int:
        to = targets[turn["n"] % 2]
        turn["n"] += 1
        result = bulk.assign(world.lead, ids, to, "Benchmark: Urlaubsvertretung")
        return len(result.done)

    runs = max(3, min(options.runs, 5))
    bulk_timing, done = measure(reassign, runs)
    figures["bulk_reassign"] = {**bulk_timing.figures(), "cases": len(ids), "done": done}
    figures["load_average_end"] = load_average()
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    _print(ctx, figures)
    return figures


def explain_dashboard(
    ctx: Context, db: Any, workload: WorkloadService, world: World
) -> list[dict[str, Any]]:
    """Where one dashboard call spends its time in the database: every statement it ran,
    run again under ``EXPLAIN (ANALYZE, BUFFERS)`` (PostgreSQL) or ``EXPLAIN QUERY PLAN``
    (SQLite, no times); the plans of those slower than ``--slow-ms`` are printed."""
    capture = SqlCapture(db)
    with capture.recording() as statements:
        workload.dashboard(world.lead, weeks=8, horizon_days=10)
    explained: list[dict[str, Any]] = []
    for statement, parameters in statements:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        plan = ctx.backend.explain(db, statement, parameters)
        times = [line for line in plan if line.startswith("Execution Time:")]
        ms = float(times[0].split()[2]) if times else None
        explained.append({"ms": ms, "sql": " ".join(statement.split()), "plan": plan})
    explained.sort(key=lambda e: -(e["ms"] or 0))
    rows = [[e["ms"] if e["ms"] is not None else "–", e["sql"][:90]] for e in explained]
    print_table(["server ms", "statement"], rows, title="dashboard: its statements", log=ctx.log)
    server = sum(e["ms"] or 0 for e in explained)
    ctx.log(f"  the database's own execution time, all statements: {server:.1f} ms")
    for entry in explained:
        if entry["ms"] is not None and entry["ms"] > ctx.options.slow_ms:
            ctx.log(f"\n  plan ({entry['ms']:.1f} ms): {entry['sql'][:200]}")
            for line in entry["plan"]:
                ctx.log(f"    {line}")
    return explained


def shape_for_figures(world: World) -> dict[str, int]:
    """Spread the closings over 12 weeks and give each closed case two history entries."""
    rng = random.Random(11)
    now = world.now
    with world.db.write() as session:
        closed = session.execute(
            select(Case.id, Case.received_at, Case.assignee_id).where(
                Case.status == Status.COMPLETED.value
            )
        ).all()
        next_seq = dict(
            session.execute(
                select(CaseEvent.case_id, func.max(CaseEvent.seq))
                .where(CaseEvent.case_id.in_(select(Case.id).where(Case.status == "completed")))
                .group_by(CaseEvent.case_id)
            ).all()
        )
        updates, events = [], []
        for case_id, received_at, assignee_id in closed:
            earliest = max(received_at, now - timedelta(weeks=12))
            span = max(0.0, (now - earliest).total_seconds())
            closed_at = earliest + timedelta(seconds=rng.uniform(0, span))
            updates.append({"b_id": case_id, "b_closed": closed_at})
            seq = int(next_seq.get(case_id, 0))
            for offset, (kind, payload) in enumerate(
                [
                    (EventKind.CLAIMED.value, {"version": 2}),
                    (
                        EventKind.STATUS_CHANGED.value,
                        {"from": "in_progress", "to": "completed", "version": 3},
                    ),
                ],
                start=1,
            ):
                events.append(
                    {
                        "case_id": case_id,
                        "seq": seq + offset,
                        "at": closed_at,
                        "actor_id": assignee_id,
                        "kind": kind,
                        "payload": payload,
                        "prev_hash": "0" * 64,
                        "hash": "0" * 64,
                    }
                )
        for start in range(0, len(updates), 5_000):
            session.connection().execute(
                update(Case.__table__)  # type: ignore[arg-type]
                .where(Case.__table__.c.id == bindparam("b_id"))
                .values(closed_at=bindparam("b_closed")),
                updates[start : start + 5_000],
            )
        for start in range(0, len(events), 5_000):
            session.execute(insert(CaseEvent), events[start : start + 5_000])
    return {"closings_spread": len(updates), "history_entries_added": len(events)}


def _print(ctx: Context, figures: dict[str, Any]) -> None:
    dash, bulk = figures["dashboard"], figures["bulk_reassign"]
    print_table(
        ["operation", "median ms", "p95 ms", "target ms", "met"],
        [
            [
                "dashboard (8 weeks, 10 days ahead)",
                dash["median_ms"],
                dash["p95_ms"],
                DASHBOARD_TARGET_MS,
                "yes" if dash["p95_ms"] < DASHBOARD_TARGET_MS else "no",
            ],
            [
                f"bulk reassign {bulk['cases']} cases",
                bulk["median_ms"],
                bulk["p95_ms"],
                BULK_TARGET_MS,
                "yes" if bulk["p95_ms"] < BULK_TARGET_MS else "no",
            ],
        ],
        title=f"{figures['backend']}, {figures['cases']:,} cases",
        log=ctx.log,
    )
    ctx.log(f"  dashboard: {figures['dashboard_result']}")


def summarise(by_backend: dict[str, dict[str, Any]], log: Callable[[str], None]) -> None:
    rows = []
    for name, figures in by_backend.items():
        rows.append(
            [
                name,
                figures["cases"],
                figures["population_s"],
                figures["dashboard"]["median_ms"],
                figures["dashboard"]["p95_ms"],
                figures["bulk_reassign"]["median_ms"],
                figures["bulk_reassign"]["p95_ms"],
            ]
        )
    print_table(
        ["backend", "cases", "fill s", "dashboard med", "p95", "bulk 500 med", "p95"],
        rows,
        title="workload: side by side (ms)",
        log=log,
    )
