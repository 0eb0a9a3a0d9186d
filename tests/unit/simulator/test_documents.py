"""Attachments are real files of their declared type, padded exactly when asked."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from backoffice.simulator import documents
from backoffice.simulator.citizens import Citizen

ALL_KINDS = sorted(
    {kind for kinds in documents.KINDS.values() for kind in kinds}
    | {documents.application_form("Gewerbeanmeldung")},
    key=lambda kind: kind.filename,
)


def check_pdf(body: bytes, tmp_path: Path) -> None:
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    if shutil.which("pdfinfo") is None:
        return
    path = tmp_path / "file.pdf"
    path.write_bytes(body)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    assert info.returncode == 0 and info.stderr == "", info.stderr
    assert "Pages:           1" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=False
    ).stdout
    assert "MUSTER" in text


@pytest.mark.parametrize("size", [None, 150_000])
@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda kind: kind.filename)
def test_every_kind_is_a_real_file(
    kind: documents.AttachmentKind, size: int | None, tmp_path: Path
) -> None:
    rng = random.Random(kind.filename)
    body = documents.render(kind, Citizen(rng), "Gewerbeanmeldung", rng, size)
    if size is not None:
        assert abs(len(body) - size) <= 64
    if kind.media_type == documents.PDF:
        check_pdf(body, tmp_path)
    else:
        image = Image.open(io.BytesIO(body))
        assert image.get_format_mimetype() == kind.media_type
        image.load()


def test_no_two_files_alike() -> None:
    rng = random.Random(1)
    bodies = {
        documents.render(documents.ID_FRONT, Citizen(rng), "x", rng, 50_000) for _ in range(5)
    }
    assert len(bodies) == 5


def test_file_names_are_realistic() -> None:
    names = {kind.filename for kind in ALL_KINDS}
    assert "Personalausweis_Vorderseite.jpg" in names
    assert any(not name.isascii() for name in names)  # umlauts, §
    assert documents.application_form("Hundesteuer – Anmeldung").filename == (
        "Antrag_Hundesteuer_Anmeldung.pdf"
    )
    assert documents.camera_name(random.Random(1), date(2026, 3, 4)).startswith("IMG_20260304_")
