"""Users and roles; mapping an operating-system login to a user record.

Users are never deleted (the history keeps their names): they are deactivated, and can be
reactivated. The last active administrator can be neither deactivated nor demoted, so that
somebody can always administer the installation, and nobody deactivates themselves (they
would be locked out in the middle of their work). Every change is recorded in the
administration's audit trail in the same transaction; :meth:`UserService.list` gives each
user's last recorded change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission, Role
from backoffice.store.database import Database
from backoffice.store.models import AdminEvent, User

from . import admin_audit
from .actor import SYSTEM, Actor
from .errors import InvalidInput, NotFound, ServiceError, storage_errors

LOGIN_RE = re.compile(r"^[A-Za-z0-9._@-]{1,100}$")


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    role: Role
    active: bool
    #: When the administration trail last recorded a change of this user (None: none yet).
    last_change: datetime | None = None

    def as_actor(self) -> Actor:
        return Actor(self.id, self.login, self.display_name, self.role)


#: The administration trail's kinds of change to a user (its subject is the login).
USER_EVENT_KINDS = (
    "user_added",
    "user_role_changed",
    "user_deactivated",
    "user_reactivated",
    "user_renamed",
)


def _info(user: User, last_change: datetime | None = None) -> UserInfo:
    return UserInfo(
        user.id, user.login, user.display_name, Role(user.role), user.active, last_change
    )


class LastAdministrator(ServiceError):
    """The change would leave the installation without an active administrator."""

    code = "last_administrator"


class OwnAccount(ServiceError):
    """An administrator may not deactivate the account they act with."""

    code = "own_account"


class UnknownUser(NotFound):
    """The acting login is no active user (the message names the users and ``--as``)."""

    code = "unknown_user"


@storage_errors
class UserService:
    def __init__(self, db: Database, clock: Callable[[], datetime] | None = None) -> None:
        self._db = db
        #: The time of the trail's entries (None: the computer's clock).
        self._clock = clock

    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None

    def count(self) -> int:
        with self._db.read() as session:
            return session.scalar(select(func.count()).select_from(User)) or 0

    def add(self, actor: Actor, login: str, display_name: str, role: Role) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        if not LOGIN_RE.match(login):
            raise InvalidInput(
                f"login {login!r} may only contain letters, digits and . _ @ - (at most 100)"
            )
        display_name = " ".join(display_name.split())
        if not display_name or len(display_name) > 200:
            raise InvalidInput("a display name of 1 to 200 characters is needed")
        try:
            with self._db.write() as session:
                user = User(login=login, display_name=display_name, role=role.value, active=True)
                session.add(user)
                session.flush()
                admin_audit.record(
                    session,
                    actor,
                    "user_added",
                    login,
                    {"role": role.value, "name": display_name},
                    at=self._now(),
                )
                return _info(user)
        except IntegrityError:
            raise InvalidInput(f"a user with the login {login!r} exists already") from None

    def change_role(self, actor: Actor, login: str, role: Role) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._db.write() as session:
            user = self._locked(session, login)
            if user.role == role.value:
                return _info(user)
            if user.role == Role.ADMINISTRATOR.value and user.active:
                self._keep_an_administrator(session, user, "demote")
            before = user.role
            user.role = role.value
            admin_audit.record(
                session,
                actor,
                "user_role_changed",
                login,
                {"from": before, "to": role.value},
                at=self._now(),
            )
            return _info(user)

    def deactivate(self, actor: Actor, login: str) -> UserInfo:
        """The user can no longer act; their name stays in every history."""
        actor.require(Permission.MANAGE_USERS)
        with self._db.write() as session:
            user = self._locked(session, login)
            if not user.active:
                return _info(user)
            if user.role == Role.ADMINISTRATOR.value:
                self._keep_an_administrator(session, user, "deactivate")
            if actor.user_id is not None and actor.user_id == user.id:
                raise OwnAccount(
                    f"you cannot deactivate your own account ({login}); "
                    "another administrator has to",
                    login=login,
                )
            user.active = False
            admin_audit.record(
                session, actor, "user_deactivated", login, {"role": user.role}, at=self._now()
            )
            return _info(user)

    def reactivate(self, actor: Actor, login: str) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._db.write() as session:
            user = self._locked(session, login)
            if user.active:
                return _info(user)
            user.active = True
            admin_audit.record(
                session, actor, "user_reactivated", login, {"role": user.role}, at=self._now()
            )
            return _info(user)

    def rename(self, actor: Actor, login: str, display_name: str) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        display_name = " ".join(display_name.split())
        if not display_name or len(display_name) > 200:
            raise InvalidInput("a display name of 1 to 200 characters is needed")
        with self._db.write() as session:
            user = self._locked(session, login)
            before = user.display_name
            user.display_name = display_name
            admin_audit.record(
                session,
                actor,
                "user_renamed",
                login,
                {"from": before, "to": display_name},
                at=self._now(),
            )
            return _info(user)

    @staticmethod
    def _locked(session: Session, login: str) -> User:
        user = session.scalars(select(User).where(User.login == login).with_for_update()).first()
        if user is None:
            raise NotFound(f"no user with the login {login!r}", login=login)
        return user

    @staticmethod
    def _keep_an_administrator(session: Session, user: User, action: str) -> None:
        # Lock every active administrator's row: two concurrent demotions of the last two
        # then queue, and the second sees that only one is left.
        others = session.scalars(
            select(User.id)
            .where(
                User.role == Role.ADMINISTRATOR.value,
                User.active.is_(True),
                User.id != user.id,
            )
            .with_for_update()
        ).all()
        if not others:
            raise LastAdministrator(
                f"cannot {action} {user.login}: the last active administrator",
                login=user.login,
            )

    def list(self) -> list[UserInfo]:
        """Every user, active or not, by login, with the last recorded change of each."""
        with self._db.read() as session:
            last: dict[str, datetime] = {
                subject: at
                for subject, at in session.execute(
                    select(AdminEvent.subject, func.max(AdminEvent.at))
                    .where(AdminEvent.kind.in_(USER_EVENT_KINDS))
                    .group_by(AdminEvent.subject)
                )
            }
            return [
                _info(u, last.get(u.login))
                for u in session.scalars(select(User).order_by(User.login))
            ]

    def by_login(self, login: str) -> UserInfo:
        with self._db.read() as session:
            user = session.scalars(select(User).where(User.login == login)).first()
            if user is None or not user.active:
                raise NotFound(f"no active user with the login {login!r}", login=login)
            return _info(user)

    def actor_for_login(self, login: str) -> Actor:
        """The acting user; while no user exists at all, the system bootstraps the first ones.

        An unknown login is refused with the users there are and how to choose one: the
        operating-system login is only the default, and a newcomer must not be stuck."""
        if self.count() == 0:
            return SYSTEM
        try:
            return self.by_login(login).as_actor()
        except NotFound:
            with self._db.read() as session:
                logins = list(
                    session.scalars(
                        select(User.login).where(User.active.is_(True)).order_by(User.login)
                    )
                )
            more = f" and {len(logins) - 12} more" if len(logins) > 12 else ""
            shown = ", ".join(logins[:12]) + more if logins else "none is active"
            example = logins[0] if logins else "LOGIN"
            raise UnknownUser(
                f"{login!r} is not an active user of this installation; its users are: {shown}. "
                f"Choose one with --as LOGIN (e.g. `backoffice --as {example} …`), or ask an "
                "administrator to add you: "
                f"`backoffice users add {login} --name NAME --role clerk`",
                login=login,
                users=logins,
            ) from None
