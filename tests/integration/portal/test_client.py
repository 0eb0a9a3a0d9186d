"""The subscriber client against a real HTTP server on loopback: tokens, paging, failures."""

from __future__ import annotations

import errno
import json
import socket
import time
import uuid
from typing import Any

import pytest
import urllib3.util.connection

from backoffice.portal import errors, jose, protocol
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.errors import ConnectionFailure
from backoffice.portal.http import Limits, RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from tests.integration.portal import fake_portal as fp
from tests.integration.portal.conftest import ClientFactory, Waits
from tests.integration.portal.fake_portal import FakePortal

DESTINATIONS = "/v1/destinations/"


# -- tokens -------------------------------------------------------------------------------------


def test_token_request_and_reuse(portal: FakePortal, make_client: ClientFactory) -> None:
    client = make_client()
    client.get_destination(portal.destination_id)
    client.list_submissions(portal.destination_id)
    client.get_destination(portal.destination_id)
    assert portal.tokens_issued == 1
    (token_request,) = portal.requests_to("POST", "/token")
    assert token_request.form() == {
        "grant_type": ["client_credentials"],
        "client_id": [portal.client_id],
        "client_secret": [portal.secret],
    }  # secret in the body, no scope
    assert "authorization" not in token_request.headers  # not HTTP Basic
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    api = [r for r in portal.requests if r.path.startswith("/v1/")]
    assert {r.headers["authorization"] for r in api} == {
        f"Bearer {next(iter(portal.valid_tokens))}"
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("lifetime", "renew_after"), [(100, 80), (1800, 1740), (99_999, 1740)])
def test_token_renewed_before_expiry(
    portal: FakePortal, make_client: ClientFactory, lifetime: int, renew_after: float
) -> None:
    portal.token_lifetime = lifetime  # longer than the protocol's 1800 s is cut to 1800 s
    clock = Clock()
    client = make_client(clock=clock)
    client.get_destination(portal.destination_id)
    clock.now += renew_after - 1
    client.get_destination(portal.destination_id)
    assert portal.tokens_issued == 1
    clock.now += 1
    client.get_destination(portal.destination_id)
    assert portal.tokens_issued == 2


def test_token_renewed_once_on_401(portal: FakePortal, make_client: ClientFactory) -> None:
    client = make_client()
    client.get_destination(portal.destination_id)
    portal.fail("GET", DESTINATIONS, fp.expire_token())
    assert client.get_destination(portal.destination_id).status == "active"
    assert portal.tokens_issued == 2
    assert len(portal.requests_to("GET", DESTINATIONS)) == 3


def test_second_401_is_final(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.problem(401, "Unauthorized"), fp.problem(401, "No"))
    with pytest.raises(errors.AuthenticationFailed, match="rejected our credentials"):
        make_client().get_destination(portal.destination_id)
    assert portal.tokens_issued == 2
    assert len(portal.requests_to("GET", DESTINATIONS)) == 2


def test_wrong_secret(portal: FakePortal, make_client: ClientFactory) -> None:
    with pytest.raises(errors.AuthenticationFailed) as caught:
        make_client(secret="wrong secret").get_destination(portal.destination_id)
    assert caught.value.status == 401
    assert "wrong secret" not in str(caught.value)
    assert len(portal.requests_to("POST", "/token")) == 1  # a 401 is not tried again
    assert portal.requests_to("GET", DESTINATIONS) == []


