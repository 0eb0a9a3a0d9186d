"""The errors of the portal package: one tree, each ``str()`` one clear line for the user.

Callers decide by type:

- :class:`TransientError` — try again later (the outbox and the sync loop do); it carries
  ``retry_after`` when the portal said how long to wait.
- :class:`PortalProblem` — the portal answered with an HTTP error (RFC 7807 problem fields).
- everything else — a configuration, key or protocol problem that waiting will not fix.

Messages never contain secrets; texts that come from the server are cut short and stripped of
control characters before they reach a message.
"""

from __future__ import annotations

import enum

_TEXT_LIMIT = 300


def clean_text(value: object, limit: int = _TEXT_LIMIT) -> str:
    """Server or user text made safe for a one-line message: printable and bounded."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PortalError(Exception):
    """Base of every error raised by ``backoffice.portal``; ``str()`` is one line."""


class PortalConfigError(PortalError):
    """Settings, an address or a secret is missing or not acceptable."""


class InsecureUrlError(PortalConfigError):
    """A URL breaks the address policy (https, or plain http to a loopback host only)."""


class TransientError(PortalError):
    """Worth trying again later: the portal or the network failed, not the request."""

    #: Seconds the portal asked us to wait (429 ``RateLimit-Reset``), if it said so.
    retry_after: float | None = None
    #: False when the request may have reached the server (a non-idempotent one must not be
    #: repeated blindly); True when it certainly did not (e.g. connection refused).
    before_send: bool = False


class ConnectionFailure(enum.Enum):
    DNS = "dns"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    DROPPED = "dropped"
    PROXY = "proxy"
    OTHER = "other"


_CONNECTION_TEXT = {
    ConnectionFailure.DNS: "the host name {host} cannot be resolved (DNS)",
    ConnectionFailure.REFUSED: "{host} refused the connection (nothing listens on that port?)",
    ConnectionFailure.UNREACHABLE: "no route to {host} (network down or blocked?)",
    ConnectionFailure.DROPPED: "{host} closed the connection without an answer",
    ConnectionFailure.PROXY: "the proxy refused or failed the connection to {host}",
    ConnectionFailure.OTHER: "cannot connect to {host}",
}


class PortalConnectionError(TransientError):
    """No answer: DNS failure, connection refused, no route, connection dropped."""

    def __init__(self, host: str, failure: ConnectionFailure, detail: str = "") -> None:
        self.host = host
        self.failure = failure
        # Only these certainly failed before a byte of the request left: safe to send again.
        self.before_send = failure in (
            ConnectionFailure.DNS,
            ConnectionFailure.REFUSED,
            ConnectionFailure.UNREACHABLE,
        )
        text = _CONNECTION_TEXT[failure].format(host=host)
        super().__init__(f"{text}: {clean_text(detail)}" if detail else text)


class PortalTimeout(TransientError):
    """The portal did not answer in time (connecting, waiting, or reading the body)."""

    def __init__(self, host: str, phase: str, seconds: float | None) -> None:
        self.host = host
        self.phase = phase
        self.before_send = phase == "connect"
        limit = f" within {seconds:g} s" if seconds is not None else ""
        super().__init__(f"{host} did not answer in time ({phase}{limit})")


class TruncatedResponse(TransientError):
    """The answer broke off before its announced length (Content-Length or chunking)."""


class TlsError(PortalError):
    """The TLS handshake or the certificate check failed; never retried, never skipped."""

    def __init__(self, host: str, detail: str) -> None:
        self.host = host
        super().__init__(
            f"TLS check failed for {host}: {clean_text(detail, 200)} "
            "(wrong address, or a certificate the system does not trust)"
        )


class InvalidResponse(PortalError):
    """The portal answered something the protocol does not allow (not JSON, wrong shape)."""


class ResponseTooLarge(InvalidResponse):
    """The answer is larger than the bound for its kind; reading stopped there."""


class UnexpectedRedirect(InvalidResponse):
    """The portal answered with a redirect; we follow none (it could leave the URL policy)."""


class PortalProblem(PortalError):
    """An HTTP error answer, with the RFC 7807 problem fields (``type`` defaults to about:blank)."""

    def __init__(
        self,
        status: int,
        type: str = "about:blank",  # the RFC 7807 field name
        title: str = "",
        detail: str = "",
        *,
        instance: str | None = None,
        url: str = "",
    ) -> None:
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.instance = instance
        self.url = url
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"the portal answered {self.status}"
        if self.title:
            text += f" {clean_text(self.title, 100)}"
        if self.detail:
            text += f": {clean_text(self.detail)}"
        if self.type not in ("about:blank", ""):
            text += f" [{clean_text(self.type, 150)}]"
        return text


class AuthenticationFailed(PortalProblem):
    """401 after one token renewal, or the token endpoint rejected client id or secret."""

    def _message(self) -> str:
        return (
            "the portal rejected our credentials (wrong client id or secret, or the client is "
            f"disabled): {self.status} {clean_text(self.title or self.detail, 150)}".rstrip(": ")
        )


class AccessDenied(PortalProblem):
    """403: authenticated, but this client may not do this (e.g. not subscribed there)."""


class NotFound(PortalProblem):
    """404: unknown or no longer available (a submission already decided, a wrong id)."""


class Conflict(PortalProblem):
    """409 on a request other than a decision."""


class AlreadyDecided(Conflict):
    """409 on ``post_event``: the submission was accepted or rejected before."""


class InvalidEvent(PortalProblem):
    """422 on ``post_event``: the portal refused our Security Event Token."""


class ServerError(PortalProblem, TransientError):
    """5xx (or 408): the portal failed; try again later."""


class RateLimited(PortalProblem, TransientError):
    """429 that we did not (or no longer) wait for; ``retry_after`` says for how long to wait."""

    def __init__(
        self,
        status: int,
        type: str = "about:blank",  # the RFC 7807 field name
        title: str = "",
        detail: str = "",
        *,
        retry_after: float,
        instance: str | None = None,
        url: str = "",
    ) -> None:
        self.retry_after = retry_after
        super().__init__(status, type, title, detail, instance=instance, url=url)

    def _message(self) -> str:
        return f"the portal limits our requests: try again in {self.retry_after:g} s"


class KeyringUnavailable(PortalConfigError):
    """No usable OS keyring (none installed, locked, or a plaintext one we refuse)."""


class SecretMissing(PortalConfigError):
    """The keyring has no entry where we expected one."""
