"""The e-mail handler against a real SMTP server on loopback (aiosmtpd), on SQLite and
PostgreSQL: what the server received is what the citizen gets."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.domain.citizen_messages import Channel
from backoffice.portal.credentials import SecretStore
from backoffice.services.audit import EventKind
from backoffice.services.citizen.message import ROUTES, Recipient
from backoffice.services.mail_settings import (
    MailAccess,
    MailSettings,
    Security,
    save_mail_settings,
)
from backoffice.services.outbox import MAX_ATTEMPTS, OutboxDispatcher
from backoffice.services.outbox.email import EmailHandler
from tests.integration.conftest import World
from tests.integration.portal import certificates as tls
from tests.integration.smtp_server import SmtpServer, free_port, smtp_server

from .helpers import certificate, dispatcher, give_up, history, lose_sent_mark, message, queue, row

ROUTE = ROUTES[Channel.EMAIL]
CITIZEN = Recipient(name="Jörg Müller-Lüdenscheidt", email="joerg.mueller@example.org")


@pytest.fixture
def access(tmp_path: Path) -> MailAccess:
    return MailAccess(tmp_path / "settings.json", SecretStore(tmp_path))


@pytest.fixture
def plain_server() -> Iterator[SmtpServer]:
    with smtp_server(refuse={"nobody@example.org"}) as server:
        yield server


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tls.TestCertificates:
    return tls.make_certificates(tmp_path_factory.mktemp("tls"))


def configure(access: MailAccess, port: int, **changes: object) -> MailSettings:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "security": Security.NONE,
        "sender_address": "buergerbuero@musterstadt.example",
        "sender_name": "Stadt Musterstadt – Bürgerbüro",
        "timeout": 2.0,
    }
    values.update(changes)
    settings = MailSettings(**values)  # type: ignore[arg-type]
    save_mail_settings(access.settings_file, settings)
    return settings


def _dispatcher(world: World, access: MailAccess) -> OutboxDispatcher:
    handler = EmailHandler(
        world.db, access, world.clock, monotonic=lambda: world.clock.now.timestamp()
    )
    return dispatcher(world, {ROUTE: handler})


def test_the_message_and_the_certificate_arrive_as_plain_text_and_pdf(
    world: World, access: MailAccess, plain_server: SmtpServer
) -> None:
    configure(access, plain_server.port)
    case_id = world.add_case()
    document_id, pdf = certificate(world, case_id)
    citizen = message(world, case_id, Channel.EMAIL, CITIZEN, document_ids=(document_id,))
    message_id = queue(world, citizen)

    report = _dispatcher(world, access).send_due()

    assert (report.sent, report.failed, report.retried) == (1, 0, 0), report.errors
    assert row(world, message_id).state == "sent"
    (received,) = plain_server.received
    assert received.mail_from == "buergerbuero@musterstadt.example"
    assert received.rcpt_tos == ["joerg.mueller@example.org"]
    mail = received.message()
    assert mail["From"].addresses[0].display_name == "Stadt Musterstadt – Bürgerbüro"
    assert str(mail["To"].addresses[0].display_name) == "Jörg Müller-Lüdenscheidt"
    assert mail["Subject"] == citizen.subject
    assert mail["Message-ID"].startswith(f"<citizen-message.{message_id}.")
    assert mail["Date"] is not None
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content_type() == "text/plain"
    assert body.get_content_charset() == "utf-8"
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith("Guten Tag Jörg Müller-Lüdenscheidt,\n")
    assert citizen.body in text  # as written: no markup, nothing escaped
    assert "Petra Sommer" in text and citizen.file_number in text
    assert mail.get_body(preferencelist=("html",)) is None
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"Geburtsurkunde {citizen.file_number}.pdf"
    assert attachment.get_content() == pdf
    assert history(world, case_id)[-1].kind == EventKind.MESSAGE_SENT


def test_a_hostile_name_cannot_add_headers_or_recipients(
    world: World, access: MailAccess, plain_server: SmtpServer
) -> None:
    configure(access, plain_server.port)
    case_id = world.add_case()
    hostile = Recipient(name="Eve\r\nBcc: victim@example.net\r\nX-Evil: 1", email="eve@example.org")
    queue(world, message(world, case_id, Channel.EMAIL, hostile, subject="Hi\nBcc: x@y.z"))

    assert _dispatcher(world, access).send_due().sent == 1

    (received,) = plain_server.received
    assert received.rcpt_tos == ["eve@example.org"]
    mail = received.message()
    assert mail["Bcc"] is None and mail["X-Evil"] is None
    assert "\n" not in str(mail["Subject"])


def test_starttls_with_a_login_from_the_keyring(
    world: World, access: MailAccess, certificates: tls.TestCertificates
) -> None:
    with smtp_server(starttls=certificates.server_context, users={"rathaus": "geheim"}) as server:
        settings = configure(
            access,
            server.port,
            security=Security.STARTTLS,
            username="rathaus",
            ca_file=str(certificates.ca_file),
        )
        access.set_password(settings, "geheim")
        case_id = world.add_case()
        queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
        assert _dispatcher(world, access).send_due().sent == 1
        (received,) = server.received
        assert received.login == "rathaus"
    assert "geheim" not in access.settings_file.read_text(encoding="utf-8")


def test_tls_from_the_first_byte(
    world: World, access: MailAccess, certificates: tls.TestCertificates
) -> None:
    with smtp_server(tls=certificates.server_context) as server:
        configure(access, server.port, security=Security.TLS, ca_file=str(certificates.ca_file))
        case_id = world.add_case()
        queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
        assert _dispatcher(world, access).send_due().sent == 1
        assert len(server.received) == 1


def test_a_refused_login_refuses_the_message(
    world: World, access: MailAccess, certificates: tls.TestCertificates
) -> None:
    with smtp_server(starttls=certificates.server_context, users={"rathaus": "geheim"}) as server:
        settings = configure(
            access,
            server.port,
            security=Security.STARTTLS,
            username="rathaus",
            ca_file=str(certificates.ca_file),
        )
        access.set_password(settings, "falsch")
        case_id = world.add_case()
        message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
        assert _dispatcher(world, access).send_due().failed == 1
        assert server.received == []
    failed = row(world, message_id)
    assert failed.state == "failed" and failed.last_error is not None
    assert "refused the login (535" in failed.last_error
    assert "check the mail settings" in failed.last_error


# The test server logs the handshake our client broke off (it refused the certificate).
@pytest.mark.expect_log_warning(r"SMTP session exception")
def test_an_untrusted_certificate_refuses_the_message(
    world: World, access: MailAccess, certificates: tls.TestCertificates
) -> None:
    with smtp_server(starttls=certificates.server_context) as server:
        configure(access, server.port, security=Security.STARTTLS)  # the system's CAs only
        case_id = world.add_case()
        message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
        assert _dispatcher(world, access).send_due().failed == 1
        assert server.received == []
    error = row(world, message_id).last_error
    assert error is not None and "TLS check failed" in error


def test_a_refused_recipient_is_refused_with_the_servers_words(
    world: World, access: MailAccess, plain_server: SmtpServer
) -> None:
    configure(access, plain_server.port)
    case_id = world.add_case()
    nobody = Recipient(name="Niemand", email="nobody@example.org")
    message_id = queue(world, message(world, case_id, Channel.EMAIL, nobody))

    assert _dispatcher(world, access).send_due().failed == 1

    failed = row(world, message_id)
    assert (failed.state, failed.attempts) == ("failed", 1)
    assert failed.last_error is not None
    assert "refused the recipient nobody@example.org: 550" in failed.last_error
    assert "User unknown" in failed.last_error
    assert plain_server.received == []
    assert history(world, case_id)[-1].kind == EventKind.MESSAGE_FAILED


@pytest.mark.parametrize(
    ("address", "expected"),
    [(None, "no e-mail address"), ("kein-at-zeichen.example.org", "not a valid e-mail address")],
)
def test_no_usable_address_is_refused_before_connecting(
    world: World, access: MailAccess, address: str | None, expected: str
) -> None:
    configure(access, free_port())  # nothing listens: a connection attempt would be retried
    case_id = world.add_case()
    recipient = Recipient(name="x", email=address)
    message_id = queue(world, message(world, case_id, Channel.EMAIL, recipient))
    assert _dispatcher(world, access).send_due().failed == 1
    error = row(world, message_id).last_error
    assert error is not None and expected in error


def test_a_server_that_is_down_is_retried_then_the_message_goes_once(
    world: World, access: MailAccess
) -> None:
    port = free_port()
    configure(access, port)
    case_id = world.add_case()
    message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
    outbox = _dispatcher(world, access)

    assert outbox.send_due().retried == 1
    waiting = row(world, message_id)
    assert (waiting.state, waiting.attempts) == ("pending", 1)
    assert waiting.last_error is not None and "refused the connection" in waiting.last_error

    with smtp_server() as server:
        configure(access, server.port)  # the settings are read at each send
        world.clock.advance(minutes=2)
        assert outbox.send_due().sent == 1
        assert len(server.received) == 1


def test_a_server_that_does_not_answer_is_retried(world: World, access: MailAccess) -> None:
    with socket.socket() as silent:  # accepts connections (backlog), never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        configure(access, silent.getsockname()[1], timeout=0.5)
        case_id = world.add_case()
        message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
        assert _dispatcher(world, access).send_due().retried == 1
    error = row(world, message_id).last_error
    assert error is not None and "did not answer in time" in error


def test_a_dead_server_holds_up_one_message_not_every_one(world: World, access: MailAccess) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        configure(access, silent.getsockname()[1], timeout=0.5)
        ids = [
            queue(world, message(world, world.add_case(), Channel.EMAIL, CITIZEN)) for _ in range(3)
        ]
        outbox = _dispatcher(world, access)
        assert outbox.send_due().retried == 3
        silent.setblocking(False)
        connections = []
        with contextlib.suppress(BlockingIOError):
            while True:
                connections.append(silent.accept()[0])
        for connection in connections:
            connection.close()
    assert len(connections) == 1  # the first message waited; the others were not tried
    errors = [row(world, i).last_error or "" for i in ids]
    assert "did not answer in time" in errors[0]
    assert all("not tried again yet" in e for e in errors[1:])


def test_mail_not_set_up_waits_for_the_settings(world: World, access: MailAccess) -> None:
    case_id = world.add_case()
    message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
    assert _dispatcher(world, access).send_due().retried == 1
    error = row(world, message_id).last_error
    assert error is not None and "backoffice mail configure" in error


def test_a_resend_after_a_crash_carries_the_same_message_id(
    world: World, access: MailAccess, plain_server: SmtpServer
) -> None:
    """SMTP cannot recognise a message sent twice: after a crash between the server's
    "queued" and the outbox's "sent" mark, the copy carries the first one's Message-ID."""
    configure(access, plain_server.port)
    case_id = world.add_case()
    message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))
    outbox = _dispatcher(world, access)
    assert outbox.send_due().sent == 1
    lose_sent_mark(world, message_id)
    assert outbox.send_due().sent == 1

    first, second = (r.message() for r in plain_server.received)
    assert first["Message-ID"] == second["Message-ID"]
    assert first.get_body().get_content() == second.get_body().get_content()  # type: ignore[union-attr]
    assert row(world, message_id).state == "sent"
    assert outbox.send_due().sent == 0  # and never again


def test_a_server_that_stays_down_is_given_up_on(world: World, access: MailAccess) -> None:
    configure(access, free_port())
    case_id = world.add_case()
    message_id = queue(world, message(world, case_id, Channel.EMAIL, CITIZEN))

    assert give_up(world, _dispatcher(world, access), message_id) == MAX_ATTEMPTS

    failed = row(world, message_id)
    assert failed.state == "failed" and failed.attempts == MAX_ATTEMPTS
    assert failed.last_error is not None
    assert failed.last_error.startswith(f"gave up after {MAX_ATTEMPTS} attempts")
    assert "refused the connection" in failed.last_error
