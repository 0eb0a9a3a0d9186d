"""Post: the message to the citizen as a letter PDF in the print queue.

The handler renders the DIN 5008 letter (address window, date, subject, text, the
certificates to enclose listed under "Anlagen") and stores it as a document of kind
``letter`` linked to its outbox message; the message counts as sent once the letter waits
in the print queue (:mod:`backoffice.services.print_queue`), where a clerk prints it.

Idempotent: the letter of a message is looked up by the message's id, under a lock on the
message's row, before one is stored; a re-send after a crash finds it and is delivered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from backoffice.documents import DEFAULT_LETTERHEAD, LetterData, Letterhead, PostalAddress, new_code
from backoffice.documents.wording import LANGUAGES
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, OutboxMessage

from ..audit import EventKind, append_event
from ..citizen.message import CitizenMessage
from .dispatcher import Delivered, Leased, Refused, Retry
from .enclosures import Enclosure, load_enclosures

LETTER = "letter"


class PostHandler:
    """Outbox handler for citizen messages on the ``post`` channel."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        letterhead: Letterhead = DEFAULT_LETTERHEAD,
    ) -> None:
        self._db = db
        self._clock = clock
        self._letterhead = letterhead

    def send_message(self, message: Leased) -> None:
        citizen = CitizenMessage.from_payload(message.payload)
        try:
            with self._db.read() as session:
                if _letter_of(session, message.id) is not None:
                    raise Delivered()
            address = _address(citizen)
            enclosures = load_enclosures(
                self._db,
                citizen.case_id,
                citizen.document_ids,
                citizen.file_number,
                citizen.language,
            )
            now = self._clock()
            pdf = self.render(citizen, address, enclosures, now)
            self._store(message.id, citizen.case_id, pdf, enclosures, now)
        except IntegrityError as exc:  # a verification code taken meanwhile (1 in 2**60)
            raise Retry(f"the letter could not be stored: {type(exc).__name__}") from None
        except SQLAlchemyError as exc:
            raise Retry(f"the database failed while storing the letter: {exc}") from None

    def render(
        self,
        citizen: CitizenMessage,
        address: PostalAddress,
        enclosures: list[Enclosure],
        now: datetime,
    ) -> bytes:
        """The letter's PDF (reportlab is loaded with the first letter)."""
        from backoffice.documents import render_letter

        return render_letter(
            LetterData(
                file_number=citizen.file_number,
                recipient=address,
                subject=citizen.subject,
                message=citizen.body,
                sent_at=now,
                clerk_name=citizen.clerk_name,
                language=citizen.language if citizen.language in LANGUAGES else "de",
                letterhead=self._letterhead,
                enclosures=tuple(f"{e.title} {citizen.file_number}" for e in enclosures),
            )
        )

    def _store(
        self,
        message_id: int,
        case_id: int,
        pdf: bytes,
        enclosures: list[Enclosure],
        now: datetime,
    ) -> None:
        digest = hashlib.sha256(pdf).hexdigest()
        with self._db.write() as session:
            # One letter per message, even if two desktops got here (a lease ran out).
            session.execute(
                select(OutboxMessage.id).where(OutboxMessage.id == message_id).with_for_update()
            )
            if _letter_of(session, message_id) is not None:
                raise Delivered()
            template_id = session.scalar(select(Case.template_id).where(Case.id == case_id))
            if template_id is None:
                raise Refused(f"the case {case_id} does not exist (any more)")
            letter = Document(
                case_id=case_id,
                kind=LETTER,
                template_id=template_id,
                pdf=pdf,
                sha256=digest,
                verification_code=new_code(),
                created_by_id=None,
                created_at=now,
                outbox_message_id=message_id,
            )
            session.add(letter)
            session.flush()
            append_event(
                session,
                case_id,
                None,
                EventKind.DOCUMENT_GENERATED,
                {
                    "document_id": letter.id,
                    "kind": LETTER,
                    "outbox_id": message_id,
                    "sha256": digest,
                    "size": len(pdf),
                    "enclosures": [e.document_id for e in enclosures],
                },
                at=now,
            )


def _letter_of(session: Session, message_id: int) -> int | None:
    return session.scalar(
        select(Document.id).where(Document.outbox_message_id == message_id, Document.kind == LETTER)
    )


def _address(citizen: CitizenMessage) -> PostalAddress:
    recipient = citizen.recipient
    if not (recipient.name.strip() and recipient.street.strip() and recipient.city.strip()):
        raise Refused(
            "the citizen's postal address is incomplete (name, street, postcode and town); "
            "choose another channel"
        )
    return PostalAddress(recipient.name, recipient.street, recipient.city, recipient.country)
