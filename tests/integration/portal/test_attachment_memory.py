"""A 50 MB attachment is streamed: its text stays in the download file, only the plaintext
is held in memory.

Measured with tracemalloc (Python allocations of every thread, the in-process server's too).
For figures in RSS and a comparison with the naive way, run
``python -m tests.integration.portal.measure_attachment``.
"""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.portal import jose
from backoffice.portal.keys import SubscriberKeys
from tests.integration.portal.conftest import ClientFactory
from tests.integration.portal.fake_portal import FakePortal
from tests.unit.portal.helpers import seal

MB = 1024 * 1024
SIZE = 50 * MB


@pytest.fixture(scope="module")
def big_attachment(
    tmp_path_factory: pytest.TempPathFactory, subscriber_keys: SubscriberKeys
) -> Iterator[tuple[Path, str]]:
    plaintext = os.urandom(SIZE)
    digest = hashlib.sha512(plaintext).hexdigest()
    path = tmp_path_factory.mktemp("attachment") / "attachment.jwe"
    path.write_text(seal(plaintext, subscriber_keys.encryption_public()))
    del plaintext
    yield path, digest


@pytest.mark.slow
def test_50_mb_attachment_memory(
    portal: FakePortal,
    make_client: ClientFactory,
    subscriber_keys: SubscriberKeys,
    big_attachment: tuple[Path, str],
) -> None:
    path, digest = big_attachment
    ref = portal.add_submission(attachments=1)
    client = make_client()
    (attachment,) = client.get_submission(ref["submissionId"]).attachment_ids
    portal.attachments[(ref["submissionId"], attachment)] = path
    jwe_size = path.stat().st_size

    tracemalloc.start()
    try:
        text = client.get_attachment(ref["submissionId"], attachment)
        held, download_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        plaintext = jose.decrypt(text, subscriber_keys.encryption, subscriber_keys.encryption_kid)
        _, decrypt_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(text) == jwe_size
    assert hashlib.sha512(plaintext).hexdigest() == digest
    # Download: the text stays in its file (SpooledText); in memory only the buffers, where
    # reading into memory and decoding holds it at least twice, and requests' .content/.text
    # three times.
    assert download_peak < 8 * MB, (download_peak / MB, jwe_size / MB)
    assert held < 1 * MB
    # Decryption: the plaintext once (plus chunk buffers), read from the file by slices.
    assert decrypt_peak < SIZE + 8 * MB, (decrypt_peak / MB, jwe_size / MB)
    print(
        f"\nJWE {jwe_size / MB:.1f} MiB; tracemalloc peak: download {download_peak / MB:.1f} "
        f"MiB, download+decrypt {decrypt_peak / MB:.1f} MiB"
    )
