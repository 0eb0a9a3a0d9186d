"""HTTP transport: one ``requests.Session``, timeouts, bounded bodies, typed errors, retries.

What the protocol asks of every call, in one place:

- TLS verification always on (a CA bundle may be given instead of the system's, never
  ``verify=False``); plain
  ``http://`` only to loopback hosts (:mod:`backoffice.portal.urls`); no redirects followed.
- Timeouts on every call: connect and read (per socket wait) plus a deadline for a whole body.
- Bodies are streamed and bounded; a body that stops short of its announced length is a
  :class:`~backoffice.portal.errors.TruncatedResponse` (transient).
- Errors arrive as RFC 7807 problems and become :class:`~backoffice.portal.errors.PortalProblem`
  subclasses by status; unknown status codes count by their class.
- 429: wait ``RateLimit-Reset`` seconds (bounded) and try again; 5xx, 408, timeouts, dropped
  connections and truncated bodies: back off and try again, for idempotent requests only (and for
  any request that certainly did not reach the server). Other 4xx are never repeated; 401 is
  left to the caller, which renews its token once.

Waits are announced through ``on_wait`` before sleeping; a callback that raises aborts the call.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from requests.utils import get_environ_proxies

from backoffice import __version__
from backoffice.domain import bounded_json
from backoffice.portal.errors import (
    ConnectionFailure,
    InvalidResponse,
    PortalConnectionError,
    PortalError,
    PortalTimeout,
    RateLimited,
    ResponseTooLarge,
    TlsError,
    TransientError,
    TruncatedResponse,
    UnexpectedRedirect,
    clean_text,
)
from backoffice.portal.problems import (
    causes,
    connection_failure,
    innermost_text,
    problem_for,
    safe_url,
)
from backoffice.portal.urls import check_url

log = logging.getLogger(__name__)

MB = 1024 * 1024
USER_AGENT = f"rathaus-backoffice/{__version__}"
_CHUNK = 256 * 1024
_NOT_ASCII = "the portal sent non-ASCII bytes where text was expected"
#: JSON answers are bounded in bytes by :class:`Limits`; depth and items here (``json.loads``
#: gives up with RecursionError near 1,000 levels, which would escape as no PortalError).
_ANSWER_BOUNDS = bounded_json.Bounds(1 << 62, max_depth=64, max_items=10_000_000)


@dataclass(frozen=True)
class Timeouts:
    """Seconds: to connect, to wait for each piece of the answer, for a whole answer body."""

    connect: float = 10.0
    read: float = 60.0
    body: float = 900.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to try again before an error reaches the caller."""

    attempts: int = 4  # tries in all, the first included
    backoff: float = 0.5  # first wait after a transient failure; doubles each time
    backoff_max: float = 8.0
    rate_limit_max_wait: float = 60.0  # a longer RateLimit-Reset goes to the caller at once
    rate_limit_default: float = 1.0  # when a 429 says nothing about how long


@dataclass(frozen=True)
class Limits:
    """Upper bounds on answer bodies, in bytes."""

    json_bytes: int = 10 * MB
    attachment_bytes: int = 512 * MB
    error_bytes: int = 64 * 1024
    #: Bodies announced larger than this (or of unknown length) go to a temporary file, not memory.
    spool_threshold: int = 8 * MB


@dataclass(frozen=True)
class Wait:
    """Announced through ``on_wait`` before each wait between two tries."""

    reason: str  # "rate-limit" or "retry"
    seconds: float
    attempt: int  # the try that failed (1 = the first)
    error: PortalError


WaitCallback = Callable[[Wait], None]


