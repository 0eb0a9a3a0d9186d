"""E-mail: the message to the citizen over SMTP, its certificates attached.

The text is ``text/plain`` in UTF-8, never HTML: what the template and the clerk wrote goes
out as written, framed by a greeting and the office's closing as in a letter. Headers are
built by :mod:`email` from one-line, bounded values (no header injection through a name);
documents are ``application/pdf`` attachments with safe file names.

Errors: a server that cannot be reached or does not answer, or answers 4xx, is tried again
later; a 5xx refusal of the recipient is :class:`Refused` with the server's words; a refused
login, a refused sender, or a server that lacks what the settings ask for (STARTTLS, AUTH)
refuses with "check the mail settings".

Not idempotent on the wire: SMTP has no way to recognise a message sent twice. A crash after
the server took the message and before the outbox marked it sent sends it again; both copies
carry the same ``Message-ID`` (from the outbox id), by which mail systems and programs can
recognise the second one.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from backoffice.documents.model import DEFAULT_LETTERHEAD, Letterhead
from backoffice.documents.wording import words
from backoffice.portal.errors import PortalError, clean_text
from backoffice.store.database import Database

from ..citizen.message import CitizenMessage
from ..mail_settings import MailAccess, MailConfigError, MailSettings, Security, check_address
from .dispatcher import Leased, Refused, Retry
from .enclosures import Enclosure, load_enclosures

MAX_SUBJECT_CHARS = 200
CHECK_SETTINGS = "check the mail settings (`backoffice mail test`, `backoffice mail configure`)"


# -- the connection ---------------------------------------------------------------------------


def connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """An SMTP session, protected as configured and logged in; close it with ``quit()``.

    Raises what :mod:`smtplib`, :mod:`ssl` and :mod:`socket` raise (see :func:`classify`)."""
    context = ssl.create_default_context(cafile=settings.ca_file)
    smtp: smtplib.SMTP
    if settings.security is Security.TLS:
        smtp = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security is Security.STARTTLS:
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username is not None:
            smtp.login(settings.username, password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


@dataclass(frozen=True)
class Step:
    """One step of :func:`diagnose`: what was tried, whether it worked, what was found."""

    name: str
    ok: bool
    detail: str


def diagnose(settings: MailSettings, password: str | None) -> list[Step]:
    """Connect, protect, log in and offer the sender, as sending would; sends nothing.
    The steps up to the first failure."""
    where = f"{settings.host}:{settings.port}"
    context = ssl.create_default_context(cafile=settings.ca_file)
    steps: list[Step] = []
    smtp: smtplib.SMTP | None = None

    def step(name: str, detail: str, action: Callable[[], object]) -> bool:
        try:
            action()
        except (OSError, smtplib.SMTPException) as exc:
            steps.append(Step(name, False, str(classify(exc, settings))))
            return False
        steps.append(Step(name, True, detail))
        return True

    def open_connection() -> None:
        nonlocal smtp
        if settings.security is Security.TLS:
            smtp = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        smtp.ehlo()

    def offer_sender() -> None:
        assert smtp is not None
        code, answer = smtp.mail(settings.sender_address)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, answer, settings.sender_address)
        smtp.rset()

    connected = "TLS, certificate accepted" if settings.security is Security.TLS else "answered"
    try:
        if not step("connect", f"{where} {connected}", open_connection):
            return steps
        assert smtp is not None
        session = smtp
        if settings.security is Security.STARTTLS and not step(
            "starttls",
            "certificate accepted",
            lambda: (session.starttls(context=context), session.ehlo()),
        ):
            return steps
        if settings.username is not None and not step(
            "login",
            f"logged in as {settings.username}",
            lambda: session.login(settings.username or "", password or ""),
        ):
            return steps
        step("sender", f"{settings.sender_address} accepted", offer_sender)
    finally:
        if smtp is not None:
            _quit(smtp)
    return steps


def classify(exc: BaseException, settings: MailSettings) -> Refused | Retry:
    """What a failure of :func:`connect` or of sending means for the message."""
    where = f"the mail server {settings.host}:{settings.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Refused(f"{where} refused the login ({_answer(exc)}): {CHECK_SETTINGS}")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        (address, (code, text)), *_ = exc.recipients.items()
        answer = f"{code} {clean_text(_decode(text))}"
        if 500 <= code < 600:
            return Refused(f"{where} refused the recipient {address}: {answer}")
        return Retry(f"{where} did not take the recipient {address} now: {answer}")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        if 500 <= exc.smtp_code < 600:
            return Refused(f"{where} refused the sender address ({_answer(exc)}): {CHECK_SETTINGS}")
        return Retry(f"{where} did not take the sender now: {_answer(exc)}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Refused(f"{where}: {clean_text(exc)}; {CHECK_SETTINGS}")
    if isinstance(exc, smtplib.SMTPResponseException):
        if 500 <= exc.smtp_code < 600:
            return Refused(f"{where} refused the message: {_answer(exc)}")
        return Retry(f"{where} answered {_answer(exc)}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):  # smtplib hides a read timeout so
            return Retry(f"{where} did not answer in time ({settings.timeout:g} s)")
        return Retry(f"{where} closed the connection: {clean_text(exc) or 'no reason given'}")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Refused(
            f"TLS check failed for {where}: {clean_text(exc.verify_message)}; {CHECK_SETTINGS}"
        )
    if isinstance(exc, TimeoutError):
        return Retry(f"{where} did not answer in time ({settings.timeout:g} s)")
    if isinstance(exc, ConnectionRefusedError):
        return Retry(f"{where} refused the connection (nothing listens on that port?)")
    if isinstance(exc, OSError | smtplib.SMTPException):
        return Retry(f"cannot reach {where}: {clean_text(exc) or type(exc).__name__}")
    raise exc


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


def _answer(exc: smtplib.SMTPResponseException) -> str:
    return f"{exc.smtp_code} {clean_text(_decode(exc.smtp_error))}".strip()


# -- the message ------------------------------------------------------------------------------


def one_line(value: str, limit: int) -> str:
    """A header value: printable, one line, bounded."""
    return clean_text(value, limit)


def email_text(
    citizen: CitizenMessage,
    enclosure_titles: Sequence[str] = (),
    letterhead: Letterhead = DEFAULT_LETTERHEAD,
) -> str:
    """The text of the e-mail as the citizen reads it (for the clerk's preview too)."""
    wording = words(citizen.language)
    name = one_line(citizen.recipient.name, 120)
    lines = [wording.greeting.format(name=name) if name else wording.greeting_anonymous, ""]
    lines.append(_plain(citizen.body))
    lines += ["", wording.closing, wording.on_behalf.format(town=letterhead.town)]
    lines += [one_line(citizen.clerk_name, 120), f"{letterhead.town} – {letterhead.office}"]
    lines += [f"{letterhead.street}, {letterhead.postcode_city}", ""]
    lines.append(f"{wording.file_number}: {citizen.file_number}")
    if enclosure_titles:
        label = "Anlagen" if citizen.language == "de" else "Enclosures"
        lines.append(f"{label}: {', '.join(enclosure_titles)}")
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """Plain text with line breaks and tabs; other control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()


def build_email(
    citizen: CitizenMessage,
    settings: MailSettings,
    enclosures: Sequence[Enclosure],
    *,
    message_id: int,
    now: datetime,
    letterhead: Letterhead = DEFAULT_LETTERHEAD,
) -> EmailMessage:
    """The e-mail for one outbox message. :class:`Refused` when the recipient's address
    is not one."""
    if not citizen.recipient.email:
        raise Refused("the citizen gave no e-mail address; choose another channel")
    try:
        to = check_address(citizen.recipient.email, "recipient's address")
        recipient = Address(display_name=one_line(citizen.recipient.name, 100), addr_spec=to)
    except (MailConfigError, ValueError, HeaderParseError) as exc:
        raise Refused(f"{exc}; choose another channel") from None
    mail = EmailMessage(policy=SMTP)
    mail["From"] = Address(display_name=settings.sender_name, addr_spec=settings.sender_address)
    mail["To"] = recipient
    mail["Subject"] = one_line(citizen.subject, MAX_SUBJECT_CHARS)
    mail["Date"] = format_datetime(now.astimezone(UTC))
    mail["Message-ID"] = message_id_header(message_id, citizen, settings)
    mail.set_content(
        email_text(citizen, [e.title for e in enclosures], letterhead),
        subtype="plain",
        charset="utf-8",
    )
    for enclosure in enclosures:
        mail.add_attachment(
            enclosure.pdf, maintype="application", subtype="pdf", filename=enclosure.filename
        )
    return mail


def message_id_header(message_id: int, citizen: CitizenMessage, settings: MailSettings) -> str:
    """The same ``Message-ID`` for every attempt of one outbox message."""
    domain = settings.sender_address.rpartition("@")[2]
    seed = f"{message_id}:{citizen.case_id}:{citizen.created_at.isoformat()}"
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
    return f"<citizen-message.{message_id}.{digest}@{domain}>"


# -- the handler ------------------------------------------------------------------------------


#: After the server could not be reached, the messages due in the next seconds are not
#: tried (each would wait for the same timeout): a sync is not held up by a dead server.
UNREACHABLE_PAUSE = 60.0


class EmailHandler:
    """Outbox handler for citizen messages on the ``email`` channel."""

    def __init__(
        self,
        db: Database,
        mail: MailAccess,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        letterhead: Letterhead = DEFAULT_LETTERHEAD,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._mail = mail
        self._clock = clock
        self._letterhead = letterhead
        self._monotonic = monotonic
        self._unreachable: tuple[float, str] | None = None  # until when, and why

    def send_message(self, message: Leased) -> None:
        citizen = CitizenMessage.from_payload(message.payload)
        if self._unreachable is not None:
            until, reason = self._unreachable
            if self._monotonic() < until:
                raise Retry(f"{reason} (a moment ago; not tried again yet)")
            self._unreachable = None
        try:
            settings = self._mail.settings()
            password = self._mail.password(settings)
        except (MailConfigError, PortalError) as exc:  # PortalError: the keyring failed
            raise Retry(str(exc)) from None
        enclosures = load_enclosures(
            self._db, citizen.case_id, citizen.document_ids, citizen.file_number, citizen.language
        )
        mail = build_email(
            citizen,
            settings,
            enclosures,
            message_id=message.id,
            now=self._clock(),
            letterhead=self._letterhead,
        )
        try:
            smtp = connect(settings, password)
            try:
                smtp.send_message(mail, from_addr=settings.sender_address)
            finally:
                _quit(smtp)
        except (OSError, smtplib.SMTPException) as exc:
            outcome = classify(exc, settings)
            if isinstance(outcome, Retry) and _unreachable(exc):
                self._unreachable = (self._monotonic() + UNREACHABLE_PAUSE, str(outcome))
            raise outcome from None


def _unreachable(exc: BaseException) -> bool:
    """The server could not be reached or did not answer (not: it answered 4xx)."""
    return not isinstance(exc, smtplib.SMTPResponseException)


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
