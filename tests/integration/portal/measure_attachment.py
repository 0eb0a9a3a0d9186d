"""Figures for the portal client: memory for a 50 MB attachment, time per RSA-4096 operation.

Run: ``.venv/bin/python -m tests.integration.portal.measure_attachment`` (Linux: RSS from
/proc). Prints a small table; asserts nothing. Each memory figure is measured in a fresh
process, so that one measurement's peak does not hide the next.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def _rss_peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _rss_now() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_rss_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def measure(mode: str, jwe_path: Path, keys_path: Path) -> None:
    """In a child process: fetch (and decrypt) the attachment one way, print the peaks."""
    import keyring
    import requests

    from backoffice.portal import jose
    from backoffice.portal.auth import ClientCredentials
    from backoffice.portal.client import SubscriberClient
    from backoffice.portal.credentials import SecretStore
    from backoffice.portal.http import SpooledText
    from backoffice.portal.keys import KeyStore
    from tests.fakes import InMemoryKeyring
    from tests.integration.portal.fake_portal import FakePortal

    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    passphrase_entry, passphrase = (keys_path / "passphrase").read_text().split("\n", 1)
    store = SecretStore(keys_path)
    store.set(passphrase_entry, passphrase)
    keys = KeyStore(keys_path, store).load()

    portal = FakePortal().start()
    try:
        ref = portal.add_submission(attachments=1)
        submission_id = ref["submissionId"]
        attachment = portal.details[submission_id]["attachments"][0]
        portal.attachments[(submission_id, attachment)] = jwe_path
        client = SubscriberClient(
            portal.base_url, portal.token_url, ClientCredentials(portal.client_id, portal.secret)
        )
        client.fetch_token()
        baseline = _rss_now()
        _reset_rss_peak()
        tracemalloc.start()
        started = time.perf_counter()
        text: str | SpooledText
        if mode == "naive":
            token = client._tokens.token()
            url = f"{portal.base_url}/v1/submissions/{submission_id}/attachments/{attachment}"
            text = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=60).text
        else:
            text = client.get_attachment(submission_id, attachment)
        download_seconds = time.perf_counter() - started
        _, download_peak = tracemalloc.get_traced_memory()
        download_rss = _rss_peak() - baseline
        tracemalloc.reset_peak()
        started = time.perf_counter()
        if mode == "naive":
            from jwcrypto import jwe

            sealed = jwe.JWE()
            assert isinstance(text, str)  # the naive road reads the whole body as text
            sealed.deserialize(text, key=keys.encryption)
            plaintext = sealed.payload
        else:
            plaintext = jose.decrypt(text, keys.encryption, keys.encryption_kid)
        decrypt_seconds = time.perf_counter() - started
        _, decrypt_peak = tracemalloc.get_traced_memory()
        total_rss = _rss_peak() - baseline
        tracemalloc.stop()
        assert hashlib.sha512(plaintext).hexdigest()
        print(
            f"{mode:8} JWE {len(text) / MB:6.1f} MiB | download {download_seconds:5.2f} s, "
            f"tracemalloc peak {download_peak / MB:6.1f} MiB, RSS +{download_rss / MB:6.1f} MiB | "
            f"+decrypt {decrypt_seconds:5.2f} s, tracemalloc peak {decrypt_peak / MB:6.1f} MiB, "
            f"RSS +{total_rss / MB:6.1f} MiB"
        )
        client.close()
    finally:
        portal.stop()


def rsa_timings() -> None:
    from backoffice.portal import jose
    from backoffice.portal.keys import generate_keys

    started = time.perf_counter()
    keys = generate_keys()
    print(f"generate two RSA-4096 pairs: {time.perf_counter() - started:.2f} s")
    small = jose.encrypt(b'{"a": 1}', keys.encryption_public())
    first = time.perf_counter()
    jose.decrypt(small, keys.encryption, keys.encryption_kid)
    seconds = time.perf_counter() - first
    print(f"first decrypt (loads and checks the private key once): {seconds:.3f} s")
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        jose.decrypt(small, keys.encryption, keys.encryption_kid)
    print(
        f"decrypt (RSA-OAEP-256 unwrap + A256GCM, small payload): "
        f"{(time.perf_counter() - started) / rounds * 1000:.2f} ms"
    )
    decision = jose.Accept("m", "d", {})
    ids: dict[str, Any] = {"destination_id": "d", "submission_id": "s", "case_id": "c"}
    jose.sign_set(keys.signing, decision, **ids)
    started = time.perf_counter()
    for _ in range(rounds):
        token = jose.sign_set(keys.signing, decision, **ids)
    print(f"sign SET (PS512): {(time.perf_counter() - started) / rounds * 1000:.2f} ms")
    jwks = keys.export_public_jwks()
    started = time.perf_counter()
    for _ in range(rounds):
        jose.verify_set(token, jwks)
    print(
        f"verify SET (PS512, JWKS parsed each time): "
        f"{(time.perf_counter() - started) / rounds * 1000:.2f} ms"
    )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        measure(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    import keyring

    from backoffice.portal.credentials import KEY_FILE_USER_PREFIX, SecretStore
    from backoffice.portal.keys import KeyStore, generate_keys
    from tests.fakes import InMemoryKeyring
    from tests.unit.portal.helpers import seal

    rsa_timings()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        backend = InMemoryKeyring()
        keyring.set_keyring(backend)
        keys = generate_keys()
        KeyStore(base, SecretStore(base)).save(keys)
        (((_, entry), passphrase),) = backend.secrets.items()
        assert entry.startswith(KEY_FILE_USER_PREFIX)
        (base / "passphrase").write_text(f"{entry}\n{passphrase}")
        jwe_path = base / "attachment.jwe"
        jwe_path.write_text(seal(os.urandom(50 * MB), keys.encryption_public()))
        for mode in ("streamed", "naive"):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tests.integration.portal.measure_attachment",
                    "--child",
                    mode,
                    str(jwe_path),
                    str(base),
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