class Body:
    """An answer body, in memory or (when large) in an anonymous temporary file."""

    def __init__(self, data: bytes | None = None, file: IO[bytes] | None = None) -> None:
        self._data = data
        self._file = file

    @property
    def size(self) -> int:
        if self._data is not None:
            return len(self._data)
        assert self._file is not None
        return self._file.seek(0, io.SEEK_END)

    def bytes(self) -> bytes:
        if self._data is not None:
            return self._data
        assert self._file is not None
        self._file.seek(0)
        return self._file.read()

    def text(self) -> str | SpooledText:
        """The body as ASCII text: a ``str`` when it is in memory; when it went to a file, a
        :class:`SpooledText` that takes the file over and reads it by slices, so that a large
        attachment is never held whole. Trailing white space is left out."""
        if self._file is None:
            try:
                return (self._data or b"").decode("ascii").rstrip()
            except UnicodeDecodeError:
                raise InvalidResponse(_NOT_ASCII) from None
        file, self._file = self._file, None
        return SpooledText(file)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._data = None

    def __enter__(self) -> Body:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SpooledText:
    """ASCII text in a temporary file, read by slices (``text[a:b]``), with ``find`` and ``len``
    like a ``str``: what a compact JWE needs (:mod:`backoffice.portal.jose`).

    Checked once when made: every byte is ASCII (else InvalidResponse, as for text in memory).
    The anonymous temporary file is closed (and so gone) by :meth:`close` or when the object
    is dropped.
    """

    _SCAN = 1024 * 1024

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        size = file.seek(0, io.SEEK_END)
        file.seek(0)
        while block := file.read(self._SCAN):
            if not block.isascii():
                file.close()
                raise InvalidResponse(_NOT_ASCII)
        while size > 0:  # leave out trailing white space
            file.seek(size - 1)
            if not file.read(1).isspace():
                break
            size -= 1
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, key: slice) -> str:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("SpooledText supports only slices text[a:b]")
        start, stop, _ = key.indices(self._size)
        if stop <= start:
            return ""
        self._file.seek(start)
        return self._file.read(stop - start).decode("ascii")

    def find(self, sub: str, start: int = 0) -> int:
        """Position of ``sub`` (one character, as JOSE needs) from ``start``, or -1."""
        if len(sub) != 1:
            raise ValueError("SpooledText.find looks for one character")
        wanted = sub.encode("ascii")
        position = max(0, start)
        self._file.seek(position)
        while position < self._size:
            block = self._file.read(min(self._SCAN, self._size - position))
            if not block:
                break
            found = block.find(wanted)
            if found >= 0:
                return position + found
            position += len(block)
        return -1

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        self._file.close()  # dropped without close() (e.g. after decryption): the file goes too


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    body: Body = field(repr=False)

    def json(self) -> Any:
        raw = self.body.bytes()
        try:
            return bounded_json.loads(raw, _ANSWER_BOUNDS)
        except ValueError:  # JsonRejected: not JSON, or nested deeper than any answer is
            kind = self.headers.get("Content-Type", "no content type")
            raise InvalidResponse(
                f"the portal answered {self.status} with something that is not JSON "
                f"({clean_text(kind, 60)}, {len(raw)} bytes)"
            ) from None


