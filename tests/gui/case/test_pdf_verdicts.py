"""The intake's PDF check and the preview agree on every sample: both are PDFium."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from backoffice.documents.pdf_check import inspect_pdf
from backoffice.ui.case.preview import NoPreview, PdfPreview, load_preview
from tests.unit.documents.pdf_samples import samples

SAMPLES = samples()


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_check_says_damaged_exactly_when_the_preview_cannot_show(
    qtbot: QtBot, name: str
) -> None:
    data, opens = SAMPLES[name]
    preview = load_preview(data)
    try:
        assert isinstance(preview, PdfPreview) is opens
        assert isinstance(preview, NoPreview) is not opens
        assert inspect_pdf(data).opens is opens
    finally:
        if isinstance(preview, PdfPreview):
            preview.document.deleteLater()


def test_the_window_names_a_damaged_file_as_bad_news(qtbot: QtBot) -> None:
    from backoffice.ui.texts import Tone, Vocabulary

    fact = Vocabulary.verification("damaged")
    assert (fact.text, fact.tone) == ("damaged: cannot be opened", Tone.BAD)
