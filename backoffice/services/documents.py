"""Documents of a case: generate the certificate, list, fetch, verify.

Generating reads the case in one short read session, renders the PDF with no
transaction open (rendering takes tens of milliseconds; a write transaction would hold
SQLite's write lock or a PostgreSQL row lock all that time), then stores the
:class:`~backoffice.store.models.Document` row and its audit entry in one write
transaction. The permission and the case status are checked again there, so a case
taken over or closed while the PDF was rendered gets no document.

Only certificates are stored as documents: ``Casework.change_status`` counts the
``Document`` rows of a case to decide whether a transition that requires a document may
happen, so a stored letter would count as well. Postal letters are rendered with
:func:`backoffice.documents.render_letter` by whoever sends them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from backoffice.documents import (
    DEFAULT_LETTERHEAD,
    CertificateData,
    Letterhead,
    new_code,
    normalise_code,
)
from backoffice.documents.wording import LANGUAGES
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, ServiceTemplateRow, User

from .actor import Actor
from .audit import EventKind, append_event
from .catalogue import template_from_row
from .errors import InvalidInput, NotFound, PermissionDenied, ServiceError, storage_errors
from .read_log import DOCUMENT_VIEWED, record_read

CERTIFICATE = "certificate"
#: What :meth:`DocumentService.generate` can produce.
KINDS = (CERTIFICATE,)
#: A fresh code colliding with a stored one is a 1 in 2**60 event per stored document;
#: retrying a few times turns it from "rare" into "never".
CODE_ATTEMPTS = 3


class DocumentDamaged(ServiceError):
    """A stored PDF no longer matches the SHA-256 recorded when it was generated."""

    code = "document_damaged"


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document, without its bytes."""

    id: int
    case_id: int
    file_number: str
    kind: str
    template_key: str
    template_version: int
    sha256: str
    verification_code: str
    size: int
    created_by: str | None  # display name; None for the system
    created_at: datetime


@dataclass(frozen=True)
class _CaseSnapshot:
    """What rendering needs, read in one short session."""

    case_id: int
    file_number: str
    template_id: int
    template_version: int
    template: ServiceTemplate
    form_data: Mapping[str, Any]


