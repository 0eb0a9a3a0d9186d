"""Every administrative action is refused to clerks and team leads in the service itself.

The command line and the window only hide what they may not do; these tests call the
services directly, as a caller that bypasses both would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from backoffice.domain.roles import Role
from backoffice.portal.settings import PortalSettings
from backoffice.services.actor import Actor
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.services.errors import PermissionDenied
from backoffice.services.portal_admin import PortalAdministration
from tests.integration.conftest import World

DESTINATION = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"


@dataclass(frozen=True)
class Folder:
    data_dir: Path

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"


Action = Callable[[World, Folder, Actor], object]


def _settings() -> PortalSettings:
    return PortalSettings(
        base_url="https://portal.example.org",
        token_url="https://auth.example.org/token",
        destination_ids=(DESTINATION,),
        client_id="rathaus",
    )


ACTIONS: dict[str, Action] = {
    "portal configure": lambda w, f, a: PortalAdministration(f).configure(a, _settings(), "s3"),
    "keys generate": lambda w, f, a: PortalAdministration(f).generate_keys(a),
    "keys generate --force": lambda w, f, a: PortalAdministration(f).generate_keys(a, replace=True),
    "keys register": lambda w, f, a: PortalAdministration(f).register_keys(a),
    "catalogue install": lambda w, f, a: CatalogueService(w.db).install(read_catalogue(), a),
    "users add": lambda w, f, a: w.users.add(a, "newcomer", "Neu Ling", Role.ADMINISTRATOR),
}


@pytest.mark.parametrize("who", ["clerk1", "lead"])
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_refused_below_administrator(world: World, tmp_path: Path, action: str, who: str) -> None:
    folder = Folder(tmp_path / "data")
    actor: Actor = getattr(world, who)
    with pytest.raises(PermissionDenied) as refused:
        ACTIONS[action](world, folder, actor)
    assert refused.value.code == "permission_denied"
    assert refused.value.details["role"] == actor.role.value
    # Nothing was written before the refusal.
    assert not folder.settings_file.exists()
    assert not folder.keys_dir.exists()
    assert "newcomer" not in {u.login for u in world.users.list()}


def test_an_administrator_may_configure_the_portal(world: World, tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data")
    administration = PortalAdministration(folder)
    administration.configure(world.admin, _settings(), "s3cret")
    stored = administration.settings()
    assert stored is not None and stored.destination_ids == (DESTINATION,)
