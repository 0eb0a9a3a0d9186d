"""The WSGI application: routes, who may call what, and the transport faults around each call.

Paths come from ``backoffice.portal.protocol``. Every ``/v1`` call needs a bearer token; the
subscriber client may only call subscriber endpoints and the sender client only sender
endpoints (403 otherwise). The token endpoint, the JWKS, the citizen portal pages and the
control endpoint need none (the last one answers loopback clients only).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from backoffice.portal import protocol

from .auth import Role, Tokens
from .control import LOOPBACK, ControlDesk
from .faults import FaultBoard, FaultKind
from .portal import case_view, portal_html
from .replies import ReplyDesk
from .sender import SenderDesk
from .state import ApiError, Store
from .subscriber import SubscriberDesk
from .web import (
    blob_response,
    fault_response,
    json_response,
    log,
    problem_response,
    read_body,
    read_json,
    truncated,
)

SUBSCRIBER = frozenset({Role.SUBSCRIBER})
SENDER = frozenset({Role.SENDER})
BOTH = frozenset({Role.SUBSCRIBER, Role.SENDER})
PUBLIC = None


V1 = "/v1"


def _v1(template: str) -> str:
    return V1 + re.sub(r"\{(\w+)\}", r"<\1>", template)


#: endpoint, method, path, who may call it
ROUTES: list[tuple[str, str, str, frozenset[Role] | None]] = [
    ("list_submissions", "GET", _v1(protocol.SUBMISSIONS), SUBSCRIBER),
    ("announce", "POST", _v1(protocol.SUBMISSIONS), SENDER),
    ("submission", "GET", _v1(protocol.SUBMISSION), SUBSCRIBER),
    ("submit", "PUT", _v1(protocol.SUBMISSION), SENDER),
    ("attachment", "GET", _v1(protocol.SUBMISSION_ATTACHMENT), SUBSCRIBER),
    ("upload", "PUT", _v1(protocol.SUBMISSION_ATTACHMENT), SENDER),
    ("post_event", "POST", _v1(protocol.CASE_EVENTS), SUBSCRIBER),
    ("case_events", "GET", _v1(protocol.CASE_EVENTS), BOTH),
    ("destination", "GET", _v1(protocol.DESTINATION), BOTH),
    ("register_keys", "POST", _v1(protocol.DESTINATION_KEYS), SUBSCRIBER),
    ("destination_key", "GET", _v1(protocol.DESTINATION_KEY), BOTH),
    ("announce_reply", "POST", _v1(protocol.REPLIES), SUBSCRIBER),
    ("submit_reply", "PUT", _v1(protocol.REPLY), SUBSCRIBER),
    ("upload_reply", "PUT", _v1(protocol.REPLY_ATTACHMENT), SUBSCRIBER),
    ("reply_events", "GET", _v1(protocol.REPLY_EVENTS), BOTH),
    ("token", "POST", "/token", PUBLIC),
    ("jwks", "GET", protocol.JWKS_PATH, PUBLIC),
    ("portal", "GET", "/portal/", PUBLIC),
    ("portal_case", "GET", "/portal/cases/<case_id>", PUBLIC),
    ("control_faults", "GET", "/_control/faults", PUBLIC),
    ("control_set_faults", "POST", "/_control/faults", PUBLIC),
    ("control_clear_faults", "DELETE", "/_control/faults", PUBLIC),
    ("control_submissions", "GET", "/_control/submissions", PUBLIC),
    ("control_make_submissions", "POST", "/_control/submissions", PUBLIC),
    ("control_follow_up", "POST", "/_control/follow-ups", PUBLIC),
    ("control_revoke", "POST", "/_control/revoke-tokens", PUBLIC),
    ("control_info", "GET", "/_control/info", PUBLIC),
]
_NO_FAULTS = ("/_control/", "/portal")


class Api:
    def __init__(
        self,
        *,
        store: Store,
        subscriber: SubscriberDesk,
        sender: SenderDesk,
        replies: ReplyDesk,
        tokens: Tokens,
        faults: FaultBoard,
        control: ControlDesk,
        stopping: threading.Event,
    ) -> None:
        self.store = store
        self.subscriber = subscriber
        self.sender = sender
        self.replies = replies
        self.tokens = tokens
        self.faults = faults
        self.control = control
        self.stopping = stopping
        self.url_map = Map(
            [Rule(path, methods=[method], endpoint=name) for name, method, path, _ in ROUTES]
        )
        self.roles = {name: roles for name, _, _, roles in ROUTES}

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        path = request.path
        decision = None
        if not path.startswith(_NO_FAULTS):
            decision = self.faults.decide(request.method, path)
            if decision.delay:
                self.stopping.wait(decision.delay)
        action = decision.action if decision else None
        if action is not None and not action.after and action.kind is not FaultKind.TRUNCATE:
            response = fault_response(action, environ)
            return response(environ, start_response)
        response = self.dispatch(request, duplicate=bool(decision and decision.duplicate))
        if action is not None and action.kind is FaultKind.TRUNCATE:
            response = truncated(response)
        elif action is not None:
            response.close()
            response = fault_response(action, environ)
        return response(environ, start_response)

    def dispatch(self, request: Request, *, duplicate: bool = False) -> Response:
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
            assert isinstance(endpoint, str)
            if endpoint.startswith("control") and request.remote_addr not in LOOPBACK:
                raise ApiError(403, "the control endpoint answers loopback clients only")
            roles = self.roles[endpoint]
            if roles is not None:
                role = self.tokens.role_of(request.headers.get("Authorization"))
                if role not in roles:
                    raise ApiError(403, f"the {role.value} client may not call this endpoint")
            handler: Callable[..., Response] = getattr(self, f"_{endpoint}")
            return handler(request, duplicate=duplicate, **args)
        except ApiError as error:
            return problem_response(error, request.path)
        except MethodNotAllowed as exc:
            allowed = ", ".join(exc.valid_methods or [])
            headers = {"Allow": allowed} if allowed else None
            return problem_response(ApiError(405, "method not allowed", headers=headers))
        except NotFound:
            return problem_response(ApiError(404, "no such resource"), request.path)
        except HTTPException as exc:
            if exc.code and 300 <= exc.code < 400:
                return exc.get_response(request.environ)
            return problem_response(ApiError(exc.code or 500, exc.description or "error"))
        except Exception:
            log.exception("simulator error on %s %s", request.method, request.path)
            return problem_response(ApiError(500, "internal error of the simulator"))

    # -- subscriber -------------------------------------------------------------------------------

    def _list_submissions(self, request: Request, duplicate: bool) -> Response:
        args = request.args
        try:
            limit = int(args.get("limit", protocol.PAGE_LIMIT_DEFAULT))
            offset = int(args.get("offset", 0))
        except ValueError:
            raise ApiError(400, "limit and offset must be integers") from None
        if not 1 <= limit <= protocol.PAGE_LIMIT_MAX or offset < 0:
            raise ApiError(400, f"limit must be 1..{protocol.PAGE_LIMIT_MAX}, offset ≥ 0")
        return json_response(
            self.subscriber.list_submissions(args.get("destinationId"), limit, offset, duplicate)
        )

    def _submission(self, request: Request, duplicate: bool, submission_id: str) -> Response:
        return json_response(self.subscriber.submission(submission_id))

    def _attachment(
        self, request: Request, duplicate: bool, submission_id: str, attachment_id: str
    ) -> Response:
        return blob_response(self.subscriber.attachment(submission_id, attachment_id))

    def _post_event(self, request: Request, duplicate: bool, case_id: str) -> Response:
        if request.mimetype != protocol.JOSE_MEDIA_TYPE:
            raise ApiError(415, f"send the SET as {protocol.JOSE_MEDIA_TYPE}")
        try:
            token = read_body(request, 256 * 1024).decode("ascii").strip()
        except UnicodeDecodeError:
            raise ApiError(422, "invalid SET: not a compact JWS") from None
        self.subscriber.post_event(case_id, token)
        return Response(status=204)

    def _case_events(self, request: Request, duplicate: bool, case_id: str) -> Response:
        return json_response(self.subscriber.case_events(case_id))

    def _destination(self, request: Request, duplicate: bool, destination_id: str) -> Response:
        return json_response(self.subscriber.destination(destination_id))

    def _register_keys(self, request: Request, duplicate: bool, destination_id: str) -> Response:
        body = read_json(request)
        return json_response(self.subscriber.register_keys(destination_id, body), 201)

    def _destination_key(
        self, request: Request, duplicate: bool, destination_id: str, kid: str
    ) -> Response:
        return json_response(self.subscriber.public_key(destination_id, kid))

    # -- sender -----------------------------------------------------------------------------------

    def _announce(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.sender.announce(read_json(request)), 201)

    def _upload(
        self, request: Request, duplicate: bool, submission_id: str, attachment_id: str
    ) -> Response:
        self._require_jose(request)
        self.sender.upload(submission_id, attachment_id, request.stream)
        return Response(status=204)

    def _submit(self, request: Request, duplicate: bool, submission_id: str) -> Response:
        return json_response(self.sender.submit(submission_id, read_json(request)), 202)

    @staticmethod
    def _require_jose(request: Request) -> None:
        if request.mimetype != protocol.JOSE_MEDIA_TYPE:
            raise ApiError(415, f"send the attachment as {protocol.JOSE_MEDIA_TYPE}")

    # -- replies ----------------------------------------------------------------------------------

    def _announce_reply(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.replies.announce(read_json(request)), 201)

    def _upload_reply(
        self, request: Request, duplicate: bool, reply_id: str, attachment_id: str
    ) -> Response:
        self._require_jose(request)
        self.replies.upload(reply_id, attachment_id, request.stream)
        return Response(status=204)

    def _submit_reply(self, request: Request, duplicate: bool, reply_id: str) -> Response:
        return json_response(self.replies.submit(reply_id, read_json(request)), 202)

    def _reply_events(self, request: Request, duplicate: bool, reply_id: str) -> Response:
        return json_response(self.replies.events(reply_id))

    # -- public -----------------------------------------------------------------------------------

    def _token(self, request: Request, duplicate: bool) -> Response:
        if request.mimetype != "application/x-www-form-urlencoded":
            raise ApiError(
                400,
                "send the token request form-encoded",
                error="invalid_request",
                headers={"Cache-Control": "no-store"},
            )
        basic = request.headers.get("Authorization", "").lower().startswith("basic ")
        answer = self.tokens.issue(request.form.to_dict(), basic)
        return json_response(answer, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    def _jwks(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.store.keys.jwks())

    def _portal(self, request: Request, duplicate: bool) -> Response:
        response = Response(portal_html(self.store), content_type="text/html; charset=utf-8")
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
        return response

    def _portal_case(self, request: Request, duplicate: bool, case_id: str) -> Response:
        return json_response(case_view(self.store, case_id))

    # -- control ----------------------------------------------------------------------------------

    def _control_faults(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.rules())

    def _control_set_faults(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.set_rules(read_json(request)))

    def _control_clear_faults(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.clear_rules())

    def _control_submissions(self, request: Request, duplicate: bool) -> Response:
        return json_response({"submissions": self.control.outcomes()})

    def _control_make_submissions(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.make_submissions(read_json(request)), 201)

    def _control_follow_up(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.make_follow_up(read_json(request)), 201)

    def _control_revoke(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.revoke())

    def _control_info(self, request: Request, duplicate: bool) -> Response:
        return json_response(self.control.info())
