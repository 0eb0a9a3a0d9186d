"""The checklist of a case: which items of its template's checklist are ticked, by whom, when.

The items come from the template version the case arrived under; a tick is a row of
``case_checklist_ticks`` (unticking deletes it) and an entry in the case's history. A status
change into a status that items are ``required_before`` is refused while they are unticked
(:meth:`ServiceTemplate.require_checklist`), whoever asks: the window, the command line, a
bulk action or an approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.status import Status
from backoffice.domain.templates import LocalText, ServiceTemplate
from backoffice.store.models import ChecklistTick, User


@dataclass(frozen=True)
class ChecklistEntry:
    """One item of a case's checklist as the case view and ``cases show`` show it."""

    key: str
    label: LocalText
    required_before: frozenset[Status]
    ticked_at: datetime | None = None
    ticked_by: str | None = None  # display name
    ticked_by_login: str | None = None

    @property
    def ticked(self) -> bool:
        return self.ticked_at is not None


def ticked_keys(session: Session, case_id: int) -> set[str]:
    return set(
        session.scalars(select(ChecklistTick.item_key).where(ChecklistTick.case_id == case_id))
    )


def checklist_of(session: Session, template: ServiceTemplate, case_id: int) -> list[ChecklistEntry]:
    """The template's items in order, each with its tick (if any)."""
    if not template.checklist:
        return []
    ticks = {
        tick.item_key: (tick, name, login)
        for tick, name, login in session.execute(
            select(ChecklistTick, User.display_name, User.login)
            .outerjoin(User, User.id == ChecklistTick.ticked_by_id)
            .where(ChecklistTick.case_id == case_id)
        )
    }
    entries = []
    for item in template.checklist:
        tick, name, login = ticks.get(item.key, (None, None, None))
        entries.append(
            ChecklistEntry(
                item.key,
                item.label,
                item.required_before,
                tick.ticked_at if tick is not None else None,
                name,
                login,
            )
        )
    return entries


def require_checklist(
    session: Session, template: ServiceTemplate, case_id: int, source: Status, target: Status
) -> None:
    """Raise ChecklistIncomplete if entering ``target`` needs items that are not ticked."""
    if template.checklist:
        template.require_checklist(source, target, ticked_keys(session, case_id))
