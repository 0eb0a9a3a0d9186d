"""Large bodies (encrypted attachments) kept in memory up to a budget, beyond it in temp files.

A thousand submissions with two 200 kB attachments are about 540 MB of compact JWE; the
store keeps the first ``memory_budget`` bytes in memory and spools the rest to a private
temporary folder, removed by :meth:`BlobStore.close`. Blobs are immutable and served in chunks.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

CHUNK = 256 * 1024


class BodyTooLarge(Exception):
    pass


class Blob:
    size: int

    def chunks(self, chunk: int = CHUNK) -> Iterator[bytes]:
        raise NotImplementedError

    def read(self) -> bytes:
        return b"".join(self.chunks())

    def tail(self, count: int) -> bytes:
        raise NotImplementedError


class MemoryBlob(Blob):
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)

    def chunks(self, chunk: int = CHUNK) -> Iterator[bytes]:
        view = memoryview(self.data)
        for start in range(0, self.size, chunk):
            yield bytes(view[start : start + chunk])

    def read(self) -> bytes:
        return self.data

    def tail(self, count: int) -> bytes:
        return self.data[-count:]


class FileBlob(Blob):
    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size

    def chunks(self, chunk: int = CHUNK) -> Iterator[bytes]:
        with self.path.open("rb") as handle:
            while block := handle.read(chunk):
                yield block

    def tail(self, count: int) -> bytes:
        with self.path.open("rb") as handle:
            handle.seek(max(0, self.size - count))
            return handle.read()


class BlobStore:
    def __init__(self, memory_budget: int = 256 * 1024 * 1024) -> None:
        self.memory_budget = memory_budget
        self._in_memory = 0
        self._lock = threading.Lock()
        self._folder: Path | None = None

    def _spool_path(self) -> Path:
        with self._lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="backoffice-simulator-"))
            return self._folder / uuid.uuid4().hex

    def _reserve(self, size: int) -> bool:
        with self._lock:
            if self._in_memory + size > self.memory_budget:
                return False
            self._in_memory += size
            return True

    def put(self, data: bytes) -> Blob:
        if self._reserve(len(data)):
            return MemoryBlob(data)
        path = self._spool_path()
        path.write_bytes(data)
        return FileBlob(path, len(data))

    def put_stream(self, stream: IO[bytes], limit: int) -> Blob:
        """Read a request body of at most ``limit`` bytes (BodyTooLarge beyond)."""
        parts: list[bytes] = []
        size = 0
        while block := stream.read(CHUNK):
            size += len(block)
            if size > limit:
                raise BodyTooLarge(f"more than {limit} bytes")
            parts.append(block)
        return self.put(b"".join(parts))

    def discard(self, blob: Blob) -> None:
        if isinstance(blob, MemoryBlob):
            with self._lock:
                self._in_memory -= blob.size
        elif isinstance(blob, FileBlob):
            blob.path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            folder, self._folder = self._folder, None
            self._in_memory = 0
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
