"""A working installation for the operations tests: database, user, keys, portal, simulator.

Every fixture builds what a real installation has, through the program's own functions
(settings file, keyring entry, key file): the tests then break one piece at a time.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def connect(installation: Installation, info: dict[str, Any], *, keys: bool = True) -> None:
    """Portal settings, client secret and key file, as `portal configure` and `keys generate`
    would leave them; ``info`` as the simulator's ``info()`` (or its --info file)."""
    secrets = SecretStore(installation.data_dir)
    settings = PortalSettings(
        base_url=info["base_url"],
        token_url=info["token_url"],
        destination_ids=(info["destination_id"],),
        client_id=info["subscriber"]["client_id"],
        connect_timeout=2,
        read_timeout=5,
    )
    save_portal_settings(installation.settings_file, settings)
    secrets.set_client_secret(settings.client_id, info["subscriber"]["client_secret"])
    if keys:
        KeyStore(installation.keys_dir, secrets).save(session_keys())


def connect_to(installation: Installation, simulator: Simulator, *, keys: bool = True) -> None:
    connect(installation, simulator.info(), keys=keys)


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


def start_simulator_process(
    folder: Path, generate: int
) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    """`backoffice simulator` as a process of its own, our keys registered; its info file read."""
    folder.mkdir(parents=True, exist_ok=True)
    jwks = folder / "jwks.json"
    jwks.write_text(json.dumps(session_keys().export_public_jwks()), "utf-8")
    info = folder / "info.json"
    log = folder / "simulator.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "backoffice.cli",
                "simulator",
                "--generate",
                str(generate),
                "--seed",
                "11",
                "--attachments",
                "1",
                "--info",
                str(info),
                "--subscriber-jwks",
                str(jwks),
            ],
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    deadline = time.monotonic() + 60
    while not info.exists():  # written atomically once the server listens
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"simulator did not start: {log.read_text('utf-8')[-2000:]}")
        time.sleep(0.05)
    return process, json.loads(info.read_text("utf-8"))


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
