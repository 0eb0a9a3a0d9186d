"""Machine-wide settings (Windows registry, written by the MSI or group policy) as defaults."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backoffice.portal.errors import PortalConfigError
from backoffice.portal.settings import PortalSettings, save_portal_settings
from backoffice.services.installation import (
    DATABASE_ENV,
    REGISTRY_KEYS,
    Installation,
    MachineSettings,
    RegistryReader,
)

POLICY, INSTALLER = REGISTRY_KEYS
DESTINATION = "2c4b7c1e-0d5e-4f6a-9b8c-7d6e5f4a3b2c"
OTHER = "9f8e7d6c-5b4a-4392-8171-605f4e3d2c1b"


def reader(values: dict[tuple[str, str], str]) -> RegistryReader:
    """A registry of these (key, value name) -> text entries."""
    return lambda key, name: values.get((key, name))


def test_group_policy_wins_value_by_value_and_empty_means_not_set() -> None:
    machine = MachineSettings.read(
        reader(
            {
                (INSTALLER, "DatabaseUrl"): "postgresql://backoffice@db.rathaus.example/backoffice",
                (POLICY, "DatabaseUrl"): "postgresql://backoffice@db2.rathaus.example/backoffice",
                (INSTALLER, "PortalBaseUrl"): "https://portal.example/api",
                (POLICY, "PortalBaseUrl"): "  ",  # the MSI writes "" for a property not given
                (INSTALLER, "PortalDestinations"): f" {DESTINATION}, {OTHER} ,",
                (INSTALLER, "PortalClientId"): "",
            }
        )
    )
    assert machine == MachineSettings(
        database_url="postgresql://backoffice@db2.rathaus.example/backoffice",
        portal_base_url="https://portal.example/api",
        portal_destinations=(DESTINATION, OTHER),
    )


@pytest.mark.skipif(sys.platform == "win32", reason="Windows reads its registry")
def test_other_systems_have_none() -> None:
    assert MachineSettings.read() == MachineSettings()


def test_the_database_url_is_a_default_below_option_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = MachineSettings(database_url="postgresql://u@machine/db")
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert Installation.locate(tmp_path, None, machine).database_url == machine.database_url
    assert Installation.locate(tmp_path, "sqlite:///x.db", machine).database_url == "sqlite:///x.db"
    monkeypatch.setenv(DATABASE_ENV, "postgresql://u@env/db")
    assert Installation.locate(tmp_path, None, machine).database_url == "postgresql://u@env/db"
    monkeypatch.delenv(DATABASE_ENV)
    # What this installation's first-start wizard stored comes before the machine's default.
    installation = Installation.locate(tmp_path, None, machine)
    chosen = installation.save_database_url("postgresql://u@wizard/db")
    assert chosen.database_url == "postgresql://u@wizard/db" and chosen.machine == machine
    assert Installation.locate(tmp_path, None, machine).database_url == "postgresql://u@wizard/db"
    assert installation.save_database_url(None).database_url == machine.database_url
    plain = Installation.locate(tmp_path, None, MachineSettings())
    assert plain.database_url == f"sqlite:///{tmp_path.resolve() / 'backoffice.sqlite3'}"


def test_the_portal_connection_is_a_default_below_the_installations_own(tmp_path: Path) -> None:
    machine = MachineSettings(
        portal_base_url="https://portal.example/api",
        portal_token_url="https://portal.example/token",
        portal_destinations=(DESTINATION,),
        portal_client_id="rathaus-musterstadt",
    )
    installation = Installation.locate(tmp_path, "sqlite://", machine)
    settings = installation.require_portal_settings()
    assert (settings.base_url, settings.token_url) == (
        "https://portal.example/api",
        "https://portal.example/token",
    )
    assert settings.destination_ids == (DESTINATION,)
    assert settings.client_id == "rathaus-musterstadt"

    own = PortalSettings("https://own.example/", "https://own.example/t", (OTHER,), "own-client")
    save_portal_settings(installation.settings_file, own)
    assert installation.portal_settings() == own


def test_no_portal_anywhere_and_an_incomplete_machine_setting(tmp_path: Path) -> None:
    nothing = Installation.locate(tmp_path, "sqlite://", MachineSettings())
    assert nothing.portal_settings() is None
    with pytest.raises(PortalConfigError, match="portal configure"):
        nothing.require_portal_settings()
    partial = Installation.locate(
        tmp_path, "sqlite://", MachineSettings(portal_base_url="https://portal.example/api")
    )
    with pytest.raises(PortalConfigError) as raised:
        partial.portal_settings()
    assert "PortalTokenUrl, PortalDestinations, PortalClientId" in str(raised.value)
    wrong = MachineSettings(
        portal_base_url="https://portal.example/api",
        portal_token_url="https://portal.example/token",
        portal_destinations=("not-a-uuid",),
        portal_client_id="c",
    )
    with pytest.raises(PortalConfigError, match=r"machine-wide portal settings: .*not a UUID"):
        wrong.portal_settings()
