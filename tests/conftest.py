"""Fixtures for every test of the project.

- Qt runs offscreen (QT_QPA_PLATFORM, unless set already).
- Every test gets a fresh in-memory keyring (fixture ``memory_keyring``, autouse): no test ever
  touches the real keyring of the machine.
- ``database_url``: a fresh, empty database per test, once on SQLite (a file in tmp_path) and once
  on PostgreSQL (test ids ``[sqlite]`` and ``[postgresql]``; the latter is marked ``postgres``).
- ``postgres_url``: a fresh, empty PostgreSQL database, for tests about PostgreSQL only.
- ``postgres_cluster``: the throwaway PostgreSQL cluster of the session (tests/postgres_cluster.py).
  Without PostgreSQL server binaries those tests are skipped, or fail when
  BACKOFFICE_REQUIRE_POSTGRES=1 (as tests/run.sh sets).
- Tests under tests/gui/ are marked ``gui``.

Nothing here imports the backoffice package: conftest files in subfolders build on these.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.credentials import SimpleCredential

from tests.postgres_cluster import PostgresCluster

# Before any QApplication exists (Qt reads it then): a test run never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_TESTS_DIR = Path(__file__).resolve().parent
_GUI_DIR = _TESTS_DIR / "gui"


# -- keyring ----------------------------------------------------------------------------------


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps its secrets in a dict, for tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(
                f"no secret for {username!r} in {service!r}"
            ) from None

    def get_credential(self, service: str, username: str | None) -> SimpleCredential | None:
        for (stored_service, stored_username), password in self.secrets.items():
            if stored_service == service and username in (None, stored_username):
                return SimpleCredential(stored_username, password)
        return None


# Even code that runs at import or collection time must not reach a real keyring.
keyring.set_keyring(InMemoryKeyring())


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[InMemoryKeyring]:
    """The fresh, empty in-memory keyring installed for this test."""
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(InMemoryKeyring())  # nothing a test stored outlives it


# -- databases --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """The throwaway PostgreSQL cluster of this test session (started on first use)."""
    if PostgresCluster.find_binaries() is None:
        message = (
            "PostgreSQL tests skipped: no PostgreSQL server binaries (initdb, pg_ctl) on PATH or "
            "under /usr/lib/postgresql/*/bin. Install Debian's 'postgresql' package, or run "
            "./tests/run.sh, which installs it."
        )
        if os.environ.get("BACKOFFICE_REQUIRE_POSTGRES") == "1":
            pytest.fail(
                message.replace("PostgreSQL tests skipped", "BACKOFFICE_REQUIRE_POSTGRES=1")
                + " Refusing to skip the PostgreSQL tests.",
                pytrace=False,
            )
        pytest.skip(message)
    cluster = PostgresCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def _fresh_postgres_database(cluster: PostgresCluster) -> Iterator[str]:
    name = f"t_{secrets.token_hex(8)}"
    cluster.create_database(name)
    try:
        yield cluster.url(name)
    finally:
        cluster.drop_database(name)  # WITH (FORCE): connections left open do not stop it


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database: SQLite (a real file) or PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backoffice.sqlite3'}"
    else:
        yield from _fresh_postgres_database(request.getfixturevalue("postgres_cluster"))


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database."""
    yield from _fresh_postgres_database(postgres_cluster)


# -- markers ----------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.resolve().is_relative_to(_GUI_DIR):
            item.add_marker(pytest.mark.gui)
        uses_postgres = {"postgres_url", "postgres_cluster"} & set(
            getattr(item, "fixturenames", ())
        )
        if uses_postgres and item.get_closest_marker("postgres") is None:
            item.add_marker(pytest.mark.postgres)
