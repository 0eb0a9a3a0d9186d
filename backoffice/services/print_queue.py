"""The print queue: letters to citizens waiting to be printed, and marking them printed.

The postal handler (:mod:`backoffice.services.outbox.post`) stores each letter as a document
of kind ``letter`` linked to its outbox message. Here a clerk lists what waits, gets the
files to print (the letter, then the certificates it encloses, each checked against its
SHA-256), and marks one or many letters printed once the printer has them: ``printed_at``
and ``printed_by_id`` are set and the case's history gets a ``letter_printed`` entry. A
letter that cannot be marked (unknown, printed already) is reported on its own; the others
are marked all the same.

Printing itself (QPrinter, the dialog) is the window's; this service is Qt-free.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, aliased

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, OutboxMessage, User

from .actor import Actor
from .audit import EventKind, append_event
from .documents import DocumentDamaged
from .errors import InvalidInput, NotFound, storage_errors
from .outbox.post import LETTER

#: At most this many letters are marked in one call.
MAX_BATCH = 500


@dataclass(frozen=True)
class QueuedLetter:
    """A letter in the print queue (waiting, or printed), without its bytes."""

    id: int
    case_id: int
    file_number: str
    recipient_name: str
    subject: str
    created_at: datetime
    #: The certificates to put into the envelope with it (document ids).
    enclosure_ids: tuple[int, ...]
    outbox_message_id: int | None
    printed_at: datetime | None
    printed_by: str | None  # display name


@dataclass(frozen=True)
class PrintFile:
    """One PDF to print: the letter first, then each enclosure."""

    document_id: int
    kind: str  # "letter" or "certificate"
    pdf: bytes = field(repr=False)


@dataclass(frozen=True)
class PrintFailure:
    letter_id: int
    code: str  # "not_found", "already_printed"
    message: str


@dataclass(frozen=True)
class PrintedReport:
    printed: tuple[int, ...]
    failures: tuple[PrintFailure, ...]


@dataclass(frozen=True)
class CaseLetters:
    """The letters of one case waiting to be printed (bulk printing from the inbox)."""

    case_id: int
    #: None: there is no such case (any more).
    file_number: str | None
    letters: tuple[QueuedLetter, ...]

    @property
    def found(self) -> bool:
        return self.file_number is not None


@storage_errors
class PrintQueueService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    # -- listing ----------------------------------------------------------------------------

    def waiting(self, actor: Actor, limit: int = 500) -> list[QueuedLetter]:
        """Letters not printed yet, oldest first."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            query = _query().where(Document.printed_at.is_(None)).order_by(Document.id)
            return [_letter(row) for row in session.execute(query.limit(limit))]

    def recently_printed(self, actor: Actor, limit: int = 100) -> list[QueuedLetter]:
        """Letters printed, the last printed first."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            query = (
                _query()
                .where(Document.printed_at.is_not(None))
                .order_by(Document.printed_at.desc(), Document.id.desc())
            )
            return [_letter(row) for row in session.execute(query.limit(limit))]

    def letter(self, actor: Actor, letter_id: int) -> QueuedLetter:
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            row = session.execute(_query().where(Document.id == letter_id)).first()
        if row is None:
            raise NotFound(f"no letter with id {letter_id}", letter_id=letter_id)
        return _letter(row)

    def waiting_of_cases(self, actor: Actor, case_ids: Sequence[int]) -> list[CaseLetters]:
        """Each case's letters not printed yet (oldest first), in the order asked; a case
        that does not exist comes back with ``file_number`` None, one without a waiting
        letter with none. Each case is answered on its own."""
        actor.require(Permission.VIEW_CASES)
        ids = list(dict.fromkeys(int(i) for i in case_ids))
        if len(ids) > MAX_BATCH:
            raise InvalidInput(f"at most {MAX_BATCH} cases at once")
        with self._db.read() as session:
            numbers: dict[int, str] = {
                int(i): str(n)
                for i, n in session.execute(
                    select(Case.id, Case.file_number).where(Case.id.in_(ids))
                )
            }
            query = (
                _query()
                .where(Document.printed_at.is_(None), Document.case_id.in_(ids))
                .order_by(Document.id)
            )
            found: dict[int, list[QueuedLetter]] = {}
            for row in session.execute(query):
                found.setdefault(row.case_id, []).append(_letter(row))
        return [CaseLetters(i, numbers.get(i), tuple(found.get(i, ()))) for i in ids]

    # -- the files --------------------------------------------------------------------------

    def letter_pdf(self, actor: Actor, letter_id: int) -> bytes:
        """The letter's PDF, checked against its recorded SHA-256."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            row = session.execute(
                select(Document.pdf, Document.sha256).where(
                    Document.id == letter_id, Document.kind == LETTER
                )
            ).first()
        if row is None:
            raise NotFound(f"no letter with id {letter_id}", letter_id=letter_id)
        return _checked(letter_id, bytes(row.pdf), row.sha256)

    def print_files(self, actor: Actor, letter_id: int) -> list[PrintFile]:
        """What goes into the envelope, in order: the letter, then its enclosures."""
        queued = self.letter(actor, letter_id)
        files = [PrintFile(letter_id, LETTER, self.letter_pdf(actor, letter_id))]
        if queued.enclosure_ids:
            with self._db.read() as session:
                rows = {
                    r.id: r
                    for r in session.execute(
                        select(Document.id, Document.kind, Document.pdf, Document.sha256).where(
                            Document.id.in_(queued.enclosure_ids),
                            Document.case_id == queued.case_id,
                        )
                    )
                }
            for document_id in queued.enclosure_ids:
                found = rows.get(document_id)
                if found is None:
                    raise NotFound(
                        f"document {document_id} enclosed with letter {letter_id} is gone",
                        document_id=document_id,
                    )
                pdf = _checked(document_id, bytes(found.pdf), found.sha256)
                files.append(PrintFile(document_id, found.kind, pdf))
        return files

    # -- marking ----------------------------------------------------------------------------

    def mark_printed(self, actor: Actor, letter_ids: Sequence[int]) -> PrintedReport:
        """Mark letters printed; each that cannot be is reported, the rest are marked."""
        actor.require(Permission.WORK_OWN_CASES)
        ids = list(dict.fromkeys(letter_ids))
        if len(ids) > MAX_BATCH:
            raise InvalidInput(f"at most {MAX_BATCH} letters at once")
        now = self._clock()
        printed: list[int] = []
        failures: list[PrintFailure] = []
        with self._db.write() as session:
            for letter_id in ids:
                failure = self._mark(session, actor, letter_id, now)
                if failure is None:
                    printed.append(letter_id)
                else:
                    failures.append(failure)
        return PrintedReport(tuple(printed), tuple(failures))

    @staticmethod
    def _mark(session: Session, actor: Actor, letter_id: int, now: datetime) -> PrintFailure | None:
        result = session.execute(
            update(Document)
            .where(Document.id == letter_id, Document.kind == LETTER, Document.printed_at.is_(None))
            .values(printed_at=now, printed_by_id=actor.user_id)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            row = session.execute(
                select(Document.printed_at, User.display_name)
                .outerjoin(User, User.id == Document.printed_by_id)
                .where(Document.id == letter_id, Document.kind == LETTER)
            ).first()
            if row is None:
                return PrintFailure(letter_id, "not_found", f"no letter with id {letter_id}")
            who = f" by {row.display_name}" if row.display_name else ""
            return PrintFailure(
                letter_id,
                "already_printed",
                f"letter {letter_id} was printed already{who} at {row.printed_at.isoformat()}",
            )
        case_id, message_id = session.execute(
            select(Document.case_id, Document.outbox_message_id).where(Document.id == letter_id)
        ).one()
        append_event(
            session,
            case_id,
            actor.user_id,
            EventKind.LETTER_PRINTED,
            {"document_id": letter_id, "outbox_id": message_id},
            at=now,
        )
        return None


_Printer = aliased(User)


def _query() -> Select[Any]:
    return (
        select(
            Document.id,
            Document.case_id,
            Case.file_number,
            Document.created_at,
            Document.outbox_message_id,
            Document.printed_at,
            _Printer.display_name.label("printed_by"),
            OutboxMessage.payload,
        )
        .join(Case, Case.id == Document.case_id)
        .outerjoin(OutboxMessage, OutboxMessage.id == Document.outbox_message_id)
        .outerjoin(_Printer, _Printer.id == Document.printed_by_id)
        .where(Document.kind == LETTER)
    )


def _letter(row: Any) -> QueuedLetter:
    payload: dict[str, Any] = row.payload if isinstance(row.payload, dict) else {}
    found = payload.get("recipient")
    recipient: dict[str, Any] = found if isinstance(found, dict) else {}
    return QueuedLetter(
        id=row.id,
        case_id=row.case_id,
        file_number=row.file_number,
        recipient_name=str(recipient.get("name") or ""),
        subject=str(payload.get("subject") or ""),
        created_at=row.created_at,
        enclosure_ids=tuple(int(i) for i in payload.get("document_ids") or ()),
        outbox_message_id=row.outbox_message_id,
        printed_at=row.printed_at,
        printed_by=row.printed_by,
    )


def _checked(document_id: int, pdf: bytes, sha256: str) -> bytes:
    if hashlib.sha256(pdf).hexdigest() != sha256:
        raise DocumentDamaged(
            f"document {document_id} does not match its recorded checksum",
            document_id=document_id,
        )
    return pdf
