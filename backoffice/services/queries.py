"""Listing and filtering cases: key-set pages that stay fast at 100,000+ cases.

Every sort order ends in the case id, so a page is "the next N rows after the
last (sort value, id) seen", which both databases answer from an index without
counting skipped rows. Text search matches every word of the query as a
substring of the case's normalised search text (file number, applicant, form
data); PostgreSQL serves it from a trigram index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Date, Select, false, func, select, text, tuple_
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from backoffice.domain.deadlines import BERLIN, is_overdue
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.domain.text import normalise_for_search
from backoffice.store.models import DUE_SORT_LAST, Case, User

MAX_PAGE = 500
_FAR_FUTURE = date(9999, 12, 31)


class SortKey(StrEnum):
    RECEIVED = "received"
    DUE = "due"
    FILE_NUMBER = "file_number"
    APPLICANT = "applicant"
    STATUS = "status"
    SERVICE = "service"


@dataclass(frozen=True)
class DateSpan:
    """Berlin calendar dates from ``first`` to ``last``, both included; None: no limit."""

    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class CaseFilter:
    statuses: frozenset[Status] = frozenset()
    services: frozenset[str] = frozenset()
    assignee_id: int | None = None
    unassigned: bool = False
    overdue: bool = False
    open_only: bool = False
    search: str = ""
    #: Drill-downs from the team figures: received, closed, or due within these dates.
    received: DateSpan | None = None
    closed: DateSpan | None = None
    due: DateSpan | None = None


@dataclass(frozen=True)
class CaseSort:
    key: SortKey = SortKey.RECEIVED
    descending: bool = True


@dataclass(frozen=True)
class CaseRow:
    """One line of the inbox: plain data, safe to hand to another thread."""

    id: int
    file_number: str
    service_key: str
    applicant_name: str
    received_at: datetime
    due_date: date | None
    status: Status
    assignee_id: int | None
    assignee_name: str | None
    attachment_count: int
    version: int
    paused: bool
    overdue: bool
    #: The portal's ``caseId`` of the submission (None for cases not from the portal).
    portal_case_id: str | None = None
    #: How the citizen wants to hear back: ``fitConnect``, ``eMail``, … or ``postal``.
    reply_channel: str = "postal"
    #: The citizen answered (a follow-up submission) and nobody has acted on the case since.
    answered: bool = False


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the last row's sort value and id."""

    value: Any
    id: int


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    next_cursor: Cursor | None = None
    filter: CaseFilter = field(default_factory=CaseFilter)


