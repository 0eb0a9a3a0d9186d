"""The composition root: the one place that builds the program's parts and wires them.

:meth:`Backoffice.open` builds, for one installation, the database (upgraded to the
current schema) and every service; :meth:`Backoffice.portal` adds, for the thread that
asks, one HTTP session to the delivery service with the outbox dispatcher and the intake
that use it; :meth:`Backoffice.outbox` is the dispatcher for whatever is due (over the portal
where one is configured, else e-mail and letters only); :meth:`Backoffice.desktop_services`
is the bundle the window is built with.
The command line, the window and the demo call this module; nothing else constructs
services. Tests that need a portal client of their own (fault injection, a spy) wire it
with :func:`portal_services`, the same function the program uses.

Nothing here imports Qt or the portal stack at import time: a command that needs neither
does not pay for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.services.actor import Actor
from backoffice.services.administration import AdministrationServices
from backoffice.services.attachments import AttachmentService
from backoffice.services.casework import Casework
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.service import CitizenMessages
from backoffice.services.delivery import DeliveryService
from backoffice.services.desktop import ChangeWatch, DesktopServices, IntakeFactory, WatchChanges
from backoffice.services.documents import DocumentService
from backoffice.services.errors import storage_failures
from backoffice.services.identity import IdentityService
from backoffice.services.installation import Installation
from backoffice.services.print_queue import PrintQueueService
from backoffice.services.team import TeamServices
from backoffice.services.users import UserService
from backoffice.store.database import Database
from backoffice.store.migrate import current_revision, head_revision, upgrade

if TYPE_CHECKING:
    from backoffice.portal.settings import PortalSettings
    from backoffice.services.intake import IntakeService, SubscriberApi, SubscriberCrypto
    from backoffice.services.mail_settings import MailAccess
    from backoffice.services.outbox import AnyHandler, OutboxDispatcher, Route

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PortalServices:
    """What works over one HTTP session to the delivery service (one thread at a time)."""

    settings: PortalSettings | None
    outbox: OutboxDispatcher
    intake: IntakeService


def outbox_handlers(
    db: Database,
    api: SubscriberApi | None = None,
    crypto: SubscriberCrypto | None = None,
    *,
    mail: MailAccess | None = None,
    clock: Clock = _utc_now,
) -> dict[Route, AnyHandler]:
    """One handler per route (message kind and channel) that can be sent from here: letters
    always; e-mail with the installation's mail settings (``mail``); the portal decision and
    the FIT-Connect reply over a portal connection (``api`` and ``crypto``)."""
    from backoffice.domain.citizen_messages import Channel
    from backoffice.services.citizen.message import ROUTES
    from backoffice.services.outbox import PORTAL_DECISION, PortalDecisionHandler
    from backoffice.services.outbox.post import PostHandler
    from backoffice.services.outbox.reply import ReplyApi, ReplyHandler

    handlers: dict[Route, AnyHandler] = {ROUTES[Channel.POST]: PostHandler(db, clock)}
    if mail is not None:
        from backoffice.services.outbox.email import EmailHandler

        handlers[ROUTES[Channel.EMAIL]] = EmailHandler(db, mail, clock)
    if api is not None and crypto is not None:
        handlers[PORTAL_DECISION] = PortalDecisionHandler(api, crypto)
        if isinstance(api, ReplyApi):  # a test's stand-in may speak submissions only
            handlers[ROUTES[Channel.FIT_CONNECT]] = ReplyHandler(db, api, clock)
    return handlers


def portal_services(
    db: Database,
    catalogue: CatalogueService,
    api: SubscriberApi,
    crypto: SubscriberCrypto,
    *,
    calendar: WorkingCalendar | None = None,
    clock: Clock = _utc_now,
    settings: PortalSettings | None = None,
    mail: MailAccess | None = None,
) -> PortalServices:
    """The outbox dispatcher and the intake on one portal connection."""
    from backoffice.services.intake import IntakeService
    from backoffice.services.outbox import OutboxDispatcher

    handlers = outbox_handlers(db, api, crypto, mail=mail, clock=clock)
    outbox = OutboxDispatcher(db, handlers, clock)
    intake = IntakeService(db, api, crypto, catalogue, outbox, calendar, clock)
    return PortalServices(settings, outbox, intake)


@dataclass(frozen=True)
class Backoffice:
    """The services of one installation, built once per process (or per test)."""

    installation: Installation
    db: Database
    calendar: WorkingCalendar
    clock: Clock
    users: UserService
    catalogue: CatalogueService
    casework: Casework
    documents: DocumentService
    attachments: AttachmentService
    delivery: DeliveryService
    citizen: CitizenMessages
    print_queue: PrintQueueService
    #: The team lead's figures, bulk actions, absences and approvals.
    team: TeamServices
    administration: AdministrationServices

    @classmethod
    def open(
        cls,
        installation: Installation,
        *,
        migrate: bool = True,
        calendar: WorkingCalendar | None = None,
        clock: Clock = _utc_now,
    ) -> Backoffice:
        """Open the installation's database and build the services. With ``migrate``,
        the schema is brought up to date first (a database from a newer program is refused
        with :class:`~backoffice.store.migrate.DatabaseTooNew`). Call :meth:`close` after."""
        db = installation.open_database()
        try:
            if migrate:
                with storage_failures():
                    upgrade(db)
            return cls.on(installation, db, calendar=calendar, clock=clock)
        except BaseException:
            db.dispose()
            raise

    @classmethod
    def on(
        cls,
        installation: Installation,
        db: Database,
        *,
        calendar: WorkingCalendar | None = None,
        clock: Clock = _utc_now,
    ) -> Backoffice:
        """The services on a database that is open already (and current)."""
        calendar = calendar or WorkingCalendar()
        identity = IdentityService(db, clock)
        casework = Casework.build(db, calendar, clock)
        documents = DocumentService(db, clock, identity.letterhead_for)
        return cls(
            installation=installation,
            db=db,
            calendar=calendar,
            clock=clock,
            users=UserService(db, clock),
            catalogue=CatalogueService(db, clock),
            casework=casework,
            documents=documents,
            attachments=AttachmentService(db),
            delivery=DeliveryService(db, clock),
            citizen=CitizenMessages(db, clock),
            print_queue=PrintQueueService(db, clock),
            team=TeamServices.build(db, casework, documents, calendar, clock),
            administration=AdministrationServices.build(db, installation, identity, clock),
        )

    def close(self) -> None:
        self.db.dispose()

    def upgrade(self) -> tuple[str | None, str]:
        """Bring the schema up to date: the revisions before and after."""
        with storage_failures():
            return upgrade(self.db)

    def schema_revision(self) -> tuple[str | None, str]:
        """The database's schema revision and the program's."""
        with storage_failures():
            return current_revision(self.db), head_revision()

    def actor(self, login: str) -> Actor:
        """The acting user for a login (the bootstrap administrator while there is none)."""
        return self.users.actor_for_login(login)

    def install_default_catalogue(self, actor: Actor) -> None:
        """The built-in service templates, on a database that has none yet."""
        self.catalogue.install_defaults_if_empty(actor)

    def portal_settings(self) -> PortalSettings | None:
        return self.installation.portal_settings()

    def mail_access(self) -> MailAccess:
        """The installation's mail settings and keyring entries (read at each send)."""
        from backoffice.portal.credentials import SecretStore
        from backoffice.services.mail_settings import MailAccess

        return MailAccess(self.installation.settings_file, SecretStore(self.installation.data_dir))

    @contextmanager
    def outbox(self) -> Iterator[OutboxDispatcher]:
        """The dispatcher for everything that is due: with a portal configured, over a session
        to it (decisions, replies, e-mail, letters); without one, e-mail and letters only."""
        if self.portal_settings() is not None:
            from backoffice.portal.errors import PortalError

            with ExitStack() as stack:
                try:
                    portal = stack.enter_context(self.portal())
                except PortalError as exc:  # keys or secret missing: letters and e-mail go on
                    log.warning("outbox without the portal: %s", exc)
                else:
                    yield portal.outbox
                    return
        from backoffice.services.outbox import OutboxDispatcher

        handlers = outbox_handlers(self.db, mail=self.mail_access(), clock=self.clock)
        yield OutboxDispatcher(self.db, handlers, self.clock)

    @contextmanager
    def portal(self, **client_options: Any) -> Iterator[PortalServices]:
        """A session to the configured delivery service with the outbox and the intake on it,
        closed afterwards. Raises a clear PortalError when something is not set up."""
        from backoffice.services.subscriber import open_portal

        settings, client, crypto = open_portal(self.installation, **client_options)
        try:
            yield portal_services(
                self.db,
                self.catalogue,
                client,
                crypto,
                calendar=self.calendar,
                clock=self.clock,
                settings=settings,
                mail=self.mail_access(),
            )
        finally:
            client.close()

    def desktop_services(self) -> DesktopServices:
        """The bundle the window is built with; the portal part only where it is configured."""
        settings = self.portal_settings()
        open_intake: IntakeFactory | None = None
        if settings is not None:

            @contextmanager
            def open_intake_session() -> Iterator[IntakeService]:
                with self.portal() as portal:
                    yield portal.intake

            open_intake = open_intake_session

        watch_changes: WatchChanges | None = None
        if not self.db.is_sqlite:
            db = self.db

            def watch(on_change: Callable[[frozenset[str]], None]) -> ChangeWatch:
                from backoffice.store.changes import ChangeListener

                return ChangeListener(db, on_change).start()

            watch_changes = watch
        return DesktopServices(
            db=self.db,
            casework=self.casework,
            users=self.users,
            catalogue=self.catalogue,
            documents=self.documents,
            attachments=self.attachments,
            delivery=self.delivery,
            citizen=self.citizen,
            print_queue=self.print_queue,
            team=self.team,
            administration=self.administration,
            open_intake=open_intake,
            destinations=settings.destination_ids if settings else (),
            watch_changes=watch_changes,
        )
