"""The staff-council policy of the team figures: the minimum group size, stored as a setting
shared by every desktop, changed only by an administrator, each change in the
administration audit trail (``admin_events``) in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.figures import DEFAULT_MIN_STAFF, LOWEST_MIN_STAFF
from backoffice.domain.roles import Role
from backoffice.domain.text import clean_line
from backoffice.services import admin_audit
from backoffice.services.actor import Actor
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.store.models import AdminEvent, Setting, User

from .records import CouncilPolicy

SETTING_KEY = "workload/council_policy"
EVENT_KIND = "council_policy_changed"
MAX_AGREEMENT_CHARS = 300


def read_policy(session: Session) -> CouncilPolicy:
    setting = session.get(Setting, SETTING_KEY)
    if setting is None:
        return CouncilPolicy(DEFAULT_MIN_STAFF)
    last = session.execute(
        select(AdminEvent.at, User.login)
        .outerjoin(User, User.id == AdminEvent.actor_id)
        .where(AdminEvent.kind == EVENT_KIND)
        .order_by(AdminEvent.id.desc())
        .limit(1)
    ).first()
    return CouncilPolicy(
        min_staff=int(setting.value.get("min_staff", DEFAULT_MIN_STAFF)),
        agreement=setting.value.get("agreement"),
        changed_by=last.login if last else None,
        changed_at=last.at if last else None,
    )


def write_policy(
    session: Session, actor: Actor, min_staff: int, agreement: str | None, now: datetime
) -> CouncilPolicy:
    """Check and store a new policy with its audit record (the caller commits)."""
    if actor.role is not Role.ADMINISTRATOR or actor.user_id is None:
        raise PermissionDenied(
            f"{actor.login} ({actor.role.value}) may not change the staff-council policy; "
            "only an administrator may",
            role=actor.role.value,
        )
    if not LOWEST_MIN_STAFF <= min_staff <= 100:
        raise InvalidInput(f"the minimum group size must be 1 to 100, not {min_staff}")
    agreement = clean_line(agreement or "", MAX_AGREEMENT_CHARS) or None
    if min_staff < DEFAULT_MIN_STAFF and agreement is None:
        raise InvalidInput(
            f"a minimum group size below {DEFAULT_MIN_STAFF} needs the service agreement "
            "that allows it"
        )
    before = read_policy(session)
    value = {"min_staff": min_staff, "agreement": agreement}
    setting = session.get(Setting, SETTING_KEY)
    if setting is None:
        session.add(Setting(key=SETTING_KEY, value=value, updated_at=now))
    else:
        setting.value = value
        setting.updated_at = now
    admin_audit.record(
        session,
        actor,
        EVENT_KIND,
        SETTING_KEY,
        {
            "from": {"min_staff": before.min_staff, "agreement": before.agreement},
            "to": value,
        },
        at=now,
    )
    session.flush()
    return CouncilPolicy(min_staff, agreement, actor.login, now)
