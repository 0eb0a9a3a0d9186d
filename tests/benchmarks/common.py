"""What every benchmark shares: backends, timing, SQL capture, query plans, memory and tables.

A benchmark module gets a :class:`Context` with a :class:`Backend`; it asks the backend for a
fresh database (``ctx.backend.new_database("listing")``), measures, prints its tables with
:func:`print_table` and returns its figures as a JSON-able dict.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event, text

from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from tests.postgres_cluster import PostgresCluster, PostgresNotAvailableError

# -- options and context ----------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """The command line, as the benchmarks see it."""

    cases: int = 100_000
    runs: int = 7
    seed: int = 1
    populate: str = "bulk"  # "bulk" (tests/benchmarks/population.py) or "service" (add_cases)
    spread_days: int = 365
    deep_page: int = 50
    page_size: int = 100
    attachments: bool = False
    setup_sql: tuple[str, ...] = ()
    analyze: bool = True
    plans: bool = True
    slow_ms: float = 100.0


@dataclass
class Context:
    backend: Backend
    options: Options
    log: Callable[[str], None] = field(default=lambda message: print(message, flush=True))


class Backend(Protocol):
    name: str

    def describe(self) -> str: ...

    def new_database(self, label: str) -> Database: ...

    def size(self, db: Database) -> dict[str, int]: ...

    def analyze(self, db: Database) -> None: ...

    def explain(self, db: Database, statement: str, parameters: Any) -> list[str]: ...

    def close(self) -> None: ...


class BackendUnavailable(Exception):
    """The backend cannot run on this machine (e.g. no PostgreSQL server binaries)."""


# -- backends ---------------------------------------------------------------------------------


class SQLiteBackend:
    """SQLite databases as real files in a temporary folder (deleted on close)."""

    name = "sqlite"

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="backoffice-bench-"))
        self._databases: list[Database] = []

    def describe(self) -> str:
        return f"SQLite {sqlite3.sqlite_version}, file in {self.folder} (WAL, synchronous=NORMAL)"

    def new_database(self, label: str) -> Database:
        db = Database(f"sqlite:///{self.folder / f'{label}.sqlite3'}")
        upgrade(db)
        self._databases.append(db)
        return db

    def size(self, db: Database) -> dict[str, int]:
        path = Path(str(db.url.database))
        with _raw_sqlite(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sizes = {"database": path.stat().st_size}
            wal = path.with_name(path.name + "-wal")
            if wal.exists():
                sizes["wal"] = wal.stat().st_size
            with contextlib.suppress(sqlite3.Error):  # dbstat is a compile-time option
                for name, size in conn.execute(
                    "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12"
                ):
                    sizes[f"object:{name}"] = int(size)
        return sizes

    def analyze(self, db: Database) -> None:
        with _raw_sqlite(db) as conn:
            conn.execute("ANALYZE")
            conn.execute("PRAGMA optimize")

    def explain(self, db: Database, statement: str, parameters: Any) -> list[str]:
        with _raw_sqlite(db) as conn:
            rows = conn.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
        depth: dict[int, int] = {0: -1}
        lines = []
        for node_id, parent, _unused, detail in rows:
            depth[node_id] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node_id] + detail)
        return lines

    def close(self) -> None:
        for db in self._databases:
            db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def _raw_sqlite(db: Database) -> Iterator[Any]:
    """The DBAPI connection in autocommit mode (Database sets isolation_level=None), outside
    SQLAlchemy's BEGIN: for ANALYZE, checkpoints and plans."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
    finally:
        connection.close()


