"""``backoffice cases check``: the checklist from the command line, on both databases."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from backoffice.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tick_untick_show_and_the_refused_completion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database_url: str
) -> None:
    from backoffice.cli.context import open_context
    from backoffice.services.demo import add_demo_users
    from backoffice.simulator.citizens import fill_form

    base = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
    args = build_parser().parse_args([*base, "--as", "admin", "db", "status"])
    with ExitStack() as args.resources:
        context = open_context(args)
        backoffice = context.backoffice
        add_demo_users(backoffice.users, context.actor())
        from backoffice.services.demo import add_cases

        birth = [t for t in backoffice.catalogue.current() if t.key == "birth_certificate"]
        add_cases(backoffice.db, birth, 1, fill_form, seed=5)
    clerk = [*base, "--as", "sachbearbeitung1"]
    assert run(capsys, *clerk, "cases", "claim", "1")[0] == 0
    code, out, _ = run(
        capsys, *clerk, "cases", "status", "1", "in_progress", "--expect-version", "2"
    )
    assert code == 0, out
    assert run(capsys, *clerk, "cases", "certificate", "1")[0] == 0

    code, out, err = run(capsys, *clerk, "cases", "check", "1", "fee_received")
    assert code == 0, err
    assert out.startswith("[x] Fee received or free of charge (fee_received): ticked by Petra")
    code, out, _ = run(capsys, *clerk, "cases", "show", "1", "--json")
    checklist = {e["key"]: e for e in json.loads(out)["checklist"]}
    assert list(checklist) == [
        "entitlement_checked",
        "identity_checked",
        "register_entry_found",
        "fee_received",
    ]
    fee = checklist["fee_received"]
    assert fee["ticked"] and fee["ticked_by"] == {
        "login": "sachbearbeitung1",
        "name": "Petra Sommer",
    }
    assert fee["required_before"] == ["completed"] and fee["label_de"].startswith("Gebühr")
    assert checklist["identity_checked"]["ticked_at"] is None

    code, _, err = run(capsys, *clerk, "cases", "status", "1", "completed", "--expect-version", "3")
    assert code == 1
    assert "needs these checklist items ticked" in err and "(identity_checked)" in err
    assert "(fee_received)" not in err

    code, out, _ = run(capsys, *clerk, "cases", "check", "1", "fee_received", "--undo")
    assert code == 0 and out.startswith("[ ] Fee received or free of charge (fee_received)")
    code, out, _ = run(capsys, *clerk, "cases", "show", "1")
    assert "[ ] fee_received: Fee received or free of charge (needed before:" in out
    assert "Petra Sommer unticked the checklist item Fee received" in out
    assert "completed needs the checklist items: entitlement_checked" in out
    code, _, err = run(
        capsys, *[*base, "--as", "sachbearbeitung2"], "cases", "check", "1", "fee_received"
    )
    assert code == 1 and "held by Petra Sommer" in err

    for item in ("entitlement_checked", "identity_checked", "register_entry_found", "fee_received"):
        assert run(capsys, *clerk, "cases", "check", "1", item)[0] == 0
    code, out, err = run(
        capsys, *clerk, "cases", "status", "1", "completed", "--expect-version", "3"
    )
    assert code == 0, err
    assert "completed (version 4)" in out
