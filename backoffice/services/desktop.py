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
from .users import UserService

if TYPE_CHECKING:
    from .intake import IntakeService

#: Opens a portal session for one sync (in the thread that runs it) and closes it after.
IntakeFactory: TypeAlias = "Callable[[], AbstractContextManager[IntakeService]]"


class ChangeWatch(Protocol):
    def stop(self) -> None: ...


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
    #: None while no portal connection is configured (sync is then not offered).
    open_intake: IntakeFactory | None = None
    #: The destinations a sync pulls, in order.
    destinations: tuple[str, ...] = field(default_factory=tuple)
    #: Minutes between automatic syncs (0: only on request).
    sync_interval_minutes: int = 10
    #: With automatic syncs: seconds from the start of the window to the first one (what
    #: arrived overnight is fetched without a click); 0 waits for the first interval.
    first_sync_after_seconds: int = 5
    #: PostgreSQL: hears at once when another desktop changed something (None: poll only).
    watch_changes: WatchChanges | None = None
    #: The administrators' services (each checks its permission); None in a window built
    #: without them (tests of the clerks' workspaces).
    administration: AdministrationServices | None = None