class PostgresBackend:
    """Databases on a throwaway PostgreSQL cluster (tests/postgres_cluster.py)."""

    name = "postgresql"

    def __init__(self) -> None:
        if PostgresCluster.find_binaries() is None:
            raise BackendUnavailable(
                "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under "
                "/usr/lib/postgresql/*/bin; install Debian's 'postgresql' package"
            )
        try:
            self.cluster = PostgresCluster()
        except PostgresNotAvailableError as exc:
            raise BackendUnavailable(str(exc)) from None
        self.cluster.start()
        self._databases: list[tuple[str, Database]] = []

    def describe(self) -> str:
        version = self.cluster.server_version
        settings = {}
        with contextlib.suppress(Exception):
            conn = self.cluster._admin_connection()
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "jit"):
                row = conn.execute(f"SHOW {name}").fetchone()
                settings[name] = row[0] if row else "?"
        shown = ", ".join(f"{k}={v}" for k, v in settings.items())
        return (
            f"PostgreSQL {version // 10000}.{version % 10000} (throwaway cluster in "
            f"{self.cluster.base_dir}, fsync off; {shown})"
        )

    def new_database(self, label: str) -> Database:
        name = f"bench_{label}"
        self.cluster.create_database(name)
        db = Database(self.cluster.url(name))
        upgrade(db)
        self._databases.append((name, db))
        return db

    def size(self, db: Database) -> dict[str, int]:
        with db.engine.connect() as conn:
            sizes = {
                "database": int(conn.scalar(text("SELECT pg_database_size(current_database())")))
            }
            rows = conn.execute(
                text(
                    "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't') "
                    "ORDER BY 2 DESC LIMIT 12"
                )
            )
            for name, size in rows:
                sizes[f"object:{name}"] = int(size)
            toast = conn.scalar(
                text(
                    "SELECT pg_total_relation_size('cases') - pg_relation_size('cases') "
                    "- pg_indexes_size('cases')"
                )
            )
            sizes["object:cases (TOAST)"] = int(toast or 0)
        return sizes

    def analyze(self, db: Database) -> None:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")

    def explain(self, db: Database, statement: str, parameters: Any) -> list[str]:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters).all()
        return [row[0] for row in rows]

    def close(self) -> None:
        for name, db in self._databases:
            db.dispose()
            with contextlib.suppress(Exception):
                self.cluster.drop_database(name)
        self.cluster.stop()


BACKENDS: dict[str, Callable[[], Backend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgresBackend,
}


# -- capturing the SQL a service runs ---------------------------------------------------------


class SqlCapture:
    """Records the last statement (with its DBAPI parameters) an engine sends.

    Used to EXPLAIN exactly what the service API ran, bound parameters included.
    """

    def __init__(self, db: Database) -> None:
        self.active = False
        self.statements: list[tuple[str, Any]] = []
        event.listen(db.engine, "before_cursor_execute", self._record)

    def _record(
        self,
        _conn: Any,
        _cursor: Any,
        statement: str,
        parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        if self.active:
            self.statements.append((statement, parameters))

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[tuple[str, Any]]]:
        self.statements = []
        self.active = True
        try:
            yield self.statements
        finally:
            self.active = False


# -- timing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one operation, in milliseconds (after one warm-up call)."""

    samples_ms: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile (the maximum for fewer than 20 samples)."""
        ordered = sorted(self.samples_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def figures(self) -> dict[str, Any]:
        return {
            "median_ms": round(self.median, 3),
            "p95_ms": round(self.p95, 3),
            "samples_ms": [round(s, 3) for s in self.samples_ms],
        }


def measure(operation: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[Timing, Any]:
    """Run ``operation`` ``warmup`` times unmeasured, then ``runs`` times measured."""
    result = None
    for _ in range(warmup):
        result = operation()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = operation()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(tuple(samples)), result


@contextlib.contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """``with stopwatch() as elapsed: ...; elapsed()`` gives seconds (final after the block)."""
    started = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - started
    end.append(time.perf_counter())


# -- the machine ------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def load_average() -> tuple[float, float, float] | None:
    with contextlib.suppress(OSError, AttributeError):
        one, five, fifteen = os.getloadavg()
        return (round(one, 2), round(five, 2), round(fifteen, 2))
    return None


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": load_average(),
    }


# -- output -----------------------------------------------------------------------------------


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    log: Callable[[str], None] = print,
) -> None:
    """A plain-text table; numbers right-aligned, text left-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] in (None, "–") for row in rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    if title:
        print_line = f"\n{title}"
        log(print_line)
    log(line(list(headers)))
    log(line(["-" * w for w in widths]))
    for row in cells:
        log(line(row))


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def mebibytes(size: int) -> float:
    return round(size / (1024 * 1024), 1)
