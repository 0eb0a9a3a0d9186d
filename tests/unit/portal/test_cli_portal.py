"""The ``keys`` and ``portal`` commands without a network (the rest is in tests/integration)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from backoffice.cli import portal as cli_portal
from backoffice.portal import keys as keys_module
from backoffice.portal.credentials import SecretStore
from backoffice.portal.errors import (
    InsecureUrlError,
    KeyringUnavailable,
    PortalConfigError,
    PortalError,
)
from backoffice.portal.keys import KeysExist, KeyStore, SubscriberKeys
from backoffice.portal.settings import load_portal_settings
from tests.fakes import FakeInstallation, InMemoryKeyring, portal_command_parser, run_portal_command

DESTINATION = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"


@pytest.fixture
def installation(tmp_path: Path) -> FakeInstallation:
    return FakeInstallation(tmp_path / "data")


@pytest.fixture
def fast_keys(monkeypatch: pytest.MonkeyPatch, subscriber_keys: SubscriberKeys) -> None:
    monkeypatch.setattr(keys_module, "generate_keys", lambda: subscriber_keys)


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_keys_generate_and_export(
    installation: FakeInstallation,
    fast_keys: None,
    subscriber_keys: SubscriberKeys,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_portal_command(installation, "keys", "generate") == 0
    out = capsys.readouterr().out
    assert subscriber_keys.encryption_kid in out and subscriber_keys.signing_kid in out
    assert run_portal_command(installation, "keys", "export") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported == subscriber_keys.export_public_jwks()
    assert all("d" not in key for key in exported["keys"])


def test_keys_generate_refuses_to_overwrite(
    installation: FakeInstallation, fast_keys: None, capsys: pytest.CaptureFixture[str]
) -> None:
    run_portal_command(installation, "keys", "generate")
    before = (installation.keys_dir / keys_module.KEY_FILE_NAME).read_bytes()
    with pytest.raises(KeysExist, match="--force"):
        run_portal_command(installation, "keys", "generate")
    assert (installation.keys_dir / keys_module.KEY_FILE_NAME).read_bytes() == before
    assert run_portal_command(installation, "keys", "generate", "--force") == 0
    assert "previous keys were moved" in capsys.readouterr().out
    assert len(list(installation.keys_dir.glob("subscriber-keys-replaced-*.jwe"))) == 1


def test_keys_export_without_keys(installation: FakeInstallation) -> None:
    with pytest.raises(PortalError, match="keys generate"):
        run_portal_command(installation, "keys", "export")


def test_keys_register_needs_configuration(installation: FakeInstallation, fast_keys: None) -> None:
    run_portal_command(installation, "keys", "generate")
    with pytest.raises(PortalConfigError, match="portal configure"):
        run_portal_command(installation, "keys", "register")


def _configure(installation: FakeInstallation, *extra: str) -> int:
    return run_portal_command(
        installation,
        "portal",
        "configure",
        "--base-url",
        "https://dl.example.org",
        "--token-url",
        "https://auth.example.org/token",
        "--destination",
        DESTINATION,
        "--client-id",
        "rathaus-musterstadt",
        *extra,
    )


def test_configure_reads_the_secret_from_stdin(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: InMemoryKeyring,
) -> None:
    _stdin(monkeypatch, "pa$$ word \n")
    assert _configure(installation) == 0
    settings = load_portal_settings(installation.settings_file)
    assert settings is not None and settings.client_id == "rathaus-musterstadt"
    store = SecretStore(installation.data_dir)
    assert store.client_secret("rathaus-musterstadt") == "pa$$ word "
    assert "pa$$" not in installation.settings_file.read_text()


def test_configure_asks_on_a_terminal(
    installation: FakeInstallation, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return "typed-secret"

    monkeypatch.setattr("getpass.getpass", getpass)
    _configure(installation)
    assert prompts == ["client secret for rathaus-musterstadt: "]
    secret = SecretStore(installation.data_dir).client_secret("rathaus-musterstadt")
    assert secret == "typed-secret"


def test_configure_without_secret(
    installation: FakeInstallation, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, "")
    with pytest.raises(PortalConfigError, match="no client secret"):
        _configure(installation)
    assert not installation.settings_file.exists()


@pytest.mark.parametrize("option", ["--client-secret", "--secret"])
def test_secret_is_never_an_argument(
    installation: FakeInstallation, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    with pytest.raises(SystemExit):
        portal_command_parser(installation).parse_args(
            [
                "portal",
                "configure",
                "--base-url",
                "https://a.example",
                "--token-url",
                "https://a.example/t",
                "--destination",
                DESTINATION,
                "--client-id",
                "c",
                option,
                "x",
            ]
        )
    assert "unrecognized arguments" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--base-url", "http://dl.example.org", "plain http"),
        ("--token-url", "ftp://auth.example.org", "https"),
    ],
)
def test_configure_refuses_insecure_urls(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    option: str,
    value: str,
    message: str,
) -> None:
    _stdin(monkeypatch, "secret\n")
    argv = [
        "portal",
        "configure",
        "--base-url",
        "https://dl.example.org",
        "--token-url",
        "https://auth.example.org/token",
        "--destination",
        DESTINATION,
        "--client-id",
        "c",
    ]
    argv[argv.index(option) + 1] = value
    with pytest.raises(InsecureUrlError, match=message):
        run_portal_command(installation, *argv)


def test_configure_refuses_a_bad_destination(
    installation: FakeInstallation, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, "secret\n")
    with pytest.raises(PortalConfigError, match="not a UUID"):
        run_portal_command(
            installation,
            "portal",
            "configure",
            "--base-url",
            "https://a.example",
            "--token-url",
            "https://a.example/t",
            "--destination",
            "nope",
            "--client-id",
            "c",
        )


def test_reconfiguring_another_client_removes_the_old_secret(
    installation: FakeInstallation,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: InMemoryKeyring,
) -> None:
    _stdin(monkeypatch, "one\n")
    _configure(installation)
    _stdin(monkeypatch, "two\n")
    run_portal_command(
        installation,
        "portal",
        "configure",
        "--base-url",
        "https://dl.example.org",
        "--token-url",
        "https://auth.example.org/token",
        "--destination",
        DESTINATION,
        "--client-id",
        "new-client",
    )
    assert set(memory_keyring.secrets.values()) == {"two"}


def test_portal_test_needs_configuration(installation: FakeInstallation) -> None:
    with pytest.raises(PortalConfigError, match="portal configure"):
        run_portal_command(installation, "portal", "test")


def test_key_store_location(installation: FakeInstallation, fast_keys: None) -> None:
    run_portal_command(installation, "keys", "generate")
    store = KeyStore(installation.keys_dir, SecretStore(installation.data_dir))
    assert store.path == installation.keys_dir / "subscriber-keys.jwe"
    assert store.load().encryption_kid


def test_no_keyring_is_reported_before_any_work(
    installation: FakeInstallation, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())

    def too_late() -> SubscriberKeys:
        raise AssertionError("keys generated although the keyring cannot store a passphrase")

    monkeypatch.setattr(keys_module, "generate_keys", too_late)
    with pytest.raises(KeyringUnavailable, match="no usable keyring"):
        run_portal_command(installation, "keys", "generate")
    monkeypatch.setattr(cli_portal, "read_secret", lambda client_id: pytest.fail("asked"))
    with pytest.raises(KeyringUnavailable, match="no usable keyring"):
        _configure(installation)
    assert not installation.settings_file.exists()
