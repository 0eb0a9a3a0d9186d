"""Writing to the citizen from the command line: status messages, free messages, the outbox."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest

from backoffice.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, database_url: str) -> list[str]:
    """An installation with the demo users and one birth certificate application."""
    from backoffice.cli.context import open_context
    from backoffice.services.demo import add_demo_users
    from backoffice.services.registration import NewCase, register_case, template_row_for

    base = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    args = build_parser().parse_args([*base, "--as", "admin", "db", "status"])
    with ExitStack() as args.resources:
        context = open_context(args)
        backoffice = context.backoffice
        add_demo_users(backoffice.users, context.actor())
        template = next(t for t in backoffice.catalogue.current() if t.key == "birth_certificate")
        with backoffice.db.write() as session:
            row = template_row_for(session, template.key)
            assert row is not None
            register_case(
                session,
                template,
                row.id,
                NewCase(
                    received_at=backoffice.clock(),
                    form_data={
                        "applicant": {
                            "given_name": "Jörg",
                            "family_name": "Müller",
                            "street": "Am Markt",
                            "house_number": "3",
                            "postal_code": "48143",
                            "city": "Musterstadt",
                        }
                    },
                ),
                backoffice.calendar,
            )
    return base


def test_a_status_change_with_a_message_reaches_the_outbox(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    clerk = [*base, "--as", "sachbearbeitung1"]
    assert run(capsys, *clerk, "cases", "claim", "1")[0] == 0
    code, out, err = run(
        capsys, *clerk, "cases", "preview", "1", "--status", "in_progress", "--message", "Danke."
    )
    assert code == 0, err
    assert "channel:     post" in out and "Jörg Müller, Am Markt 3, 48143 Musterstadt" in out
    assert "Danke." in out and "{" not in out
    code, out, err = run(
        capsys,
        *clerk,
        "cases",
        "status",
        "1",
        "in_progress",
        "--expect-version",
        "2",
        "--message",
        "Danke.",
    )
    assert code == 0, err
    code, out, _ = run(capsys, *clerk, "cases", "messages", "1")
    assert code == 0 and "post" in out and "pending" in out and "in_progress" in out
    code, out, _ = run(capsys, *clerk, "outbox", "list", "--state", "pending")
    assert code == 0 and "citizen_message" in out and "1 message(s)" in out
    # Entering the status again sends nothing new.
    code, out, _ = run(capsys, *clerk, "cases", "preview", "1", "--status", "in_progress")
    assert "went out already" in out

    code, out, err = run(capsys, *clerk, "cases", "message", "1", "Bitte rufen Sie uns an.")
    assert code == 0 and "queued" in out, err
    code, out, _ = run(capsys, *clerk, "cases", "messages", "1")
    assert out.count("pending") == 2

    pdf = tmp_path / "urkunde.pdf"
    code, out, err = run(capsys, *clerk, "cases", "certificate", "1", "--out", str(pdf))
    assert code == 0, err
    assert "certificate" in out and pdf.read_bytes().startswith(b"%PDF-")


def test_refusals_are_one_clear_line(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, _, err = run(capsys, *base, "--as", "sachbearbeitung2", "cases", "message", "1", "Hallo")
    assert code == 1 and err.startswith("backoffice: error: claim ") and "Traceback" not in err
    admin = [*base, "--as", "admin"]
    code, _, err = run(capsys, *admin, "cases", "reroute", "99", "--channel", "post")
    assert code == 1 and "no message to a citizen with id 99" in err
    preview = ["cases", "preview", "1", "--channel", "email", "--message", "x"]
    code, _, err = run(capsys, *admin, *preview)
    assert code == 1 and "no e-mail address" in err
