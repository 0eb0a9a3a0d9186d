"""OAuth 2.0 client credentials for the two clients: the subscriber (us) and the sender (a portal).

Secrets travel in the form body, never in HTTP Basic; no scopes. Tokens are random, live at
most ``protocol.TOKEN_MAX_SECONDS`` and can all be revoked at once (to test renewal).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from backoffice.portal import protocol

from .state import ApiError


class Role(StrEnum):
    SUBSCRIBER = "subscriber"
    SENDER = "sender"


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    role: Role

    @classmethod
    def new(cls, role: Role) -> Client:
        return cls(f"{role.value}-{secrets.token_hex(8)}", secrets.token_urlsafe(32), role)

    def as_dict(self) -> dict[str, str]:
        return {"client_id": self.client_id, "client_secret": self.client_secret}


def _oauth_error(status: int, error: str, detail: str) -> ApiError:
    headers = {"Cache-Control": "no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="token", error="invalid_client"'
    return ApiError(status, detail, headers=headers, error=error, error_description=detail)


class Tokens:
    def __init__(self, clients: list[Client], lifetime: int = protocol.TOKEN_MAX_SECONDS) -> None:
        self.clients = {client.client_id: client for client in clients}
        self.lifetime = max(1, min(lifetime, protocol.TOKEN_MAX_SECONDS))
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[Role, float]] = {}

    def issue(self, form: dict[str, str], basic_auth: bool) -> dict[str, Any]:
        """Answer a token request (form fields already parsed)."""
        if form.get("grant_type") != protocol.GRANT_TYPE:
            raise _oauth_error(
                400, "unsupported_grant_type", "grant_type must be client_credentials"
            )
        if "scope" in form:
            raise _oauth_error(400, "invalid_scope", "do not ask for scopes")
        if "client_secret" not in form:
            detail = "client_id and client_secret belong in the form body"
            if basic_auth:
                detail += " (HTTP Basic is not accepted)"
            raise _oauth_error(401, "invalid_client", detail)
        client = self.clients.get(form.get("client_id", ""))
        secret = form["client_secret"].encode()
        expected = client.client_secret.encode() if client else secrets.token_bytes(32)
        if not hmac.compare_digest(secret, expected) or client is None:
            raise _oauth_error(401, "invalid_client", "unknown client or wrong secret")
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            self._tokens = {t: v for t, v in self._tokens.items() if v[1] > now}
            self._tokens[token] = (client.role, now + self.lifetime)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime}

    def role_of(self, authorization: str | None) -> Role:
        """The role a request's bearer token stands for, or 401."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "a bearer token is required",
                headers={"WWW-Authenticate": 'Bearer realm="fit-connect"'},
            )
        with self._lock:
            found = self._tokens.get(token.strip())
        if found is None or found[1] <= time.time():
            raise ApiError(
                401,
                "the access token is unknown or has expired",
                headers={"WWW-Authenticate": 'Bearer realm="fit-connect", error="invalid_token"'},
            )
        return found[0]

    def revoke_all(self) -> int:
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
            return count
