"""A town hall's case load for benchmarks: catalogue, users of every role, N realistic cases.

Cases come from ``backoffice.services.demo.add_cases`` (``--populate service``: one
``register_case`` per case, ≈ 1.3 ms per case on SQLite and ≈ 3 ms on PostgreSQL here, i.e.
2-5 minutes for 100,000) or from :func:`bulk_add_cases` (``--populate bulk``, the default): the
same random draws, the same ``register_case`` derivations (sanitised form data, file number,
applicant, first deadline, search text, first audit entry with its hash) computed in Python and
written with multi-row INSERTs. :func:`check_bulk_matches_service` proves on a small sample that
both write identical rows (ids, file numbers, hashes, counters included).

Then bulk UPDATEs give the load a realistic shape: ≈ 30 % of the cases assigned to clerks,
≈ 10 % moved on to in_progress / waiting_for_citizen / completed.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

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
        split = bulk_add_cases(
            db, templates, cases, seed=seed, now=now, spread_days=spread_days, progress=progress
        )
        timings["insert_cases"] = clock.lap()
        timings.update({f"insert_cases.{k}": v for k, v in split.items()})
    else:
        raise ValueError(f"unknown population method {method!r} (bulk or service)")

    shape = shape_case_load(db, [c.user_id for c in clerks if c.user_id is not None], now)
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
    batch: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """What ``add_cases`` inserts, row for row, in multi-row INSERTs.

    Draws from the random generator in exactly ``add_cases``' order and derives every column as
    ``register_case`` does; returns the seconds spent generating and writing.
    """
    rng = random.Random(seed)
    calendar = WorkingCalendar()
    choices = list(templates)
    dialect = db.engine.dialect.name
    upsert = pg_insert if dialect == "postgresql" else sqlite_insert
    with db.read() as session:
        row_ids = {}
        for template in choices:
            row = template_row_for(session, template.key)
            assert row is not None, f"template {template.key} is not installed"
            row_ids[template.key] = row.id
        counters = {(c.prefix, c.year): c.last for c in session.scalars(select(FileNumberCounter))}
    generate = write = 0.0
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
        generate += clock.lap()
        with db.write() as session:
            ids = session.scalars(
                insert(Case).returning(Case.id, sort_by_parameter_order=True), cases
            ).all()
            session.execute(
                insert(CaseEvent), [_first_event(i, c) for i, c in zip(ids, cases, strict=True)]
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
        write += clock.lap()
        done += len(cases)
        if progress:
            progress(done, count)
    return {"generate": generate, "write": write}


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


def check_bulk_matches_service(count: int = 300, seed: int = 5) -> str | None:
    """Populate two SQLite files, with add_cases and with bulk_add_cases; compare every row.

    Returns None when cases, audit entries and file-number counters are identical (and the
    bulk audit chains verify), else a description of the first difference.
    """
    with tempfile.TemporaryDirectory(prefix="backoffice-bench-check-") as folder:
        dbs = []
        for method in ("service", "bulk"):
            db = Database(f"sqlite:///{Path(folder) / f'{method}.sqlite3'}")
            upgrade(db)
            catalogue = CatalogueService(db)
            catalogue.install(read_catalogue(), SYSTEM)
            templates = catalogue.current()
            if method == "service":
                add_cases(db, templates, count, fill_form, seed=seed, now=NOW, spread_days=400)
            else:
                bulk_add_cases(db, templates, count, seed=seed, now=NOW, spread_days=400, batch=97)
            dbs.append(db)
        try:
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
        finally:
            for db in dbs:
                db.dispose()
    return None


# -- shaping the load ---------------------------------------------------------------------------


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
