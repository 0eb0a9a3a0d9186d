"""Listing and filtering N cases through the real service API (Casework as a team lead).

For every scenario (sort order or filter) it measures, warm, ``runs`` times each:

* page 1: ``list_cases(limit=100)``;
* a deep page (page 50, reached by following the key-set cursors of pages 1-49 first);
* ``count_cases`` with the same filter.

It reports median and p95 in ms, the count, the population time, peak RSS and the database
size, and prints the query plan of the slowest query and of every query slower than
``--slow-ms`` (100 ms) median.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from backoffice.domain.status import Status
from backoffice.services.queries import CaseFilter, CaseSort, Cursor, SortKey
from backoffice.store.models import Case

from .common import (
    Context,
    SqlCapture,
    Timing,
    current_rss_mb,
    load_average,
    measure,
    mebibytes,
    peak_rss_mb,
    print_table,
)
from .population import World, build_world, check_bulk_matches_service

NAME = "listing"
DESCRIPTION = "list/filter/count N cases via Casework (page 1, page 50, count)"

#: The service filtered on, and the clerk whose "mine" view is measured.
SERVICE = "registration_certificate_simple"
COMMON_NAME = "müller"
NO_HITS = "qqxzyv"


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    flt: CaseFilter
    sort: CaseSort = CaseSort()  # noqa: RUF009 - frozen dataclass


@dataclass
class Measured:
    scenario: Scenario
    first_rows: int
    first: Timing
    deep_page: int | None
    deep: Timing | None
    count: int
    count_timing: Timing
    statements: dict[str, tuple[str, Any]]


def scenarios(world: World) -> list[Scenario]:
    clerk = world.clerks[0]
    file_number, rare_value = _search_targets(world)
    return [
        Scenario("all_received_desc", "all, received ↓", CaseFilter()),
        Scenario("all_due_asc", "all, due ↑", CaseFilter(), CaseSort(SortKey.DUE, False)),
        Scenario(
            "all_applicant_asc",
            "all, applicant ↑",
            CaseFilter(),
            CaseSort(SortKey.APPLICANT, False),
        ),
        Scenario(
            "status_received",
            "status = received",
            CaseFilter(statuses=frozenset({Status.RECEIVED})),
        ),
        Scenario("service", f"service = {SERVICE}", CaseFilter(services=frozenset({SERVICE}))),
        Scenario("mine", f"assignee = {clerk.login}", CaseFilter(assignee_id=clerk.user_id)),
        Scenario("unassigned", "unassigned", CaseFilter(unassigned=True)),
        Scenario("overdue", "overdue", CaseFilter(overdue=True)),
        Scenario("search_common", f"search '{COMMON_NAME}'", CaseFilter(search=COMMON_NAME)),
        Scenario("search_file_number", f"search '{file_number}'", CaseFilter(search=file_number)),
        Scenario("search_rare", f"search '{rare_value}'", CaseFilter(search=rare_value)),
        Scenario("search_no_hits", f"search '{NO_HITS}'", CaseFilter(search=NO_HITS)),
        Scenario(
            "combined",
            f"unassigned + {SERVICE} + '{COMMON_NAME}'",
            CaseFilter(unassigned=True, services=frozenset({SERVICE}), search=COMMON_NAME),
        ),
    ]


def _search_targets(world: World) -> tuple[str, str]:
    """A file number from the middle of the load, and a rare form value (a phone number)."""
    middle = max(world.cases // 3, 1)
    with world.db.read() as session:
        row = session.execute(
            select(Case.file_number, Case.form_data)
            .where(Case.id >= middle)
            .order_by(Case.id)
            .limit(1)
        ).first()
    assert row is not None, "the world has no cases"
    phone = (row.form_data.get("applicant") or {}).get("phone")
    return row.file_number, phone or row.file_number.split("-")[-1]


def run(ctx: Context) -> dict[str, Any]:
    options, backend, log = ctx.options, ctx.backend, ctx.log
    figures: dict[str, Any] = {
        "backend": backend.name,
        "server": backend.describe(),
        "cases": options.cases,
        "populate": options.populate,
        "runs": options.runs,
        "load_average_start": load_average(),
    }
    log(f"\n== listing benchmark on {backend.describe()}")
    if options.populate == "bulk":
        problem = check_bulk_matches_service(
            new_database=backend.new_database if backend.name == "postgresql" else None
        )
        if problem:
            raise RuntimeError(f"the bulk population path differs from add_cases: {problem}")
        figures["bulk_matches_add_cases"] = "identical rows on a 300-case sample"
        log("  bulk path checked: writes the same rows as demo.add_cases (300-case sample)")

    db = backend.new_database("listing")
    log(f"  populating {options.cases:,} cases ({options.populate} path)…")
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
    figures["shape"] = world.shape
    figures["data_fingerprint"] = world.fingerprint
    figures["peak_rss_mb_after_population"] = round(peak_rss_mb(), 1)
    figures["database_size_bytes"] = backend.size(db)

    capture = SqlCapture(db)
    results = [_measure(ctx, world, capture, s) for s in scenarios(world)]
    figures["load_average_end"] = load_average()
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    figures["rss_mb_end"] = current_rss_mb()
    figures["queries"] = {
        m.scenario.key: {
            "label": m.scenario.label,
            "first_page_rows": m.first_rows,
            "first_page": m.first.figures(),
            "deep_page_number": m.deep_page,
            "deep_page": m.deep.figures() if m.deep else None,
            "count": m.count,
            "count_query": m.count_timing.figures(),
        }
        for m in results
    }

    _print_report(ctx, world, figures, results)
    figures["plans"] = _plans(ctx, world, results) if options.plans else {}
    return figures


def _measure(ctx: Context, world: World, capture: SqlCapture, scenario: Scenario) -> Measured:
    options = ctx.options
    casework, lead = world.casework, world.lead
    statements: dict[str, tuple[str, Any]] = {}

    def listing(after: Cursor | None) -> Callable[[], Any]:
        return lambda: casework.queries.list_cases(
            lead, scenario.flt, scenario.sort, after, options.page_size
        )

    def captured(kind: str, operation: Callable[[], Any]) -> tuple[Timing, Any]:
        with capture.recording() as sql:
            operation()  # the warm-up call
        statements[kind] = sql[-1]
        return measure(operation, options.runs, warmup=0)

    first, page = captured("first", listing(None))
    # Follow the cursors to the deep page (unmeasured); a shorter list gives its last page.
    deep_page, deep_cursor = None, None
    number, cursor = 2, page.next_cursor  # `cursor` starts page `number`
    while cursor is not None:
        deep_page, deep_cursor = number, cursor
        if number >= options.deep_page:
            break
        cursor = casework.queries.list_cases(
            lead, scenario.flt, scenario.sort, cursor, options.page_size
        ).next_cursor
        number += 1
    deep = None
    if deep_cursor is not None:
        deep, _ = captured("deep", listing(deep_cursor))
    count_timing, count = captured(
        "count", lambda: casework.queries.count_cases(lead, scenario.flt)
    )
    return Measured(
        scenario, len(page.rows), first, deep_page, deep, count, count_timing, statements
    )


def _print_report(
    ctx: Context, world: World, figures: dict[str, Any], results: list[Measured]
) -> None:
    log, options, backend = ctx.log, ctx.options, ctx.backend
    population = figures["population_s"]
    parts = [f"{k} {v:.1f} s" for k, v in population.items()]
    log(f"\n  population ({options.populate} path): " + ", ".join(parts))
    inserted = population.get("insert_cases") or 0
    if inserted:
        log(f"  → {options.cases / inserted:,.0f} cases/s inserted")
    log("  shape: " + ", ".join(f"{k} {v:,}" for k, v in figures["shape"].items()))
    rows = []
    for m in results:
        rows.append(
            [
                m.scenario.label,
                m.first_rows,
                m.first.median,
                m.first.p95,
                m.deep_page,
                m.deep.median if m.deep else None,
                m.deep.p95 if m.deep else None,
                m.count,
                m.count_timing.median,
                m.count_timing.p95,
            ]
        )
    print_table(
        [
            "query (team lead)",
            "rows",
            "p1 med",
            "p1 p95",
            "page",
            "deep med",
            "deep p95",
            "count",
            "cnt med",
            "cnt p95",
        ],
        rows,
        title=(
            f"[{backend.name}] listing {options.cases:,} cases — ms, {options.runs} warm runs "
            f"each (median, p95 = nearest rank), page size {options.page_size}"
        ),
        log=log,
    )
    sizes = figures["database_size_bytes"]
    log(
        f"\n  database size: {mebibytes(sizes['database'])} MiB"
        + (f" (+ WAL {mebibytes(sizes['wal'])} MiB)" if sizes.get("wal") else "")
    )
    objects = [(k.split(":", 1)[1], v) for k, v in sizes.items() if k.startswith("object:")]
    if objects:
        log("  largest objects: " + ", ".join(f"{n} {mebibytes(v)} MiB" for n, v in objects[:8]))
    log(
        f"  peak RSS: {figures['peak_rss_mb_after_population']} MiB after population, "
        f"{figures['peak_rss_mb']} MiB at the end (this process"
        + (", the PostgreSQL server is not included)" if backend.name == "postgresql" else ")")
    )
    log(
        f"  load average (1/5/15 min): {figures['load_average_start']} at start, "
        f"{figures['load_average_end']} at end"
    )


def _plans(ctx: Context, world: World, results: list[Measured]) -> dict[str, Any]:
    """Plans of the slowest query and of every query above the slow threshold."""
    log, options, backend = ctx.log, ctx.options, ctx.backend
    timed: list[tuple[float, str, Measured]] = []
    for m in results:
        timed.append((m.first.median, "first", m))
        if m.deep:
            timed.append((m.deep.median, "deep", m))
        timed.append((m.count_timing.median, "count", m))
    timed.sort(key=lambda item: item[0], reverse=True)
    chosen = [t for t in timed if t[0] > options.slow_ms] or timed[:1]
    if timed and timed[0] not in chosen:
        chosen.insert(0, timed[0])
    plans = {}
    names = {"first": "page 1", "deep": "deep page", "count": "count"}
    for median, kind, m in chosen:
        statement, parameters = m.statements[kind]
        lines = backend.explain(world.db, statement, parameters)
        key = f"{m.scenario.key}.{kind}"
        plans[key] = {
            "median_ms": round(median, 2),
            "sql": statement,
            "parameters": repr(parameters),
            "plan": lines,
        }
        what = "EXPLAIN QUERY PLAN" if backend.name == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS)"
        log(
            f"\n  {what} — {m.scenario.label}, {names[kind]} "
            f"(median {median:.1f} ms{', SLOW' if median > options.slow_ms else ', the slowest'})"
        )
        for line in lines:
            log(f"    {line}")
    return plans


def summarise(by_backend: dict[str, dict[str, Any]], log: Callable[[str], None]) -> None:
    """Medians of every backend side by side."""
    measured = {b: f for b, f in by_backend.items() if f.get("queries")}
    if len(measured) < 2:
        return
    backends = list(measured)
    first = measured[backends[0]]
    headers = ["query (median ms)"]
    for part in ("p1", "deep", "count"):
        headers += [f"{part} {b[:2]}" for b in backends]
    rows = []
    for key, query in first["queries"].items():
        row: list[Any] = [query["label"]]
        for part in ("first_page", "deep_page", "count_query"):
            for b in backends:
                figures = measured[b]["queries"].get(key, {}).get(part)
                row.append(figures["median_ms"] if figures else None)
        rows.append(row)
    populate = [f"{b} {measured[b]['population_s'].get('insert_cases', 0):.0f} s" for b in backends]
    prints = {measured[b].get("data_fingerprint") for b in backends}
    same = "the same data" if len(prints) == 1 else "DIFFERENT data (generator changed?)"
    print_table(
        headers,
        rows,
        title=f"listing, {first['cases']:,} cases ({same}): medians side by side (sq = SQLite, "
        "po = PostgreSQL); inserting the cases took " + ", ".join(populate),
        log=log,
    )
