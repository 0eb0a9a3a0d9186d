"""The subscriber client: the delivery service's API as the back office uses it.

One :class:`SubscriberClient` per portal connection (and per thread: a ``requests.Session`` is
not made for sharing between threads). Transport rules (timeouts, retries, limits, TLS) are in
:mod:`backoffice.portal.http`, tokens in :mod:`backoffice.portal.auth`; here are the calls.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from backoffice.portal import jose, protocol
from backoffice.portal.auth import ClientCredentials, TokenSource
from backoffice.portal.errors import (
    AlreadyDecided,
    AuthenticationFailed,
    Conflict,
    InvalidEvent,
    InvalidResponse,
    PortalProblem,
)
from backoffice.portal.http import (
    Limits,
    Response,
    RetryPolicy,
    SpooledText,
    Timeouts,
    Transport,
    WaitCallback,
)
from backoffice.portal.models import (
    Destination,
    Submission,
    SubmissionRef,
    parse_destination,
    parse_event_log,
    parse_jwks,
    parse_submission,
    parse_submission_page,
)
from backoffice.portal.settings import PortalSettings
from backoffice.portal.urls import api_root, check_uuid, expand, host_root, is_uuid

log = logging.getLogger(__name__)

_JSON = "application/json"


class SubscriberClient:
    """Talks to one delivery service as one subscriber (client id + secret)."""

    def __init__(
        self,
        base_url: str,
        token_url: str,
        credentials: ClientCredentials,
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
        self._api = api_root(base_url)
        self._host = host_root(base_url)
        self._transport = Transport(
            timeouts=timeouts,
            retry=retry,
            limits=limits,
            on_wait=on_wait,
            sleep=sleep,
            clock=clock,
            ca_file=ca_file,
            spool_dir=spool_dir,
        )
        self._tokens = TokenSource(self._transport, token_url, credentials, clock=clock)

    @classmethod
    def from_settings(
        cls, settings: PortalSettings, secret: str, **options: Any
    ) -> SubscriberClient:
        """A client for the configured portal; ``options`` as for the constructor."""
        options.setdefault(
            "timeouts",
            Timeouts(connect=settings.connect_timeout, read=settings.read_timeout),
        )
        options.setdefault("ca_file", settings.ca_file)
        return cls(
            settings.base_url,
            settings.token_url,
            ClientCredentials(settings.client_id, secret),
            **options,
        )

    @property
    def limits(self) -> Limits:
        return self._transport.limits

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> SubscriberClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- calls ----------------------------------------------------------------------------------

    def fetch_token(self) -> None:
        """Get (or reuse) an access token: proves that client id and secret are accepted."""
        self._tokens.token()

    def list_submissions(
        self, destination_id: str, *, limit: int = protocol.PAGE_LIMIT_MAX
    ) -> list[SubmissionRef]:
        """Every submission waiting at the destination, all pages read, each listed once.

        The list is read completely before it is returned, so that confirming submissions
        while going through it cannot shift the pages under us. One that is missed because the
        list changed meanwhile is listed again next time (delivery is at least once).
        """
        if not 1 <= limit <= protocol.PAGE_LIMIT_MAX:
            raise ValueError(f"page limit must be 1..{protocol.PAGE_LIMIT_MAX}, not {limit}")
        check_uuid(destination_id, what="destination id")
        found: dict[str, SubmissionRef] = {}
        offset = 0
        pages = 0
        max_pages: int | None = None
        while True:
            answer = self._call(
                "GET",
                self._url(protocol.SUBMISSIONS),
                params={"destinationId": destination_id, "limit": limit, "offset": offset},
            )
            page = parse_submission_page(answer.json())
            pages += 1
            if max_pages is None:  # a misbehaving server must not keep us paging for ever
                max_pages = math.ceil(page.total_count / limit) + 5
            for ref in page.submissions:
                found.setdefault(ref.submission_id, ref)
            offset += len(page.submissions)
            if not page.submissions or offset >= page.total_count or pages >= max_pages:
                break
        log.debug(
            "destination %s: %d submission(s) in %d page(s)", destination_id, len(found), pages
        )
        return list(found.values())

    def get_submission(self, submission_id: str) -> Submission:
        """The submission with its encrypted metadata and data (NotFound when not pickable)."""
        check_uuid(submission_id, what="submission id")
        answer = self._call("GET", self._url(protocol.SUBMISSION, submission_id=submission_id))
        return parse_submission(answer.json())

    def get_attachment(
        self, submission_id: str, attachment_id: str, max_bytes: int | None = None
    ) -> str | SpooledText:
        """One attachment as compact JWE text.

        Large bodies go to an anonymous temporary file while they arrive and stay there: the
        text comes back as a :class:`SpooledText` that :func:`jose.decrypt` reads by slices,
        so a 50 MB attachment is in memory only as plaintext.
        ``max_bytes`` lowers the configured limit (a larger answer is ResponseTooLarge, raised
        before its body is read when the portal announces its length).
        """
        check_uuid(submission_id, what="submission id")
        check_uuid(attachment_id, what="attachment id")
        url = self._url(
            protocol.SUBMISSION_ATTACHMENT,
            submission_id=submission_id,
            attachment_id=attachment_id,
        )
        answer = self._call(
            "GET",
            url,
            headers={"Accept": protocol.JOSE_MEDIA_TYPE},
            max_bytes=min(max_bytes or self.limits.attachment_bytes, self.limits.attachment_bytes),
            spool=True,
        )
        with answer.body as body:
            text = body.text()  # a large one stays in its file: SpooledText
        if jose.dot_positions(text) is None:
            if isinstance(text, SpooledText):
                text.close()
            raise InvalidResponse(
                f"attachment {attachment_id} is not a compact JWE (five dot-separated parts)"
            )
        return text

    def post_event(self, case_id: str, set_token: str) -> None:
        """Send our decision (a signed SET). AlreadyDecided on 409, InvalidEvent on 422.

        Not repeated on its own after a failure that may have reached the server: the outbox
        tries again later, and a 409 then tells that the first try went through.
        """
        check_uuid(case_id, what="case id")
        try:
            self._call(
                "POST",
                self._url(protocol.CASE_EVENTS, case_id=case_id),
                headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
                data=set_token.encode("ascii"),
                idempotent=False,
            )
        except Conflict as problem:
            raise AlreadyDecided(*_fields(problem), url=problem.url) from None
        except PortalProblem as problem:
            if problem.status == 422:
                raise InvalidEvent(*_fields(problem), url=problem.url) from None
            raise

    def get_event_log(self, case_id: str) -> tuple[str, ...]:
        """The case's events as compact SETs, unverified: check each with ``jose.verify_set``."""
        check_uuid(case_id, what="case id")
        answer = self._call("GET", self._url(protocol.CASE_EVENTS, case_id=case_id))
        return parse_event_log(answer.json())

    # -- replies to the citizen (backoffice.portal.replies builds and reads them) ----------------

    def announce_reply(self, case_id: str, attachment_ids: Sequence[str]) -> str:
        """Open a reply on the case, naming the documents that will go with it; its id.

        Not repeated on its own after a failure that may have reached the portal (a second
        announcement would open a second reply): the caller tries again later."""
        check_uuid(case_id, what="case id")
        for attachment_id in attachment_ids:
            check_uuid(attachment_id, what="attachment id")
        body = {"caseId": case_id, "announcedAttachments": list(attachment_ids)}
        answer = self._call(
            "POST",
            self._url(protocol.REPLIES),
            headers={"Content-Type": _JSON},
            data=json.dumps(body).encode("utf-8"),
            idempotent=False,
        )
        document = answer.json()
        reply_id = document.get("replyId") if isinstance(document, dict) else None
        if not is_uuid(reply_id):
            raise InvalidResponse("the portal announced a reply without a valid replyId")
        return str(reply_id)

    def upload_reply_attachment(self, reply_id: str, attachment_id: str, jwe_text: str) -> None:
        """Upload one document of a reply (compact JWE); uploading it again replaces it."""
        check_uuid(reply_id, what="reply id")
        check_uuid(attachment_id, what="attachment id")
        self._call(
            "PUT",
            self._url(protocol.REPLY_ATTACHMENT, reply_id=reply_id, attachment_id=attachment_id),
            headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
            data=jwe_text.encode("ascii"),
        )

    def submit_reply(self, reply_id: str, encrypted_metadata: str, encrypted_data: str) -> None:
        """Send the reply off. Conflict (409) when it was submitted before."""
        check_uuid(reply_id, what="reply id")
        body = {"encryptedMetadata": encrypted_metadata, "encryptedData": encrypted_data}
        self._call(
            "PUT",
            self._url(protocol.REPLY, reply_id=reply_id),
            headers={"Content-Type": _JSON},
            data=json.dumps(body).encode("ascii"),
        )

    def get_reply_events(self, reply_id: str) -> tuple[str, ...]:
        """The reply's events as compact SETs, unverified (``replies.reply_outcome`` checks)."""
        check_uuid(reply_id, what="reply id")
        answer = self._call("GET", self._url(protocol.REPLY_EVENTS, reply_id=reply_id))
        return parse_event_log(answer.json())

    def get_destination(self, destination_id: str) -> Destination:
        check_uuid(destination_id, what="destination id")
        answer = self._call("GET", self._url(protocol.DESTINATION, destination_id=destination_id))
        return parse_destination(answer.json())

    def register_keys(self, destination_id: str, jwks: Mapping[str, Any]) -> None:
        """Register our public keys (a JWKS, ``{"keys": [...]}``) at the destination."""
        check_uuid(destination_id, what="destination id")
        keys = jwks.get("keys")
        if not isinstance(keys, list) or any("d" in k for k in keys):
            raise ValueError("register_keys wants a public JWKS (no private key parts)")
        try:
            self._call(
                "POST",
                self._url(protocol.DESTINATION_KEYS, destination_id=destination_id),
                headers={"Content-Type": _JSON},
                data=json.dumps(dict(jwks)).encode("utf-8"),
                idempotent=True,  # registering the same keys again changes nothing
            )
        except Conflict:
            log.debug("destination %s: keys were registered already", destination_id)

    def get_jwks(self) -> dict[str, Any]:
        """The delivery service's public signing keys (``/.well-known/jwks.json``, no token)."""
        answer = self._transport.request(
            "GET", self._host + protocol.JWKS_PATH, headers={"Accept": _JSON}
        )
        return parse_jwks(answer.json())

    # -- plumbing -------------------------------------------------------------------------------

    def _url(self, template: str, **ids: str) -> str:
        return self._api + expand(template, **ids)

    def _call(
        self, method: str, url: str, *, headers: Mapping[str, str] | None = None, **options: Any
    ) -> Response:
        """An authorised request; on a 401 the token is renewed once and the request repeated."""
        for renewed in (False, True):
            token = self._tokens.token()
            request_headers = {"Accept": _JSON, **(headers or {})}
            request_headers["Authorization"] = f"Bearer {token}"
            try:
                return self._transport.request(method, url, headers=request_headers, **options)
            except AuthenticationFailed:
                if renewed:
                    raise
                log.debug("%s %s: 401, renewing the access token once", method, url)
                self._tokens.invalidate(token)
        raise AssertionError("unreachable")


def _fields(problem: PortalProblem) -> tuple[int, str, str, str]:
    return problem.status, problem.type, problem.title, problem.detail