def test_token_endpoint_400_invalid_client(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("POST", "/token", fp.status(400, b'{"error": "invalid_client"}', {"X": "y"}))
    with pytest.raises(errors.AuthenticationFailed, match="invalid_client"):
        make_client().fetch_token()


# -- paging -------------------------------------------------------------------------------------


def test_all_pages_are_read(portal: FakePortal, make_client: ClientFactory) -> None:
    expected = [portal.add_submission()["submissionId"] for _ in range(1234)]
    refs = make_client().list_submissions(portal.destination_id)
    assert [r.submission_id for r in refs] == expected
    pages = portal.requests_to("GET", "/v1/submissions")
    assert [(p.query["limit"], p.query["offset"]) for p in pages] == [
        (["500"], ["0"]),
        (["500"], ["500"]),
        (["500"], ["1000"]),
    ]
    assert all(p.query["destinationId"] == [portal.destination_id] for p in pages)


def test_smaller_pages_and_duplicates(portal: FakePortal, make_client: ClientFactory) -> None:
    first = portal.add_submission()
    portal.add_submission()
    portal.submissions.append(first)  # listed twice (delivery is at least once)
    portal.submissions.append(first)
    refs = make_client().list_submissions(portal.destination_id, limit=2)
    assert len(refs) == 2
    assert len(portal.requests_to("GET", "/v1/submissions")) == 2


def test_empty_list(portal: FakePortal, make_client: ClientFactory) -> None:
    assert make_client().list_submissions(portal.destination_id) == []


def test_page_limit_is_bounded(portal: FakePortal, make_client: ClientFactory) -> None:
    with pytest.raises(ValueError, match=r"1\.\.500"):
        make_client().list_submissions(portal.destination_id, limit=501)


def test_lying_total_count_does_not_loop(portal: FakePortal, make_client: ClientFactory) -> None:
    page = {"count": 0, "offset": 0, "totalCount": 10**9, "submissions": []}
    portal.fail("GET", "/v1/submissions", fp.status(200, json.dumps(page).encode()))
    assert make_client().list_submissions(portal.destination_id) == []


# -- rate limits --------------------------------------------------------------------------------


def test_rate_limit_waits_reset_seconds(
    portal: FakePortal, make_client: ClientFactory, waits: Waits
) -> None:
    portal.fail("GET", DESTINATIONS, fp.rate_limited("2"))
    assert make_client().get_destination(portal.destination_id).status == "active"
    assert waits.slept == [2.0]
    (announced,) = waits.announced
    assert (announced.reason, announced.seconds, announced.attempt) == ("rate-limit", 2.0, 1)
    assert isinstance(announced.error, errors.RateLimited)


def test_rate_limit_really_waits(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.rate_limited("1"))
    started = time.monotonic()
    make_client(sleep=time.sleep).get_destination(portal.destination_id)
    assert time.monotonic() - started >= 1.0


def test_long_rate_limit_goes_to_the_caller(
    portal: FakePortal, make_client: ClientFactory, waits: Waits
) -> None:
    portal.fail("GET", DESTINATIONS, fp.rate_limited("3600"))
    with pytest.raises(errors.RateLimited) as caught:
        make_client().get_destination(portal.destination_id)
    assert caught.value.retry_after == 3600
    assert isinstance(caught.value, errors.TransientError)
    assert "3600" in str(caught.value)
    assert waits.slept == []


def test_rate_limited_post_is_sent_again(
    portal: FakePortal, make_client: ClientFactory, waits: Waits
) -> None:
    case = str(uuid.uuid4())
    portal.fail("POST", "/v1/cases/", fp.rate_limited("1"))
    make_client().post_event(case, "a.b.c")
    assert len(portal.requests_to("POST", "/v1/cases/")) == 2
    assert waits.slept == [1.0]


def test_wait_callback_can_abort(portal: FakePortal, make_client: ClientFactory) -> None:
    class Cancelled(Exception):
        pass

    def cancel(wait: Any) -> None:
        raise Cancelled

    portal.fail("GET", DESTINATIONS, fp.rate_limited("5"))
    with pytest.raises(Cancelled):
        make_client(on_wait=cancel).get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 1


# -- server errors and retries ------------------------------------------------------------------


def test_server_errors_are_retried_with_backoff(
    portal: FakePortal, make_client: ClientFactory, waits: Waits
) -> None:
    portal.fail("GET", DESTINATIONS, fp.problem(503, "Service Unavailable"), fp.status(502))
    assert make_client().get_destination(portal.destination_id).status == "active"
    assert waits.slept == [0.25, 0.5]
    assert [w.reason for w in waits.announced] == ["retry", "retry"]


def test_server_errors_give_up_after_the_attempts(
    portal: FakePortal, make_client: ClientFactory
) -> None:
    portal.fail("GET", DESTINATIONS, *[fp.problem(500, "Internal Server Error")] * 5)
    with pytest.raises(errors.ServerError) as caught:
        make_client().get_destination(portal.destination_id)
    assert isinstance(caught.value, errors.TransientError)
    assert caught.value.status == 500
    assert len(portal.requests_to("GET", DESTINATIONS)) == 3


def test_request_timeout_408_is_retried(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.problem(408, "Request Timeout"))
    make_client().get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 2


def test_post_event_is_not_repeated_after_a_server_error(
    portal: FakePortal, make_client: ClientFactory
) -> None:
    portal.fail("POST", "/v1/cases/", fp.problem(503, "Service Unavailable"))
    with pytest.raises(errors.ServerError):
        make_client().post_event(str(uuid.uuid4()), "a.b.c")
    assert len(portal.requests_to("POST", "/v1/cases/")) == 1


@pytest.mark.parametrize(
    ("code", "kind"),
    [(400, errors.PortalProblem), (404, errors.NotFound), (410, errors.PortalProblem)],
)
def test_client_errors_are_not_retried(
    portal: FakePortal, make_client: ClientFactory, code: int, kind: type
) -> None:
    portal.fail("GET", DESTINATIONS, fp.problem(code, "Nope"))
    with pytest.raises(kind):
        make_client().get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 1


def test_problem_details_are_parsed(portal: FakePortal, make_client: ClientFactory) -> None:
    with pytest.raises(errors.AccessDenied) as caught:
        make_client().get_destination(portal.forbidden_destination)
    assert (caught.value.status, caught.value.title, caught.value.detail) == (
        403,
        "Forbidden",
        "not subscribed to this destination",
    )
    with pytest.raises(errors.NotFound) as missing:
        make_client().get_destination(str(uuid.uuid4()))
    assert missing.value.type == protocol.DESTINATION_NOT_FOUND
    assert str(missing.value).startswith("the portal answered 404 Destination not found")


# -- broken answers -----------------------------------------------------------------------------


def test_read_timeout(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, *[fp.delay(3)] * 3)
    client = make_client(timeouts=Timeouts(connect=1, read=0.3, body=5))
    started = time.monotonic()
    with pytest.raises(errors.PortalTimeout) as caught:
        client.get_destination(portal.destination_id)
    assert isinstance(caught.value, errors.TransientError)
    assert time.monotonic() - started < 2.5
    assert len(portal.requests_to("GET", DESTINATIONS)) == 3


def test_slow_answer_within_the_timeout(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.delay(0.2))
    make_client(timeouts=Timeouts(connect=1, read=1, body=5)).get_destination(portal.destination_id)


def test_body_deadline(portal: FakePortal, make_client: ClientFactory) -> None:
    ticks = iter(range(0, 10_000, 100))
    client = make_client(clock=lambda: float(next(ticks)), timeouts=Timeouts(1, 1, body=50))
    portal.fail("GET", DESTINATIONS, *[fp.huge(2_000_000)] * 3)
    with pytest.raises(errors.PortalTimeout, match="reading the answer"):
        client.get_destination(portal.destination_id)


def test_dropped_connection_is_retried(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.drop())
    assert make_client().get_destination(portal.destination_id).status == "active"


def test_dropped_connection_every_time(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, *[fp.drop()] * 3)
    with pytest.raises(errors.PortalConnectionError) as caught:
        make_client().get_destination(portal.destination_id)
    assert caught.value.failure is ConnectionFailure.DROPPED
    assert not caught.value.before_send
    assert "closed the connection" in str(caught.value)


def test_dropped_post_is_not_repeated(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("POST", "/v1/cases/", fp.drop())
    with pytest.raises(errors.PortalConnectionError):
        make_client().post_event(str(uuid.uuid4()), "a.b.c")
    assert len(portal.requests_to("POST", "/v1/cases/")) == 1


def test_truncated_body(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, *[fp.truncate()] * 3)
    with pytest.raises(errors.TruncatedResponse, match="broke off"):
        make_client().get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 3


def test_truncated_once_then_whole(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.truncate())
    assert make_client().get_destination(portal.destination_id).status == "active"


def test_garbage_instead_of_json(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.garbage())
    with pytest.raises(errors.InvalidResponse, match=r"not JSON \(text/html"):
        make_client().get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 1


def test_json_of_the_wrong_shape(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.status(200, b'{"destinationId": 5}'))
    with pytest.raises(errors.InvalidResponse, match="destinationId"):
        make_client().get_destination(portal.destination_id)


@pytest.mark.parametrize("announce", [True, False], ids=["announced", "chunked"])
def test_oversized_json(portal: FakePortal, make_client: ClientFactory, announce: bool) -> None:
    portal.fail("GET", DESTINATIONS, fp.huge(3_000_000, announce=announce))
    client = make_client(limits=Limits(json_bytes=1_000_000))
    with pytest.raises(errors.ResponseTooLarge, match="1000000"):
        client.get_destination(portal.destination_id)
    # the connection was given up, the next call works
    assert client.get_destination(portal.destination_id).status == "active"


def test_redirects_are_not_followed(portal: FakePortal, make_client: ClientFactory) -> None:
    portal.fail("GET", DESTINATIONS, fp.redirect("http://evil.example/steal"))
    with pytest.raises(errors.UnexpectedRedirect, match=r"evil\.example"):
        make_client().get_destination(portal.destination_id)
    assert len(portal.requests_to("GET", DESTINATIONS)) == 1


# -- connections --------------------------------------------------------------------------------


def test_one_connection_for_many_calls(portal: FakePortal, make_client: ClientFactory) -> None:
    client = make_client()
    for _ in range(5):
        client.get_destination(portal.destination_id)
    assert len({r.connection for r in portal.requests}) == 1


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused(make_client: ClientFactory, waits: Waits) -> None:
    port = _closed_port()
    client = make_client(
        base_url=f"http://127.0.0.1:{port}", token_url=f"http://127.0.0.1:{port}/token"
    )
    with pytest.raises(errors.PortalConnectionError) as caught:
        client.fetch_token()
    assert caught.value.failure is ConnectionFailure.REFUSED
    assert caught.value.before_send
    assert "refused the connection" in str(caught.value)
    assert len(waits.slept) == 2  # refused before sending: safe to try again


def test_dns_failure(make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "portal.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    client = make_client(base_url="https://portal.invalid", token_url="https://portal.invalid/t")
    with pytest.raises(errors.PortalConnectionError) as caught:
        client.fetch_token()
    assert caught.value.failure is ConnectionFailure.DNS
    assert "cannot be resolved" in str(caught.value)


def test_no_route(make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EHOSTUNREACH, "No route to host")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", unreachable)
    client = make_client(base_url="https://portal.example", token_url="https://portal.example/t")
    with pytest.raises(errors.PortalConnectionError) as caught:
        client.fetch_token()
    assert caught.value.failure is ConnectionFailure.UNREACHABLE
    assert "no route" in str(caught.value)


def test_plain_http_to_another_host_is_refused() -> None:
    credentials = ClientCredentials("c", "s")
    with pytest.raises(errors.InsecureUrlError, match="plain http"):
        SubscriberClient("http://portal.example.org", "https://auth.example/t", credentials)
    with pytest.raises(errors.InsecureUrlError, match="token URL"):
        SubscriberClient("https://portal.example.org", "http://auth.example/t", credentials)


def test_tls_is_verified(tmp_path: Any, make_client: ClientFactory) -> None:
    certificates = fp.make_certificates(tmp_path)
    server = FakePortal(tls=certificates.server_context).start()
    try:
        untrusting = make_client(base_url=server.base_url, token_url=server.token_url)
        with pytest.raises(errors.TlsError, match=r"TLS check failed for 127\.0\.0\.1"):
            untrusting.fetch_token()
        trusting = SubscriberClient(
            server.base_url,
            server.token_url,
            ClientCredentials(server.client_id, server.secret),
            ca_file=certificates.ca_file,
        )
        with trusting:
            assert trusting.get_destination(server.destination_id).status == "active"
    finally:
        server.stop()


# -- the calls ----------------------------------------------------------------------------------


def test_submission_and_attachments(portal: FakePortal, make_client: ClientFactory) -> None:
    ref = portal.add_submission(attachments=2)
    client = make_client()
    submission = client.get_submission(ref["submissionId"])
    assert submission.case_id == ref["caseId"]
    first, second = submission.attachment_ids
    portal.attachments[(ref["submissionId"], first)] = b"h.k.i.c.t\n"
    portal.attachments[(ref["submissionId"], second)] = b"not a jwe"
    assert client.get_attachment(ref["submissionId"], first) == "h.k.i.c.t"
    with pytest.raises(errors.InvalidResponse, match="not a compact JWE"):
        client.get_attachment(ref["submissionId"], second)
    with pytest.raises(errors.NotFound):
        client.get_submission(str(uuid.uuid4()))
    attachment_requests = portal.requests_to("GET", "/v1/submissions/")[-3:-1]
    assert all(r.headers["accept"] == "application/jose" for r in attachment_requests)


def test_attachment_of_unknown_length_goes_through_a_file(
    portal: FakePortal, make_client: ClientFactory
) -> None:
    ref = portal.add_submission(attachments=1)
    client = make_client()
    (attachment,) = client.get_submission(ref["submissionId"]).attachment_ids
    text = "a." * 4 + "x" * 300_000
    portal.fail(
        "GET",
        f"/v1/submissions/{ref['submissionId']}/attachments/",
        fp.status(200, text.encode(), {}),
    )
    assert client.get_attachment(ref["submissionId"], attachment) == text


def test_ids_must_be_uuids(make_client: ClientFactory) -> None:
    with pytest.raises(ValueError, match="submission id"):
        make_client().get_submission("../../.well-known/jwks.json")


def test_events(portal: FakePortal, make_client: ClientFactory) -> None:
    ref = portal.add_submission()
    client = make_client()
    case = ref["caseId"]
    portal.events[case] = [portal.signed_event(case, ref["submissionId"])]
    client.post_event(case, "our.signed.set")
    (posted,) = portal.requests_to("POST", f"/v1/cases/{case}/events")
    assert posted.headers["content-type"] == "application/jose"
    assert posted.body == b"our.signed.set"
    with pytest.raises(errors.AlreadyDecided) as caught:
        client.post_event(case, "our.signed.set")
    assert caught.value.status == 409
    with pytest.raises(errors.InvalidEvent):
        client.post_event(str(uuid.uuid4()), "not-a-jws")
    log = client.get_event_log(case)
    assert log[1] == "our.signed.set"
    claims = jose.verify_set(log[0], client.get_jwks())
    assert claims["events"].keys() == {protocol.Event.SUBMIT_SUBMISSION}
    (jwks_request,) = portal.requests_to("GET", protocol.JWKS_PATH)
    assert "authorization" not in jwks_request.headers


def test_register_keys(
    portal: FakePortal, make_client: ClientFactory, subscriber_keys: SubscriberKeys
) -> None:
    client = make_client()
    client.register_keys(portal.destination_id, subscriber_keys.export_public_jwks())
    assert portal.registered == [subscriber_keys.export_public_jwks()]
    private = {"keys": [subscriber_keys.encryption.export_private(as_dict=True)]}
    with pytest.raises(ValueError, match="public"):
        client.register_keys(portal.destination_id, private)


def test_base_url_may_end_in_v1(portal: FakePortal, make_client: ClientFactory) -> None:
    client = make_client(base_url=portal.base_url + "/v1/")
    assert client.get_destination(portal.destination_id).status == "active"
    assert client.get_jwks()["keys"]


def test_retry_policy_attempts_one_means_no_retry(
    portal: FakePortal, make_client: ClientFactory
) -> None:
    portal.fail("GET", DESTINATIONS, fp.problem(503, "Unavailable"))
    with pytest.raises(errors.ServerError):
        make_client(retry=RetryPolicy(attempts=1)).get_destination(portal.destination_id)
