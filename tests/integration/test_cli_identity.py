"""``backoffice identity show|set`` and the certificate made afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli_messages import base, run  # noqa: F401 - the fixture
from tests.unit.documents import pdf as pdf_text


def test_a_certificate_after_identity_set_shows_the_new_town(
    capsys: pytest.CaptureFixture[str],
    base: list[str],  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    pdf_text.require_poppler()
    admin, clerk = [*base, "--as", "admin"], [*base, "--as", "sachbearbeitung1"]
    code, out, _ = run(capsys, *admin, "identity", "show")
    assert code == 0 and "no identity set" in out
    code, _, err = run(capsys, *clerk, "identity", "set", "--name", "Stadt Falsch")
    assert code == 1 and "may not" in err
    code, out, err = run(
        capsys,
        *admin,
        "identity",
        "set",
        "--name",
        "Gemeinde Tannhausen",
        "--office",
        "Standesamt",
        "--street",
        "Lindenweg 2",
        "--postcode",
        "77777",
        "--city",
        "Tannhausen",
    )
    assert code == 0, err
    code, out, _ = run(capsys, *admin, "identity", "show")
    assert "Gemeinde Tannhausen" in out and "Lindenweg 2" in out
    assert run(capsys, *clerk, "cases", "claim", "1")[0] == 0
    assert (
        run(capsys, *clerk, "cases", "status", "1", "in_progress", "--expect-version", "2")[0] == 0
    )
    target = tmp_path / "urkunde.pdf"
    code, _, err = run(capsys, *clerk, "cases", "certificate", "1", "--out", str(target))
    assert code == 0, err
    text = pdf_text.words_flat(target.read_bytes(), tmp_path)
    assert "Gemeinde Tannhausen" in text and "Stadt Musterstadt" not in text
