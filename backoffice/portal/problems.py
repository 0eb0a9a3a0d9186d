"""HTTP failures as typed errors: RFC 7807 problem parsing, the status table, failed connections.

Unknown status codes count by their class (4xx a client error, 5xx a transient server error).
Texts from the server are cleaned (printable, bounded) before they reach a message.
"""

from __future__ import annotations

import contextlib
import errno
import json
import socket
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import urllib3.exceptions

from backoffice.portal.errors import (
    AccessDenied,
    AuthenticationFailed,
    Conflict,
    ConnectionFailure,
    NotFound,
    PortalProblem,
    RateLimited,
    ServerError,
    clean_text,
)


def causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps (``__cause__``, ``__context__``, args, reason)."""
    seen: set[int] = set()
    todo = [exc]
    while todo and len(seen) < 50:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked += [a for a in current.args if isinstance(a, BaseException)]
        todo.extend(e for e in linked if isinstance(e, BaseException))


def connection_failure(exc: BaseException) -> ConnectionFailure:
    """Classify a failed connection: DNS, refused, unreachable, dropped, other."""
    found = list(causes(exc))
    if any(isinstance(e, socket.gaierror | urllib3.exceptions.NameResolutionError) for e in found):
        return ConnectionFailure.DNS
    if any(isinstance(e, ConnectionRefusedError) for e in found):
        return ConnectionFailure.REFUSED
    if any(
        isinstance(e, OSError) and e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH) for e in found
    ):
        return ConnectionFailure.UNREACHABLE
    if any(isinstance(e, urllib3.exceptions.NewConnectionError) for e in found):
        return ConnectionFailure.OTHER
    if any(
        isinstance(
            e, urllib3.exceptions.ProtocolError | ConnectionResetError | ConnectionAbortedError
        )
        for e in found
    ):
        return ConnectionFailure.DROPPED
    return ConnectionFailure.OTHER


def innermost_text(exc: BaseException) -> str:
    last = exc
    for cause in causes(exc):
        last = cause
    text = str(last) or type(last).__name__
    return clean_text(text, 200)


def safe_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def parse_problem(raw: bytes) -> dict[str, str]:
    """RFC 7807 fields (or OAuth2 ``error``/``error_description``) from an error body."""
    try:
        document = json.loads(raw) if raw else {}
    except (ValueError, UnicodeDecodeError):
        return {"detail": clean_text(raw[:200].decode("utf-8", "replace"), 200)} if raw else {}
    if not isinstance(document, dict):
        return {}
    fields = {
        key: clean_text(document[key])
        for key in ("type", "title", "detail", "instance")
        if isinstance(document.get(key), str)
    }
    # OAuth2 token endpoints answer RFC 6749 errors instead.
    if "title" not in fields and isinstance(document.get("error"), str):
        fields["title"] = clean_text(document["error"], 100)
        if isinstance(document.get("error_description"), str):
            fields.setdefault("detail", clean_text(document["error_description"]))
    return fields


def rate_limit_reset(headers: Mapping[str, str], default: float) -> float:
    """Seconds to wait from ``RateLimit-Reset`` (else ``Retry-After``, else ``default``)."""
    for name in ("RateLimit-Reset", "Retry-After"):
        value = headers.get(name)
        if value is None:
            continue
        with contextlib.suppress(ValueError):
            return max(0.0, float(value.strip()))
    return default


def problem_for(
    status: int, headers: Mapping[str, str], raw: bytes, url: str, default_reset: float = 1.0
) -> PortalProblem:
    """The exception for an error answer, by status; unknown codes by their class."""
    fields = parse_problem(raw)
    kwargs: dict[str, Any] = {
        "type": fields.get("type", "about:blank"),
        "title": fields.get("title", ""),
        "detail": fields.get("detail", ""),
        "instance": fields.get("instance"),
        "url": safe_url(url),
    }
    if status == 429:
        return RateLimited(status, retry_after=rate_limit_reset(headers, default_reset), **kwargs)
    known: dict[int, type[PortalProblem]] = {
        401: AuthenticationFailed,
        403: AccessDenied,
        404: NotFound,
        408: ServerError,  # the server gave up waiting for our request: transient
        409: Conflict,
    }
    if status in known:
        return known[status](status, **kwargs)
    if status >= 500:
        return ServerError(status, **kwargs)
    return PortalProblem(status, **kwargs)
