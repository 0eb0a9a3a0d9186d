"""Intake marks a PDF that does not open as damaged, as the preview will show it."""

from __future__ import annotations

import hashlib
from typing import Any

from backoffice.services.intake_checks import Accepted

from ..documents.pdf_samples import samples
from .test_intake_checks import build, check, fake_jwe


def test_a_pdf_that_does_not_open_is_accepted_but_marked_damaged() -> None:
    broken = samples()["cut in half"][0]

    def describe(m: dict[str, Any]) -> dict[str, Any]:
        m["contentStructure"]["attachments"][0]["hash"]["content"] = hashlib.sha512(
            broken
        ).hexdigest()
        return m

    s, f = build(metadata=describe)
    f[s["attachments"][0]] = fake_jwe(broken)
    result = check(s, f)
    assert isinstance(result, Accepted)  # the citizen's application is not refused for it
    by_name = {a.safe_name: a for a in result.attachments}
    assert by_name["Ausweis.pdf"].verification == "damaged"
    assert by_name["Ausweis.pdf"].verification_detail == (
        "PDF cannot be opened: not in PDF format or corrupted"
    )
    assert by_name["Foto.png"].verification == "ok"
