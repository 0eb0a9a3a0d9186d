"""`backoffice mail configure|test` against a real SMTP server on loopback, and
`backoffice outbox send` sending e-mail and letters where no portal is configured."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.cli import main
from backoffice.domain.citizen_messages import Channel
from backoffice.portal.credentials import SecretStore
from backoffice.services.citizen.message import Recipient
from tests.fakes import InMemoryKeyring
from tests.integration.conftest import World
from tests.integration.portal import certificates as tls
from tests.integration.services.outbox.helpers import letters, message, queue, row
from tests.integration.smtp_server import SmtpServer, free_port, smtp_server


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tls.TestCertificates:
    return tls.make_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def server(certificates: tls.TestCertificates) -> Iterator[SmtpServer]:
    with smtp_server(starttls=certificates.server_context, users={"rathaus": "geheim"}) as found:
        yield found


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def configure(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    port: int,
    ca_file: Path,
    password: str,
) -> tuple[int, str, str]:
    return run(
        capsys,
        monkeypatch,
        data,
        "mail",
        "configure",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--security",
        "starttls",
        "--sender",
        "buergerbuero@musterstadt.example",
        "--sender-name",
        "Bürgerbüro",
        "--user",
        "rathaus",
        "--ca-file",
        str(ca_file),
        stdin=password + "\n",
    )


def test_configure_keeps_the_password_in_the_keyring_and_test_sends_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    server: SmtpServer,
    certificates: tls.TestCertificates,
    memory_keyring: InMemoryKeyring,
) -> None:
    data = tmp_path / "data"
    code, out, err = configure(
        capsys, monkeypatch, data, server.port, certificates.ca_file, "geheim"
    )
    assert code == 0, err
    assert "password stored in the keyring" in out
    stored = (data / "settings.json").read_text(encoding="utf-8")
    assert "geheim" not in stored
    assert json.loads(stored)["mail"]["username"] == "rathaus"
    service = SecretStore(data).service
    assert memory_keyring.secrets[(service, "smtp:rathaus@127.0.0.1")] == "geheim"

    code, out, err = run(capsys, monkeypatch, data, "mail", "test")

    assert code == 0, err
    assert "ok   connect:" in out
    assert "ok   starttls: certificate accepted" in out
    assert "ok   login: logged in as rathaus" in out
    assert "ok   sender: buergerbuero@musterstadt.example accepted" in out
    assert server.received == []


def test_mail_test_says_what_fails(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    server: SmtpServer,
    certificates: tls.TestCertificates,
) -> None:
    data = tmp_path / "data"
    code, _, err = run(capsys, monkeypatch, data, "mail", "test")
    assert code == 1 and "run `backoffice mail configure`" in err

    configure(capsys, monkeypatch, data, server.port, certificates.ca_file, "falsch")
    code, out, err = run(capsys, monkeypatch, data, "mail", "test")
    assert code == 1
    assert "ok   starttls" in out
    assert "FAIL login: the mail server 127.0.0.1" in out and "535" in out
    assert "check the mail settings" in out
    assert "mail test failed at login; no message was sent" in err

    configure(capsys, monkeypatch, data, free_port(), certificates.ca_file, "geheim")
    code, out, _ = run(capsys, monkeypatch, data, "mail", "test")
    assert code == 1 and "FAIL connect:" in out and "refused the connection" in out
    assert server.received == []


def test_configure_refuses_what_cannot_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    common = ["mail", "configure", "--host", "mail.musterstadt.example"]
    code, _, err = run(capsys, monkeypatch, data, *common, "--sender", "kein-absender", stdin="x\n")
    assert code == 1 and "not a valid e-mail address" in err
    code, _, err = run(
        capsys,
        monkeypatch,
        data,
        *common,
        "--sender",
        "a@musterstadt.example",
        "--security",
        "none",
        "--user",
        "rathaus",
        stdin="geheim\n",
    )
    assert code == 1 and "password in clear" in err
    code, _, err = run(
        capsys, monkeypatch, data, *common, "--sender", "a@musterstadt.example", "--user", "u"
    )
    assert code == 1 and "no mail password given" in err
    assert not (data / "settings.json").exists()


def test_outbox_send_sends_email_and_letters_without_a_portal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    world: World,
    database_url: str,
) -> None:
    data = tmp_path / "data"
    email_case, post_case = world.add_case(), world.add_case()
    to_email = queue(
        world,
        message(world, email_case, Channel.EMAIL, Recipient(name="A", email="a@example.org")),
    )
    to_post = queue(
        world,
        message(
            world,
            post_case,
            Channel.POST,
            Recipient(name="B", street="Lindenallee 3", city="48143 Musterstadt"),
        ),
    )
    with smtp_server() as plain:
        code, _, err = run(
            capsys,
            monkeypatch,
            data,
            "mail",
            "configure",
            "--host",
            "127.0.0.1",
            "--port",
            str(plain.port),
            "--security",
            "none",
            "--sender",
            "buergerbuero@musterstadt.example",
        )
        assert code == 0, err
        code, out, err = run(
            capsys, monkeypatch, data, "--database", database_url, "--as", "admin", "outbox", "send"
        )
        assert code == 0, err
        assert "2 sent, 0 to retry later, 0 failed" in out
        (received,) = plain.received
        assert received.rcpt_tos == ["a@example.org"]
    assert [row(world, i).state for i in (to_email, to_post)] == ["sent", "sent"]
    (letter,) = letters(world, post_case)
    assert letter.outbox_message_id == to_post
