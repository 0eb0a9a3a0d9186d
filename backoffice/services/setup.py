"""The first start of an installation: is it needed, the checks on the way, and doing it.

Where the program finds no configuration (the SQLite file of the data folder does not
exist, or the database has no user yet), the window offers the demo or a setup instead
of an error. The setup asks for the database (this computer's SQLite file, or a team's
PostgreSQL), the first administrator, the town's name and address, and optionally the
portal connection; :class:`FirstStart` tests the database and the portal (the window
calls these in a worker) and :meth:`FirstStart.apply` stores everything:

- a chosen PostgreSQL URL in the data folder's ``settings.json`` (the next start finds
  it: :meth:`Installation.save_database_url`; never with a password in it),
- the schema and the built-in service templates (as every start does),
- the administrator (the database has no user, so the system adds the first one) and the
  town's identity (:mod:`backoffice.services.identity`) as that administrator,
- the portal settings in ``settings.json`` and the client secret in the OS keyring, through
  :class:`~backoffice.services.portal_admin.PortalAdministration` as the administrator.

Joining a team whose database has users already needs only the database: no
administrator, no identity. Plain Python, no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import func, inspect, select

from backoffice.domain.roles import Role
from backoffice.portal.errors import (
    AccessDenied,
    AuthenticationFailed,
    KeyringUnavailable,
    NotFound,
    PortalConfigError,
    PortalError,
)
from backoffice.portal.settings import PortalSettings
from backoffice.store.database import Database, DatabaseConfigError
from backoffice.store.migrate import DatabaseTooNew, check_known
from backoffice.store.models import User

from .actor import SYSTEM, Actor
from .errors import InvalidInput, ServiceError
from .identity import IdentityService, TownIdentity
from .installation import DATABASE_FILE, Installation, InstallationError
from .portal_admin import PortalAdministration
from .users import LOGIN_RE, UserInfo, UserService

log = logging.getLogger(__name__)


class SetupError(ServiceError):
    """A step of the setup cannot be done; ``step`` names it (database, portal, keyring,
    administrator, folder). The message says why in English, for support."""

    code = "setup_failed"

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message, step=step)
        self.step = step


@dataclass(frozen=True)
class DatabaseCheck:
    """What the connection test found: where, and how many users it has already."""

    description: str
    users: int
    empty: bool


@dataclass(frozen=True)
class PortalChoice:
    base_url: str
    token_url: str
    destination_id: str
    client_id: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class SetupChoices:
    """Everything the wizard asked. ``database_url`` None: this computer's SQLite file.
    ``admin_login`` and ``identity`` may be None only where the database has users."""

    database_url: str | None
    admin_login: str | None = None
    admin_name: str = ""
    identity: TownIdentity | None = None
    portal: PortalChoice | None = None


class OpenedInstallation(Protocol):
    """What :meth:`FirstStart.apply` needs of the composition root's ``Backoffice``."""

    @property
    def db(self) -> Database: ...

    @property
    def users(self) -> UserService: ...

    def install_default_catalogue(self, actor: Actor) -> None: ...

    def close(self) -> None: ...


OpenBackoffice = Callable[[Installation], OpenedInstallation]


def first_start_needed(installation: Installation) -> bool:
    """True where there is nothing to start with: no database file, or no user in it.

    A database that cannot be reached is not a first start (the usual error says why)."""
    default = installation.database_url == installation.default_database_url
    if default and not (installation.data_dir / DATABASE_FILE).exists():
        return True
    try:
        db = Database(installation.database_url)
    except DatabaseConfigError:
        return False
    try:
        return _count_users(db) == 0
    except Exception:  # unreachable, refused: not ours to say here
        log.debug("first start check: database not usable", exc_info=True)
        return False
    finally:
        db.dispose()


def check_login(login: str) -> str:
    """The login as it will be stored; InvalidInput if it cannot be one."""
    login = login.strip()
    if not LOGIN_RE.match(login):
        raise InvalidInput("a login may only contain letters, digits and . _ @ - (at most 100)")
    return login


def _count_users(db: Database) -> int:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table(User.__tablename__):
            return 0
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


