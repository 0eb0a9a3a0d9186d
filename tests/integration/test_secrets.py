"""After a full run, no file of the installation holds the client secret or a private key."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from backoffice.cli import main
from backoffice.portal.credentials import SecretStore
from backoffice.portal.keys import KeyStore
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator


def _needles(secret: str, data_dir: Path) -> dict[str, bytes]:
    """The secret and the private key parameters, in the encodings a leak could take."""
    keys = KeyStore(data_dir / "keys", SecretStore(data_dir)).load()
    found = {"client secret": secret.encode()}
    for name, key in (("encryption", keys.encryption), ("signing", keys.signing)):
        private = key.export_private(as_dict=True)
        for part in ("d", "p", "q", "dp", "dq", "qi"):
            text = private[part]
            found[f"{name}.{part} (base64url)"] = text[:40].encode()
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            found[f"{name}.{part} (raw)"] = raw[:32]
            found[f"{name}.{part} (hex)"] = raw[:32].hex().encode()
    return found


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_secret_in_database_settings_or_logs(
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "installation"
    base = ["--data-dir", str(data), "--as", "admin"]
    assert main([*base, "users", "add", "admin", "--name", "Admin", "--role", "administrator"]) == 0
    with Simulator(seed=3, attachments=2, keys=SimulatorKeys.generate(reply_keys=1)) as sim:
        secret = sim.subscriber.client_secret
        monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
        assert (
            main(
                [
                    *base,
                    "portal",
                    "configure",
                    "--base-url",
                    sim.base_url,
                    "--token-url",
                    sim.token_url,
                    "--destination",
                    sim.destination_id,
                    "--client-id",
                    sim.subscriber.client_id,
                ]
            )
            == 0
        )
        assert main([*base, "keys", "generate"]) == 0
        assert main([*base, "keys", "register"]) == 0
        sim.generate(6)
        assert main([*base, "-v", "sync"]) == 0  # verbose: debug logging on the console too
        out = capsys.readouterr()
        assert "6 accepted" in out.out
        assert secret not in out.out + out.err
        assert main([*base, "cases", "list"]) == 0
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "backoffice.log" for p in files)
    assert any(p.suffix == ".sqlite3" for p in files)
    assert (data / "settings.json") in files
    for needle_name, needle in _needles(secret, data).items():
        for path in files:
            if path.name == "subscriber-keys.jwe":
                continue  # the encrypted key file itself
            assert needle not in path.read_bytes(), f"{needle_name} found in {path}"
