"""Case statuses and the core workflow graph shared by every service.

`received` → `in_progress` ⇄ `waiting_for_citizen` → `completed` | `rejected`;
`withdrawn` from any open state. A service template picks a subset of these
transitions and says which of them need a comment, a document or a message.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_CITIZEN = "waiting_for_citizen"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        return self not in CLOSED_STATUSES

    @property
    def pauses_deadline(self) -> bool:
        """The processing clock stops while the case waits for the citizen."""
        return self is Status.WAITING_FOR_CITIZEN


CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN})
OPEN_STATUSES = frozenset(set(Status) - CLOSED_STATUSES)

#: Every state a template may use; `received`, `in_progress`, `completed` and
#: `rejected` are mandatory for every service.
MANDATORY_STATUSES = frozenset(
    {Status.RECEIVED, Status.IN_PROGRESS, Status.COMPLETED, Status.REJECTED}
)

#: The core graph. Templates may only use edges from here.
CORE_TRANSITIONS: frozenset[tuple[Status, Status]] = frozenset(
    {
        (Status.RECEIVED, Status.IN_PROGRESS),
        (Status.RECEIVED, Status.REJECTED),
        (Status.IN_PROGRESS, Status.WAITING_FOR_CITIZEN),
        (Status.WAITING_FOR_CITIZEN, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.COMPLETED),
        (Status.IN_PROGRESS, Status.REJECTED),
        (Status.WAITING_FOR_CITIZEN, Status.REJECTED),
    }
    | {(s, Status.WITHDRAWN) for s in OPEN_STATUSES}
)