class Transport:
    """Sends requests over one session; see the module docstring for the rules."""

    def __init__(
        self,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        limits: Limits | None = None,
        on_wait: WaitCallback | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        ca_file: str | Path | None = None,
        spool_dir: str | Path | None = None,
    ) -> None:
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self.limits = limits or Limits()
        self.on_wait = on_wait
        self._sleep = sleep
        self._clock = clock
        self._spool_dir = str(spool_dir) if spool_dir is not None else None
        self.session = _Session()
        # TLS verification stays on; a CA file replaces the system's trust store (e.g. for an
        # in-house CA). Given per request: a session-level value loses to $REQUESTS_CA_BUNDLE.
        self._verify: str | bool = str(ca_file) if ca_file is not None else True
        self.session.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.session.close()

    # -- the retry loop -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str | int] | None = None,
        data: bytes | Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        spool: bool = False,
        idempotent: bool | None = None,
    ) -> Response:
        """Send, retrying as the policy allows; return a 2xx answer or raise a PortalError.

        ``spool`` lets a large body go to a temporary file; ``idempotent`` defaults to True for
        GET/HEAD/PUT/DELETE. Problems are raised by status (see :func:`problem_for`).
        """
        check_url(url)
        if idempotent is None:
            idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
        limit = max_bytes if max_bytes is not None else self.limits.json_bytes
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(method, url, headers, params, data, limit, spool)
            except TransientError as error:
                wait = self._wait_before_retry(error, attempt, idempotent)
                if wait is None:
                    raise
                log.debug("%s %s: %s; trying again in %.1f s", method, safe_url(url), error, wait)
                if self.on_wait is not None:
                    reason = "rate-limit" if isinstance(error, RateLimited) else "retry"
                    self.on_wait(Wait(reason, wait, attempt, error))
                self._sleep(wait)

    def _wait_before_retry(
        self, error: TransientError, attempt: int, idempotent: bool
    ) -> float | None:
        if attempt >= self.retry.attempts:
            return None
        if isinstance(error, RateLimited):
            # The server refused to work on it: safe to send again, whatever the method.
            assert error.retry_after is not None
            return (
                error.retry_after if error.retry_after <= self.retry.rate_limit_max_wait else None
            )
        if not (idempotent or error.before_send):
            return None
        return min(self.retry.backoff * 2.0 ** (attempt - 1), self.retry.backoff_max)

    # -- one try --------------------------------------------------------------------------------

    def _once(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        params: Mapping[str, str | int] | None,
        data: bytes | Mapping[str, str] | None,
        limit: int,
        spool: bool,
    ) -> Response:
        host = urlsplit(url).netloc
        try:
            answer = self.session.request(
                method,
                url,
                headers=dict(headers or {}),
                params=dict(params or {}),
                data=data,
                timeout=(self.timeouts.connect, self.timeouts.read),
                verify=self._verify,
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as exc:
            raise self._translate(exc, host) from exc
        with answer:
            status = answer.status_code
            kind = status // 100
            if kind == 2:
                body = self._read(answer, host, limit, spool)
                return Response(status, answer.headers, body)
            if kind == 3:
                target = clean_text(answer.headers.get("Location", "?"), 150)
                raise UnexpectedRedirect(
                    f"the portal redirected {safe_url(url)} to {target}; check the configured URL"
                )
            if kind in (4, 5):
                try:
                    body = self._read(answer, host, self.limits.error_bytes, False)
                    raw = body.bytes()
                except (ResponseTooLarge, TransientError):
                    raw = b""
                raise problem_for(status, answer.headers, raw, url, self.retry.rate_limit_default)
            raise InvalidResponse(f"the portal answered with HTTP status {status}")

    def _read(self, answer: requests.Response, host: str, limit: int, spool: bool) -> Body:
        announced = _content_length(answer)
        if announced is not None and announced > limit:
            raise ResponseTooLarge(
                f"the portal announced {announced} bytes, more than the {limit} allowed here"
            )
        to_file = spool and (announced is None or announced > self.limits.spool_threshold)
        sink: IO[bytes] = (
            tempfile.TemporaryFile(dir=self._spool_dir) if to_file else io.BytesIO()  # noqa: SIM115
        )
        deadline = self._clock() + self.timeouts.body
        received = 0
        try:
            for chunk in _chunks(answer, host, self.timeouts.read):
                received += len(chunk)
                if received > limit:
                    raise ResponseTooLarge(
                        f"the portal's answer is larger than the {limit} bytes allowed here"
                    )
                if self._clock() > deadline:
                    raise PortalTimeout(host, "reading the answer", self.timeouts.body)
                sink.write(chunk)
            if announced is not None and received != announced and not _encoded(answer):
                raise TruncatedResponse(
                    f"the answer from {host} broke off after {received} of {announced} bytes"
                )
        except BaseException:
            sink.close()
            raise
        if isinstance(sink, io.BytesIO):
            return Body(data=sink.getvalue())  # shares the buffer: no second copy
        sink.flush()
        return Body(file=sink)

    @staticmethod
    def _translate(exc: requests.RequestException, host: str) -> PortalError:
        if isinstance(exc, requests.exceptions.SSLError):
            return TlsError(host, innermost_text(exc))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return PortalTimeout(host, "connect", None)
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return PortalTimeout(host, "waiting for the answer", None)
        if isinstance(exc, requests.exceptions.ProxyError):
            return PortalConnectionError(host, ConnectionFailure.PROXY, innermost_text(exc))
        if isinstance(exc, requests.exceptions.ConnectionError):
            return PortalConnectionError(host, connection_failure(exc), "")
        if isinstance(exc, requests.exceptions.TooManyRedirects):
            return UnexpectedRedirect(f"the portal at {host} answered with redirects")
        if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidHeader):
            return InvalidResponse(f"request to {host} could not be built: {clean_text(exc)}")
        return PortalConnectionError(host, ConnectionFailure.OTHER, innermost_text(exc))


