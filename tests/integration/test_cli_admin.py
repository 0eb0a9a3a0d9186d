"""The administration on the command line: template versions, export/import, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backoffice.cli import main
from backoffice.services.template_live import berlin_today


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    base = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    for login, role in (("anna", "administrator"), ("carl", "clerk"), ("tina", "team_lead")):
        code, _, err = run(
            capsys, *base, "--as", "anna", "users", "add", login, "--name", login, "--role", role
        )
        assert code == 0, err
    return base


def test_export_import_publish_restore(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    admin = [*base, "--as", "anna"]
    exported = tmp_path / "dog.json"
    code, out, err = run(
        capsys, *admin, "catalogue", "export", "dog_tax_registration", str(exported)
    )
    assert code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert (document["key"], document["version"]) == ("dog_tax_registration", 1)
    code, out, _ = run(capsys, *admin, "catalogue", "import", str(exported))
    assert code == 0 and "nothing changed" in out
    document["version"] = document["definition"]["version"] = 2
    document["definition"]["processing_days"] = 3
    exported.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, *admin, "catalogue", "import", str(exported))
    assert code == 0 and "imported as a draft" in out
    code, out, _ = run(capsys, *admin, "catalogue", "drafts")
    assert "dog_tax_registration" in out
    code, out, _ = run(capsys, *admin, "catalogue", "check", "dog_tax_registration")
    assert code == 0 and "no problems" in out
    code, out, _ = run(capsys, *admin, "catalogue", "diff", "dog_tax_registration")
    assert code == 0 and "processing_days" in out and "→ 3" in out
    today = berlin_today().isoformat()
    code, _, err = run(
        capsys, *admin, "catalogue", "publish", "dog_tax_registration", "--from", today
    )
    assert code == 1 and "overlap" in err
    code, out, err = run(
        capsys,
        *admin,
        "catalogue",
        "publish",
        "dog_tax_registration",
        "--from",
        today,
        "--end-predecessor",
    )
    assert code == 0, err
    assert "v1 ends on the day before" in out
    code, out, _ = run(capsys, *admin, "catalogue", "restore", "dog_tax_registration", "1")
    assert code == 0 and "restored as draft v3" in out
    code, out, _ = run(capsys, *admin, "catalogue", "versions", "dog_tax_registration")
    assert "published (live)" in out and "draft" in out


def test_a_broken_import_lists_its_problems_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    admin = [*base, "--as", "anna"]
    path = tmp_path / "broken.json"
    run(capsys, *admin, "catalogue", "export", "birth_certificate", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = document["definition"]["version"] = 9
    document["definition"]["messages"]["completed"]["de"] = "{nope}"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(capsys, *admin, "catalogue", "import", str(path))
    assert code == 1 and "nothing stored" in err
    assert "placeholder_unknown" in out
    _, out, _ = run(capsys, *admin, "catalogue", "drafts")
    assert "birth_certificate" not in out


@pytest.mark.parametrize("login", ["carl", "tina"])
def test_administrative_commands_are_refused_below_administrator(
    capsys: pytest.CaptureFixture[str], base: list[str], login: str
) -> None:
    who = [*base, "--as", login]
    commands = [
        ["catalogue", "install"],
        ["catalogue", "restore", "birth_certificate", "1"],
        ["keys", "generate", "--force"],
        ["keys", "register"],
        [
            "portal",
            "configure",
            "--base-url",
            "https://portal.example.org",
            "--token-url",
            "https://auth.example.org/token",
            "--destination",
            "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11",
            "--client-id",
            "x",
        ],
        ["users", "add", "eve", "--name", "Eve", "--role", "administrator"],
    ]
    for command in commands:
        code, _, err = run(capsys, *who, *command)
        assert code == 1 and "may not" in err, (command, err)


def test_users_role_deactivate_reactivate(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    admin = [*base, "--as", "anna"]
    code, out, err = run(capsys, *admin, "users", "role", "carl", "team_lead")
    assert code == 0 and "carl is now team_lead" in out, err
    code, out, _ = run(capsys, *admin, "users", "deactivate", "carl")
    assert code == 0 and "deactivated" in out
    code, _, err = run(capsys, *base, "--as", "carl", "cases", "list")
    assert code == 1 and "not an active user" in err
    _, out, _ = run(capsys, *admin, "users", "list")
    assert "carl" in out  # never deleted
    code, _, err = run(capsys, *admin, "users", "deactivate", "anna")
    assert code == 1 and "last active administrator" in err
    code, _, err = run(capsys, *admin, "users", "role", "anna", "clerk")
    assert code == 1 and "last active administrator" in err
    code, out, _ = run(capsys, *admin, "users", "reactivate", "carl")
    assert code == 0 and "active again" in out
    code, out, err = run(capsys, *admin, "users", "rename", "carl", "--name", "Carl  Berger")
    assert code == 0 and "carl is now called Carl Berger" in out, err
    code, _, err = run(capsys, *admin, "users", "rename", "carl", "--name", "  ")
    assert code == 1 and "display name" in err
    run(capsys, *admin, "users", "add", "bert", "--name", "Bert Vogel", "--role", "administrator")
    code, _, err = run(capsys, *admin, "users", "deactivate", "anna")
    assert code == 1 and "your own account" in err  # another administrator is there now
    code, _, err = run(capsys, *base, "--as", "tina", "users", "role", "carl", "administrator")
    assert code == 1 and "may not" in err


def test_retention_run_headless(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, out, err = run(capsys, *base, "--as", "anna", "retention", "run", "--dry-run")
    assert code == 0 and "dry run: 0 case(s) due, nothing deleted" in out, err
    code, out, err = run(capsys, *base, "--as", "anna", "retention", "run")
    assert code == 0 and "0 case(s) deleted" in out, err
    code, _, err = run(capsys, *base, "--as", "carl", "retention", "run")
    assert code == 1 and "may not" in err


def test_audit_log_and_verify(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    admin = [*base, "--as", "anna"]
    assert run(capsys, *admin, "users", "role", "carl", "team_lead")[0] == 0
    code, out, _ = run(capsys, *admin, "audit", "log", "--limit", "5")
    assert code == 0 and "user_role_changed" in out and "carl" in out
    code, out, _ = run(capsys, *admin, "audit", "verify")
    assert code == 0 and "intact" in out
    code, _, err = run(capsys, *base, "--as", "tina", "audit", "log")
    assert code == 1 and "may not" in err
