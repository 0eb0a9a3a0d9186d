"""The installation: the database URL the wizard stored is found again; log files rotate."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from backoffice.portal.settings import PortalSettings, load_portal_settings, save_portal_settings
from backoffice.services.installation import (
    DATABASE_ENV,
    LOG_BACKUPS,
    LOG_MAX_BYTES,
    Installation,
    InstallationError,
)

TEAM = "postgresql://backoffice@db.rathaus.example/backoffice"


def test_a_stored_database_url_is_used_when_neither_flag_nor_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    folder = tmp_path / "data"
    first = Installation.locate(folder)
    assert first.database_url == f"sqlite:///{folder / 'backoffice.sqlite3'}"
    assert first.save_database_url(TEAM).database_url == TEAM
    assert Installation.locate(folder).database_url == TEAM
    assert (
        Installation.locate(folder, "sqlite:////x.sqlite3").database_url == "sqlite:////x.sqlite3"
    )
    monkeypatch.setenv(DATABASE_ENV, "postgresql://other@host/db")
    assert Installation.locate(folder).database_url == "postgresql://other@host/db"
    monkeypatch.delenv(DATABASE_ENV)
    first.save_database_url(None)  # back to this computer
    assert Installation.locate(folder).database_url == first.default_database_url
    assert "database_url" not in json.loads((folder / "settings.json").read_text("utf-8"))


def test_the_stored_url_and_the_portal_settings_keep_each_other(tmp_path: Path) -> None:
    installation = Installation.locate(tmp_path / "data")
    portal = PortalSettings(
        base_url="https://portal.example/v1",
        token_url="https://portal.example/token",
        destination_ids=("2c4b5bb2-6b0e-4a3c-9f58-0d1a3e6f7a10",),
        client_id="rathaus",
    )
    save_portal_settings(installation.settings_file, portal)
    installation.save_database_url(TEAM)
    assert load_portal_settings(installation.settings_file) == portal
    save_portal_settings(installation.settings_file, portal)
    assert Installation.locate(tmp_path / "data").database_url == TEAM


def test_a_url_with_a_password_is_not_written_to_a_file(tmp_path: Path) -> None:
    installation = Installation.locate(tmp_path / "data")
    with pytest.raises(InstallationError, match="pgpass"):
        installation.save_database_url("postgresql://anna:geheim@db/backoffice")
    assert not installation.settings_file.exists()


def test_a_damaged_settings_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.json").write_text("{not json", "utf-8")
    with pytest.raises(InstallationError, match=r"settings\.json"):
        Installation.locate(tmp_path / "data")


def test_the_log_file_rotates_at_its_size_and_keeps_its_number_of_files(tmp_path: Path) -> None:
    installation = Installation.locate(tmp_path / "data")
    installation.prepare()
    line = "x" * 1000
    log = logging.getLogger("backoffice.test_rotation")
    with installation.logging_to_file() as path:
        for number in range((LOG_BACKUPS + 3) * LOG_MAX_BYTES // 1000):
            log.info("%06d %s", number, line)
    files = sorted(installation.logs_dir.iterdir())
    names = [p.name for p in files]
    assert names == ["backoffice.log"] + [f"backoffice.log.{n}" for n in range(1, LOG_BACKUPS + 1)]
    assert all(p.stat().st_size <= LOG_MAX_BYTES for p in files)
    assert all(p.stat().st_size > LOG_MAX_BYTES * 0.9 for p in files[1:])
    newest = path.read_text("utf-8").splitlines()[-1]
    assert newest.endswith(f"{(LOG_BACKUPS + 3) * LOG_MAX_BYTES // 1000 - 1:06d} {line}")
    # The oldest file kept continues where the next one starts: nothing in between is lost.
    oldest = (installation.logs_dir / f"backoffice.log.{LOG_BACKUPS}").read_text("utf-8")
    older_next = (installation.logs_dir / f"backoffice.log.{LOG_BACKUPS - 1}").read_text("utf-8")
    last_of_oldest = int(oldest.splitlines()[-1].split()[-2])
    first_of_next = int(older_next.splitlines()[0].split()[-2])
    assert first_of_next == last_of_oldest + 1
