"""Whether a citizen's PDF opens: PDFium's verdict, the one the preview shows."""

from __future__ import annotations

import threading

import pytest

from backoffice.documents.pdf_check import content_verification, inspect_pdf

from .pdf_samples import samples

SAMPLES = samples()


@pytest.mark.parametrize("name", list(SAMPLES))
def test_pdfs_open_or_are_damaged(name: str) -> None:
    data, opens = SAMPLES[name]
    verdict = inspect_pdf(data)
    assert verdict.opens is opens
    verification, detail = content_verification(data, "application/pdf")
    if opens:
        assert verdict.pages >= 1 and (verification, detail) == ("ok", None)
    else:
        assert verification == "damaged" and detail and detail.startswith("PDF cannot be opened")


def test_the_reason_is_said() -> None:
    assert inspect_pdf(SAMPLES["password protected"][0]).problem == (
        "PDF cannot be opened: protected by a password"
    )
    assert inspect_pdf(SAMPLES["header only"][0]).problem == (
        "PDF cannot be opened: not in PDF format or corrupted"
    )
    assert inspect_pdf(SAMPLES["two pages"][0]).pages == 2


def test_other_types_are_not_opened_here() -> None:
    assert content_verification(b"\x89PNG\r\n\x1a\n", "image/png") == ("ok", None)


def test_threads_may_check_at_once() -> None:
    # PDFium is not thread-safe; the module serialises its use.
    results: list[bool] = []

    def work() -> None:
        for data, opens in SAMPLES.values():
            results.append(inspect_pdf(data).opens is opens)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 * len(SAMPLES) and all(results)
