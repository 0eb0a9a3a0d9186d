"""Portal settings in settings.json: typed, versioned, validated, written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backoffice.portal.errors import InsecureUrlError, PortalConfigError
from backoffice.portal.settings import (
    PortalSettings,
    load_portal_settings,
    require_portal_settings,
    save_portal_settings,
)

DESTINATION = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"


def _settings(**changes: Any) -> PortalSettings:
    values: dict[str, Any] = {
        "base_url": "https://dl.example.org/",
        "token_url": "https://auth.example.org/token",
        "destination_ids": (DESTINATION,),
        "client_id": "rathaus-musterstadt",
    }
    values.update(changes)
    return PortalSettings(**values)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_portal_settings(path) is None
    settings = _settings(read_timeout=12.5)
    save_portal_settings(path, settings)
    assert load_portal_settings(path) == settings
    stored = json.loads(path.read_text())
    assert stored["portal"]["version"] == 1
    assert stored["portal"]["base_url"] == "https://dl.example.org"  # normalised
    assert stored["portal"]["destination_ids"] == [DESTINATION]


def test_other_sections_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"ui": {"language": "de"}}))
    save_portal_settings(path, _settings())
    save_portal_settings(path, _settings(client_id="other"))
    stored = json.loads(path.read_text())
    assert stored["ui"] == {"language": "de"}
    assert stored["portal"]["client_id"] == "other"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary files


def test_nothing_secret_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_portal_settings(path, _settings())
    assert "secret" not in path.read_text().lower()


def test_not_configured(tmp_path: Path) -> None:
    with pytest.raises(PortalConfigError, match="portal configure"):
        require_portal_settings(tmp_path / "settings.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"portal": {"version": 2}}', "version 2"),
        ('{"portal": {"version": 1}}', "incomplete"),
        ('{"portal": []}', "not a JSON object"),
    ],
)
def test_broken_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    with pytest.raises(PortalConfigError, match=message):
        load_portal_settings(path)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"base_url": "http://dl.example.org"}, InsecureUrlError, "plain http"),
        ({"token_url": "ftp://auth"}, InsecureUrlError, "https"),
        ({"destination_ids": ()}, PortalConfigError, "at least one"),
        ({"destination_ids": ("not-a-uuid",)}, PortalConfigError, "not a UUID"),
        ({"client_id": " "}, PortalConfigError, "client id"),
        ({"connect_timeout": 0}, PortalConfigError, "connect_timeout"),
        ({"read_timeout": 99999}, PortalConfigError, "read_timeout"),
    ],
)
def test_invalid_settings(changes: dict, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        _settings(**changes)


def test_loopback_http_is_fine() -> None:
    settings = _settings(base_url="http://127.0.0.1:8123", token_url="http://localhost:8123/t")
    assert settings.base_url == "http://127.0.0.1:8123"
