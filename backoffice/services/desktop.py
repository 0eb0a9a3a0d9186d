"""Everything the desktop program works with, built once by the composition root.

A plain bundle handed to the GUI through its constructor (not a registry that
widgets reach into): the use-case services on one database, and a way to open
a portal session for a sync. A sync runs in a worker thread and needs its own
HTTP client, so the bundle carries a factory, not a client. The portal stack (HTTP, JOSE,
keyring, schema validation) is imported by that factory, on the first sync, not at the start.
:meth:`backoffice.app.Backoffice.desktop_services` builds it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeAlias

from backoffice.store.database import Database

from .administration import AdministrationServices
from .attachments import AttachmentService
from .casework import Casework
from .catalogue import CatalogueService
from .citizen.service import CitizenMessages
from .delivery import DeliveryService
from .documents import DocumentService
from .print_queue import PrintQueueService
from .team import TeamServices
from .users import UserService

if TYPE_CHECKING:
    from .intake import IntakeService
    from .outbox import OutboxDispatcher

#: Opens a portal session for one sync (in the thread that runs it) and closes it after.
IntakeFactory: TypeAlias = "Callable[[], AbstractContextManager[IntakeService]]"


class ChangeWatch(Protocol):
    def stop(self) -> None: ...


#: Opens the outbox dispatcher (in the thread that sends) and closes it after.
OutboxFactory: TypeAlias = "Callable[[], AbstractContextManager[OutboxDispatcher]]"


#: Starts watching for other desktops' changes; the callback gets the names of the tables
#: that changed and is called in a thread of the watch's own.
WatchChanges: TypeAlias = "Callable[[Callable[[frozenset[str]], None]], ChangeWatch]"


@dataclass(frozen=True)
class DesktopServices:
    db: Database
    casework: Casework
    users: UserService
    catalogue: CatalogueService
    documents: DocumentService
    attachments: AttachmentService
    delivery: DeliveryService
    citizen: CitizenMessages
    print_queue: PrintQueueService
    #: The team lead's services (figures, bulk actions, absences, approvals); None only in
    #: tests that build a window without them.
    team: TeamServices | None = None
    #: None while no portal connection is configured (sync is then not offered).
    open_intake: IntakeFactory | None = None
    #: The destinations a sync pulls, in order.
    destinations: tuple[str, ...] = field(default_factory=tuple)
    #: Minutes between automatic syncs (0: only on request).
    sync_interval_minutes: int = 10
    #: With automatic syncs: seconds from the start of the window to the first one (what
    #: arrived overnight is fetched without a click); 0 waits for the first interval.
    first_sync_after_seconds: int = 5
    #: Sends what the outbox has due (citizen messages, portal decisions); None: never here.
    open_outbox: OutboxFactory | None = None
    #: Seconds between two looks at the outbox (0: only with a sync). What a clerk decided
    #: leaves within about this long; a status change asks for a look at once.
    outbox_interval_seconds: int = 30
    #: PostgreSQL: hears at once when another desktop changed something (None: poll only).
    watch_changes: WatchChanges | None = None
    #: The administrators' services (each checks its permission); None in a window built
    #: without them (tests of the clerks' workspaces).
    administration: AdministrationServices | None = None
