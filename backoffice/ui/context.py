"""What every panel is built with: the services, the acting user, the task runner, the texts.

Built once by :func:`backoffice.ui.app.run_gui` (or a test) and handed down through
constructors; panels never look services up anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.services.actor import Actor
from backoffice.services.casework import CaseworkService
from backoffice.services.catalogue import CatalogueService
from backoffice.services.users import UserService

from .tasks import TaskRunner
from .texts import Vocabulary


@dataclass(frozen=True)
class UiContext:
    casework: CaseworkService
    users: UserService
    catalogue: CatalogueService
    actor: Actor
    runner: TaskRunner
    vocabulary: Vocabulary
