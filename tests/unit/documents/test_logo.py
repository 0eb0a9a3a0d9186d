"""The town's logo on certificates and letters: drawn in the letterhead box, aspect kept;
a logo that cannot be decoded leaves the document as it is without one."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.units import mm

from backoffice.documents import (
    CertificateData,
    LetterData,
    Letterhead,
    render_certificate,
    render_letter,
)
from tests.unit.documents.conftest import BY_LAYOUT, MakeCertificate

SCALE = 2.0  # pixels per point
RED = (200, 20, 30)


def png(width: int, height: int, colour: tuple[int, int, int] = RED) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def with_logo(letterhead: Letterhead, data: bytes) -> Letterhead:
    return replace(letterhead, logo=data, logo_media_type="image/png")


def first_page(pdf: bytes) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()


def red_pixels(image: Image.Image, box_mm: tuple[float, float, float, float]) -> int:
    """Strongly red pixels in the box (left, top, right, bottom in mm from the top left)."""
    left, top, right, bottom = (value * mm * SCALE for value in box_mm)
    region = image.crop((int(left), int(top), int(right), int(bottom)))
    data = region.tobytes()  # RGB, row by row
    return sum(1 for i in range(0, len(data), 3) if _red(data[i], data[i + 1], data[i + 2]))


def _red(r: int, g: int, b: int) -> bool:
    return r > 150 and g < 80 and b < 80


#: Where each layout's logo box is (mm from the top-left corner of the page).
LOGO_BOXES = {
    "civil_certificate": (25, 15, 49, 32),
    "confirmation": (25, 12.5, 55, 32.5),
    "permit": (25, 12.5, 55, 32.5),
    "notice": (145, 8.5, 190, 25.5),
}


@pytest.mark.parametrize("layout", sorted(BY_LAYOUT))
def test_each_certificate_layout_draws_the_logo_in_its_box(
    make_certificate: MakeCertificate, layout: str
) -> None:
    plain = make_certificate(BY_LAYOUT[layout])
    logo = png(300, 200)
    drawn = replace(plain, letterhead=with_logo(plain.letterhead, logo))
    without = first_page(render_certificate(plain))
    painted = first_page(render_certificate(drawn))
    box = LOGO_BOXES[layout]
    assert red_pixels(without, box) == 0
    area = (box[2] - box[0]) * (box[3] - box[1]) * (mm * SCALE) ** 2
    # 3:2 into the box: height-bound here, so a third or more of the box is red.
    assert red_pixels(painted, box) > area / 3
    assert without.tobytes() != painted.tobytes()


def test_the_aspect_ratio_is_kept(make_certificate: MakeCertificate) -> None:
    plain = make_certificate(BY_LAYOUT["confirmation"])
    tall = replace(plain, letterhead=with_logo(plain.letterhead, png(100, 400)))
    image = first_page(render_certificate(tall))
    left, top = int(25 * mm * SCALE), int(12.5 * mm * SCALE)
    region = image.crop((left, top, left + int(30 * mm * SCALE), top + int(20 * mm * SCALE)))
    data, row = region.tobytes(), region.width * 3
    red = [
        (i % row // 3, i // row)
        for i in range(0, len(data), 3)
        if _red(data[i], data[i + 1], data[i + 2])
    ]
    xs, ys = [x for x, _ in red], [y for _, y in red]
    width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert height == pytest.approx(20 * mm * SCALE, abs=3)  # the box's full height …
    assert width / height == pytest.approx(1 / 4, abs=0.03)  # … at the image's 1:4


def test_a_letter_draws_the_logo_at_the_right_margin(
    make_letter: Callable[..., LetterData],
) -> None:
    plain = make_letter()
    drawn = make_letter(letterhead=with_logo(plain.letterhead, png(400, 150)))
    box = LOGO_BOXES["notice"]
    assert red_pixels(first_page(render_letter(plain)), box) == 0
    assert red_pixels(first_page(render_letter(drawn)), box) > 1000


@pytest.mark.expect_log_warning(r"the logo \(sha256 \w+\) cannot be drawn and is left off")
def test_a_broken_logo_is_left_off_and_the_document_is_made(
    make_certificate: MakeCertificate, make_letter: Callable[..., LetterData]
) -> None:
    broken = png(300, 200)[:60] + b"not the rest of a PNG, test_a_broken_logo"
    plain: CertificateData = make_certificate(BY_LAYOUT["confirmation"])
    damaged = replace(plain, letterhead=with_logo(plain.letterhead, broken))
    pdf = render_certificate(damaged)
    assert pdf.startswith(b"%PDF")
    assert red_pixels(first_page(pdf), LOGO_BOXES["confirmation"]) == 0
    letter = render_letter(make_letter(letterhead=with_logo(plain.letterhead, broken)))
    assert letter.startswith(b"%PDF")


def test_an_svg_logo_is_not_drawn_and_breaks_nothing(make_certificate: MakeCertificate) -> None:
    plain = make_certificate(BY_LAYOUT["civil_certificate"])
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    data = replace(
        plain, letterhead=replace(plain.letterhead, logo=svg, logo_media_type="image/svg+xml")
    )
    assert (
        first_page(render_certificate(data)).tobytes()
        == first_page(render_certificate(plain)).tobytes()
    )
