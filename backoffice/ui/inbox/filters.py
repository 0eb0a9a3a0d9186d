"""The inbox's filter bar as data: the choices, the service filter they make, their counts.

:class:`Selection` is what the bar is set to; :func:`build_filter` turns it into the
services' :class:`CaseFilter`; :func:`count_all` counts every number the bar shows in
a handful of queries (in a worker).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.services.actor import Actor
from backoffice.services.casework import CaseQueries
from backoffice.services.queries import CaseFilter
from backoffice.ui.tasks import TaskContext

SCOPES = ("mine", "unassigned", "overdue", "all")
OPEN = "open"
ANY = "any"


@dataclass(frozen=True)
class Selection:
    """What the filter bar is set to."""

    scope: str = "all"
    status: str = OPEN  # OPEN, ANY or a Status value
    service: str = ""  # "" = every service
    search: str = ""


def build_filter(actor: Actor, selection: Selection) -> CaseFilter:
    """The service filter for a filter-bar selection."""
    flt = CaseFilter(search=selection.search)
    if selection.scope == "mine":
        flt = replace(flt, assignee_id=actor.user_id if actor.user_id is not None else -1)
    elif selection.scope == "unassigned":
        flt = replace(flt, unassigned=True)
    elif selection.scope == "overdue":
        flt = replace(flt, overdue=True)
    if selection.status == OPEN:
        flt = replace(flt, open_only=True)
    elif selection.status != ANY:
        flt = replace(flt, statuses=frozenset({Status(selection.status)}))
    if selection.service:
        flt = replace(flt, services=frozenset({selection.service}))
    return flt


def count_all(
    queries: CaseQueries,
    actor: Actor,
    selection: Selection,
    services: list[str],
    context: TaskContext,
    current: CaseFilter | None = None,
) -> dict[str, int]:
    """Everything the filter bar shows a number for (in a worker).

    Keys: ``scope:<scope>`` (open cases), ``status:<open|any|status>`` within the
    scope, ``service:<key>`` (``service:`` for all) within scope and status, and
    ``current``, the table's own filter, search included (``current``: a filter from
    elsewhere, the dashboard's drill-down, instead of the selection's). Stops early
    when the task is cancelled.
    """
    plain = replace(selection, search="")
    counts: dict[str, int] = {}
    for scope in SCOPES:
        context.token.check()
        counts[f"scope:{scope}"] = queries.count_cases(
            actor, build_filter(actor, Selection(scope, OPEN))
        )
    context.token.check()
    by_status = queries.count_cases_by(
        actor, build_filter(actor, replace(plain, status=ANY, service="")), "status"
    )
    counts[f"status:{ANY}"] = sum(by_status.values())
    counts[f"status:{OPEN}"] = sum(by_status.get(s.value, 0) for s in OPEN_STATUSES)
    for status in Status:
        counts[f"status:{status.value}"] = by_status.get(status.value, 0)
    context.token.check()
    by_service = queries.count_cases_by(
        actor, build_filter(actor, replace(plain, service="")), "service"
    )
    counts["service:"] = sum(by_service.values())
    for service in services:
        counts[f"service:{service}"] = by_service.get(service, 0)
    context.token.check()
    flt = current if current is not None else build_filter(actor, selection)
    counts["current"] = queries.count_cases(actor, flt)
    return counts


__all__ = ["ANY", "OPEN", "SCOPES", "Selection", "build_filter", "count_all"]
