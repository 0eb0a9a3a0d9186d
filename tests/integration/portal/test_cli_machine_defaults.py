"""``portal test`` and ``keys register`` use the machine-wide portal defaults (registry, the
Windows installer's properties) where the installation has no settings of its own, as the
desktop does; the installation's own settings win over them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.portal.credentials import SecretStore
from backoffice.portal.errors import PortalConfigError, PortalError
from backoffice.portal.keys import KeyStore, SubscriberKeys
from backoffice.portal.settings import PortalSettings, save_portal_settings
from backoffice.services.installation import Installation, MachineSettings
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from tests.fakes import run_portal_command


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate()


@pytest.fixture
def simulator(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    sim = Simulator(seed=7, keys=simulator_keys).start()
    yield sim
    sim.stop()


def machine_installation(
    tmp_path: Path, simulator: Simulator, subscriber_keys: SubscriberKeys
) -> Installation:
    """A data folder with keys and the client secret in the keyring, but no portal settings:
    the addresses come from the machine (as the MSI writes them into the registry)."""
    machine = MachineSettings(
        portal_base_url=simulator.base_url,
        portal_token_url=simulator.token_url,
        portal_destinations=(simulator.destination_id,),
        portal_client_id=simulator.subscriber.client_id,
    )
    installation = Installation(tmp_path / "data", "sqlite://", machine)
    secrets = SecretStore(installation.data_dir)
    secrets.set_client_secret(simulator.subscriber.client_id, simulator.subscriber.client_secret)
    KeyStore(installation.keys_dir, secrets).save(subscriber_keys)
    return installation


def test_portal_test_and_keys_register_use_the_machine_defaults(
    simulator: Simulator,
    subscriber_keys: SubscriberKeys,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    installation = machine_installation(tmp_path, simulator, subscriber_keys)
    assert not installation.settings_file.exists()
    assert run_portal_command(installation, "keys", "register") == 0
    assert f"destination {simulator.destination_id}: registered" in capsys.readouterr().out
    assert run_portal_command(installation, "portal", "test") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"ok   token: {simulator.token_url} accepted client id {simulator.subscriber.client_id!r}",
        f"ok   destination {simulator.destination_id}: active, "
        f"{len(simulator.services)} service(s)",
    ]


def test_the_installations_own_settings_win_over_the_machines(
    simulator: Simulator,
    subscriber_keys: SubscriberKeys,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    installation = machine_installation(tmp_path, simulator, subscriber_keys)
    own = PortalSettings(
        base_url="http://127.0.0.1:1/v1",  # nothing listens there
        token_url="http://127.0.0.1:1/token",
        destination_ids=(simulator.destination_id,),
        client_id=simulator.subscriber.client_id,
        connect_timeout=2,
    )
    save_portal_settings(installation.settings_file, own)
    with pytest.raises(PortalError, match="no access token"):
        run_portal_command(installation, "portal", "test")
    assert capsys.readouterr().out.startswith("FAIL token: ")


def test_incomplete_machine_defaults_say_which_value_is_missing(tmp_path: Path) -> None:
    machine = MachineSettings(portal_base_url="https://portal.example/api")
    installation = Installation(tmp_path / "data", "sqlite://", machine)
    with pytest.raises(PortalConfigError, match="registry values missing: PortalTokenUrl"):
        run_portal_command(installation, "portal", "test")