# -- helpers ------------------------------------------------------------------------------------


class _Session(requests.Session):
    """A session that never looks at redirects and reads the environment once per host.

    ``allow_redirects=False`` alone still makes requests read the whole body of a redirect
    answer (unbounded) and resolve its target; here a 3xx is just an answer, which
    :meth:`Transport._once` turns into :class:`UnexpectedRedirect`.

    requests normally consults the environment on every call (proxy variables, the CA bundle
    variables, ``~/.netrc``): a scan of ``os.environ`` and file look-ups that cost more than
    a small request on loopback. Here the proxies and CA bundle of ``$HTTPS_PROXY``,
    ``$NO_PROXY``, ``$REQUESTS_CA_BUNDLE``… are read the first time a host is used and kept
    for the life of the session; ``~/.netrc`` is never read (credentials come from the
    keyring only).
    """

    def __init__(self) -> None:
        super().__init__()
        self.trust_env = False
        self._environment: dict[str, tuple[dict[str, str], str | None]] = {}

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: Any,
        stream: Any,
        verify: Any,
        cert: Any,
    ) -> Any:
        url = url.decode("ascii", "replace") if isinstance(url, bytes) else url or ""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        known = self._environment.get(origin)
        if known is None:
            ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
            known = self._environment[origin] = (get_environ_proxies(url), ca_bundle)
        env_proxies, ca_bundle = known
        proxies = {**env_proxies, **(proxies or {})}
        if (verify is True or verify is None) and ca_bundle:
            verify = ca_bundle
        return super().merge_environment_settings(url, proxies, stream, verify, cert)


def _chunks(answer: requests.Response, host: str, read_timeout: float) -> Iterator[bytes]:
    try:
        yield from answer.iter_content(_CHUNK)
    except requests.exceptions.ChunkedEncodingError as exc:
        raise TruncatedResponse(
            f"the answer from {host} broke off ({innermost_text(exc)})"
        ) from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise InvalidResponse(f"the answer from {host} cannot be decoded: {exc}") from exc
    except requests.exceptions.SSLError as exc:
        raise TlsError(host, innermost_text(exc)) from exc
    except requests.exceptions.ConnectionError as exc:
        if any(isinstance(e, TimeoutError | urllib3.exceptions.TimeoutError) for e in causes(exc)):
            raise PortalTimeout(host, "reading the answer", read_timeout) from exc
        raise TruncatedResponse(f"the connection to {host} broke off while reading") from exc


def _content_length(answer: requests.Response) -> int | None:
    value = answer.headers.get("Content-Length")
    if value is None:
        return None
    try:
        length = int(value)
    except ValueError:
        raise InvalidResponse(f"the portal sent an invalid Content-Length {value!r}") from None
    if length < 0:
        raise InvalidResponse(f"the portal sent an invalid Content-Length {value!r}")
    return length


def _encoded(answer: requests.Response) -> bool:
    return answer.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
