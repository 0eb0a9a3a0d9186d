"""Problem parsing and the status table (no network here)."""

from __future__ import annotations

import json

import pytest

from backoffice.portal import errors
from backoffice.portal.problems import parse_problem, problem_for, rate_limit_reset


def test_problem_fields() -> None:
    raw = json.dumps(
        {
            "type": "https://schema.fitko.de/fit-connect/submission-api/problems/x",
            "title": "Destination not found",
            "status": 404,
            "detail": "no\nsuch\x00destination",
            "instance": "/v1/destinations/1",
            "extra": "ignored",
        }
    ).encode()
    assert parse_problem(raw) == {
        "type": "https://schema.fitko.de/fit-connect/submission-api/problems/x",
        "title": "Destination not found",
        "detail": "no such destination",
        "instance": "/v1/destinations/1",
    }


def test_oauth_error_body() -> None:
    raw = b'{"error": "invalid_client", "error_description": "bad secret"}'
    assert parse_problem(raw) == {"title": "invalid_client", "detail": "bad secret"}


@pytest.mark.parametrize("raw", [b"", b"[1]", b"null"])
def test_empty_problems(raw: bytes) -> None:
    assert parse_problem(raw) == {}


def test_text_error_body_becomes_detail() -> None:
    assert parse_problem(b"<html>Bad Gateway</html>") == {"detail": "<html>Bad Gateway</html>"}


def test_long_server_text_is_cut() -> None:
    fields = parse_problem(json.dumps({"detail": "x" * 5000}).encode())
    assert len(fields["detail"]) <= 300


@pytest.mark.parametrize(
    ("status", "kind", "transient"),
    [
        (400, errors.PortalProblem, False),
        (401, errors.AuthenticationFailed, False),
        (403, errors.AccessDenied, False),
        (404, errors.NotFound, False),
        (408, errors.ServerError, True),
        (409, errors.Conflict, False),
        (410, errors.PortalProblem, False),
        (422, errors.PortalProblem, False),
        (429, errors.RateLimited, True),
        (451, errors.PortalProblem, False),  # unknown 4xx: a client error
        (500, errors.ServerError, True),
        (503, errors.ServerError, True),
        (599, errors.ServerError, True),  # unknown 5xx: a server error
    ],
)
def test_status_table(status: int, kind: type, transient: bool) -> None:
    problem = problem_for(status, {}, b"", "https://x.example/v1/a?b=c")
    assert type(problem) is kind
    assert problem.status == status
    assert isinstance(problem, errors.TransientError) is transient
    assert problem.url == "https://x.example/v1/a"  # no query in messages


def test_problem_message_is_one_line() -> None:
    raw = json.dumps({"title": "Forbidden", "detail": "not\nsubscribed"}).encode()
    problem = problem_for(403, {}, raw, "https://x.example/v1")
    assert str(problem) == "the portal answered 403 Forbidden: not subscribed"


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"RateLimit-Reset": "7"}, 7.0),
        ({"RateLimit-Reset": " 2.5 "}, 2.5),
        ({"RateLimit-Reset": "-3"}, 0.0),
        ({"RateLimit-Reset": "soon", "Retry-After": "4"}, 4.0),
        ({}, 1.0),
    ],
)
def test_rate_limit_reset(headers: dict, seconds: float) -> None:
    assert rate_limit_reset(headers, 1.0) == seconds
    limited = problem_for(429, headers, b"", "https://x.example")
    assert isinstance(limited, errors.RateLimited)
    assert limited.retry_after == seconds
