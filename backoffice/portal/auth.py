"""OAuth2 client-credentials tokens: fetched once, cached, renewed before expiry and on a 401.

The secret travels in the form body (not HTTP Basic) and no scope is asked for, as the
protocol says. The token is kept in memory only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from backoffice.portal import protocol
from backoffice.portal.errors import AuthenticationFailed, InvalidResponse, PortalProblem
from backoffice.portal.http import Transport
from backoffice.portal.urls import check_url

log = logging.getLogger(__name__)

#: OAuth2 error codes (RFC 6749 §5.2) that mean: client id or secret is wrong.
_CREDENTIAL_ERRORS = ("invalid_client", "unauthorized_client")


@dataclass(frozen=True)
class ClientCredentials:
    client_id: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    expires_at: float  # on the token source's clock
    lifetime: float


class TokenSource:
    """Hands out a valid bearer token; thread-safe."""

    def __init__(
        self,
        transport: Transport,
        token_url: str,
        credentials: ClientCredentials,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transport = transport
        self._url = check_url(token_url, what="token URL")
        self._credentials = credentials
        self._clock = clock
        self._lock = threading.Lock()
        self._token: Token | None = None

    def token(self) -> str:
        """A cached token, or a new one when it is missing or about to expire."""
        with self._lock:
            if self._token is None or self._renew_due(self._token):
                self._token = self._fetch()
            return self._token.value

    def invalidate(self, value: str) -> None:
        """Forget ``value`` (after a 401); a token renewed meanwhile by another thread stays."""
        with self._lock:
            if self._token is not None and self._token.value == value:
                self._token = None

    def _renew_due(self, token: Token) -> bool:
        margin = min(60.0, token.lifetime * 0.2)
        return self._clock() >= token.expires_at - margin

    def _fetch(self) -> Token:
        form = {
            "grant_type": protocol.GRANT_TYPE,
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.secret,
        }
        started = self._clock()
        try:
            answer = self._transport.request(
                "POST",
                self._url,
                headers={"Accept": "application/json"},
                data=form,
                idempotent=True,  # asking for a token twice does no harm
            )
        except PortalProblem as problem:
            if problem.status == 401 or (
                problem.status == 400 and problem.title in _CREDENTIAL_ERRORS
            ):
                raise AuthenticationFailed(
                    problem.status, problem.type, problem.title, problem.detail, url=problem.url
                ) from None
            raise
        document = answer.json()
        if not isinstance(document, dict):
            raise InvalidResponse("the token endpoint did not answer with a JSON object")
        value = document.get("access_token")
        kind = document.get("token_type", "Bearer")
        if not isinstance(value, str) or not value or not value.isprintable():
            raise InvalidResponse("the token endpoint's answer has no access_token")
        if not isinstance(kind, str) or kind.lower() != "bearer":
            raise InvalidResponse(f"the token endpoint gave a {kind!r} token, not Bearer")
        lifetime = _lifetime(document.get("expires_in"))
        log.debug("new access token, valid for %.0f s", lifetime)
        return Token(value, started + lifetime, lifetime)


def _lifetime(value: object) -> float:
    """``expires_in`` bounded to (0, TOKEN_MAX_SECONDS]; missing means a cautious 5 minutes."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 300.0
    return float(min(max(value, 1), protocol.TOKEN_MAX_SECONDS))
