"""Blobs stay in memory up to the budget, then go to a private temp folder that stop removes."""

from __future__ import annotations

import io

import pytest

from backoffice.simulator.blobs import BlobStore, BodyTooLarge, FileBlob, MemoryBlob


def test_memory_then_disk_then_cleanup() -> None:
    store = BlobStore(memory_budget=1000)
    small = store.put(b"a" * 600)
    large = store.put(b"b" * 600)
    assert isinstance(small, MemoryBlob) and isinstance(large, FileBlob)
    assert large.read() == b"b" * 600 and large.tail(3) == b"bbb"
    assert b"".join(large.chunks(100)) == b"b" * 600
    store.discard(small)
    assert isinstance(store.put(b"c" * 600), MemoryBlob)
    folder = large.path.parent
    store.close()
    assert not folder.exists()


def test_streams_are_bounded() -> None:
    store = BlobStore()
    assert store.put_stream(io.BytesIO(b"x" * 10), limit=10).size == 10
    with pytest.raises(BodyTooLarge):
        store.put_stream(io.BytesIO(b"x" * 11), limit=10)
    store.close()
