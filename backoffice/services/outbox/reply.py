"""The FIT-Connect reply: a status message (and its certificates) to the citizen on the same case.

The reply is announced, its documents uploaded, and it is submitted; then its events are read
back: ``accept-reply`` means the citizen's portal opened it, ``reject-reply`` (or a 4xx answer)
refuses the message for good with the portal's reason; timeouts, 5xx and a portal that has not
answered yet are tried again later.

Idempotency: the portal gives no way to announce a reply twice under one key, nor to list the
replies of a case. So the handler writes the reply's id into the case's audit trail
(``reply_announced``) right after announcing it, before anything is uploaded. A later attempt
of the same outbox message finds that entry and continues with the same reply: if it was
submitted already, its events decide (accepted: delivered; rejected: refused; not checked
yet: try later); if not, its documents are uploaded again and it is submitted. What remains:
a crash between the portal's answer to the announcement and that write leaves one announced,
empty reply at the portal that is never submitted; the citizen never receives it as a message.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backoffice.domain.citizen_messages import CitizenStatus
from backoffice.domain.status import Status
from backoffice.portal.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
    PortalError,
    PortalProblem,
    TransientError,
)
from backoffice.portal.replies import (
    ReplyContentError,
    ReplyFile,
    ReplyKeyError,
    ReplyOutcome,
    ReplyState,
    StatusMessage,
    citizen_key,
    reply_outcome,
    seal_reply,
)
from backoffice.portal.urls import is_uuid
from backoffice.store.database import Database
from backoffice.store.models import Case, CaseEvent

from ..audit import EventKind, append_event
from ..citizen.message import CitizenMessage
from .dispatcher import Leased, Refused, Retry
from .enclosures import PDF, load_enclosures

log = logging.getLogger(__name__)

#: Seconds to wait before asking again when the portal has not checked a submitted reply yet.
CHECK_AGAIN_AFTER = 30.0
_ATTACHMENT_NAMESPACE = uuid.UUID("6f1d9a52-3c1e-4b7e-9a55-0c1f2b7d4e10")


@runtime_checkable
class ReplyApi(Protocol):
    """What sending a reply needs from the delivery service (the subscriber client)."""

    def announce_reply(self, case_id: str, attachment_ids: Sequence[str]) -> str: ...

    def upload_reply_attachment(self, reply_id: str, attachment_id: str, jwe_text: str) -> None: ...

    def submit_reply(self, reply_id: str, encrypted_metadata: str, encrypted_data: str) -> None: ...

    def get_reply_events(self, reply_id: str) -> Sequence[str]: ...

    def get_jwks(self) -> Mapping[str, Any]: ...


class ReplyHandler:
    """Outbox handler for citizen messages on the ``fit-connect-reply`` channel."""

    def __init__(
        self,
        db: Database,
        api: ReplyApi,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._api = api
        self._clock = clock

    def send_message(self, message: Leased) -> None:
        citizen = CitizenMessage.from_payload(message.payload)
        recipient = citizen.recipient
        case_id = recipient.portal_case_id
        if not is_uuid(case_id):
            raise Refused("the case has no portal case id: it cannot be answered by reply")
        assert case_id is not None
        try:
            key = citizen_key(recipient.reply_key)
            status = StatusMessage(
                status=citizen.citizen_status or self._current_status(citizen.case_id),
                status_details=citizen.status_details,
                additional_information=citizen.additional_information,
                message=citizen.body,
                reference=citizen.file_number,
            )
        except (ReplyKeyError, ReplyContentError) as exc:
            raise Refused(f"{exc}; choose another channel") from None
        enclosures = load_enclosures(
            self._db, citizen.case_id, citizen.document_ids, citizen.file_number, citizen.language
        )
        files = [
            ReplyFile(self._attachment_id(message.id, e.document_id), e.filename, PDF, e.pdf)
            for e in enclosures
        ]
        try:
            self._send(message, citizen.case_id, case_id, status, files, key)
        except AuthenticationFailed as exc:
            # Our credentials, not this message: worth trying again once they are fixed.
            raise Retry(f"{exc}; check `backoffice portal test`") from None
        except TransientError as exc:
            raise Retry(str(exc), exc.retry_after) from None
        except PortalProblem as exc:
            if 400 <= exc.status < 500:
                raise Refused(f"the portal refused the reply: {exc}") from None
            raise Retry(str(exc)) from None
        except PortalError as exc:
            raise Retry(str(exc)) from None
        except SQLAlchemyError as exc:
            raise Retry(f"the database failed while sending the reply: {exc}") from None

    # -- the steps --------------------------------------------------------------------------

    def _send(
        self,
        message: Leased,
        case_id: int,
        portal_case_id: str,
        status: StatusMessage,
        files: Sequence[ReplyFile],
        key: Any,
    ) -> None:
        reply_id = self._earlier_reply(case_id, message.id)
        if reply_id is not None:
            try:
                earlier = self._outcome(reply_id, portal_case_id)
            except NotFound:
                log.info("reply %s is unknown to the portal: announcing a new one", reply_id)
                reply_id = None
            else:
                if earlier.state is not ReplyState.OPEN:
                    self._conclude(earlier)
        if reply_id is None:
            reply_id = self._api.announce_reply(portal_case_id, [f.attachment_id for f in files])
            self._record(case_id, message.id, reply_id)
        sealed = seal_reply(status, files, key)
        try:
            for attachment_id, jwe_text in sealed.attachments.items():
                self._api.upload_reply_attachment(reply_id, attachment_id, jwe_text)
            self._api.submit_reply(reply_id, sealed.encrypted_metadata, sealed.encrypted_data)
        except Conflict:
            log.info("reply %s was submitted already (an earlier try arrived)", reply_id)
        self._conclude(self._outcome(reply_id, portal_case_id))

    def _outcome(self, reply_id: str, portal_case_id: str) -> ReplyOutcome:
        events = self._api.get_reply_events(reply_id)
        if not events:
            return ReplyOutcome(ReplyState.OPEN)
        return reply_outcome(
            events, self._api.get_jwks(), reply_id=reply_id, case_id=portal_case_id
        )

    @staticmethod
    def _conclude(outcome: ReplyOutcome) -> None:
        """Return if the citizen's portal accepted the reply; else raise what it means."""
        if outcome.state is ReplyState.ACCEPTED:
            return
        if outcome.state is ReplyState.REJECTED:
            reasons = "; ".join(outcome.problems) or "no reason given"
            raise Refused(f"the citizen's portal rejected the reply: {reasons}")
        raise Retry(
            "the reply was submitted; the citizen's portal has not confirmed it yet",
            CHECK_AGAIN_AFTER,
        )

    # -- what earlier attempts left ---------------------------------------------------------

    @staticmethod
    def _attachment_id(message_id: int, document_id: int) -> str:
        """The same attachment id for a document in every attempt of one message."""
        return str(uuid.uuid5(_ATTACHMENT_NAMESPACE, f"outbox:{message_id}:document:{document_id}"))

    def _earlier_reply(self, case_id: int, message_id: int) -> str | None:
        with self._db.read() as session:
            payloads = session.scalars(
                select(CaseEvent.payload)
                .where(CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.REPLY_ANNOUNCED)
                .order_by(CaseEvent.seq.desc())
            ).all()
        for payload in payloads:
            if payload.get("outbox_id") == message_id and is_uuid(payload.get("reply_id")):
                return str(payload["reply_id"])
        return None

    def _record(self, case_id: int, message_id: int, reply_id: str) -> None:
        with self._db.write() as session:
            append_event(
                session,
                case_id,
                None,
                EventKind.REPLY_ANNOUNCED,
                {"outbox_id": message_id, "reply_id": reply_id},
                at=self._clock(),
            )

    def _current_status(self, case_id: int) -> str:
        """The portal's status for the case as it stands (a message without a status change)."""
        with self._db.read() as session:
            status = session.scalar(select(Case.status).where(Case.id == case_id))
        if status is None:
            raise Refused(f"the case {case_id} does not exist (any more)")
        return CitizenStatus.of(Status(status)).value