@storage_errors
class DocumentService:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        letterhead: Letterhead | Callable[[str], Letterhead] = DEFAULT_LETTERHEAD,
    ) -> None:
        """``letterhead``: one for every document, or the letterhead of a service by its key
        (the town's identity as data: :meth:`IdentityService.letterhead_for`), read for
        each document so that a change shows on the next one."""
        self._db = db
        self._clock = clock
        self._letterhead = letterhead

    # -- generating ------------------------------------------------------------------------

    def generate(
        self, actor: Actor, case_id: int, kind: str = CERTIFICATE, language: str = "de"
    ) -> DocumentInfo:
        """Render the case's certificate and store it; the case may then be completed."""
        actor.require(Permission.WORK_OWN_CASES)
        if kind not in KINDS:
            raise InvalidInput(f"unknown document kind {kind!r}; known: {', '.join(KINDS)}")
        if language not in LANGUAGES:
            raise InvalidInput(f"unknown document language {language!r}")
        with self._db.read() as session:
            snapshot = self._snapshot(session, actor, case_id)
        for attempt in range(1, CODE_ATTEMPTS + 1):
            now = self._clock()
            code = new_code()
            pdf = self._render(actor, snapshot, code, now, language)
            try:
                return self._store(actor, snapshot, kind, language, code, pdf, now)
            except IntegrityError:
                if attempt == CODE_ATTEMPTS or not self._code_taken(code):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _snapshot(self, session: Session, actor: Actor, case_id: int) -> _CaseSnapshot:
        case = session.scalars(
            select(Case).where(Case.id == case_id).options(undefer(Case.form_data))
        ).first()
        if case is None:
            raise NotFound(f"no case with id {case_id}", case_id=case_id)
        self._check_case(session, actor, case)
        row = session.get(ServiceTemplateRow, case.template_id)
        assert row is not None  # foreign key
        template = template_from_row(row)
        if template.certificate is None:
            raise InvalidInput(
                f"the service {template.name.de!r} issues no certificate",
                file_number=case.file_number,
            )
        return _CaseSnapshot(
            case_id=case.id,
            file_number=case.file_number,
            template_id=case.template_id,
            template_version=row.version,
            template=template,
            form_data=dict(case.form_data or {}),
        )

    def _check_case(self, session: Session, actor: Actor, case: Case) -> None:
        """The actor holds the case (or may work on any), and it is not refused or withdrawn."""
        if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
            holder = (
                session.scalar(select(User.display_name).where(User.id == case.assignee_id))
                if case.assignee_id is not None
                else None
            )
            raise PermissionDenied(
                f"{case.file_number} is held by {holder}"
                if holder
                else f"claim {case.file_number} before issuing its documents",
                file_number=case.file_number,
            )
        if Status(case.status) in (Status.REJECTED, Status.WITHDRAWN):
            raise InvalidInput(
                f"{case.file_number} is {case.status}; it gets no certificate",
                file_number=case.file_number,
            )

    def _render(
        self, actor: Actor, snapshot: _CaseSnapshot, code: str, now: datetime, language: str
    ) -> bytes:
        data = CertificateData(
            template=snapshot.template,
            file_number=snapshot.file_number,
            form_data=snapshot.form_data,
            issued_at=now,
            verification_code=code,
            clerk_name=actor.display_name,
            language=language,
            letterhead=(
                self._letterhead
                if isinstance(self._letterhead, Letterhead)
                else self._letterhead(snapshot.template.key)
            ),
        )
        return render_certificate(data)

    def _store(
        self,
        actor: Actor,
        snapshot: _CaseSnapshot,
        kind: str,
        language: str,
        code: str,
        pdf: bytes,
        now: datetime,
    ) -> DocumentInfo:
        digest = hashlib.sha256(pdf).hexdigest()
        with self._db.write() as session:
            # Lock the case row first (as append_event would), then check again.
            case = session.scalars(
                select(Case).where(Case.id == snapshot.case_id).with_for_update()
            ).first()
            if case is None:
                raise NotFound(f"no case with id {snapshot.case_id}", case_id=snapshot.case_id)
            self._check_case(session, actor, case)
            document = Document(
                case_id=snapshot.case_id,
                kind=kind,
                template_id=snapshot.template_id,
                pdf=pdf,
                sha256=digest,
                verification_code=code,
                created_by_id=actor.user_id,
                created_at=now,
            )
            session.add(document)
            session.flush()
            append_event(
                session,
                snapshot.case_id,
                actor.user_id,
                EventKind.DOCUMENT_GENERATED,
                {
                    "document_id": document.id,
                    "kind": kind,
                    "language": language,
                    "template_version": snapshot.template_version,
                    "sha256": digest,
                    "verification_code": code,
                    "size": len(pdf),
                },
                at=now,
            )
            return DocumentInfo(
                id=document.id,
                case_id=snapshot.case_id,
                file_number=snapshot.file_number,
                kind=kind,
                template_key=snapshot.template.key,
                template_version=snapshot.template_version,
                sha256=digest,
                verification_code=code,
                size=len(pdf),
                created_by=actor.display_name if actor.user_id is not None else None,
                created_at=now,
            )

    def _code_taken(self, code: str) -> bool:
        with self._db.read() as session:
            return bool(
                session.scalar(
                    select(func.count(Document.id)).where(Document.verification_code == code)
                )
            )

    # -- reading ---------------------------------------------------------------------------

    def list_documents(self, actor: Actor, case_id: int) -> list[DocumentInfo]:
        """The documents of a case, oldest first."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            if session.get(Case, case_id) is None:
                raise NotFound(f"no case with id {case_id}", case_id=case_id)
            rows = session.execute(
                _info_query().where(Document.case_id == case_id).order_by(Document.id)
            ).all()
            return [_info(row) for row in rows]

    def get_pdf(self, actor: Actor, document_id: int) -> bytes:
        """The stored PDF, checked against its recorded SHA-256; the viewing is recorded in
        the read log."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            row = session.execute(
                select(Document.pdf, Document.sha256, Document.case_id).where(
                    Document.id == document_id
                )
            ).first()
        if row is None:
            raise NotFound(f"no document with id {document_id}", document_id=document_id)
        record_read(
            self._db, actor, row.case_id, DOCUMENT_VIEWED, document_id=document_id, at=self._clock()
        )
        pdf = bytes(row.pdf)
        if hashlib.sha256(pdf).hexdigest() != row.sha256:
            raise DocumentDamaged(
                f"document {document_id} does not match its recorded checksum",
                document_id=document_id,
            )
        return pdf

    def verify(self, code: str) -> DocumentInfo | None:
        """The document a verification code belongs to, or None.

        Forgiving about how the code is typed (case, spaces, dashes, O/0, I/L/1). Needs no
        actor: the office answers "is this genuine?" for anyone who holds the paper.
        """
        normalised = normalise_code(code)
        if normalised is None:
            return None
        with self._db.read() as session:
            row = session.execute(
                _info_query().where(Document.verification_code == normalised)
            ).first()
        return _info(row) if row is not None else None


def render_certificate(data: CertificateData) -> bytes:
    """The certificate's PDF; a layout the renderer does not know is :class:`InvalidInput`."""
    # Imported here, not with the module: reportlab takes ~100 ms to load, and the desktop
    # program starts without it (it is loaded with the first certificate).
    from backoffice.documents import UnknownLayout
    from backoffice.documents import render_certificate as render

    try:
        return render(data)
    except UnknownLayout as exc:
        raise InvalidInput(str(exc), file_number=data.file_number) from None


def _info_query() -> Select[Any]:
    return (
        select(
            Document.id,
            Document.case_id,
            Case.file_number,
            Document.kind,
            ServiceTemplateRow.key,
            ServiceTemplateRow.version,
            Document.sha256,
            Document.verification_code,
            func.length(Document.pdf).label("size"),
            User.display_name,
            Document.created_at,
        )
        .join(Case, Case.id == Document.case_id)
        .join(ServiceTemplateRow, ServiceTemplateRow.id == Document.template_id)
        .outerjoin(User, User.id == Document.created_by_id)
    )


def _info(row: Any) -> DocumentInfo:
    return DocumentInfo(
        id=row.id,
        case_id=row.case_id,
        file_number=row.file_number,
        kind=row.kind,
        template_key=row.key,
        template_version=row.version,
        sha256=row.sha256,
        verification_code=row.verification_code,
        size=int(row.size or 0),
        created_by=row.display_name,
        created_at=row.created_at,
    )
