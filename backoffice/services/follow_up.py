"""The citizen answers: a submission on the ``caseId`` of a case we have is a follow-up.

FIT-Connect lets a sender name an existing ``caseId``; our portal does so when the citizen
answers a query (the status ``waiting_for_citizen``), with a message text under
:data:`~backoffice.portal.protocol.FOLLOW_UP_SCHEMA_URI` and the missing documents as
attachments. Intake (:mod:`.intake`) checks it like any submission, then, instead of a
second case, links it here, in the same transaction as its record and its accept event:

* its attachments are added to the case (checked like every attachment);
* a ``citizen_answered`` history entry holds the message and the files' names;
* a case waiting for the citizen goes back to ``in_progress`` (where its workflow allows
  it), which ends the pause of its deadline (a system ``status_changed`` entry, from which
  the pauses are derived); no message to the citizen is queued for that step (the accept
  event is their receipt);
* the clerk who holds the case gets a notice; a closed case is not reopened, and with
  nobody holding it the team leads get the notice. An open case nobody holds shows the
  answer in the inbox (``CaseRow.answered``) until someone acts on it.

Which submission is a follow-up, and what happens to one we cannot link, is decided by
:func:`route` (see there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import Session, aliased

from backoffice.domain.deadlines import (
    WorkingCalendar,
    compute_deadline,
    local_date,
    pauses_from_history,
)
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.domain.text import clean_line, sanitise_form_data
from backoffice.portal.protocol import FOLLOW_UP_MESSAGE_MAX, Instance, Problem
from backoffice.store.blobs import LargeBlobs
from backoffice.store.models import (
    Case,
    CaseEvent,
    Notice,
    QuarantineEntry,
    ServiceTemplateRow,
    SubmissionRecord,
    User,
)

from .audit import EventKind, append_event
from .catalogue import template_from_row
from .intake_checks import FOLLOW_UP_DATA_SCHEMA, Accepted, Held, Rejected
from .received_attachments import store_attachments

#: Names of the files listed in the history entry (the attachments tab has them all).
MAX_LISTED_NAMES = 50


@dataclass(frozen=True)
class Link:
    """An accepted submission that answers on the case ``case_id``."""

    accepted: Accepted
    case_id: int


@dataclass(frozen=True)
class Known:
    """The submission has a record already (another desktop stored it a moment ago)."""


@dataclass(frozen=True)
class Linked:
    """What linking did: the history entry, whether the pause ended, who was told."""

    event_id: int
    resumed: bool
    notified: tuple[int, ...]


def linked_case(session: Session, portal_case_id: str, destination_id: str) -> Case | None:
    """The case that came in under this portal ``caseId`` (the oldest, should there be more)."""
    return session.scalars(
        select(Case)
        .where(Case.portal_case_id == portal_case_id, Case.destination_id == destination_id)
        .order_by(Case.id)
        .limit(1)
    ).first()


def route(
    session: Session,
    result: Accepted,
    submission_id: str,
    portal_case_id: str,
    destination_id: str,
) -> Accepted | Link | Rejected | Held | Known:
    """What an accepted submission is.

    * It has a record already: :class:`Known` (another desktop stored it meanwhile; its
      case, if it made one, must not be taken for the case it answers).

    * Its ``caseId`` is one of our cases: a follow-up on it, whatever its data schema (a
      second case for one portal case would split the file). A form sent again is linked
      as well (its data is not applied; the history says it came). For another service
      than the case's it is rejected (``service-mismatch``).
    * A follow-up (its data schema says so) on a ``caseId`` we do not have: if that
      case's application is held in our quarantine, the answer is held too (it would
      otherwise overtake it); else it is rejected (``unsupported-schema`` at ``data``): a
      message without an application cannot become a case, and the citizen learns at
      once that it reached nobody (their application was rejected, or has been deleted
      after its retention period) instead of waiting for an answer that never comes.
    * Anything else is a new application.
    """
    case = linked_case(session, portal_case_id, destination_id)
    # After the case: a record committed with the case is seen by this second statement.
    recorded = session.scalar(
        select(SubmissionRecord.id).where(SubmissionRecord.submission_id == submission_id)
    )
    if recorded is not None:
        return Known()
    if case is not None:
        if case.service_key != result.template.key:
            return Rejected(
                Problem.SERVICE_MISMATCH,
                Instance.SUBMISSION,
                f"case {portal_case_id} is an application for another service",
                result.metadata,
                result.template.leika,
                result.authentication_tags,
            )
        return Link(result, case.id)
    if not result.follow_up:
        return result
    if _original_held(session, portal_case_id):
        return Held(
            "check",
            f"a follow-up on case {portal_case_id}, whose application is held in the "
            "quarantine: retry both, the application first",
        )
    return Rejected(
        Problem.UNSUPPORTED_SCHEMA,
        Instance.DATA,
        f"a follow-up on case {portal_case_id}, which this office does not have (never "
        "accepted, or deleted): please send a new application",
        result.metadata,
        result.template.leika,
        result.authentication_tags,
    )


def _original_held(session: Session, portal_case_id: str) -> bool:
    decided = aliased(SubmissionRecord)
    return (
        session.scalar(
            select(QuarantineEntry.id)
            .where(
                QuarantineEntry.portal_case_id == portal_case_id,
                ~exists().where(
                    and_(
                        decided.submission_id == QuarantineEntry.submission_id,
                        decided.outcome.in_(("accepted", "rejected")),
                    )
                ),
            )
            .limit(1)
        )
        is not None
    )


def lock_case(session: Session, case_id: int) -> None:
    """Lock the case row for this transaction (``SELECT … FOR UPDATE``)."""
    session.execute(select(Case.id).where(Case.id == case_id).with_for_update())


def link_follow_up(
    session: Session,
    link: Link,
    submission_id: str,
    blobs: LargeBlobs,
    now: datetime,
    calendar: WorkingCalendar,
) -> Linked:
    """Add the answer to its case, in the caller's transaction (see the module docstring)."""
    accepted = link.accepted
    case = session.scalars(select(Case).where(Case.id == link.case_id).with_for_update()).one()
    store_attachments(session, blobs, case.id, accepted.attachments)
    source = Status(case.status)
    row_template = session.get(ServiceTemplateRow, case.template_id)
    assert row_template is not None  # foreign key
    template = template_from_row(row_template)
    resume = (
        source is Status.WAITING_FOR_CITIZEN
        and template.workflow.find(source, Status.IN_PROGRESS) is not None
    )
    version = case.version + 1
    payload: dict[str, Any] = {
        "submission_id": submission_id,
        "text": _message(accepted),
        "attachments": [clean_line(a.original_name, 120) for a in accepted.attachments][
            :MAX_LISTED_NAMES
        ],
        "status": source.value,
        "version": version,
    }
    if len(accepted.attachments) > MAX_LISTED_NAMES:
        payload["more_attachments"] = len(accepted.attachments) - MAX_LISTED_NAMES
    if not accepted.follow_up:
        payload["form_resent"] = True  # the form again, on the same case: not applied
    values: dict[str, Any] = {
        "version": version,
        "updated_at": now,
        "updated_by_id": None,
        "attachment_count": Case.attachment_count + len(accepted.attachments),
    }
    if resume:
        version += 1
        values.update(
            status=Status.IN_PROGRESS.value,
            version=version,
            **_resumed_deadline(session, case, template.processing_days, now, calendar),
        )
    session.execute(
        update(Case)
        .where(Case.id == case.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    answered = append_event(session, case.id, None, EventKind.CITIZEN_ANSWERED, payload, at=now)
    if resume:
        append_event(
            session,
            case.id,
            None,
            EventKind.STATUS_CHANGED,
            {
                "from": source.value,
                "to": Status.IN_PROGRESS.value,
                "version": version,
                "answer": submission_id,
            },
            at=now,
        )
    told = _recipients(session, case.assignee_id, closed=not source.is_open)
    for user_id in told:
        session.add(Notice(user_id=user_id, case_id=case.id, event_id=answered.id))
    blobs.write()
    session.expire(case)
    return Linked(answered.id, resume, told)


def _message(accepted: Accepted) -> str:
    text = accepted.form_data.get("message") if accepted.follow_up else None
    if not isinstance(text, str):
        return ""
    cleaned = sanitise_form_data(text.strip())
    return cleaned[:FOLLOW_UP_MESSAGE_MAX] if isinstance(cleaned, str) else ""


def _resumed_deadline(
    session: Session, case: Case, processing_days: int, now: datetime, calendar: WorkingCalendar
) -> dict[str, date | None]:
    """The due date once the clock runs again: the pause ends today (Berlin)."""
    history = [
        (at, Status(payload["to"]))
        for at, payload in session.execute(
            select(CaseEvent.at, CaseEvent.payload)
            .where(CaseEvent.case_id == case.id, CaseEvent.kind == EventKind.STATUS_CHANGED)
            .order_by(CaseEvent.seq)
        )
    ]
    history.append((now, Status.IN_PROGRESS))
    deadline = compute_deadline(
        local_date(case.received_at),
        processing_days,
        pauses_from_history(history),
        local_date(now),
        calendar,
    )
    return {"due_date": deadline.due, "paused_since": None}


def _recipients(session: Session, assignee_id: int | None, *, closed: bool) -> tuple[int, ...]:
    """Who is told: the holder (if still active); for a closed case nobody holds, the
    team leads (an open one nobody holds shows the answer in the inbox)."""
    if assignee_id is not None:
        active = session.scalar(select(User.active).where(User.id == assignee_id))
        if active:
            return (assignee_id,)
    if not closed:
        return ()
    return tuple(
        session.scalars(
            select(User.id)
            .where(User.role == Role.TEAM_LEAD.value, User.active.is_(True))
            .order_by(User.id)
        )
    )


__all__ = [
    "FOLLOW_UP_DATA_SCHEMA",
    "Known",
    "Link",
    "Linked",
    "link_follow_up",
    "linked_case",
    "lock_case",
    "route",
]
