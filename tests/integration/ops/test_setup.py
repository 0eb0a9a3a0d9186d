"""The first start, Qt-free: when it is needed, the connection tests, storing the choices."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from backoffice.app import Backoffice
from backoffice.domain.roles import Role
from backoffice.portal.credentials import SecretStore
from backoffice.portal.settings import load_portal_settings
from backoffice.services.actor import Actor
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.identity import IdentityService, TownIdentity
from backoffice.services.installation import Installation
from backoffice.services.portal_admin import PortalAdministration
from backoffice.services.setup import (
    FirstStart,
    PortalChoice,
    SetupChoices,
    SetupError,
    first_start_needed,
)
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from tests.integration.ops.conftest import make_installation

TOWN = TownIdentity(
    name="Stadt Musterhausen",
    office="Bürgerbüro",
    street="Marktplatz 1",
    postcode="12345",
    city="Musterhausen",
)


def choices(url: str | None, portal: PortalChoice | None = None) -> SetupChoices:
    return SetupChoices(url, "anna", "Anna Schmitz", TOWN, portal)


def test_a_fresh_data_folder_needs_a_first_start_and_nothing_is_created(tmp_path: Path) -> None:
    installation = Installation.locate(tmp_path / "data")
    assert first_start_needed(installation)
    assert not (tmp_path / "data").exists()


def test_a_database_without_users_needs_one_and_with_users_not(
    tmp_path: Path, database_url: str
) -> None:
    empty = Installation(tmp_path / "empty", database_url)
    assert first_start_needed(empty)  # reachable, no schema yet
    installation = make_installation(tmp_path / "data", database_url, with_user=False)
    assert first_start_needed(installation)
    installation = make_installation(tmp_path / "data2", database_url)  # adds anna
    assert not first_start_needed(installation)


def test_an_unreachable_database_is_no_first_start(tmp_path: Path) -> None:
    installation = Installation(tmp_path / "data", "postgresql://nobody@127.0.0.1:1/none")
    assert not first_start_needed(installation)  # the usual error says what is wrong


def test_this_computer_gets_the_admin_the_identity_and_the_catalogue(tmp_path: Path) -> None:
    start = FirstStart(Installation.locate(tmp_path / "data"), Backoffice.open)
    installation, admin = start.apply(choices(None))
    assert admin is not None and admin.login == "anna" and admin.role is Role.ADMINISTRATOR
    assert installation.database_url == installation.default_database_url
    assert not first_start_needed(Installation.locate(tmp_path / "data"))
    backoffice = Backoffice.open(Installation.locate(tmp_path / "data"))
    try:
        assert IdentityService(backoffice.db).get() == TOWN
        assert backoffice.catalogue.current()  # the built-in services
        assert backoffice.actor("anna").role is Role.ADMINISTRATOR
    finally:
        backoffice.close()


def test_a_team_postgresql_is_tested_stored_and_found_at_the_next_start(
    tmp_path: Path, postgres_url: str
) -> None:
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    start = FirstStart(Installation.locate(tmp_path / "data"), Backoffice.open)
    check = start.test_database(url)
    assert check.empty and check.users == 0 and "reachable and empty" in check.description
    _installation, admin = start.apply(choices(url))
    assert admin is not None
    again = Installation.locate(tmp_path / "data")
    assert again.database_url == url
    assert not first_start_needed(again)
    # A second desktop joins: the database has users, so only the URL is needed.
    second = FirstStart(Installation.locate(tmp_path / "desk2"), Backoffice.open)
    check = second.test_database(url)
    assert (check.users, check.empty) == (1, False)
    _joined, nobody = second.apply(SetupChoices(url))
    assert nobody is None and Installation.locate(tmp_path / "desk2").database_url == url


def test_a_bad_database_url_says_why(tmp_path: Path, postgres_url: str) -> None:
    start = FirstStart(Installation.locate(tmp_path / "data"), Backoffice.open)
    wrong_port = postgres_url.rsplit(":", 1)[0] + ":1/none"
    with pytest.raises(SetupError, match="cannot connect to") as caught:
        start.test_database(wrong_port)
    assert caught.value.step == "database"
    with pytest.raises(SetupError, match="not a database URL"):
        start.test_database("server/backoffice")


def test_the_portal_test_and_storing_the_secret_in_the_keyring(
    tmp_path: Path, simulator_keys: SimulatorKeys
) -> None:
    start = FirstStart(Installation.locate(tmp_path / "data"), Backoffice.open)
    with Simulator(seed=5, keys=simulator_keys) as simulator:
        good = PortalChoice(
            simulator.base_url,
            simulator.token_url,
            simulator.destination_id,
            simulator.subscriber.client_id,
            simulator.subscriber.client_secret,
        )
        assert "destination" in start.test_portal(good)
        bad = dataclasses.replace(good, secret="wrong")
        with pytest.raises(SetupError, match="refused client id") as caught:
            start.test_portal(bad)
        assert caught.value.step == "portal"
        configured: list[str] = []
        configure = PortalAdministration.configure

        def recording(self: PortalAdministration, actor: Actor, *args: Any) -> None:
            configured.append(actor.login)
            configure(self, actor, *args)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(PortalAdministration, "configure", recording)
            installation, _ = start.apply(choices(None, good))
    assert configured == ["anna"]  # through the service, as the new administrator
    stored = load_portal_settings(installation.settings_file)
    assert stored is not None and stored.destination_ids == (good.destination_id,)
    secret = SecretStore(installation.data_dir).client_secret(good.client_id)
    assert secret == good.secret
    assert good.secret not in installation.settings_file.read_text("utf-8")


def test_the_identity_is_checked_and_kept_on_both_databases(
    tmp_path: Path, database_url: str
) -> None:
    installation = make_installation(tmp_path / "data", database_url)
    backoffice = Backoffice.open(installation)
    try:
        identity = IdentityService(backoffice.db)
        assert identity.get() is None
        admin = backoffice.actor("anna")
        identity.set(admin, TOWN)
        changed = TownIdentity(name="  Gemeinde\u202eEnde  ", city="Ort")
        identity.set(admin, changed)
        stored = identity.get()
        assert stored == TownIdentity(name="Gemeinde Ende", city="Ort")  # the bidi mark gone
        assert stored.address_lines() == ["Gemeinde Ende", "Ort"]
        clerk = backoffice.users.add(admin, "karl", "Karl", Role.CLERK).as_actor()
        with pytest.raises(PermissionDenied, match="may not manage templates"):
            identity.set(clerk, TOWN)
    finally:
        backoffice.close()
    with pytest.raises(InvalidInput):
        TownIdentity(name=" ")
    with pytest.raises(InvalidInput):
        TownIdentity(name="x" * 201)
