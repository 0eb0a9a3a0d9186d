"""The address policy: https, or plain http to loopback only."""

from __future__ import annotations

import pytest

from backoffice.portal.errors import InsecureUrlError
from backoffice.portal.urls import api_root, check_url, expand, host_root, is_loopback_host


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("https://portal.example.org", "https://portal.example.org"),
        ("https://portal.example.org/", "https://portal.example.org"),
        ("HTTPS://Portal.Example.org:8443/api/", "https://portal.example.org:8443/api"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.5.6.7/v1", "http://127.5.6.7/v1"),
        ("http://localhost:9000/token", "http://localhost:9000/token"),
        ("http://LOCALHOST", "http://localhost"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("https://[2001:db8::1]/", "https://[2001:db8::1]"),
    ],
)
def test_allowed(url: str, normalised: str) -> None:
    assert check_url(url) == normalised


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://portal.example.org", "plain http"),
        ("http://10.0.0.1", "plain http"),
        ("http://192.168.1.10:8080", "plain http"),
        ("http://[::2]", "plain http"),
        ("http://localhost.example.org", "plain http"),
        ("http://127.0.0.1.nip.io", "plain http"),
        ("http://0.0.0.0:8080", "plain http"),
        ("ftp://portal.example.org", "https://"),
        ("portal.example.org", "https://"),
        ("https://", "https://"),
        ("file:///etc/passwd", "https://"),
        ("https://user:pass@portal.example.org", "user name or password"),
        ("https://portal.example.org/?x=1", "query"),
        ("https://portal.example.org/#top", "fragment"),
        ("https://portal.example.org:99999", "not a valid URL"),
    ],
)
def test_refused(url: str, message: str) -> None:
    with pytest.raises(InsecureUrlError, match=message):
        check_url(url)


def test_message_names_the_setting() -> None:
    with pytest.raises(InsecureUrlError, match=r"^token URL 'http://auth\.example'"):
        check_url("http://auth.example", what="token URL")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.255.255.254", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("localhost.", True),
        ("128.0.0.1", False),
        ("::ffff:8.8.8.8", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


@pytest.mark.parametrize(
    ("base", "api", "host"),
    [
        ("https://dl.example", "https://dl.example/v1", "https://dl.example"),
        ("https://dl.example/v1/", "https://dl.example/v1", "https://dl.example"),
        ("http://127.0.0.1:5000/fit/", "http://127.0.0.1:5000/fit/v1", "http://127.0.0.1:5000"),
    ],
)
def test_roots(base: str, api: str, host: str) -> None:
    assert api_root(base) == api
    assert host_root(base) == host


def test_path_values_are_one_segment_each() -> None:
    assert expand("/submissions/{submission_id}", submission_id="../x?y#z") == (
        "/submissions/..%2Fx%3Fy%23z"
    )