class FirstStart:
    """The setup of one installation; ``open_backoffice`` is the composition root's
    ``Backoffice.open`` (it upgrades the schema and builds the services)."""

    def __init__(self, installation: Installation, open_backoffice: OpenBackoffice) -> None:
        self.installation = installation
        self._open = open_backoffice

    @property
    def local_database_url(self) -> str:
        return self.installation.default_database_url

    # -- tests the window runs in a worker ------------------------------------------------------

    def test_database(self, url: str) -> DatabaseCheck:
        """Connect, read the schema revision and the users; change nothing."""
        url = url.strip()
        try:
            db = Database(url)
        except DatabaseConfigError as exc:
            raise SetupError("database", str(exc)) from None
        try:
            where = db.describe()
            try:
                revision = check_known(db)
                users = _count_users(db)
            except DatabaseTooNew:
                raise SetupError(
                    "database",
                    f"{where} was written by a newer version of the program: update it first",
                ) from None
            except Exception as exc:
                raise SetupError("database", f"cannot connect to {where}: {_line(exc)}") from None
        finally:
            db.dispose()
        if revision is None:
            return DatabaseCheck(f"{where}: reachable and empty; it will be set up", 0, True)
        return DatabaseCheck(f"{where}: reachable, {users} user(s)", users, False)

    def test_portal(self, choice: PortalChoice) -> str:
        """Check the settings, the keyring (the secret goes there), the token and the
        destination; a one-line description of what answered."""
        from backoffice.portal.client import SubscriberClient
        from backoffice.portal.credentials import SecretStore
        from backoffice.portal.http import RetryPolicy

        settings = _portal_settings(choice)
        try:
            SecretStore(self.installation.data_dir).check()
        except PortalError as exc:
            raise SetupError("keyring", str(exc)) from None
        client = SubscriberClient.from_settings(
            settings, choice.secret, retry=RetryPolicy(attempts=1)
        )
        with client:
            try:
                client.fetch_token()
                found = client.get_destination(choice.destination_id)
            except AuthenticationFailed:
                raise SetupError(
                    "portal", f"the portal refused client id {choice.client_id!r} or its secret"
                ) from None
            except NotFound:
                raise SetupError("portal", "the portal does not know this destination") from None
            except AccessDenied:
                raise SetupError("portal", "this client may not use the destination") from None
            except PortalError as exc:
                raise SetupError("portal", _line(exc)) from None
        return f"{settings.base_url}: destination {found.status}, {len(found.services)} service(s)"

    # -- doing it -------------------------------------------------------------------------------

    def apply(self, choices: SetupChoices) -> tuple[Installation, UserInfo | None]:
        """Store the choices; the installation to start with and the administrator added
        (None where the database had users already)."""
        portal_settings = _portal_settings(choices.portal) if choices.portal else None
        try:
            installation = self.installation.save_database_url(choices.database_url)
            installation.prepare()
        except InstallationError as exc:
            raise SetupError("folder", str(exc)) from None
        backoffice = self._open(installation)
        try:
            backoffice.install_default_catalogue(SYSTEM)
            admin = None
            if backoffice.users.count() == 0:
                if not choices.admin_login or choices.identity is None:
                    raise SetupError("administrator", "the first administrator is needed")
                admin = backoffice.users.add(
                    SYSTEM, check_login(choices.admin_login), choices.admin_name, Role.ADMINISTRATOR
                )
                IdentityService(backoffice.db).set(admin.as_actor(), choices.identity)
        finally:
            backoffice.close()
        if portal_settings is not None and choices.portal is not None:  # after the database:
            # a keyring that fails now leaves a working installation without the portal
            if admin is None:
                raise SetupError(
                    "portal",
                    "the team's installation has users: an administrator sets up the portal "
                    "connection in the program (Administration, Portal)",
                )
            self._store_portal(
                installation, admin.as_actor(), portal_settings, choices.portal.secret
            )
        log.info(
            "first start: database %s, administrator %s",
            installation.database_url if choices.database_url else "this computer",
            admin.login if admin else "(exists)",
        )
        return installation, admin

    def _store_portal(
        self, installation: Installation, actor: Actor, settings: PortalSettings, secret: str
    ) -> None:
        """Through the portal administration, as the new administrator: the permission is
        checked and the settings are stored as ``portal configure`` and the window store them."""
        try:
            PortalAdministration(installation).configure(actor, settings, secret)
        except KeyringUnavailable as exc:
            raise SetupError("keyring", str(exc)) from None
        except PortalError as exc:
            raise SetupError("portal", str(exc)) from None


def _portal_settings(choice: PortalChoice) -> PortalSettings:
    try:
        return PortalSettings(
            base_url=choice.base_url.strip(),
            token_url=choice.token_url.strip(),
            destination_ids=(choice.destination_id.strip(),),
            client_id=choice.client_id.strip(),
        )
    except PortalConfigError as exc:
        raise SetupError("portal", str(exc)) from None


def _line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
