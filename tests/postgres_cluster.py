"""A throwaway PostgreSQL cluster for the tests, started from the machine's own server binaries.

    cluster = PostgresCluster()
    cluster.start()
    cluster.create_database("t_abc")
    engine = create_engine(cluster.url("t_abc"))
    ...
    cluster.drop_database("t_abc")
    cluster.stop()

The cluster lives in a temporary folder (data, unix socket, server log), listens on a free port on
127.0.0.1 only, trusts every local connection and runs without fsync. ``initdb`` and ``pg_ctl``
refuse to run as root: as root they are run as the ``postgres`` user through ``runuser``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
"""The database superuser of the cluster (initdb -U), whatever OS user runs the server."""

SERVER_OS_USER = "postgres"
"""The OS user that runs the server when the tests run as root."""

_SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    # Nothing here must survive a crash: durability off, for speed.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
}

_SHM_MIN_FREE = 1 << 30
"""/dev/shm holds the cluster only with at least this much room (Docker's default is 64 MiB)."""

_PG_HBA = """\
# Throwaway test cluster: trust every connection on the private socket and on loopback.
local   all             all                                     trust
host    all             all             127.0.0.1/32            trust
host    all             all             ::1/128                 trust
"""


class PostgresNotAvailableError(RuntimeError):
    """No PostgreSQL server binaries (initdb, pg_ctl) on this machine."""


@dataclass(frozen=True)
class PostgresBinaries:
    initdb: Path
    pg_ctl: Path

    @property
    def bindir(self) -> Path:
        return self.initdb.parent


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>: "15" → (15,), "9.6" → (9, 6)."""
    return tuple(int(part) for part in re.findall(r"\d+", path.name)) or (-1,)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _traversable_by_others(path: Path) -> bool:
    """Whether every folder from / down to path can be entered by any user (o+x)."""
    path = path.resolve()
    return all(p.stat().st_mode & stat.S_IXOTH for p in (path, *path.parents))


class PostgresCluster:
    """One throwaway PostgreSQL cluster. ``start()`` it, ``stop()`` it (or use ``with``)."""

    def __init__(self, binaries: PostgresBinaries | None = None) -> None:
        found = binaries or self.find_binaries()
        if found is None:
            raise PostgresNotAvailableError(
                "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under "
                "/usr/lib/postgresql/*/bin (Debian package 'postgresql')"
            )
        self.binaries = found
        self.port: int | None = None
        self.base_dir: Path | None = None
        self._admin: psycopg.Connection | None = None
        self._os_user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self._os_user = pwd.getpwnam(SERVER_OS_USER)
            except KeyError:
                raise PostgresNotAvailableError(
                    f"running as root, but there is no OS user {SERVER_OS_USER!r} to run "
                    "initdb/pg_ctl as (they refuse root)"
                ) from None

    # -- finding the binaries ---------------------------------------------------------------

    @staticmethod
    def find_binaries() -> PostgresBinaries | None:
        """initdb and pg_ctl from PATH, else from the highest /usr/lib/postgresql/*/bin."""
        initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
        if initdb and pg_ctl:
            return PostgresBinaries(Path(initdb), Path(pg_ctl))
        for version_dir in sorted(
            Path("/usr/lib/postgresql").glob("*"), key=_version_key, reverse=True
        ):
            bindir = version_dir / "bin"
            if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
                return PostgresBinaries(bindir / "initdb", bindir / "pg_ctl")
        return None

    # -- life cycle -------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self._base / "data"

    @property
    def socket_dir(self) -> Path:
        return self._base / "socket"

    @property
    def log_file(self) -> Path:
        return self._base / "server.log"

    @property
    def _base(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("the cluster is not started")
        return self.base_dir

    def start(self) -> None:
        """initdb a new cluster in a temporary folder and start the server on a free port."""
        if self.port is not None:
            return
        self.base_dir = Path(tempfile.mkdtemp(prefix="backoffice-pg-", dir=self._temp_parent()))
        try:
            self.socket_dir.mkdir()
            if self._os_user is not None:
                for path in (self.base_dir, self.socket_dir):
                    os.chown(path, self._os_user.pw_uid, self._os_user.pw_gid)
            self._initdb()
            self._configure()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)

    def stop(self) -> None:
        """Stop the server at once (no shutdown checkpoint) and delete the cluster's folder."""
        if self._admin is not None:
            with contextlib.suppress(psycopg.Error):
                self._admin.close()
            self._admin = None
        if self.base_dir is None:
            return
        if self.port is not None:
            self._run(
                [
                    str(self.binaries.pg_ctl),
                    "stop",
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "-w",
                    "-t",
                    "30",
                ],
                check=False,
            )
            self.port = None
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None
        atexit.unregister(self.stop)

    def __enter__(self) -> PostgresCluster:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- using it ---------------------------------------------------------------------------

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of a database in this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self._port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq connection string (for psycopg.connect) of a database in this cluster."""
        return f"host=127.0.0.1 port={self._port} user={SUPERUSER} dbname={dbname}"

    @property
    def server_version(self) -> int:
        """The server's version as an integer, e.g. 150018 for 15.18."""
        return self._admin_connection().info.server_version

    def create_database(self, name: str) -> None:
        """CREATE DATABASE name (empty, from template1)."""
        # (PostgreSQL 15's default STRATEGY = WAL_LOG measured faster here than FILE_COPY, whose
        # checkpoints cost more than WAL-logging the small template.)
        self._admin_connection().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop_database(self, name: str) -> None:
        """DROP DATABASE name, closing the connections still open to it first."""
        conn = self._admin_connection()
        if self.server_version >= 130000:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            return
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    # -- internals --------------------------------------------------------------------------

    @property
    def _port(self) -> int:
        if self.port is None:
            raise RuntimeError("the cluster is not started")
        return self.port

    def _admin_connection(self) -> psycopg.Connection:
        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(self.conninfo(), autocommit=True)
        return self._admin

    def _temp_parent(self) -> str:
        """Where the cluster's folder goes: /dev/shm when it has room (in memory: creating a
        database there took ≈ 0.01 s against ≈ 0.2 s on disk, fsync off in both), else the
        usual temp folder if the server's OS user can reach it, else /tmp."""
        shm = Path("/dev/shm")
        with contextlib.suppress(OSError):
            usage = shutil.disk_usage(shm)
            if usage.free >= _SHM_MIN_FREE and os.access(shm, os.W_OK | os.X_OK):
                return str(shm)
        parent = Path(tempfile.gettempdir())
        if self._os_user is not None and not _traversable_by_others(parent):
            return "/tmp"
        return str(parent)

    def _run(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary, as the server's OS user when we are root."""
        if self._os_user is not None:
            args = ["runuser", "-u", self._os_user.pw_name, "--", *args]
        result = subprocess.run(
            args,
            cwd=self._base,  # the caller's cwd may be closed to the server's OS user
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed with exit code {result.returncode}:\n"
                f"{result.stdout}{result.stderr}"
            )
        return result

    def _initdb(self) -> None:
        base = [
            str(self.binaries.initdb),
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]
        # C.UTF-8: byte-order collation, but upper()/lower()/ILIKE know ä, ö, ü, ß.
        result = self._run([*base, "--locale=C.UTF-8"], check=False)
        if result.returncode != 0:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self._run([*base, "--locale=C"])  # an old libc without C.UTF-8

    def _configure(self) -> None:
        settings = {**_SERVER_SETTINGS, "unix_socket_directories": str(self.socket_dir)}
        lines = [f"{key} = '{value}'" for key, value in settings.items()]
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# Throwaway test cluster (tests/postgres_cluster.py)\n")
            conf.write("\n".join(lines) + "\n")
        (self.data_dir / "pg_hba.conf").write_text(_PG_HBA, encoding="utf-8")

    def _start_server(self) -> None:
        for _attempt in range(5):
            port = _free_port()
            self.log_file.unlink(missing_ok=True)
            result = self._run(
                [
                    str(self.binaries.pg_ctl),
                    "start",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.log_file),
                    "-o",
                    f"-p {port}",
                    "-w",
                    "-t",
                    "60",
                ],
                check=False,
            )
            if result.returncode == 0:
                self.port = port
                return
            log = self.log_file.read_text(encoding="utf-8", errors="replace")
            if "could not bind" not in log and "already in use" not in log:
                raise RuntimeError(
                    f"pg_ctl start failed with exit code {result.returncode}:\n"
                    f"{result.stdout}{result.stderr}\n--- {self.log_file} ---\n{log}"
                )
            time.sleep(0.1)  # somebody took the port between our check and the server's bind
        raise RuntimeError("pg_ctl start: no free port found in 5 attempts")
