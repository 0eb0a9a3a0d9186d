"""Large attachment content on SQLite (zeroblob + incremental blob I/O) and PostgreSQL."""

from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import select, text

from backoffice.store.blobs import THRESHOLD, LargeBlobs
from backoffice.store.models import Attachment
from tests.integration.conftest import World


def _attachment(case_id: int, name: str) -> Attachment:
    return Attachment(
        case_id=case_id,
        portal_attachment_id=None,
        original_name=name,
        safe_name=name,
        media_type="application/pdf",
        size=0,
        sha512="",
        verification="ok",
        verification_detail=None,
    )


@pytest.mark.parametrize("size", [0, 10, THRESHOLD - 1, THRESHOLD, 3 * THRESHOLD + 7])
def test_what_is_put_is_what_is_read(world: World, size: int) -> None:
    case_id = world.add_case()
    data = os.urandom(size)
    with world.db.write() as session:
        blobs = LargeBlobs(session)
        rows = [_attachment(case_id, "a.pdf"), _attachment(case_id, "b.pdf")]
        for row, content in zip(rows, (data, data[::-1]), strict=True):
            blobs.put(row, "content", content)
            session.add(row)
        blobs.write()
        ids = [row.id for row in rows]
    with world.db.read() as session:
        stored = dict(session.execute(select(Attachment.id, Attachment.content)).all())
    assert hashlib.sha512(stored[ids[0]]).digest() == hashlib.sha512(data).digest()
    assert stored[ids[1]] == data[::-1]


def test_a_failed_transaction_leaves_no_blob(world: World) -> None:
    case_id = world.add_case()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), world.db.write() as session:
        blobs = LargeBlobs(session)
        row = _attachment(case_id, "a.pdf")
        blobs.put(row, "content", os.urandom(2 * THRESHOLD))
        session.add(row)
        blobs.write()
        raise Boom
    with world.db.read() as session:
        assert session.scalars(select(Attachment.id)).all() == []


def test_the_content_is_stored_where_large_values_cost_no_copies(world: World) -> None:
    """SQLite: only the last column of a row can be written without copies (migration 0006).
    PostgreSQL: out of line and uncompressed (TOAST storage EXTERNAL, migration 0004)."""
    with world.db.read() as session:
        if world.db.is_sqlite:
            columns = [row[1] for row in session.execute(text("PRAGMA table_info(attachments)"))]
            assert columns[-1] == "content"
        else:
            storage = session.execute(
                text(
                    "SELECT attstorage FROM pg_attribute "
                    "WHERE attrelid = 'attachments'::regclass AND attname = 'content'"
                )
            ).scalar()
            assert storage == "e"