def _sort_column(key: SortKey) -> ColumnElement[Any]:
    columns: dict[SortKey, ColumnElement[Any]] = {
        SortKey.RECEIVED: Case.received_at,  # type: ignore[dict-item]
        SortKey.DUE: func.coalesce(Case.due_date, DUE_SORT_LAST, type_=Date),
        SortKey.FILE_NUMBER: Case.file_number,  # type: ignore[dict-item]
        SortKey.APPLICANT: Case.applicant_name,  # type: ignore[dict-item]
        SortKey.STATUS: Case.status,  # type: ignore[dict-item]
        SortKey.SERVICE: Case.service_key,  # type: ignore[dict-item]
    }
    return columns[key]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_conditions(
    flt: CaseFilter, today: date, *, fts: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter; ``fts``: SQLite's trigram index ``cases_fts`` exists."""
    conditions: list[ColumnElement[bool]] = []
    if flt.statuses:
        conditions.append(Case.status.in_(sorted(s.value for s in flt.statuses)))
    if flt.open_only:
        conditions.append(Case.status.in_(sorted(s.value for s in OPEN_STATUSES)))
    if flt.services:
        conditions.append(Case.service_key.in_(sorted(flt.services)))
    if flt.unassigned and flt.assignee_id is not None:
        conditions.append(false())
    elif flt.unassigned:
        conditions.append(Case.assignee_id.is_(None))
    elif flt.assignee_id is not None:
        conditions.append(Case.assignee_id == flt.assignee_id)
    if flt.overdue:
        # The SQL form of domain.deadlines.is_overdue (due < today; NULL never matches).
        conditions.append(Case.due_date < today)
    if flt.received is not None:
        conditions += _moment_span(Case.received_at, flt.received)
    if flt.closed is not None:
        conditions += _moment_span(Case.closed_at, flt.closed)
    if flt.due is not None:
        if flt.due.first is not None:
            conditions.append(Case.due_date >= flt.due.first)
        if flt.due.last is not None:
            conditions.append(Case.due_date <= flt.due.last)
    words = normalise_for_search(flt.search).split()[:8]
    # A trigram index finds words of three or more characters; shorter ones need LIKE.
    indexed = [w for w in words if len(w) >= 3] if fts else []
    if indexed:
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in indexed)
        conditions.append(
            Case.id.in_(
                text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :match").bindparams(
                    match=match
                )
            )
        )
    for word in words:
        if word not in indexed:
            conditions.append(Case.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    return conditions


def start_of_day(day: date) -> datetime:
    """The first moment of a Berlin calendar day, in UTC (what timestamps compare with)."""
    return datetime.combine(day, time(), BERLIN).astimezone(UTC)


def _moment_span(column: Any, span: DateSpan) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if span.first is not None:
        conditions.append(column >= start_of_day(span.first))
    if span.last is not None:
        conditions.append(column < start_of_day(span.last + timedelta(days=1)))
    return conditions


def page_query(
    flt: CaseFilter,
    sort: CaseSort,
    after: Cursor | None,
    limit: int,
    today: date,
    *,
    fts: bool = False,
) -> Select[Any]:
    limit = max(1, min(limit, MAX_PAGE))
    column = _sort_column(sort.key)
    assignee = aliased(User)
    query = (
        select(
            Case.id,
            Case.file_number,
            Case.service_key,
            Case.applicant_name,
            Case.received_at,
            Case.due_date,
            Case.status,
            Case.assignee_id,
            assignee.display_name,
            Case.attachment_count,
            Case.version,
            Case.paused_since,
            Case.portal_case_id,
            Case.reply_channel,
        )
        .outerjoin(assignee, assignee.id == Case.assignee_id)
        .where(*filter_conditions(flt, today, fts=fts))
    )
    if after is not None:
        key = tuple_(column, Case.id)
        bound = tuple_(_cursor_value(sort.key, after.value), after.id)
        query = query.where(key < bound if sort.descending else key > bound)
    if sort.descending:
        query = query.order_by(column.desc(), Case.id.desc())
    else:
        query = query.order_by(column.asc(), Case.id.asc())
    return cast("Select[Any]", query.limit(limit))


def _cursor_value(key: SortKey, value: Any) -> Any:
    if key is SortKey.DUE and value is None:
        return _FAR_FUTURE
    return value


def rows_from(result: Sequence[Any], today: date) -> list[CaseRow]:
    return [
        CaseRow(
            id=r.id,
            file_number=r.file_number,
            service_key=r.service_key,
            applicant_name=r.applicant_name,
            received_at=r.received_at,
            due_date=r.due_date,
            status=Status(r.status),
            assignee_id=r.assignee_id,
            assignee_name=r.display_name,
            attachment_count=r.attachment_count or 0,
            version=r.version,
            paused=r.paused_since is not None,
            overdue=is_overdue(r.due_date, today),
            portal_case_id=r.portal_case_id,
            reply_channel=r.reply_channel or "postal",
        )
        for r in result
    ]


def cursor_after(row: CaseRow, key: SortKey) -> Cursor:
    values = {
        SortKey.RECEIVED: row.received_at,
        SortKey.DUE: row.due_date or _FAR_FUTURE,
        SortKey.FILE_NUMBER: row.file_number,
        SortKey.APPLICANT: row.applicant_name,
        SortKey.STATUS: row.status.value,
        SortKey.SERVICE: row.service_key,
    }
    return Cursor(values[key], row.id)


def count_query(flt: CaseFilter, today: date, *, fts: bool = False) -> Select[Any]:
    return select(func.count()).select_from(Case).where(*filter_conditions(flt, today, fts=fts))
