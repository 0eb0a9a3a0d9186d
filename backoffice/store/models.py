"""The data model of DESIGN.md as SQLAlchemy 2 declarative classes.

Changes to these classes need an Alembic revision (``backoffice/store/migrations``);
the migration test compares both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from .types import JSONType, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Sorts after every real due date; a literal (not a parameter) so that SQLite can use the
#: expression index ix_cases_due_sort.
DUE_SORT_LAST: ColumnElement[Any] = literal_column("'9999-12-31'")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType}  # noqa: RUF012


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServiceTemplateRow(Base):
    """One version of a service template. Cases point at the version they arrived under."""

    __tablename__ = "service_templates"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(63), index=True)
    version: Mapped[int] = mapped_column(Integer)
    leika: Mapped[str] = mapped_column(String(60))
    name_de: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: draft | published | ended (see services.template_versions); intake takes the published
    #: (or ended) version whose [valid_from, valid_until] holds today.
    state: Mapped[str] = mapped_column(String(20), default="published", server_default="published")
    valid_from: Mapped[date | None] = mapped_column(Date)
    #: The last day this version is valid (None: open-ended).
    valid_until: Mapped[date | None] = mapped_column(Date)


class FileNumberCounter(Base):
    __tablename__ = "file_number_counters"

    prefix: Mapped[str] = mapped_column(String(5), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_received", "received_at", "id"),
        Index("ix_cases_status_received", "status", "received_at", "id"),
        Index("ix_cases_service_received", "service_key", "received_at", "id"),
        Index("ix_cases_assignee_received", "assignee_id", "received_at", "id"),
        Index("ix_cases_due", "due_date", "id"),
        Index("ix_cases_applicant", "applicant_name", "id"),
        # A follow-up submission finds its case by the portal's caseId (migration 0011).
        Index("ix_cases_portal_case_id", "portal_case_id"),
        # The inbox's "due" sort: open cases first by due date, paused/closed ones last.
        Index("ix_cases_due_sort", func.coalesce(text("due_date"), DUE_SORT_LAST), "id"),
        # The team figures, read from the indexes alone (the rows are wide: form data and
        # search text): cases closed in a period; the open cases by service, age, due date
        # and holder.
        Index("ix_cases_closed", "closed_at", "service_key"),
        Index(
            "ix_cases_open_figures",
            "status",
            "service_key",
            "received_at",
            "due_date",
            "assignee_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    file_number: Mapped[str] = mapped_column(String(30), unique=True)
    submission_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    portal_case_id: Mapped[str | None] = mapped_column(String(36))
    destination_id: Mapped[str | None] = mapped_column(String(36))
    template_id: Mapped[int] = mapped_column(ForeignKey("service_templates.id"))
    service_key: Mapped[str] = mapped_column(String(63))
    received_at: Mapped[datetime]
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_email: Mapped[str | None] = mapped_column(String(320))
    reply_channel: Mapped[str] = mapped_column(String(20), default="postal")
    auth_level: Mapped[str | None] = mapped_column(String(40))
    payment_state: Mapped[str | None] = mapped_column(String(20))
    form_data: Mapped[dict[str, Any]] = deferred(mapped_column(JSONType))
    search_text: Mapped[str] = deferred(mapped_column(Text, default=""))
    status: Mapped[str] = mapped_column(String(30))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    paused_since: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    #: Set at intake, raised by a follow-up's attachments; saves a count per inbox row.
    attachment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1)
    closed_at: Mapped[datetime | None]
    retention_until: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    portal_attachment_id: Mapped[str | None] = mapped_column(String(36))
    original_name: Mapped[str] = mapped_column(String(300))
    safe_name: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha512: Mapped[str] = mapped_column(String(128))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    verification: Mapped[str] = mapped_column(String(30))
    verification_detail: Mapped[str | None] = mapped_column(Text)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_print_queue", "kind", "printed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    template_id: Mapped[int] = mapped_column(ForeignKey("service_templates.id"))
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64))
    verification_code: Mapped[str] = mapped_column(String(40), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Letters: when printed (None: still in the print queue), and by whom.
    printed_at: Mapped[datetime | None]
    printed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", name="fk_documents_printed_by")
    )
    #: Letters: the outbox message (status message to the citizen) the letter carries.
    outbox_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_messages.id", name="fk_documents_outbox_message")
    )


class CaseEvent(Base):
    """The audit trail: append-only, hash-chained per case (see services.audit)."""

    __tablename__ = "case_events"
    __table_args__ = (
        UniqueConstraint("case_id", "seq"),
        # The team figures count the staff of a period from the events in it.
        Index("ix_case_events_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Notice(Base):
    """Something a user must see on their next view (e.g. their claim was taken over)."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_user_unseen", "user_id", "seen_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("case_events.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]


