"""A working installation for the operations tests: database, user, keys, portal, simulator.

Every fixture builds what a real installation has, through the program's own functions
(settings file, keyring entry, key file): the tests then break one piece at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from backoffice.domain.roles import Role
from backoffice.portal.credentials import SecretStore
from backoffice.portal.keys import KeyStore
from backoffice.portal.settings import PortalSettings, save_portal_settings
from backoffice.services.actor import SYSTEM
from backoffice.services.installation import Installation
from backoffice.services.users import UserService
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from tests.unit.portal.helpers import session_keys


@pytest.fixture(scope="session")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate()


@dataclass
class Site:
    """One installation wired to a running simulator."""

    installation: Installation
    simulator: Simulator
    secrets: SecretStore

    @property
    def client_id(self) -> str:
        return self.simulator.subscriber.client_id


def make_installation(data_dir: Path, database_url: str, *, with_user: bool = True) -> Installation:
    installation = Installation(data_dir, database_url)
    installation.prepare()
    db = Database(database_url)
    try:
        upgrade(db)
        if with_user:
            UserService(db).add(SYSTEM, "anna", "Anna Schmitz", Role.ADMINISTRATOR)
    finally:
        db.dispose()
    return installation


def connect_to(installation: Installation, simulator: Simulator, *, keys: bool = True) -> None:
    """Portal settings, client secret and key file, as `portal configure` and `keys generate`."""
    secrets = SecretStore(installation.data_dir)
    settings = PortalSettings(
        base_url=simulator.base_url,
        token_url=simulator.token_url,
        destination_ids=(simulator.destination_id,),
        client_id=simulator.subscriber.client_id,
        connect_timeout=2,
        read_timeout=5,
    )
    save_portal_settings(installation.settings_file, settings)
    secrets.set_client_secret(settings.client_id, simulator.subscriber.client_secret)
    if keys:
        KeyStore(installation.keys_dir, secrets).save(session_keys())


@pytest.fixture
def site(tmp_path: Path, database_url: str, simulator_keys: SimulatorKeys) -> Iterator[Site]:
    installation = make_installation(tmp_path / "data", database_url)
    simulator = Simulator(
        seed=3, keys=simulator_keys, subscriber_jwks=session_keys().export_public_jwks()
    ).start()
    try:
        connect_to(installation, simulator)
        yield Site(installation, simulator, SecretStore(installation.data_dir))
    finally:
        simulator.stop()
