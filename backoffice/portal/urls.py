"""The address policy: HTTPS everywhere, plain HTTP only to this machine (loopback).

Loopback means 127.0.0.0/8, ::1 and the name ``localhost``: traffic that never leaves the
machine, which is where the portal simulator runs. Anything else over plain HTTP would expose
the client secret and the bearer token, so it is refused with a clear message.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

from backoffice.portal import protocol
from backoffice.portal.errors import InsecureUrlError

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1 (host as in a URL, brackets removed)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, what: str = "URL") -> str:
    """Return ``url`` normalised (no trailing slash) if the policy allows it, else raise.

    Allowed: ``https://host[:port][/path]``, and ``http://`` to a loopback host. Refused: other
    schemes, user names or passwords in the URL, queries and fragments, missing hosts.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError as exc:
        raise InsecureUrlError(f"{what} {text!r} is not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("https", "http") or not host:
        raise InsecureUrlError(
            f"{what} {text!r} is not an https:// URL with a host name (e.g. https://portal.example)"
        )
    if parts.username is not None or parts.password is not None:
        raise InsecureUrlError(f"{what} must not contain a user name or password")
    if parts.query or parts.fragment:
        raise InsecureUrlError(f"{what} {text!r} must not have a query (?…) or fragment (#…)")
    if scheme == "http" and not is_loopback_host(host):
        raise InsecureUrlError(
            f"{what} {text!r} uses plain http:// to another machine; use https:// "
            "(plain http is allowed only for this machine: localhost, 127.0.0.1, ::1)"
        )
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), "", ""))


def api_root(base_url: str) -> str:
    """``{base}/v1`` for a base URL given with or without the ``/v1`` at its end."""
    base = check_url(base_url, what="portal base URL")
    if base.endswith(protocol.API_VERSION_PATH):
        return base
    return base + protocol.API_VERSION_PATH


def host_root(base_url: str) -> str:
    """Scheme, host and port of the base URL: where ``/.well-known/…`` lives."""
    parts = urlsplit(check_url(base_url, what="portal base URL"))
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def check_uuid(value: str, *, what: str) -> str:
    if not is_uuid(value):
        raise ValueError(f"{what} must be a UUID, not {value!r}")
    return value


def expand(template: str, **values: str) -> str:
    """A protocol path with each value percent-encoded as one path segment."""
    return template.format(**{name: quote(str(v), safe="") for name, v in values.items()})
