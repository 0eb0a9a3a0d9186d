"""The transport against a real HTTP server on loopback: rate limits, retries, broken answers,
connections and TLS."""

from __future__ import annotations

import errno
import socket
import time
import uuid
from typing import Any

import pytest
import urllib3.util.connection

from backoffice.portal import errors, protocol
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.errors import ConnectionFailure
from backoffice.portal.http import Limits, Timeouts
from tests.integration.portal import fake_portal as fp
from tests.integration.portal.certificates import make_certificates
from tests.integration.portal.conftest import ClientFactory, Waits
from tests.integration.portal.fake_portal import FakePortal

DESTINATIONS = "/v1/destinations/"


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
    certificates = make_certificates(tmp_path)
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


@pytest.fixture
def clean_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_proxy_of_the_environment_is_used(
    portal: FakePortal, make_client: ClientFactory, clean_proxy_env: pytest.MonkeyPatch
) -> None:
    clean_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    client = make_client()
    with pytest.raises(errors.PortalConnectionError) as caught:
        client.fetch_token()
    assert caught.value.failure is ConnectionFailure.PROXY
    assert portal.requests == []


def test_no_proxy_of_the_environment_is_respected(
    portal: FakePortal, make_client: ClientFactory, clean_proxy_env: pytest.MonkeyPatch
) -> None:
    clean_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    clean_proxy_env.setenv("NO_PROXY", "127.0.0.1")
    client = make_client()
    assert client.get_destination(portal.destination_id).status == "active"


def test_the_ca_bundle_of_the_environment_is_trusted(
    tmp_path: Any, make_client: ClientFactory, clean_proxy_env: pytest.MonkeyPatch
) -> None:
    certificates = make_certificates(tmp_path)
    clean_proxy_env.setenv("REQUESTS_CA_BUNDLE", str(certificates.ca_file))
    server = FakePortal(tls=certificates.server_context).start()
    try:
        client = make_client(base_url=server.base_url, token_url=server.token_url)
        client.fetch_token()  # fails with a TLS error unless the bundle is read
    finally:
        server.stop()