class SubmissionRecord(Base):
    """Every submission we decided on: accepted (with its case) or rejected (kept for the record),
    or held in quarantine (``outcome`` "quarantined", details in :class:`QuarantineEntry`).

    Its unique ``submission_id`` makes intake idempotent: a submission listed again, a
    crash, or a second desktop syncing the same destination never produce a second case.
    """

    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_outcome_arrived", "outcome", "arrived_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    portal_case_id: Mapped[str] = mapped_column(String(36))
    destination_id: Mapped[str] = mapped_column(String(36))
    service_identifier: Mapped[str | None] = mapped_column(String(255))
    arrived_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(20))  # accepted | rejected | quarantined
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    problem_type: Mapped[str | None] = mapped_column(String(100))
    problem_instance: Mapped[str | None] = mapped_column(String(100))
    problem_detail: Mapped[str | None] = mapped_column(Text)
    received_metadata: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    attachment_ids: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class QuarantineEntry(Base):
    """A submission intake could not decide on, for a reason of ours: held, not retried by
    the sync, until someone asks for a retry.

    While it is held, a :class:`SubmissionRecord` with outcome "quarantined" keeps the sync
    (of every desktop) from taking the submission again; a retry removes that record and
    sets ``state`` to "retry". The entry stays as the history of what went wrong; a later
    decision on the submission is found through its ``submission_id``.
    """

    __tablename__ = "quarantine_entries"
    __table_args__ = (Index("ix_quarantine_entries_state_held", "state", "held_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    portal_case_id: Mapped[str] = mapped_column(String(36))
    destination_id: Mapped[str] = mapped_column(String(36))
    service_identifier: Mapped[str | None] = mapped_column(String(255))
    stage: Mapped[str] = mapped_column(String(20))  # fetch | check | sign | store
    error: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="held")  # held | retry
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_held_at: Mapped[datetime]
    held_at: Mapped[datetime]
    retry_requested_at: Mapped[datetime | None]
    retry_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class SyncState(Base):
    __tablename__ = "sync_states"

    destination_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_counts: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class Setting(Base):
    """Non-secret configuration shared by all desktops of one database."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdminEvent(Base):
    """The administration's audit trail (templates, identity, users, retention, the team
    figures' policy): append-only, one hash chain over the whole table (services.admin_audit;
    the table came with migration 0009, the chain with 0010)."""

    __tablename__ = "admin_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The login as it was, so that the history reads without the user table.
    actor_login: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ReadEntry(Base):
    """Who opened which case or viewed which document, when (a read log, not the case's hash
    chain: a read must not lock and write the case row)."""

    __tablename__ = "read_log"
    __table_args__ = (Index("ix_read_log_case_at", "case_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # case_opened | document_viewed
    document_id: Mapped[int | None] = mapped_column(Integer)


class DeletionRecord(Base):
    """What remains of a case deleted at the end of its retention period: no personal data."""

    __tablename__ = "deletion_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_number: Mapped[str] = mapped_column(String(30), unique=True)
    service_key: Mapped[str] = mapped_column(String(63))
    template_version: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None]
    retention_until: Mapped[date | None] = mapped_column(Date)
    deleted_at: Mapped[datetime]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deleted_by_login: Mapped[str] = mapped_column(String(100))


class Absence(Base):
    """A user away from ``first_day`` to ``last_day`` (Berlin dates, inclusive)."""

    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_user_days", "user_id", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    #: None: the cases are redistributed by load among users of the same role.
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", name="fk_absences_deputy"))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", name="fk_absences_created_by")
    )
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]


class AbsenceMove(Base):
    """A case moved away because of an absence (to give it back afterwards)."""

    __tablename__ = "absence_moves"
    __table_args__ = (UniqueConstraint("absence_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    absence_id: Mapped[int] = mapped_column(ForeignKey("absences.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    moved_at: Mapped[datetime]
    given_back_at: Mapped[datetime | None]


class PendingApproval(Base):
    """A transition that waits for a second person's approval (four-eyes rule)."""

    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_state_case", "state", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(30))
    target: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", name="fk_approvals_decided_by")
    )
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
