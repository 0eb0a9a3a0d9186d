"""SpooledText: a large attachment's JWE stays in its download file and is read by slices."""

from __future__ import annotations

import os
import tempfile

import pytest

from backoffice.portal import jose
from backoffice.portal.errors import InvalidResponse
from backoffice.portal.http import SpooledText
from backoffice.portal.keys import SubscriberKeys
from tests.unit.portal.helpers import seal


def spooled(data: bytes) -> SpooledText:
    file = tempfile.TemporaryFile()  # noqa: SIM115 - SpooledText owns and closes it
    file.write(data)
    return SpooledText(file)


def test_it_reads_like_the_text_it_holds() -> None:
    text = "abc.defgh." + "x" * (3 * 1024 * 1024) + ".tail"
    held = spooled(text.encode() + b" \r\n\t")
    assert len(held) == len(text)  # trailing white space left out, as for text in memory
    for part in (slice(0, 3), slice(4, 9), slice(len(text) - 4, None), slice(None), slice(5, 2)):
        assert held[part] == text[part]
    assert held[-4:] == "tail"
    for start in (0, 4, 10, 11, len(text) - 6, len(text)):
        assert held.find(".", start) == text.find(".", start)
    assert held.find("!") == -1
    assert jose.dot_positions(held) is None  # three dots: not a compact JWE
    held.close()


def test_only_slices_and_single_characters() -> None:
    held = spooled(b"a.b")
    with pytest.raises(TypeError):
        held[1]  # type: ignore[index]
    with pytest.raises(ValueError):
        held.find("ab")
    held.close()


def test_non_ascii_is_refused_like_text_in_memory() -> None:
    with pytest.raises(InvalidResponse, match="non-ASCII"):
        spooled(b"a." * 4 + "Müller".encode())


@pytest.mark.parametrize("size", [0, 196_608, 3_000_001])
def test_decrypting_from_the_file_gives_the_same_plaintext(
    subscriber_keys: SubscriberKeys, size: int
) -> None:
    plaintext = os.urandom(size)
    token = seal(plaintext, subscriber_keys.encryption_public())
    held = spooled(token.encode() + b"\n")
    keys = subscriber_keys
    assert jose.decrypt(held, keys.encryption, keys.encryption_kid) == plaintext
    assert jose.authentication_tag(held) == jose.authentication_tag(token)
    tampered = spooled(
        token[:-30].encode() + (b"A" if token[-30] != "A" else b"B") + token[-29:].encode()
    )
    with pytest.raises(jose.DecryptionError):
        jose.decrypt(tampered, keys.encryption, keys.encryption_kid)
    held.close()
    tampered.close()
