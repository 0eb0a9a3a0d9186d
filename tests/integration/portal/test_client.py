"""The subscriber client against a real HTTP server on loopback: tokens, paging, the calls."""

from __future__ import annotations

import json
import uuid

import pytest

from backoffice.portal import errors, jose, protocol
from backoffice.portal.http import RetryPolicy, SpooledText
from backoffice.portal.keys import SubscriberKeys
from tests.fakes import MonotonicClock
from tests.integration.portal import fake_portal as fp
from tests.integration.portal.conftest import ClientFactory
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


@pytest.mark.parametrize(("lifetime", "renew_after"), [(100, 80), (1800, 1740), (99_999, 1740)])
def test_token_renewed_before_expiry(
    portal: FakePortal, make_client: ClientFactory, lifetime: int, renew_after: float
) -> None:
    portal.token_lifetime = lifetime  # longer than the protocol's 1800 s is cut to 1800 s
    clock = MonotonicClock()
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

    def without_length(handler: fp.Handler, request: fp.Request) -> bool:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/jose")
        handler.send_header("Connection", "close")  # the end of the body is the end of it
        handler.end_headers()
        handler.wfile.write(text.encode())
        handler.close_connection = True
        return True

    portal.fail("GET", f"/v1/submissions/{ref['submissionId']}/attachments/", without_length)
    got = client.get_attachment(ref["submissionId"], attachment)
    assert isinstance(got, SpooledText)  # stays in its file, read by slices
    assert len(got) == len(text) and got[:] == text
    got.close()


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
