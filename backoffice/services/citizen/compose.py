"""Composing a message for one case: its words, its channel and recipient, its enclosures.

Runs inside the caller's transaction (a preview reads, a status change writes), so that
what the clerk saw in the preview is what the status change queues.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.citizen_messages import (
    Channel,
    CitizenStatus,
    MessageText,
    PlaceholderEmpty,
    compose,
    compose_free,
    missing_values,
)
from backoffice.domain.deadlines import local_date
from backoffice.domain.errors import DomainError
from backoffice.domain.status import Status
from backoffice.domain.templates import APPLICANT_GROUP, ServiceTemplate
from backoffice.domain.text import clean_line
from backoffice.store.models import Case, Document, SubmissionRecord

from .message import CitizenMessage, Recipient

#: The language of messages to citizens (the portal does not tell us theirs yet).
CITIZEN_LANGUAGE = "de"


class RecipientMissing(DomainError):
    """The channel the submission chose lacks what it needs (an address, a key)."""

    code = "recipient_missing"


@dataclass(frozen=True)
class Problem:
    """Why a message cannot be sent as it is (shown in the preview)."""

    code: str  # "placeholder_empty" | "recipient_missing"
    detail: str
    #: placeholder_empty: the names without a value.
    missing: tuple[str, ...] = ()


def placeholder_values(case: Case, template: ServiceTemplate, language: str) -> dict[str, str]:
    """What a template text may name, from the case (empty where the case has nothing)."""
    applicant = (case.form_data or {}).get(APPLICANT_GROUP)
    person = applicant if isinstance(applicant, Mapping) else {}

    def text(key: str) -> str:
        value = person.get(key)
        return clean_line(value, 120) if isinstance(value, str) else ""

    return {
        "file_number": case.file_number,
        "service_name": template.name.get(language),
        "given_name": text("given_name"),
        "family_name": text("family_name"),
        "received_date": local_date(case.received_at).strftime("%d.%m.%Y"),
        "due_date": case.due_date.strftime("%d.%m.%Y") if case.due_date else "",
    }


def reply_channel_metadata(session: Session, case: Case) -> Mapping[str, Any]:
    """The ``replyChannel`` of the submission the case came from (empty if none)."""
    if case.submission_id is None:
        return {}
    metadata = session.scalar(
        select(SubmissionRecord.received_metadata).where(
            SubmissionRecord.submission_id == case.submission_id
        )
    )
    channel = (metadata or {}).get("replyChannel") if isinstance(metadata, Mapping) else None
    return channel if isinstance(channel, Mapping) else {}


def recipient_for(
    session: Session, case: Case, channel: Channel
) -> tuple[Recipient, Problem | None]:
    """The recipient on ``channel``, and what is missing for it (None: complete)."""
    applicant = (case.form_data or {}).get(APPLICANT_GROUP)
    person = applicant if isinstance(applicant, Mapping) else {}

    def text(*keys: str) -> str:
        parts = [person.get(k) for k in keys]
        return clean_line(" ".join(str(p) for p in parts if isinstance(p, str | int) and p), 200)

    name = case.applicant_name if case.applicant_name != "?" else ""
    metadata = reply_channel_metadata(session, case)
    if channel is Channel.FIT_CONNECT:
        fit = metadata.get("fitConnect")
        key = fit.get("encryptionKey") if isinstance(fit, Mapping) else None
        recipient = Recipient(
            name=name,
            portal_case_id=case.portal_case_id,
            destination_id=case.destination_id,
            reply_key=dict(key) if isinstance(key, Mapping) else None,
        )
        if recipient.reply_key is None or not case.portal_case_id:
            return recipient, Problem(
                "recipient_missing", "the submission names no encryption key for replies"
            )
        return recipient, None
    if channel is Channel.EMAIL:
        mail = metadata.get("eMail")
        address = mail.get("address") if isinstance(mail, Mapping) else None
        email = clean_line(address, 320) if isinstance(address, str) else case.applicant_email
        recipient = Recipient(name=name, email=email if email and "@" in email else None)
        if recipient.email is None:
            return recipient, Problem("recipient_missing", "the submission names no e-mail address")
        return recipient, None
    recipient = Recipient(
        name=name,
        street=text("street", "house_number"),
        city=text("postal_code", "city"),
        country=text("country"),
    )
    if not (recipient.name and recipient.street and recipient.city):
        return recipient, Problem("recipient_missing", "the form holds no complete postal address")
    return recipient, None


def enclosures(session: Session, case_id: int, status: Status | None) -> tuple[int, ...]:
    """The documents a message encloses: the newest certificate when the case is completed."""
    if status is not Status.COMPLETED:
        return ()
    newest = session.scalar(
        select(Document.id)
        .where(Document.case_id == case_id, Document.kind == "certificate")
        .order_by(Document.id.desc())
        .limit(1)
    )
    return (newest,) if newest is not None else ()


@dataclass(frozen=True)
class Draft:
    """A message as composed, with what would stop it from being sent."""

    message: CitizenMessage
    problems: tuple[Problem, ...]


def draft(
    session: Session,
    case: Case,
    template: ServiceTemplate,
    status: Status | None,
    clerk_text: str,
    *,
    clerk_name: str,
    now: datetime,
    channel: Channel | None = None,
    language: str = CITIZEN_LANGUAGE,
) -> Draft:
    """Compose the message; problems are reported, not raised (the preview shows them)."""
    values = placeholder_values(case, template, language)
    problems: list[Problem] = []
    text: MessageText
    if status is None:
        text = compose_free(template, values, clerk_text, language)
    else:
        standard = template.messages.get(status)
        missing = missing_values(standard.get(language), values) if standard else ()
        if missing:
            problems.append(Problem("placeholder_empty", str(PlaceholderEmpty(missing)), missing))
            values = {**values, **{name: "{" + name + "}" for name in missing}}
        text = compose(template, status, values, clerk_text, language)
    chosen = channel or Channel.for_reply_channel(case.reply_channel)
    recipient, missing_recipient = recipient_for(session, case, chosen)
    if missing_recipient is not None:
        problems.append(missing_recipient)
    message = CitizenMessage(
        case_id=case.id,
        file_number=case.file_number,
        channel=chosen,
        language=language,
        subject=text.subject,
        body=text.body,
        status=status.value if status is not None else None,
        citizen_status=CitizenStatus.of(status).value if status is not None else None,
        status_details=text.status_details,
        additional_information=text.additional_information,
        recipient=recipient,
        clerk_name=clerk_name,
        created_at=now,
        document_ids=enclosures(session, case.id, status),
        clerk_text=text.clerk_text,
    )
    return Draft(message, tuple(problems))


def require_sendable(draft: Draft) -> CitizenMessage:
    """The message, or the first problem as the error that refuses it."""
    for problem in draft.problems:
        if problem.code == "placeholder_empty":
            raise PlaceholderEmpty(problem.missing)
        raise RecipientMissing(
            f"{draft.message.file_number}: no message by {draft.message.channel.value}: "
            f"{problem.detail}; choose another channel",
            channel=draft.message.channel.value,
        )
    return draft.message
