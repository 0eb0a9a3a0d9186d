"""Large binary values on SQLite without the copies of a bound parameter.

Binding a 50 MB ``bytes`` value makes SQLite copy it twice (its own copy of the parameter,
then the record it builds from it) before it writes a page: the 50 MB attachment of the
intake benchmark raised the peak memory of the process by about 100 MB on SQLite. Here a
large value is inserted as ``zeroblob(n)`` and written afterwards through SQLite's
incremental blob I/O (``sqlite3.Connection.blobopen``) in slices of the caller's buffer, in
the same transaction. That avoids the copies only for the last column of a row
(``attachments.content`` is, since migration 0006). PostgreSQL and small values take the
bytes as they are.

    blobs = LargeBlobs(session)
    row = Attachment(...)
    blobs.put(row, "content", data)
    session.add(row)
    ...
    blobs.write()   # flushes the session, then fills the blobs
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session

from .models import Base

#: Values at least this large go through the blob handle on SQLite.
THRESHOLD = 1024 * 1024
_SLICE = 1024 * 1024


class LargeBlobs:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._pending: list[tuple[Base, str, bytes]] = []

    def put(self, row: Base, column: str, data: bytes) -> None:
        """Set ``row.<column>`` to ``data``; on SQLite a large value is written by :meth:`write`."""
        if self._sqlite and len(data) >= THRESHOLD:
            setattr(row, column, func.zeroblob(len(data)))
            self._pending.append((row, column, data))
        else:
            setattr(row, column, data)

    def write(self) -> None:
        """Flush the session (the rows get their ids) and fill the blobs put aside."""
        self._session.flush()
        if not self._pending:
            return
        connection: Any = self._session.connection().connection.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        pending, self._pending = self._pending, []
        for row, column, data in pending:
            table = row.__table__.name  # type: ignore[attr-defined]
            row_id = row.id  # type: ignore[attr-defined]
            view = memoryview(data)
            with connection.blobopen(table, column, row_id) as blob:
                for start in range(0, len(view), _SLICE):
                    blob.write(view[start : start + _SLICE])


__all__ = ["THRESHOLD", "LargeBlobs"]
