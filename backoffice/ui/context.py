"""What every panel is built with: the services, the acting user, the task runner, the texts.

Built once by :func:`backoffice.ui.app.run_gui` (or a test) and handed down through
constructors; panels never look services up anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.services.actor import Actor
from backoffice.services.attachments import AttachmentService
from backoffice.services.casework import CaseCommands, CaseNotices, CaseQueries
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.service import CitizenMessages
from backoffice.services.delivery import DeliveryService
from backoffice.services.desktop import DesktopServices
from backoffice.services.documents import DocumentService
from backoffice.services.users import UserService
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.texts import Vocabulary


@dataclass(frozen=True)
class UiContext:
    services: DesktopServices
    actor: Actor
    runner: TaskRunner
    vocabulary: Vocabulary

    # The services panels use most, by name (the bundle holds them all).

    @property
    def queries(self) -> CaseQueries:
        return self.services.casework.queries

    @property
    def commands(self) -> CaseCommands:
        return self.services.casework.commands

    @property
    def notices(self) -> CaseNotices:
        return self.services.casework.notices

    @property
    def users(self) -> UserService:
        return self.services.users

    @property
    def catalogue(self) -> CatalogueService:
        return self.services.catalogue

    @property
    def documents(self) -> DocumentService:
        return self.services.documents

    @property
    def attachments(self) -> AttachmentService:
        return self.services.attachments

    @property
    def delivery(self) -> DeliveryService:
        return self.services.delivery

    @property
    def citizen(self) -> CitizenMessages:
        return self.services.citizen
