"""What the citizen is told: the channel, the status in the portal's words, the text.

A status message is the service template's text for the new status, with its placeholders
filled from the case, followed by what the clerk wrote. A placeholder without a value
refuses the message (:class:`PlaceholderEmpty`): no citizen ever reads a raw
``{file_number}`` or a sentence with a hole in it.

The channel follows the submission's metadata (``replyChannel``): a FIT-Connect reply on
the same case, an e-mail, or else a letter. A failed channel never falls through to
another by itself: the clerk sees the failure and chooses.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError
from .status import Status
from .templates import PLACEHOLDERS, LocalText, ServiceTemplate

#: The reply's ``statusDetails`` and ``additionalInformation`` bounds (the federal citizen
#: mailbox's limits, which the portal's status message follows).
MAX_STATUS_DETAILS = 50
MAX_ADDITIONAL_INFORMATION = 100
#: What a clerk may add to a message.
MAX_CLERK_TEXT = 10_000


class Channel(StrEnum):
    """How a message reaches the citizen (stored as the outbox row's channel)."""

    FIT_CONNECT = "fit-connect-reply"
    EMAIL = "email"
    POST = "post"

    @classmethod
    def for_reply_channel(cls, reply_channel: str | None) -> Channel:
        """The channel for the name in the submission's ``replyChannel`` (stored on the case)."""
        return {"fitConnect": cls.FIT_CONNECT, "eMail": cls.EMAIL}.get(
            reply_channel or "", cls.POST
        )


class CitizenStatus(StrEnum):
    """The status values of the portal's status message."""

    RECEIVED = "RECEIVED"
    PROCESSING = "PROCESSING"
    ACTION_REQUIRED = "ACTION_REQUIRED"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"

    @classmethod
    def of(cls, status: Status) -> CitizenStatus:
        return {
            Status.RECEIVED: cls.RECEIVED,
            Status.IN_PROGRESS: cls.PROCESSING,
            Status.WAITING_FOR_CITIZEN: cls.ACTION_REQUIRED,
            Status.COMPLETED: cls.COMPLETED,
            Status.REJECTED: cls.REJECTED,
            Status.WITHDRAWN: cls.COMPLETED,  # the procedure has ended at the citizen's wish
        }[status]


class PlaceholderEmpty(DomainError):
    """A message text names a value the case does not have; nothing is sent."""

    code = "placeholder_empty"

    def __init__(self, missing: tuple[str, ...]) -> None:
        names = ", ".join("{" + name + "}" for name in missing)
        super().__init__(
            f"the message cannot be sent: no value for {names} in this case", missing=missing
        )
        self.missing = missing


@dataclass(frozen=True)
class MessageText:
    """The words of one message, as the citizen will read them."""

    subject: str
    #: The template's text for the status, filled in.
    standard: str
    #: What the clerk wrote (may be empty).
    clerk_text: str
    status_details: str
    additional_information: str

    @property
    def body(self) -> str:
        return "\n\n".join(part for part in (self.standard, self.clerk_text) if part)


def placeholders_in(text: str) -> tuple[str, ...]:
    """The placeholder names a template text uses, in order of appearance."""
    names: list[str] = []
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in names:
            names.append(name)
    return tuple(names)


def missing_values(text: str, values: Mapping[str, str]) -> tuple[str, ...]:
    """The placeholders of ``text`` that have no (non-blank) value."""
    return tuple(n for n in placeholders_in(text) if not (values.get(n) or "").strip())


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill a validated template text; raises :class:`PlaceholderEmpty` for a missing value."""
    missing = missing_values(text, values)
    if missing:
        raise PlaceholderEmpty(missing)
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def compose(
    template: ServiceTemplate,
    status: Status,
    values: Mapping[str, str],
    clerk_text: str = "",
    language: str = "de",
) -> MessageText:
    """The message for a case that reached ``status``. Raises :class:`PlaceholderEmpty`."""
    clerk_text = clerk_text.strip()
    if len(clerk_text) > MAX_CLERK_TEXT:
        raise DomainError(
            f"the message is too long ({len(clerk_text)} characters, at most {MAX_CLERK_TEXT})"
        )
    local = template.messages.get(status)
    standard = fill(local.get(language), values) if local is not None else ""
    label = status_label(template, status, language)
    service = template.name.get(language)
    file_number = values.get("file_number", "")
    subject = f"{service}: {label} ({file_number})" if file_number else f"{service}: {label}"
    return MessageText(
        subject=subject,
        standard=standard,
        clerk_text=clerk_text,
        status_details=_bounded(label, MAX_STATUS_DETAILS),
        additional_information=_bounded(f"{service}, {file_number}", MAX_ADDITIONAL_INFORMATION),
    )


def compose_free(
    template: ServiceTemplate, values: Mapping[str, str], clerk_text: str, language: str = "de"
) -> MessageText:
    """A message that goes with no status change (a question, a note to the citizen)."""
    clerk_text = clerk_text.strip()
    if not clerk_text:
        raise DomainError("a message needs some text")
    if len(clerk_text) > MAX_CLERK_TEXT:
        raise DomainError(
            f"the message is too long ({len(clerk_text)} characters, at most {MAX_CLERK_TEXT})"
        )
    service = template.name.get(language)
    file_number = values.get("file_number", "")
    word = "Nachricht" if language == "de" else "Message"
    return MessageText(
        subject=f"{service}: {word} ({file_number})",
        standard="",
        clerk_text=clerk_text,
        status_details=_bounded(word, MAX_STATUS_DETAILS),
        additional_information=_bounded(f"{service}, {file_number}", MAX_ADDITIONAL_INFORMATION),
    )


#: What a status is called in a message, where the template gives it no label of its own.
STATUS_WORDS: Mapping[Status, LocalText] = {
    Status.RECEIVED: LocalText("Eingegangen", "Received"),
    Status.IN_PROGRESS: LocalText("In Bearbeitung", "In progress"),
    Status.WAITING_FOR_CITIZEN: LocalText("Rückfrage", "Information needed"),
    Status.COMPLETED: LocalText("Abgeschlossen", "Completed"),
    Status.REJECTED: LocalText("Abgelehnt", "Rejected"),
    Status.WITHDRAWN: LocalText("Zurückgenommen", "Withdrawn"),
}


def status_label(template: ServiceTemplate, status: Status, language: str) -> str:
    local = template.workflow.labels.get(status) or STATUS_WORDS[status]
    return local.get(language)


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
