"""A scriptable fake delivery service: a real HTTP(S) server on loopback, for the client's
failure paths (the portal simulator covers the happy path end to end).

``portal.fail(method, path_prefix, *actions)`` queues one action per matching request:
``status(...)``, ``problem(...)``, ``drop()``, ``truncate()``, ``delay(seconds)`` (then normal
handling), ``garbage()``, ``huge(bytes)``, ``redirect(url)``. Everything the client sent is in
``portal.requests``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import ssl
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jwcrypto import jwk, jws

from backoffice.portal import protocol

Action = Callable[["Handler", "Request"], bool]  # True: answered; False: go on normally


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    connection: int  # one number per TCP connection

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


class _Server(ThreadingHTTPServer):
    """Quiet about clients that hang up early (timeouts, dropped connections are tested here).

    Closing the server ends its request threads: a thread waiting for the next request on
    a kept-alive connection (whose client is gone, or not yet garbage) would otherwise
    outlive the test.
    """

    daemon_threads = False  # server_close() joins the request threads

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        with self._open_lock:
            self._open.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        with self._open_lock:
            still_open = list(self._open)
        for connection in still_open:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError):
            super().handle_error(request, client_address)


@dataclass
class FakePortal:
    client_id: str = "rathaus-test"
    secret: str = "s3cr3t pa$$word"
    token_lifetime: int = 1800
    destination_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    forbidden_destination: str = field(default_factory=lambda: str(uuid.uuid4()))
    tls: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        self.submissions: list[dict[str, str]] = []
        self.details: dict[str, dict[str, Any]] = {}
        self.attachments: dict[tuple[str, str], bytes | Path] = {}
        self.events: dict[str, list[str]] = {}
        self.decided: set[str] = set()
        self.registered: list[Any] = []
        self.requests: list[Request] = []
        self.valid_tokens: set[str] = set()
        self.tokens_issued = 0
        self.faults: list[tuple[str, str, Action]] = []
        self.signing_key = jwk.JWK.generate(kty="RSA", size=2048, alg="PS512", use="sig")
        self.signing_key["kid"] = self.signing_key.thumbprint()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._connections = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakePortal:
        server = _Server(("127.0.0.1", 0), Handler)
        server.portal = self  # type: ignore[attr-defined]
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def token_url(self) -> str:
        return self.base_url + "/token"

    # -- content --------------------------------------------------------------------------------

    def add_submission(self, *, attachments: int = 0) -> dict[str, str]:
        ref = {
            "destinationId": self.destination_id,
            "submissionId": str(uuid.uuid4()),
            "caseId": str(uuid.uuid4()),
        }
        self.submissions.append(ref)
        self.details[ref["submissionId"]] = ref | {
            "serviceType": {"name": "Gewerbeanmeldung", "identifier": "urn:de:fim:leika:1"},
            "attachments": [str(uuid.uuid4()) for _ in range(attachments)],
            "encryptedMetadata": "h.k.i.c.t",
            "encryptedData": "h.k.i.c.t",
        }
        return ref

    def fail(self, method: str, path_prefix: str, *actions: Action) -> None:
        with self._lock:
            self.faults.extend((method, path_prefix, action) for action in actions)

    def revoke_tokens(self) -> None:
        self.valid_tokens.clear()

    def public_jwks(self) -> dict[str, Any]:
        return {"keys": [self.signing_key.export_public(as_dict=True)]}

    def signed_event(self, case_id: str, submission_id: str) -> str:
        claims = {
            "$schema": protocol.SET_SCHEMA,
            "jti": str(uuid.uuid4()),
            "iss": "https://delivery.example",
            "iat": int(time.time()),
            "sub": protocol.set_subject(submission_id),
            "txn": protocol.set_txn(case_id),
            "events": {protocol.Event.SUBMIT_SUBMISSION: {"authenticationTags": {}}},
        }
        header = {"typ": protocol.SET_TYPE, "alg": "PS512", "kid": self.signing_key["kid"]}
        token = jws.JWS(json.dumps(claims).encode())
        token.add_signature(self.signing_key, alg="PS512", protected=json.dumps(header))
        return token.serialize(compact=True)

    def requests_to(self, method: str, path_prefix: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # -- dispatch -------------------------------------------------------------------------------

    def connection_number(self) -> int:
        with self._lock:
            self._connections += 1
            return self._connections

    def take_fault(self, method: str, path: str) -> Action | None:
        with self._lock:
            for index, (m, prefix, action) in enumerate(self.faults):
                if m == method and path.startswith(prefix):
                    del self.faults[index]
                    return action
        return None

    def handle(self, handler: Handler, request: Request) -> None:
        with self._lock:
            self.requests.append(request)
        action = self.take_fault(request.method, request.path)
        if action is not None and action(handler, request):
            return
        route = request.method, request.path
        if route == ("POST", "/token"):
            return self._token(handler, request)
        if route == ("GET", protocol.JWKS_PATH):
            return handler.send_json(200, self.public_jwks())
        if not request.path.startswith("/v1/"):
            return handler.send_problem(404, "not found")
        token = request.headers.get("authorization", "")
        if not token.startswith("Bearer ") or token[7:] not in self.valid_tokens:
            return handler.send_problem(401, "Unauthorized", "token missing, expired or revoked")
        parts = request.path[len("/v1/") :].split("/")
        if request.method == "GET" and parts == ["submissions"]:
            return self._list(handler, request)
        if request.method == "GET" and parts[0] == "submissions" and len(parts) == 2:
            if parts[1] not in self.details:
                return handler.send_problem(404, "Submission not found")
            return handler.send_json(200, self.details[parts[1]])
        if request.method == "GET" and parts[0] == "submissions" and len(parts) == 4:
            body = self.attachments.get((parts[1], parts[3]))
            if body is None:
                return handler.send_problem(404, "Attachment not found")
            return handler.send_body(200, body, protocol.JOSE_MEDIA_TYPE)
        if parts[0] == "cases" and len(parts) == 3 and parts[2] == "events":
            return self._events(handler, request, parts[1])
        if parts[0] == "destinations" and len(parts) >= 2:
            return self._destination(handler, request, parts[1:])
        return handler.send_problem(404, "not found")

    def _token(self, handler: Handler, request: Request) -> None:
        form = request.form()
        if form.get("grant_type") != ["client_credentials"]:
            return handler.send_json(400, {"error": "unsupported_grant_type"})
        if form.get("client_id") != [self.client_id] or form.get("client_secret") != [self.secret]:
            return handler.send_json(
                401,
                {"error": "invalid_client", "error_description": "client authentication failed"},
            )
        self.tokens_issued += 1
        token = f"token-{self.tokens_issued}-{uuid.uuid4().hex}"
        self.valid_tokens.add(token)
        answer = {"access_token": token, "token_type": "Bearer", "expires_in": self.token_lifetime}
        return handler.send_json(200, answer)

    def _list(self, handler: Handler, request: Request) -> None:
        destination = request.query.get("destinationId", [""])[0]
        limit = int(request.query.get("limit", ["100"])[0])
        offset = int(request.query.get("offset", ["0"])[0])
        if not 1 <= limit <= protocol.PAGE_LIMIT_MAX:
            return handler.send_problem(400, "Bad Request", f"limit {limit} out of range")
        matching = [s for s in self.submissions if s["destinationId"] == destination]
        page = matching[offset : offset + limit]
        return handler.send_json(
            200,
            {
                "count": len(page),
                "offset": offset,
                "totalCount": len(matching),
                "submissions": page,
            },
        )

    def _events(self, handler: Handler, request: Request, case_id: str) -> None:
        if request.method == "GET":
            return handler.send_json(200, {"eventLog": self.events.get(case_id, [])})
        if request.headers.get("content-type") != protocol.JOSE_MEDIA_TYPE:
            return handler.send_problem(415, "Unsupported Media Type")
        if request.body.count(b".") != 2:
            return handler.send_problem(422, "Unprocessable Entity", "not a compact JWS")
        if case_id in self.decided:
            return handler.send_problem(409, "Conflict", "the submission was decided already")
        self.decided.add(case_id)
        self.events.setdefault(case_id, []).append(request.body.decode())
        return handler.send_body(204, b"")

    def _destination(self, handler: Handler, request: Request, parts: list[str]) -> None:
        destination = parts[0]
        if destination == self.forbidden_destination:
            return handler.send_problem(403, "Forbidden", "not subscribed to this destination")
        if destination != self.destination_id:
            return handler.send_problem(
                404, "Destination not found", type_=protocol.DESTINATION_NOT_FOUND
            )
        if request.method == "POST" and parts[1:] == ["keys"]:
            self.registered.append(json.loads(request.body))
            return handler.send_json(201, {})
        return handler.send_json(
            200,
            {
                "destinationId": destination,
                "status": "active",
                "encryptionKid": None,
                "metadataVersions": ["1.0.0"],
                "services": [
                    {
                        "identifier": "urn:de:fim:leika:leistung:99050012104000",
                        "submissionSchemas": [
                            {"schemaUri": "urn:x:schema:1.0.0", "mimeType": "application/json"}
                        ],
                        "regions": ["DE05315000"],
                        "replyChannels": {"eMail": {}},
                    }
                ],
            },
        )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection_id = self.portal.connection_number()

    @property
    def portal(self) -> FakePortal:
        return self.server.portal  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        request = Request(
            self.command,
            parts.path,
            parse_qs(parts.query),
            {k.lower(): v for k, v in self.headers.items()},
            body,
            self.connection_id,
        )
        self.portal.handle(self, request)

    do_GET = do_POST = do_PUT = _dispatch

    # -- answers --------------------------------------------------------------------------------

    def send_body(
        self,
        status: int,
        body: bytes | Path,
        content_type: str = "application/octet-stream",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        size = body.stat().st_size if isinstance(body, Path) else len(body)
        if status != 204:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if isinstance(body, Path):
            with body.open("rb") as file:
                shutil.copyfileobj(file, self.wfile, 256 * 1024)
        else:
            self.wfile.write(body)

    def send_json(self, status: int, document: Any, headers: dict[str, str] | None = None) -> None:
        self.send_body(status, json.dumps(document).encode(), "application/json", headers)

    def send_problem(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        type_: str = "about:blank",
        headers: dict[str, str] | None = None,
    ) -> None:
        document = {"type": type_, "title": title, "status": status}
        if detail:
            document["detail"] = detail
        self.send_body(status, json.dumps(document).encode(), protocol.PROBLEM_MEDIA_TYPE, headers)


# -- actions ------------------------------------------------------------------------------------


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.send_body(code, body, "text/plain", headers)
        return True

    return act


def problem(code: int, title: str, detail: str = "", **kwargs: Any) -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.send_problem(code, title, detail, **kwargs)
        return True

    return act


def rate_limited(reset: str) -> Action:
    headers = {"RateLimit-Limit": "10", "RateLimit-Remaining": "0", "RateLimit-Reset": reset}
    return problem(429, "Too Many Requests", headers=headers)


def drop() -> Action:
    """Read the request, then close the connection without a word."""

    def act(handler: Handler, request: Request) -> bool:
        handler.close_connection = True
        return True

    return act


def truncate(announced: int = 10_000, sent: int = 100) -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(announced))
        handler.end_headers()
        handler.wfile.write(b"{" + b" " * (sent - 1))
        handler.wfile.flush()
        handler.close_connection = True
        return True

    return act


def delay(seconds: float) -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.portal.stopping.wait(seconds)
        return False

    return act


def garbage() -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.send_body(200, b"<html><body>Wartungsarbeiten</body></html>", "text/html")
        return True

    return act


def huge(size: int, announce: bool = True) -> Action:
    """A JSON body of ``size`` bytes; with ``announce=False`` sent chunked, length unknown."""

    def act(handler: Handler, request: Request) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if announce:
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b" " * 65536
        remaining = size
        try:
            while remaining > 0:
                piece = chunk[: min(remaining, len(chunk))]
                if announce:
                    handler.wfile.write(piece)
                else:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                remaining -= len(piece)
            if not announce:
                handler.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client stopped reading: that is the point
        handler.close_connection = True
        return True

    return act


def redirect(location: str) -> Action:
    def act(handler: Handler, request: Request) -> bool:
        handler.send_body(302, b"", headers={"Location": location})
        return True

    return act


def expire_token() -> Action:
    """Revoke every token now, then handle the request normally (so it gets a 401)."""

    def act(handler: Handler, request: Request) -> bool:
        handler.portal.revoke_tokens()
        return False

    return act
