"""A status message to a citizen as the outbox carries it: the contract between the service
that queues it (:mod:`backoffice.services.citizen.service`) and the channel handlers that
send it (FIT-Connect reply, e-mail, letter).

Everything a handler needs is in the payload, in plain JSON: the words as the clerk saw
them in the preview, the recipient as the submission named it, and the ids of the
documents to enclose (read from the database when sending, never copied into the payload).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from backoffice.domain.citizen_messages import Channel
from backoffice.services.outbox import Route

#: The outbox kind of every message to a citizen; the channel picks the handler.
KIND = "citizen_message"


def route(channel: Channel) -> Route:
    return Route(KIND, channel.value)


#: One route per channel, for the composition root's handler table.
ROUTES = {channel: route(channel) for channel in Channel}


@dataclass(frozen=True)
class Recipient:
    """Where the message goes; which fields are set depends on the channel."""

    name: str
    #: E-mail: the address from ``replyChannel.eMail.address`` (else the form's).
    email: str | None = None
    #: Post: the address window's lines (street, postcode and town, country).
    street: str = ""
    city: str = ""
    country: str = ""
    #: FIT-Connect reply: the case on the portal, its destination, and the citizen's public
    #: encryption key (JWK) from ``replyChannel.fitConnect.encryptionKey``.
    portal_case_id: str | None = None
    destination_id: str | None = None
    reply_key: dict[str, Any] | None = None


@dataclass(frozen=True)
class CitizenMessage:
    """One message to one citizen about one case."""

    case_id: int
    file_number: str
    channel: Channel
    language: str
    subject: str
    body: str
    #: Our status the message announces (None: a message without a status change).
    status: str | None
    #: The portal's status value (RECEIVED, PROCESSING, ACTION_REQUIRED, COMPLETED, REJECTED).
    citizen_status: str | None
    status_details: str
    additional_information: str
    recipient: Recipient
    clerk_name: str
    created_at: datetime
    #: Documents (certificates) to enclose, by id.
    document_ids: tuple[int, ...] = field(default_factory=tuple)
    #: The part of ``body`` the clerk wrote (the rest is the template's text).
    clerk_text: str = ""

    def to_payload(self) -> dict[str, Any]:
        r = self.recipient
        return {
            "case_id": self.case_id,
            "file_number": self.file_number,
            "channel": self.channel.value,
            "language": self.language,
            "subject": self.subject,
            "body": self.body,
            "status": self.status,
            "citizen_status": self.citizen_status,
            "status_details": self.status_details,
            "additional_information": self.additional_information,
            "recipient": {
                "name": r.name,
                "email": r.email,
                "street": r.street,
                "city": r.city,
                "country": r.country,
                "portal_case_id": r.portal_case_id,
                "destination_id": r.destination_id,
                "reply_key": r.reply_key,
            },
            "clerk_name": self.clerk_name,
            "created_at": self.created_at.isoformat(),
            "document_ids": list(self.document_ids),
            "clerk_text": self.clerk_text,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CitizenMessage:
        r = payload["recipient"]
        return cls(
            case_id=int(payload["case_id"]),
            file_number=str(payload["file_number"]),
            channel=Channel(payload["channel"]),
            language=str(payload["language"]),
            subject=str(payload["subject"]),
            body=str(payload["body"]),
            status=payload.get("status"),
            citizen_status=payload.get("citizen_status"),
            status_details=str(payload.get("status_details") or ""),
            additional_information=str(payload.get("additional_information") or ""),
            recipient=Recipient(
                name=str(r.get("name") or ""),
                email=r.get("email"),
                street=str(r.get("street") or ""),
                city=str(r.get("city") or ""),
                country=str(r.get("country") or ""),
                portal_case_id=r.get("portal_case_id"),
                destination_id=r.get("destination_id"),
                reply_key=r.get("reply_key"),
            ),
            clerk_name=str(payload.get("clerk_name") or ""),
            created_at=datetime.fromisoformat(str(payload["created_at"])),
            document_ids=tuple(int(i) for i in payload.get("document_ids") or ()),
            clerk_text=str(payload.get("clerk_text") or ""),
        )
