"""Users: change role, deactivate (never delete), reactivate; the last administrator stays;
every change in the administration trail, whose chain verifies."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backoffice.domain.roles import Role
from backoffice.services.admin_audit import AdminAuditService
from backoffice.services.errors import NotFound, PermissionDenied
from backoffice.services.users import LastAdministrator, OwnAccount, UnknownUser
from backoffice.store.models import AdminEvent
from tests.integration.conftest import World


def test_role_deactivate_reactivate_are_recorded(world: World) -> None:
    users = world.users
    assert users.change_role(world.admin, "clerk2", Role.TEAM_LEAD).role is Role.TEAM_LEAD
    assert users.deactivate(world.admin, "clerk2").active is False
    with pytest.raises(UnknownUser):
        users.actor_for_login("clerk2")  # a deactivated user cannot act
    assert "clerk2" in {u.login for u in users.list()}  # but is still there, with the name
    assert users.reactivate(world.admin, "clerk2").active is True
    assert users.actor_for_login("clerk2").role is Role.TEAM_LEAD
    audit = AdminAuditService(world.db)
    kinds = [(e.kind, e.subject) for e in audit.history(world.admin)]
    assert kinds[:3] == [
        ("user_reactivated", "clerk2"),
        ("user_deactivated", "clerk2"),
        ("user_role_changed", "clerk2"),
    ]
    assert audit.verify(world.admin) is None


def test_the_last_administrator_stays(world: World) -> None:
    users = world.users
    with pytest.raises(LastAdministrator):
        users.deactivate(world.admin, "admin")
    with pytest.raises(LastAdministrator):
        users.change_role(world.admin, "admin", Role.CLERK)
    users.add(world.admin, "admin2", "Zweite Admin", Role.ADMINISTRATOR)
    users.deactivate(world.admin, "admin2")  # an inactive one does not count
    with pytest.raises(LastAdministrator):
        users.change_role(world.admin, "admin", Role.TEAM_LEAD)
    users.reactivate(world.admin, "admin2")
    assert users.change_role(world.admin, "admin", Role.CLERK).role is Role.CLERK
    with pytest.raises(NotFound):
        users.deactivate(world.admin, "nobody")


def test_a_changed_entry_breaks_the_administration_chain(world: World) -> None:
    world.users.change_role(world.admin, "clerk1", Role.TEAM_LEAD)
    world.users.deactivate(world.admin, "clerk2")
    audit = AdminAuditService(world.db)
    assert audit.verify(world.admin) is None
    entries = audit.history(world.admin)
    with world.db.write() as session:
        session.execute(
            update(AdminEvent)
            .where(AdminEvent.seq == entries[-1].seq + 1)
            .values(payload={"role": "administrator"})
        )
    broken = audit.verify(world.admin)
    assert broken is not None and broken.seq == entries[-1].seq + 1
    assert "changed" in broken.reason


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_user_changes_are_refused_below_administrator(world: World, who: str) -> None:
    actor = getattr(world, who)
    users = world.users
    for call in (
        lambda: users.change_role(actor, "clerk2", Role.ADMINISTRATOR),
        lambda: users.deactivate(actor, "clerk2"),
        lambda: users.reactivate(actor, "clerk2"),
        lambda: users.rename(actor, "clerk2", "Someone Else"),
        lambda: AdminAuditService(world.db).history(actor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert users.by_login("clerk2").role is Role.CLERK


def test_nobody_deactivates_their_own_account(world: World) -> None:
    users = world.users
    users.add(world.admin, "admin2", "Zweite Admin", Role.ADMINISTRATOR)
    with pytest.raises(OwnAccount):
        users.deactivate(world.admin, "admin")  # even though another administrator is left
    assert users.by_login("admin").active
    users.deactivate(users.by_login("admin2").as_actor(), "admin")  # another one may
    assert not {u.login: u for u in users.list()}["admin"].active


def test_the_list_gives_each_users_last_recorded_change(world: World) -> None:
    users = world.users
    before = {u.login: u.last_change for u in users.list()}
    assert before["clerk1"] is not None  # added (by the system) is a change too
    users.change_role(world.admin, "clerk2", Role.TEAM_LEAD)
    after = {u.login: u.last_change for u in users.list()}
    last = AdminAuditService(world.db).history(world.admin, limit=1)[0]
    assert last.subject == "clerk2" and after["clerk2"] == last.at
    assert after["clerk1"] == before["clerk1"]
    clerk2_before = before["clerk2"]
    assert clerk2_before is not None and last.at >= clerk2_before
