"""A real SMTP server on loopback (aiosmtpd) that keeps what it received, for e-mail tests.

It can require STARTTLS or speak TLS from the first byte, ask for a login, and refuse
recipients with a 5xx answer, as a town hall's mail server would.
"""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    login: str | None

    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """The aiosmtpd handler: refuses some recipients, keeps every message it accepts."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        login = session.auth_data
        self.received.append(
            Received(
                str(envelope.mail_from),
                list(envelope.rcpt_tos),
                bytes(envelope.original_content or b""),
                login.decode() if isinstance(login, bytes) else None,
            )
        )
        return "250 2.0.0 Ok: queued"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    port: int
    mailbox: Mailbox

    @property
    def received(self) -> list[Received]:
        return self.mailbox.received


@contextmanager
def smtp_server(
    *,
    starttls: ssl.SSLContext | None = None,
    tls: ssl.SSLContext | None = None,
    users: dict[str, str] | None = None,
    refuse: set[str] | None = None,
) -> Iterator[SmtpServer]:
    """Start a server: plain, STARTTLS required (``starttls``) or TLS (``tls``); with
    ``users`` it requires a login with one of those passwords."""
    mailbox = Mailbox(refuse=set(refuse or ()))
    options: dict[str, Any] = {}
    if starttls is not None:
        options.update(tls_context=starttls, require_starttls=True)
    if users is not None:

        def authenticate(
            server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
        ) -> AuthResult:
            ok = isinstance(data, LoginPassword) and users.get(data.login.decode()) == (
                data.password.decode()
            )
            return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)

        options.update(authenticator=authenticate, auth_required=True)
    # aiosmtpd sets its own deprecated Session.login_data after every AUTH and warns about
    # it on its "mail.log" logger: the test server's noise, not the program's.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, ssl_context=tls, **options)
    controller.start()
    try:
        yield SmtpServer(port, mailbox)
    finally:
        controller.stop()
