"""``backoffice doctor``: every check passes on a working installation and fails once each.

Real databases (SQLite file, throwaway PostgreSQL), the real simulator over HTTP; only the
keyring (in memory, or keyring's own fail backend) and the free-space function are replaced.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from backoffice.cli import main
from backoffice.services.doctor import Diagnosis, Doctor, Verdict
from backoffice.services.installation import Installation
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from backoffice.store.migrate import HEAD_REVISION, _config
from backoffice.store.models import OutboxMessage
from tests.integration.ops.conftest import Site, connect_to, make_installation
from tests.unit.portal.helpers import session_keys

GiB = 1024**3
PLENTY = (100 * GiB, 50 * GiB)

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def diagnose(installation: Installation, disk: tuple[int, int] = PLENTY) -> Diagnosis:
    return Doctor(installation, disk_usage=lambda _path: disk).run()


def verdicts(diagnosis: Diagnosis) -> dict[str, Verdict]:
    return {c.name: c.verdict for c in diagnosis.checks}


def only_check(diagnosis: Diagnosis, name: str) -> str:
    [check] = [c for c in diagnosis.checks if c.name == name]
    return check.line()


def test_a_working_installation_is_healthy(site: Site) -> None:
    diagnosis = diagnose(site.installation)
    destination = f"destination {site.simulator.destination_id}"
    assert verdicts(diagnosis) == {
        "database": Verdict.OK,
        "users": Verdict.OK,
        "outbox": Verdict.OK,
        "log folder": Verdict.OK,
        "disk space": Verdict.OK,
        "keyring": Verdict.OK,
        "keys": Verdict.OK,
        "portal": Verdict.OK,
        destination: Verdict.OK,
    }
    assert diagnosis.healthy
    assert "our encryption key is registered" in only_check(diagnosis, destination)
    assert f"schema {HEAD_REVISION} (current)" in only_check(diagnosis, "database")


@pytest.mark.parametrize(
    "url",
    ["postgresql://nobody@127.0.0.1:1/nothing", "sqlite:///{tmp}/a-folder.sqlite3"],
    ids=["postgresql", "sqlite"],
)
def test_a_database_that_cannot_connect_fails(tmp_path: Path, url: str) -> None:
    (tmp_path / "a-folder.sqlite3").mkdir()  # a file name that is a folder: cannot be opened
    installation = Installation(tmp_path / "data", url.format(tmp=tmp_path))
    diagnosis = diagnose(installation)
    line = only_check(diagnosis, "database")
    assert line.startswith("FAIL database: cannot connect to ")
    assert "check that the server runs" in line
    assert verdicts(diagnosis)["outbox"] is Verdict.WARN
    assert not diagnosis.healthy


def test_a_database_one_revision_behind_warns(tmp_path: Path, database_url: str) -> None:
    config = _config()
    previous = ScriptDirectory.from_config(config).get_revision(HEAD_REVISION).down_revision
    assert isinstance(previous, str)
    db = Database(database_url)
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
    finally:
        db.dispose()
    installation = Installation(tmp_path / "data", database_url)
    line = only_check(diagnose(installation), "database")
    assert line.startswith("WARN database: ") and f"has schema {previous}" in line
    assert "`backoffice db upgrade`" in line
    db = Database(database_url)
    try:  # the doctor changed nothing
        with db.read() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == previous
    finally:
        db.dispose()


def test_a_database_from_a_newer_program_fails(tmp_path: Path, database_url: str) -> None:
    installation = make_installation(tmp_path / "data", database_url)
    db = Database(database_url)
    try:
        with db.write() as session:
            session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        db.dispose()
    diagnosis = diagnose(installation)
    assert "newer version of the program" in only_check(diagnosis, "database")
    assert not diagnosis.healthy


def test_no_database_file_yet_is_only_a_warning_and_not_created(tmp_path: Path) -> None:
    installation = Installation.locate(tmp_path / "data")
    diagnosis = diagnose(installation)
    assert verdicts(diagnosis)["database"] is Verdict.WARN
    assert not (tmp_path / "data" / "backoffice.sqlite3").exists()
    assert diagnosis.healthy  # nothing configured yet is not broken


def test_no_user_warns(tmp_path: Path, database_url: str) -> None:
    installation = make_installation(tmp_path / "data", database_url, with_user=False)
    assert "WARN users: no user yet" in only_check(diagnose(installation), "users")


def test_failed_outbox_messages_warn(site: Site) -> None:
    db = Database(site.installation.database_url)
    try:
        with db.write() as session:
            session.add(
                OutboxMessage(
                    kind="portal_decision",
                    channel="fit_connect",
                    payload={},
                    idempotency_key="doctor-test",
                    state="failed",
                    attempts=50,
                    last_error="given up",
                    next_attempt_at=datetime.now(UTC),
                )
            )
    finally:
        db.dispose()
    line = only_check(diagnose(site.installation), "outbox")
    assert line.startswith("WARN outbox: 0 waiting (0 of them retrying), 1 failed or given up")
    assert "outbox list --state failed" in line


@sqlite_only
def test_the_keyrings_fail_backend_fails_with_what_to_install(site: Site) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    diagnosis = diagnose(site.installation)
    line = only_check(diagnosis, "keyring")
    assert line.startswith("FAIL keyring: no usable keyring")
    assert "apt install gnome-keyring" in line and "dbus-run-session" in line
    assert verdicts(diagnosis)["keys"] is Verdict.WARN  # not checked, said so
    assert "not checked" in only_check(diagnosis, "portal")
    assert not diagnosis.healthy


@sqlite_only
def test_without_a_portal_a_missing_keyring_only_warns(tmp_path: Path, database_url: str) -> None:
    installation = make_installation(tmp_path / "data", database_url)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    diagnosis = diagnose(installation)
    assert verdicts(diagnosis)["keyring"] is Verdict.WARN
    assert verdicts(diagnosis)["portal"] is Verdict.WARN
    assert diagnosis.healthy


@sqlite_only
def test_no_keys_fail(site: Site) -> None:
    shutil.rmtree(site.installation.keys_dir)
    diagnosis = diagnose(site.installation)
    assert "`backoffice keys generate`" in only_check(diagnosis, "keys")
    assert verdicts(diagnosis)["keys"] is Verdict.FAIL
    assert verdicts(diagnosis)[f"destination {site.simulator.destination_id}"] is Verdict.WARN


@sqlite_only
def test_keys_not_registered_at_the_destination_fail(
    tmp_path: Path, database_url: str, simulator_keys: SimulatorKeys
) -> None:
    installation = make_installation(tmp_path / "data", database_url)
    with Simulator(seed=4, keys=simulator_keys) as simulator:  # nobody registered keys
        connect_to(installation, simulator)
        diagnosis = diagnose(installation)
        line = only_check(diagnosis, f"destination {simulator.destination_id}")
        assert line.startswith("FAIL destination")
        assert "no encryption key is registered" in line and "keys register" in line
        simulator.register_subscriber_keys(session_keys().export_public_jwks())
        assert diagnose(installation).healthy  # what the advice says, done, is enough


@sqlite_only
def test_a_portal_that_refuses_the_secret_fails(site: Site) -> None:
    site.secrets.set_client_secret(site.client_id, "not-the-secret")
    diagnosis = diagnose(site.installation)
    line = only_check(diagnosis, "portal")
    assert line.startswith(f"FAIL portal: client id {site.client_id!r} or its secret was refused")
    assert "portal configure" in line
    assert not any(c.name.startswith("destination") for c in diagnosis.checks)


@sqlite_only
def test_a_portal_that_is_down_fails(site: Site) -> None:
    site.simulator.stop()
    line = only_check(diagnose(site.installation), "portal")
    assert line.startswith("FAIL portal: no access token from ")


@sqlite_only
def test_a_full_disk_fails_and_a_nearly_full_one_warns(site: Site) -> None:
    full = diagnose(site.installation, disk=(100 * GiB, 10 * 1024**2))
    assert only_check(full, "disk space").startswith("FAIL disk space: 10.0 MiB free")
    assert not full.healthy
    nearly = diagnose(site.installation, disk=(100 * GiB, 2 * GiB))  # 2 %
    assert verdicts(nearly)["disk space"] is Verdict.WARN
    assert nearly.healthy
    small = diagnose(site.installation, disk=(8 * GiB, GiB // 2))  # 6 %, but under 1 GiB
    assert verdicts(small)["disk space"] is Verdict.WARN


@sqlite_only
def test_an_unwritable_log_folder_fails(site: Site) -> None:
    shutil.rmtree(site.installation.logs_dir)
    site.installation.logs_dir.write_text("in the way", "utf-8")
    diagnosis = diagnose(site.installation)
    line = only_check(diagnosis, "log folder")
    assert line.startswith("FAIL log folder:") and "not a folder" in line
    assert not diagnosis.healthy


@sqlite_only
def test_the_command_prints_one_line_per_check_and_its_exit_code_says_it(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    installation = site.installation
    argv = ["--data-dir", str(installation.data_dir), "--database", installation.database_url]
    assert main([*argv, "doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"installation: {installation.data_dir}"
    assert [line.split()[0] for line in lines[1:-1]] == ["OK"] * 9
    assert lines[-1] == "9 checks: 0 failed, 0 warning(s)"
    site.secrets.set_client_secret(site.client_id, "wrong")
    assert main([*argv, "doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL portal:" in out and out.rstrip().endswith("1 failed, 0 warning(s)")
