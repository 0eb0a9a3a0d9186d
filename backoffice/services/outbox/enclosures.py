"""The documents a message to a citizen carries, read from the database when it is sent.

The payload names them by id (never their bytes); every channel reads them here the same
way: each must exist, belong to the message's case, be a certificate, and still match the
SHA-256 recorded when it was made. Anything else refuses the message: the clerk must look.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backoffice.domain.files import safe_filename
from backoffice.store.database import Database
from backoffice.store.models import Document, ServiceTemplateRow

from ..catalogue import template_from_row
from .dispatcher import Refused, Retry

PDF = "application/pdf"
#: A message carries at most this many documents (a certificate is ~50 kB).
MAX_ENCLOSURES = 10
_FALLBACK_TITLE = {"de": "Bescheinigung", "en": "Certificate"}


@dataclass(frozen=True)
class Enclosure:
    document_id: int
    #: What the document is, in the message's language (the certificate's title).
    title: str
    #: A file name safe everywhere, unique within the message.
    filename: str
    verification_code: str
    pdf: bytes = field(repr=False)


def load_enclosures(
    db: Database, case_id: int, document_ids: Sequence[int], file_number: str, language: str
) -> list[Enclosure]:
    """The message's documents in the order the payload names them; :class:`Refused` if one
    is missing, foreign, not a certificate or damaged, :class:`Retry` if the database fails."""
    if not document_ids:
        return []
    if len(document_ids) > MAX_ENCLOSURES:
        raise Refused(f"a message carries at most {MAX_ENCLOSURES} documents")
    try:
        found = _read(db, case_id, document_ids, language)
    except SQLAlchemyError as exc:
        raise Retry(f"the database failed while reading the documents: {exc}") from None
    enclosures = []
    names: set[str] = set()
    for document, pdf, title in found:
        if hashlib.sha256(pdf).hexdigest() != document.sha256:
            raise Refused(f"document {document.id} does not match its recorded checksum")
        name = safe_filename(f"{title} {file_number}.pdf", PDF)
        count = 1
        while name.lower() in names:
            count += 1
            name = safe_filename(f"{title} {file_number} ({count}).pdf", PDF)
        names.add(name.lower())
        enclosures.append(Enclosure(document.id, title, name, document.verification_code, pdf))
    return enclosures


def _read(
    db: Database, case_id: int, document_ids: Sequence[int], language: str
) -> list[tuple[Document, bytes, str]]:
    """Each document with its bytes and its title, checked for case and kind."""
    with db.read() as session:
        rows = {
            row.Document.id: row
            for row in session.execute(
                select(Document, ServiceTemplateRow)
                .join(ServiceTemplateRow, ServiceTemplateRow.id == Document.template_id)
                .where(Document.id.in_(list(document_ids)))
            )
        }
        found = []
        for document_id in document_ids:
            row = rows.get(document_id)
            if row is None:
                raise Refused(f"document {document_id} to enclose does not exist (any more)")
            document: Document = row.Document
            if document.case_id != case_id:
                raise Refused(f"document {document_id} belongs to another case")
            if document.kind != "certificate":
                raise Refused(f"document {document_id} is a {document.kind}, not a certificate")
            template = template_from_row(row.ServiceTemplateRow)
            title = (
                template.certificate.title.get(language)
                if template.certificate is not None
                else _FALLBACK_TITLE.get(language, _FALLBACK_TITLE["de"])
            )
            found.append((document, bytes(document.pdf), title))
        return found
