"""``portal test`` and ``keys register`` over real HTTP: one clear line per failure."""

from __future__ import annotations

import io
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backoffice.portal import keys as keys_module
from backoffice.portal.errors import PortalError
from backoffice.portal.keys import SubscriberKeys
from backoffice.portal.settings import load_portal_settings, save_portal_settings
from tests.fakes import FakeInstallation, run_portal_command
from tests.integration.portal import fake_portal as fp
from tests.integration.portal.certificates import make_certificates
from tests.integration.portal.fake_portal import FakePortal


@pytest.fixture
def installation(tmp_path: Path) -> FakeInstallation:
    return FakeInstallation(tmp_path / "data")


def configure(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    *,
    base_url: str,
    token_url: str,
    secret: str,
    destinations: list[str],
    client_id: str = "rathaus-test",
    extra: tuple[str, ...] = (),
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    argv = ["portal", "configure", "--base-url", base_url, "--token-url", token_url]
    for destination in destinations:
        argv += ["--destination", destination]
    run_portal_command(installation, *argv, "--client-id", client_id, *extra)


def portal_test(installation: FakeInstallation, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run ``portal test``; return its output lines (the final error line last, if any)."""
    try:
        run_portal_command(installation, "portal", "test")
        tail = []
    except PortalError as error:
        tail = [f"error: {error}"]
    return capsys.readouterr().out.splitlines() + tail


def test_all_good(
    portal: FakePortal,
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure(
        installation,
        monkeypatch,
        base_url=portal.base_url,
        token_url=portal.token_url,
        secret=portal.secret,
        destinations=[portal.destination_id],
    )
    capsys.readouterr()
    assert portal_test(installation, capsys) == [
        f"ok   token: {portal.token_url} accepted client id 'rathaus-test'",
        f"ok   destination {portal.destination_id}: active, 1 service(s)",
    ]


def test_each_failure_has_its_line(
    portal: FakePortal,
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    unknown = str(uuid.uuid4())
    configure(
        installation,
        monkeypatch,
        base_url=portal.base_url,
        token_url=portal.token_url,
        secret=portal.secret,
        destinations=[portal.destination_id, unknown, portal.forbidden_destination],
    )
    capsys.readouterr()
    lines = portal_test(installation, capsys)
    assert lines[1] == f"ok   destination {portal.destination_id}: active, 1 service(s)"
    assert lines[2] == (
        f"FAIL destination {unknown}: the portal does not know this destination (404): "
        "check the destination id"
    )
    assert lines[3] == (
        f"FAIL destination {portal.forbidden_destination}: client 'rathaus-test' may not use "
        "this (403): is it subscribed to the destination?"
    )
    assert lines[4] == "error: portal test failed for 2 of 3 destination(s)"


def _single_failure(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    **settings: Any,
) -> list[str]:
    configure(installation, monkeypatch, **settings)
    capsys.readouterr()
    lines = portal_test(installation, capsys)
    assert lines[-1] == "error: portal test failed: no access token"
    assert len(lines) == 2
    return lines


def test_bad_secret(
    portal: FakePortal,
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _single_failure(
        installation,
        monkeypatch,
        capsys,
        base_url=portal.base_url,
        token_url=portal.token_url,
        secret="not the secret",
        destinations=[portal.destination_id],
    )
    assert lines[0] == (
        "FAIL token: client id 'rathaus-test' or its secret was rejected (401); check them and "
        "run `backoffice portal configure` again"
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    lines = _single_failure(
        installation,
        monkeypatch,
        capsys,
        base_url=url,
        token_url=url + "/token",
        secret="x",
        destinations=[str(uuid.uuid4())],
    )
    assert lines[0].startswith("FAIL token: 127.0.0.1:")
    assert "refused the connection" in lines[0]


def test_timeout(
    portal: FakePortal,
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    portal.fail("POST", "/token", *[fp.delay(2)] * 4)
    lines = _single_failure(
        installation,
        monkeypatch,
        capsys,
        base_url=portal.base_url,
        token_url=portal.token_url,
        secret=portal.secret,
        destinations=[portal.destination_id],
        extra=("--read-timeout", "0.2"),
    )
    assert lines[0] == (
        f"FAIL token: 127.0.0.1:{portal.port} did not answer in time (waiting for the answer)"
    )


def test_dns(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "auth.portal.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    lines = _single_failure(
        installation,
        monkeypatch,
        capsys,
        base_url="https://portal.invalid",
        token_url="https://auth.portal.invalid/token",
        secret="x",
        destinations=[str(uuid.uuid4())],
    )
    assert lines[0] == "FAIL token: the host name auth.portal.invalid cannot be resolved (DNS)"


@pytest.fixture
def tls_portal(tmp_path: Path) -> Iterator[tuple[FakePortal, Path]]:
    certificates = make_certificates(tmp_path)
    server = FakePortal(tls=certificates.server_context).start()
    yield server, certificates.ca_file
    server.stop()


def test_tls_failure_and_ca_file(
    tls_portal: tuple[FakePortal, Path],
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, ca_file = tls_portal
    settings: dict[str, Any] = {
        "base_url": server.base_url,
        "token_url": server.token_url,
        "secret": server.secret,
        "destinations": [server.destination_id],
    }
    lines = _single_failure(installation, monkeypatch, capsys, **settings)
    assert lines[0].startswith(f"FAIL token: TLS check failed for 127.0.0.1:{server.port}: ")
    assert "certificate" in lines[0]
    configure(installation, monkeypatch, **settings, extra=("--ca-file", str(ca_file)))
    capsys.readouterr()
    assert portal_test(installation, capsys)[-1].startswith("ok   destination")


def test_keys_register(
    portal: FakePortal,
    installation: FakeInstallation,
    subscriber_keys: SubscriberKeys,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(keys_module, "generate_keys", lambda: subscriber_keys)
    configure(
        installation,
        monkeypatch,
        base_url=portal.base_url,
        token_url=portal.token_url,
        secret=portal.secret,
        destinations=[portal.destination_id],
    )
    run_portal_command(installation, "keys", "generate")
    assert run_portal_command(installation, "keys", "register") == 0
    assert portal.registered == [subscriber_keys.export_public_jwks()]
    with pytest.raises(PortalError, match="is not configured"):
        run_portal_command(installation, "keys", "register", "--destination", str(uuid.uuid4()))
    # A destination the portal does not know: the 404 reaches the caller as one line.
    settings = load_portal_settings(installation.settings_file)
    assert settings is not None
    unknown = str(uuid.uuid4())
    save_portal_settings(
        installation.settings_file,
        type(settings)(**{**settings.to_json(), "destination_ids": (unknown,)}),
    )
    with pytest.raises(PortalError, match="404 Destination not found"):
        run_portal_command(installation, "keys", "register")
