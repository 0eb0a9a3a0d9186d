"""HTTP plumbing on Werkzeug: the threaded loopback server, responses, bounded bodies, and the
transport faults (errors, rate limits, dropped connections, cut bodies).

Werkzeug's development server runs inside the test process in one thread per request and
closes every connection after its answer (no keep-alive), which is what makes "Content-Length
larger than the body" observable as a truncated body instead of a hang.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from http import HTTPStatus
from typing import Any

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler
from werkzeug.wrappers import Request, Response

from backoffice.portal import protocol

from .blobs import Blob
from .faults import FaultKind, FaultRule
from .state import ApiError

log = logging.getLogger("backoffice.simulator")

#: Largest JSON (or form) body accepted.
MAX_JSON_BYTES = 16 * 1024 * 1024


# -- responses ------------------------------------------------------------------------------------


def json_response(
    data: Any, status: int = 200, *, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(body, status, headers=headers, content_type="application/json")


def problem_response(error: ApiError, instance: str | None = None) -> Response:
    try:
        phrase = HTTPStatus(error.status).phrase
    except ValueError:
        phrase = "Error"
    body: dict[str, Any] = {
        "type": error.type,
        "title": error.title or phrase,
        "status": error.status,
        "detail": error.detail,
    }
    if instance:
        body["instance"] = instance
    body.update(error.extra)
    response = json_response(body, error.status, headers=error.headers)
    response.content_type = protocol.PROBLEM_MEDIA_TYPE
    return response


def blob_response(blob: Blob, content_type: str = protocol.JOSE_MEDIA_TYPE) -> Response:
    response = Response(blob.chunks(), 200, content_type=content_type, direct_passthrough=True)
    response.headers["Content-Length"] = str(blob.size)
    return response


def read_body(request: Request, limit: int = MAX_JSON_BYTES) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, f"the body may have at most {limit} bytes")
    parts, size = [], 0
    while block := request.stream.read(64 * 1024):
        size += len(block)
        if size > limit:
            raise ApiError(413, f"the body may have at most {limit} bytes")
        parts.append(block)
    return b"".join(parts)


def read_json(request: Request) -> Any:
    if request.mimetype != "application/json":
        raise ApiError(415, "send application/json")
    try:
        return json.loads(read_body(request))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"the body is not JSON: {exc}") from None


# -- transport faults -----------------------------------------------------------------------------


def fault_response(rule: FaultRule, environ: dict[str, Any]) -> Response:
    """The answer (or non-answer) a fault rule gives instead of the real one."""
    if rule.kind is FaultKind.RATE_LIMIT:
        headers = {
            protocol.RATE_LIMIT_LIMIT: "100",
            protocol.RATE_LIMIT_REMAINING: "0",
            protocol.RATE_LIMIT_RESET: str(rule.reset),
            "Retry-After": str(rule.reset),
        }
        return problem_response(ApiError(429, "too many requests (simulated)", headers=headers))
    if rule.kind is FaultKind.DROP:
        connection = environ.get("werkzeug.socket")
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        return Response(b"", 500)  # writing it fails: the client sees the connection close
    return problem_response(ApiError(rule.status, "simulated server error"))


def truncated(response: Response) -> Response:
    """The same answer, announcing its full length but sending only the first half."""
    body = b"".join(response.iter_encoded())
    response.close()
    if not body:
        return Response(body, response.status_code, headers=response.headers)
    cut = Response([body[: len(body) // 2]], response.status_code, direct_passthrough=True)
    for key, value in response.headers.items():
        if key.lower() != "content-length":
            cut.headers[key] = value
    cut.headers["Content-Length"] = str(len(body))
    return cut


# -- the server -----------------------------------------------------------------------------------


class QuietHandler(WSGIRequestHandler):
    """Request lines go to our logger at DEBUG; dropped connections are expected here."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s -> %s", self.command, self.path, code)

    def log_error(self, format: str, *args: Any) -> None:
        log.debug("http: " + format, *args)

    def setup(self) -> None:
        super().setup()
        server = self.server
        if isinstance(server, LoopbackServer):
            server.track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            server = self.server
            if isinstance(server, LoopbackServer):
                server.track(self.connection, add=False)


class LoopbackServer(ThreadedWSGIServer):
    """A threaded WSGI server whose stop closes open connections and waits for its threads."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, host: str, port: int, app: Any) -> None:
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(host, port, app, handler=QuietHandler)

    def track(self, connection: socket.socket, *, add: bool) -> None:
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def log(self, type: str, message: str, *args: Any) -> None:
        if type == "error":
            log.error(message, *args)
        else:
            log.debug(message, *args)
