"""Creating a case: file number, applicant, search text, first deadline, first audit entry.

Called inside the caller's transaction (intake stores case, attachments, audit
entry and outbox row together).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import WorkingCalendar, compute_deadline, local_date
from backoffice.domain.file_numbers import format_file_number
from backoffice.domain.status import Status
from backoffice.domain.templates import APPLICANT_GROUP, ServiceTemplate
from backoffice.domain.text import clean_line, sanitise_form_data, search_text
from backoffice.store.models import Case, FileNumberCounter, ServiceTemplateRow
from backoffice.store.upsert import insert_for

from .audit import EventKind, first_event
from .template_live import berlin_today, live_on


@dataclass(frozen=True)
class NewCase:
    """What is known about an application when it arrives."""

    received_at: datetime
    form_data: dict[str, Any]
    submission_id: str | None = None
    portal_case_id: str | None = None
    destination_id: str | None = None
    reply_channel: str = "postal"
    auth_level: str | None = None
    payment_state: str | None = None
    attachment_count: int = 0


def next_file_number(session: Session, prefix: str, year: int) -> str:
    """Allocate the next number for (prefix, year) with one atomic upsert."""
    statement = (
        insert_for(session, FileNumberCounter)
        .values(prefix=prefix, year=year, last=1)
        .on_conflict_do_update(
            index_elements=[FileNumberCounter.prefix, FileNumberCounter.year],
            set_={"last": FileNumberCounter.last + 1},
        )
        .returning(FileNumberCounter.last)
    )
    sequence = session.execute(statement).scalar_one()
    return format_file_number(prefix, year, sequence)


def applicant_name(form_data: dict[str, Any]) -> str:
    applicant = form_data.get(APPLICANT_GROUP)
    if not isinstance(applicant, dict):
        return "?"
    parts = [applicant.get("given_name"), applicant.get("family_name")]
    name = " ".join(clean_line(p) for p in parts if isinstance(p, str) and p.strip())
    return clean_line(name, 300) or "?"


def applicant_email(form_data: dict[str, Any]) -> str | None:
    applicant = form_data.get(APPLICANT_GROUP)
    email = applicant.get("email") if isinstance(applicant, dict) else None
    return clean_line(email, 320) if isinstance(email, str) and "@" in email else None


def register_case(
    session: Session,
    template: ServiceTemplate,
    template_row_id: int,
    new: NewCase,
    calendar: WorkingCalendar,
) -> Case:
    """Insert a case in status `received` with its first audit entry."""
    form_data = sanitise_form_data(new.form_data)
    received_local = local_date(new.received_at)
    file_number = next_file_number(session, template.file_prefix, received_local.year)
    name = applicant_name(form_data)
    deadline = compute_deadline(
        received_local, template.processing_days, [], received_local, calendar
    )
    case = Case(
        file_number=file_number,
        submission_id=new.submission_id,
        portal_case_id=new.portal_case_id,
        destination_id=new.destination_id,
        template_id=template_row_id,
        service_key=template.key,
        received_at=new.received_at,
        applicant_name=name,
        applicant_email=applicant_email(form_data),
        reply_channel=new.reply_channel,
        auth_level=new.auth_level,
        payment_state=new.payment_state,
        attachment_count=new.attachment_count,
        form_data=form_data,
        search_text=search_text(file_number, name, form_data=form_data),
        status=Status.RECEIVED.value,
        due_date=deadline.due,
        version=1,
        updated_at=new.received_at,
    )
    session.add(case)
    session.flush()  # for the case id
    first_event(
        session,
        case.id,
        None,
        EventKind.RECEIVED,
        {"file_number": file_number, "submission_id": new.submission_id, "version": 1},
        at=new.received_at,
    )
    return case


def template_row_for(
    session: Session, key: str, on: date | None = None
) -> ServiceTemplateRow | None:
    """The version of a service that is live on ``on`` (default: today in Berlin); drafts and
    versions outside their validity period never are."""
    return session.scalars(
        select(ServiceTemplateRow)
        .where(ServiceTemplateRow.key == key, live_on(on or berlin_today()))
        .limit(1)
    ).first()


def template_row_ids(session: Session, templates: Iterable[ServiceTemplate]) -> dict[str, int]:
    """The row id of each template's very version (one query for a whole run): a case is
    stored with the version it was checked against, whatever was published meanwhile."""
    wanted = {(t.key, t.version) for t in templates}
    rows = session.execute(
        select(ServiceTemplateRow.key, ServiceTemplateRow.version, ServiceTemplateRow.id).where(
            ServiceTemplateRow.key.in_(sorted({key for key, _ in wanted}))
        )
    )
    return {key: row_id for key, version, row_id in rows if (key, version) in wanted}
