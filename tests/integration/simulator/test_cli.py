"""``python -m backoffice.simulator.server``: a separate process that writes its info file,
serves, and stops cleanly on SIGTERM and SIGINT."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from backoffice.portal import protocol
from tests.integration.simulator.portal_client import SubscriberKeyPairs

ROOT = Path(__file__).resolve().parents[3]


def start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], dict]:
    info_file = tmp_path / "simulator.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "backoffice.simulator.server",
            "--port",
            "0",
            "--generate",
            "3",
            "--seed",
            "5",
            "--info",
            str(info_file),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not info_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"the simulator did not start: {out}\n{err}")
        time.sleep(0.05)
    return process, json.loads(info_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_info_file_then_clean_exit(
    tmp_path: Path, subscriber_keys: SubscriberKeyPairs, stop_signal: signal.Signals
) -> None:
    jwks_file = tmp_path / "subscriber.jwks.json"
    jwks_file.write_text(json.dumps(subscriber_keys.jwks()), encoding="utf-8")
    process, info = start(tmp_path, "--subscriber-jwks", str(jwks_file), "--error-rate", "0")
    try:
        assert info["base_url"].startswith("http://127.0.0.1:") and info["base_url"].endswith("/v1")
        assert (tmp_path / "simulator.json").stat().st_mode & 0o077 == 0
        for role in ("sender", "subscriber"):
            assert set(info[role]) == {"client_id", "client_secret"}
        token = requests.post(
            info["token_url"],
            data={"grant_type": protocol.GRANT_TYPE, **info["subscriber"]},
            timeout=5,
        ).json()["access_token"]
        page = requests.get(
            info["base_url"] + "/submissions",
            params={"destinationId": info["destination_id"]},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        ).json()
        assert page["totalCount"] == 3
    finally:
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Portal simulator" in out


def test_bad_arguments(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backoffice.simulator", "--submission-fault", "1=nonsense"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "nonsense" in result.stderr
