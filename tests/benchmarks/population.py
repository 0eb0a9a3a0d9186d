"""A town hall's case load for benchmarks: catalogue, users of every role, N realistic cases.

Cases come from ``backoffice.services.demo.add_cases`` (``--populate service``: one
``register_case`` per case, ≈ 1.3 ms per case on SQLite and ≈ 3 ms on PostgreSQL here, i.e.
2-5 minutes for 100,000) or from :func:`bulk_add_cases` (``--populate bulk``, the default): the
same random draws, the same ``register_case`` derivations (sanitised form data, file number,
applicant, first deadline, search text, first audit entry with its hash) computed in Python and
written with COPY on PostgreSQL (into the tables without their secondary indexes, which are
built once afterwards: ≈ N cases/s) and multi-row INSERTs on SQLite.
:func:`check_bulk_matches_service` proves on a small sample that both write identical rows (ids,
file numbers, hashes, counters included), on SQLite and (the COPY path) on PostgreSQL.

Then bulk UPDATEs give the load a realistic shape: ≈ 30 % of the cases assigned to clerks,
≈ 10 % moved on to in_progress / waiting_for_citizen / completed.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from backoffice.domain.deadlines import WorkingCalendar, compute_deadline, local_date
from backoffice.domain.file_numbers import format_file_number
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.domain.text import sanitise_form_data, search_text
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.audit import GENESIS, EventKind, _digest, verify_chain
from backoffice.services.casework import Casework
from backoffice.services.casework.commands import RETENTION_YEARS
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.services.demo import add_cases
from backoffice.services.registration import (
    NewCase,
    applicant_email,
    applicant_name,
    template_row_for,
)
from backoffice.services.users import UserService
from backoffice.simulator.citizens import fill_form
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from backoffice.store.models import Case, CaseEvent, FileNumberCounter

#: "Now" of every benchmark world: a Tuesday morning in Berlin (as in the integration tests),
#: fixed so that the same seed gives the same database and the same overdue cases.
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)

CLERKS = (
    ("sb.sommer", "Petra Sommer"),
    ("sb.kraemer", "Thomas Krämer"),
    ("sb.yilmaz", "Aylin Yılmaz"),
    ("sb.nowak", "Piotr Nowak"),
    ("sb.becker", "Johanna Becker"),
    ("sb.wolf", "Felix Wolf"),
    ("sb.hartmann", "Clara Hartmann"),
    ("sb.neumann", "Leon Neumann"),
)
TEAM_LEADS = (("tl.albrecht", "Sabine Albrecht"), ("tl.brandt", "Moritz Brandt"))
ADMINISTRATORS = (("admin.hofmann", "Jens Hofmann"),)

Log = Callable[[str], None]


@dataclass
class World:
    db: Database
    casework: Casework
    templates: dict[str, ServiceTemplate]
    lead: Actor
    clerks: list[Actor]
    now: datetime
    today: date
    cases: int
    timings_s: dict[str, float] = field(default_factory=dict)
    shape: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""


def build_world(
    db: Database,
    cases: int,
    *,
    method: str = "bulk",
    seed: int = 1,
    spread_days: int = 365,
    now: datetime = NOW,
    attachments: bool = False,
    setup_sql: Sequence[str] = (),
    analyze: Callable[[Database], None] | None = None,
    log: Log = print,
) -> World:
    """Catalogue, users and ``cases`` cases in ``db`` (a fresh, migrated database)."""
    timings: dict[str, float] = {}
    clock = _Stopwatch()

    catalogue = CatalogueService(db)
    catalogue.install(read_catalogue(), SYSTEM)
    templates = catalogue.current()
    users = UserService(db)
    clerks = [users.add(SYSTEM, login, name, Role.CLERK).as_actor() for login, name in CLERKS]
    leads = [
        users.add(SYSTEM, login, name, Role.TEAM_LEAD).as_actor() for login, name in TEAM_LEADS
    ]
    for login, name in ADMINISTRATORS:
        users.add(SYSTEM, login, name, Role.ADMINISTRATOR)
    timings["catalogue_and_users"] = clock.lap()

    progress = _progress_printer(log, cases)
    if method == "service":
        add_cases(
            db,
            templates,
            cases,
            fill_form,
            seed=seed,
            now=now,
            spread_days=spread_days,
            progress=progress,
        )
        timings["insert_cases"] = clock.lap()
    elif method == "bulk":
        # PostgreSQL: COPY into the tables without their secondary indexes, shape, then build
        # the indexes once (1,000,000 cases in minutes instead of an hour).
        with secondary_indexes_deferred(db, log=log) as rebuilt:
            split = bulk_add_cases(
                db, templates, cases, seed=seed, now=now, spread_days=spread_days, progress=progress
            )
            timings["insert_cases"] = clock.lap()
            timings.update({f"insert_cases.{k}": v for k, v in split.items()})
            shape = _shape(db, clerks, now)
            timings["bulk_updates"] = clock.lap()
        timings.update(rebuilt)
        clock.lap()
    else:
        raise ValueError(f"unknown population method {method!r} (bulk or service)")
    if method == "service":
        shape = _shape(db, clerks, now)
        timings["bulk_updates"] = clock.lap()
    if attachments:
        shape["attachments"] = add_attachments(db)
        timings["attachments"] = clock.lap()

    for statement in setup_sql:
        log(f"  setup SQL: {statement}")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    if setup_sql:
        timings["setup_sql"] = clock.lap()

    if analyze is not None:
        analyze(db)
        timings["analyze"] = clock.lap()

    fingerprint = data_fingerprint(db)
    log(f"  data fingerprint {fingerprint} (same seed and generator → same fingerprint)")
    calendar = WorkingCalendar()
    return World(
        db=db,
        casework=Casework.build(db, calendar, lambda: now),
        templates={t.key: t for t in templates},
        lead=leads[0],
        clerks=clerks,
        now=now,
        today=local_date(now),
        cases=cases,
        timings_s=timings,
        shape=shape,
        fingerprint=fingerprint,
    )


# -- the fast path ------------------------------------------------------------------------------


def bulk_add_cases(
    db: Database,
    templates: Sequence[ServiceTemplate],
    count: int,
    *,
    seed: int = 1,
    now: datetime = NOW,
    spread_days: int = 30,
    batch: int | None = None,
    writer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """What ``add_cases`` inserts, row for row, without going through ``register_case``.

    Draws from the random generator in exactly ``add_cases``' order and derives every column as
    ``register_case`` does (:func:`_drawn_batches`); ``writer`` says how the rows get in:
    ``"copy"`` (the default on PostgreSQL: ``COPY … FROM STDIN`` through psycopg, see
    :func:`_copy_batch`) or ``"insert"`` (multi-row INSERTs, the only way on SQLite). Returns
    the seconds spent generating and writing.
    """
    dialect = db.engine.dialect.name
    writer = writer or ("copy" if dialect == "postgresql" else "insert")
    if writer not in ("copy", "insert") or (writer == "copy" and dialect != "postgresql"):
        raise ValueError(f"writer {writer!r} does not work on {dialect}")
    batch = batch or (20_000 if writer == "copy" else 2000)
    upsert = pg_insert if dialect == "postgresql" else sqlite_insert
    with db.read() as session:
        row_ids = {}
        for template in templates:
            row = template_row_for(session, template.key)
            assert row is not None, f"template {template.key} is not installed"
            row_ids[template.key] = row.id
        counters = {(c.prefix, c.year): c.last for c in session.scalars(select(FileNumberCounter))}
    timings = {"generate": 0.0, "write": 0.0}
    done = 0
    for cases, touched in _drawn_batches(
        templates, row_ids, counters, count, seed, now, spread_days, batch, timings
    ):
        clock = _Stopwatch()
        with db.write() as session:
            if writer == "copy":
                _copy_batch(session, cases)
            else:
                ids = session.scalars(
                    insert(Case).returning(Case.id, sort_by_parameter_order=True), cases
                ).all()
                session.execute(
                    insert(CaseEvent),
                    [_first_event(i, c) for i, c in zip(ids, cases, strict=True)],
                )
            for prefix, year in sorted(touched):
                statement = upsert(FileNumberCounter).values(
                    prefix=prefix, year=year, last=counters[prefix, year]
                )
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[FileNumberCounter.prefix, FileNumberCounter.year],
                        set_={"last": statement.excluded.last},
                    )
                )
        timings["write"] += clock.lap()
        done += len(cases)
        if progress:
            progress(done, count)
    return timings


def _drawn_batches(
    templates: Sequence[ServiceTemplate],
    row_ids: dict[str, int],
    counters: dict[tuple[str, int], int],
    count: int,
    seed: int,
    now: datetime,
    spread_days: int,
    batch: int,
    timings: dict[str, float],
) -> Iterator[tuple[list[dict[str, Any]], set[tuple[str, int]]]]:
    """``count`` new cases' columns in batches, with the file-number counters they moved
    (``counters`` is updated); the time spent is added to ``timings["generate"]``."""
    rng = random.Random(seed)
    calendar = WorkingCalendar()
    choices = list(templates)
    done = 0
    while done < count:
        clock = _Stopwatch()
        cases: list[dict[str, Any]] = []
        touched: set[tuple[str, int]] = set()
        for _ in range(min(batch, count - done)):
            # The draws of demo.add_cases, in its order.
            template = rng.choice(choices)
            received = now - timedelta(seconds=rng.randrange(spread_days * 86400))
            new = NewCase(
                received_at=received,
                form_data=fill_form(dict(template.raw), rng),
                reply_channel=rng.choice(["fitConnect", "eMail", "postal"]),
                auth_level=rng.choice(["eID (hoch)", "BundID (substanziell)", "ELSTER", None]),
                payment_state=rng.choice(["BOOKED", "BOOKED", "INITIAL", None]),
            )
            cases.append(
                _case_values(template, row_ids[template.key], new, calendar, counters, touched)
            )
        timings["generate"] += clock.lap()
        done += len(cases)
        yield cases, touched


_EVENT_COLUMNS = ("case_id", "seq", "at", "actor_id", "kind", "payload", "prev_hash", "hash")


def _copy_batch(session: Any, cases: list[dict[str, Any]]) -> None:
    """Write ``cases`` and their first audit entries with ``COPY … FROM STDIN``.

    The ids come from the table's own sequence (one ``nextval`` per case, as the INSERTs
    would take them), so the rows are the same as the other writers'. psycopg streams the
    rows while we format the next ones: the server parses them on its own core.
    """
    connection = session.connection()
    sequence = connection.exec_driver_sql("SELECT pg_get_serial_sequence('cases', 'id')").scalar()
    ids = (
        connection.execute(
            text("SELECT nextval(:seq) FROM generate_series(1, :n)"),
            {"seq": sequence, "n": len(cases)},
        )
        .scalars()
        .all()
    )
    columns = list(cases[0])
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY cases (id, {', '.join(columns)}) FROM STDIN") as copy:
            for case_id, case in zip(ids, cases, strict=True):
                row = [case_id, *case.values()]
                row[columns.index("form_data") + 1] = Jsonb(case["form_data"])
                copy.write_row(row)
        with cursor.copy(f"COPY case_events ({', '.join(_EVENT_COLUMNS)}) FROM STDIN") as copy:
            for case_id, case in zip(ids, cases, strict=True):
                event = _first_event(case_id, case)
                event["kind"] = str(event["kind"])
                event["payload"] = Jsonb(event["payload"])
                copy.write_row([event[c] for c in _EVENT_COLUMNS])


@contextlib.contextmanager
def secondary_indexes_deferred(
    db: Database, tables: Sequence[str] = ("cases", "case_events"), log: Log = print
) -> Iterator[dict[str, float]]:
    """PostgreSQL: drop the indexes of ``tables`` that no constraint needs, and build them
    again (from their own ``pg_get_indexdef``) when the block ends: a large fill then builds
    each index once, sorted, instead of updating it row by row (the trigram index above all).
    Elsewhere a no-op. Yields a dict that receives the seconds the rebuild took."""
    timings: dict[str, float] = {}
    if db.engine.dialect.name != "postgresql":
        yield timings
        return
    query = text(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY(:tables) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
    )
    with db.engine.begin() as conn:
        indexes = conn.execute(query, {"tables": list(tables)}).all()
        for name, _definition in indexes:
            conn.exec_driver_sql(f"DROP INDEX {name}")
    try:
        yield timings
    finally:
        clock = _Stopwatch()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                conn.exec_driver_sql(definition)
        timings["rebuild_indexes"] = clock.lap()
        log(f"  {len(indexes)} indexes built again in {timings['rebuild_indexes']:.1f} s")


def _case_values(
    template: ServiceTemplate,
    template_row_id: int,
    new: NewCase,
    calendar: WorkingCalendar,
    counters: dict[tuple[str, int], int],
    touched: set[tuple[str, int]],
) -> dict[str, Any]:
    """The columns ``register_case`` gives a new case (file number from ``counters``)."""
    form_data = sanitise_form_data(new.form_data)
    received_local = local_date(new.received_at)
    key = (template.file_prefix, received_local.year)
    counters[key] = counters.get(key, 0) + 1
    touched.add(key)
    file_number = format_file_number(key[0], key[1], counters[key])
    name = applicant_name(form_data)
    deadline = compute_deadline(
        received_local, template.processing_days, [], received_local, calendar
    )
    return {
        "file_number": file_number,
        "submission_id": new.submission_id,
        "portal_case_id": new.portal_case_id,
        "destination_id": new.destination_id,
        "template_id": template_row_id,
        "service_key": template.key,
        "received_at": new.received_at,
        "applicant_name": name,
        "applicant_email": applicant_email(form_data),
        "reply_channel": new.reply_channel,
        "auth_level": new.auth_level,
        "payment_state": new.payment_state,
        "form_data": form_data,
        "search_text": search_text(file_number, name, form_data=form_data),
        "status": Status.RECEIVED.value,
        "due_date": deadline.due,
        "paused_since": None,
        "priority": 0,
        "version": 1,
        "closed_at": None,
        "retention_until": None,
        "updated_at": new.received_at,
        "updated_by_id": None,
        "assignee_id": None,
    }


def _first_event(case_id: int, case: dict[str, Any]) -> dict[str, Any]:
    """The ``received`` audit entry ``register_case`` appends (first link of the chain)."""
    at = case["received_at"].astimezone(UTC)
    payload = {
        "file_number": case["file_number"],
        "submission_id": case["submission_id"],
        "version": 1,
    }
    return {
        "case_id": case_id,
        "seq": 1,
        "at": at,
        "actor_id": None,
        "kind": EventKind.RECEIVED,
        "payload": payload,
        "prev_hash": GENESIS,
        "hash": _digest(GENESIS, case_id, 1, at, None, EventKind.RECEIVED, payload),
    }


def check_bulk_matches_service(
    count: int = 300, seed: int = 5, new_database: Callable[[str], Database] | None = None
) -> str | None:
    """Populate two databases, with add_cases and with bulk_add_cases; compare every row.

    The databases are two SQLite files, or ``new_database("service")`` and
    ``new_database("bulk")`` (fresh and migrated: a benchmark backend's, e.g. PostgreSQL,
    where the bulk path writes with COPY). Returns None when cases, audit entries and
    file-number counters are identical (and the bulk audit chains verify), else a description
    of the first difference.
    """
    with contextlib.ExitStack() as stack:
        if new_database is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-check-")))

            def new_database(method: str) -> Database:
                db = Database(f"sqlite:///{folder / f'{method}.sqlite3'}")
                stack.callback(db.dispose)
                upgrade(db)
                return db

        dbs = []
        for method in ("service", "bulk"):
            db = new_database(method)
            catalogue = CatalogueService(db)
            catalogue.install(read_catalogue(), SYSTEM)
            templates = catalogue.current()
            if method == "service":
                add_cases(db, templates, count, fill_form, seed=seed, now=NOW, spread_days=400)
            else:
                bulk_add_cases(db, templates, count, seed=seed, now=NOW, spread_days=400, batch=97)
            dbs.append(db)
        for table, order in (
            ("cases", "id"),
            ("case_events", "id"),
            ("file_number_counters", "prefix, year"),
        ):
            query = text(f"SELECT * FROM {table} ORDER BY {order}")
            with dbs[0].engine.connect() as a, dbs[1].engine.connect() as b:
                rows_a, rows_b = a.execute(query).all(), b.execute(query).all()
            if len(rows_a) != len(rows_b):
                return f"{table}: {len(rows_a)} rows via add_cases, {len(rows_b)} via bulk"
            for row_a, row_b in zip(rows_a, rows_b, strict=True):
                if tuple(row_a) != tuple(row_b):
                    return f"{table}: add_cases wrote {tuple(row_a)}, bulk {tuple(row_b)}"
        with dbs[1].read() as session:
            for case_id in (1, count // 2, count):
                broken = verify_chain(session, case_id)
                if broken is not None:
                    return f"bulk audit chain broken: {broken}"
    return None


# -- shaping the load ---------------------------------------------------------------------------


def _shape(db: Database, clerks: Sequence[Actor], now: datetime) -> dict[str, int]:
    return shape_case_load(db, [c.user_id for c in clerks if c.user_id is not None], now)


def shape_case_load(db: Database, clerk_ids: Sequence[int], now: datetime) -> dict[str, int]:
    """Assign ≈ 30 % of the cases and move ≈ 10 % on, with a few bulk UPDATEs.

    Ids are in random order of receipt (add_cases draws receipt times at random), so taking
    them by remainder picks cases evenly over the year:

    * id % 10 in (0, 1, 2) → assigned, round-robin over the clerks (30 %);
    * id % 20 == 1 → in_progress (5 %); id % 40 == 2 → waiting_for_citizen, deadline paused
      (2.5 %); id % 40 == 0 → completed, closed (2.5 %): all three among the assigned.

    Only the case rows change (as change_status would leave them), no audit entries: the
    listing does not read them.
    """
    shape: dict[str, int] = {}
    clerk_count = len(clerk_ids)
    today = local_date(now)
    with db.write() as session:

        def run(name: str, statement: Any) -> None:
            result = session.execute(statement.execution_options(synchronize_session=False))
            shape[name] = shape.get(name, 0) + int(result.rowcount)  # type: ignore[attr-defined]

        for k, clerk_id in enumerate(clerk_ids):
            run(
                "assigned",
                update(Case)
                .where((Case.id % 10).in_([0, 1, 2]), (Case.id // 10) % clerk_count == k)
                .values(assignee_id=clerk_id, version=Case.version + 1, updated_at=now),
            )
        run(
            "in_progress",
            update(Case)
            .where(Case.id % 20 == 1)
            .values(status=Status.IN_PROGRESS.value, version=Case.version + 1, updated_at=now),
        )
        run(
            "waiting_for_citizen",
            update(Case)
            .where(Case.id % 40 == 2)
            .values(
                status=Status.WAITING_FOR_CITIZEN.value,
                due_date=None,
                paused_since=today - timedelta(days=3),
                version=Case.version + 2,
                updated_at=now,
            ),
        )
        run(
            "completed",
            update(Case)
            .where(Case.id % 40 == 0)
            .values(
                status=Status.COMPLETED.value,
                due_date=None,
                closed_at=now,
                retention_until=today.replace(year=today.year + RETENTION_YEARS),
                version=Case.version + 2,
                updated_at=now,
            ),
        )
    return shape


def add_attachments(db: Database) -> int:
    """0-3 attachment rows per case by id % 4 (1.5 on average), metadata only (no content).

    Off by default (``--attachments``): the listing's attachment count is a correlated
    subquery, whose cost only shows when attachments exist.
    """
    statement = text(
        "INSERT INTO attachments (case_id, original_name, safe_name, media_type, size, "
        "sha512, verification) "
        "SELECT c.id, 'Nachweis ' || k.n || '.pdf', 'nachweis-' || k.n || '.pdf', "
        "'application/pdf', 48213, :sha, 'ok' FROM cases c "
        "JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) k ON k.n <= c.id % 4"
    )
    with db.write() as session:
        result = session.execute(statement, {"sha": "0" * 128})
        return int(result.rowcount)  # type: ignore[attr-defined]


def data_fingerprint(db: Database) -> str:
    """A short digest of every case's id, file number and search text (form data included):
    runs with the same fingerprint measured the same data."""
    digest = hashlib.sha256()
    query = text("SELECT id, file_number, search_text FROM cases ORDER BY id")
    with db.engine.connect().execution_options(stream_results=True, yield_per=5000) as conn:
        for case_id, file_number, search in conn.execute(query):
            digest.update(f"{case_id}\x1f{file_number}\x1f{search}\x1e".encode())
    return digest.hexdigest()[:16]


# -- helpers ------------------------------------------------------------------------------------


class _Stopwatch:
    def __init__(self) -> None:
        self._last = time.perf_counter()

    def lap(self) -> float:
        now = time.perf_counter()
        elapsed, self._last = now - self._last, now
        return elapsed


def _progress_printer(log: Log, total: int) -> Callable[[int, int], None]:
    started = time.perf_counter()
    step = max(total // 10, 1)
    next_report = [step]

    def report(done: int, count: int) -> None:
        if done >= next_report[0] or done == count:
            elapsed = time.perf_counter() - started
            rate = done / elapsed if elapsed else 0.0
            log(f"  {done:>9,} / {count:,} cases  {elapsed:6.1f} s  ({rate:,.0f} cases/s)")
            while next_report[0] <= done:
                next_report[0] += step

    return report
