"""The town's logo in the letterhead box of certificates and letters.

The logo was checked when it was uploaded (:meth:`backoffice.services.identity.Logo.checked`),
but a document is never refused for it: an image that cannot be decoded here is logged and
left off, and the document is drawn without it. PNG only: reportlab draws no SVG, so an SVG
logo is left off as well (said once per logo in the log, at INFO).
"""

from __future__ import annotations

import hashlib
import io
import logging
from functools import lru_cache

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .model import Letterhead

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def _usable(data: bytes) -> bool:
    """The image decodes completely (a truncated PNG fails here, not half-way in a page).
    Remembered per image; each drawing gets a reader of its own (renders run in workers)."""
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        if width <= 0 or height <= 0:
            raise ValueError(f"image of {width}×{height} pixels")
        reader.getRGBData()  # type: ignore[no-untyped-call]  # (reportlab stubs)
    except Exception as exc:  # whatever the decoder raises: the document goes on without it
        log.warning(
            "the logo (sha256 %s) cannot be drawn and is left off: %s: %s",
            hashlib.sha256(data).hexdigest()[:16],
            type(exc).__name__,
            (str(exc).strip().splitlines() or [""])[-1][:200],
        )
        return False
    return True


@lru_cache(maxsize=8)
def _svg_noted(data: bytes) -> None:
    log.info("an SVG logo is not drawn on documents (PNG only); the letterhead shows none")


def logo_image(letterhead: Letterhead) -> ImageReader | None:
    """The letterhead's logo ready to draw, or None (none, not a PNG, or not decodable)."""
    if not letterhead.logo:
        return None
    if letterhead.logo_media_type not in (None, "image/png"):
        _svg_noted(letterhead.logo)
        return None
    return ImageReader(io.BytesIO(letterhead.logo)) if _usable(letterhead.logo) else None


def logo_size(image: ImageReader, width: float, height: float) -> tuple[float, float]:
    """The largest size within ``width`` × ``height`` with the image's aspect ratio."""
    pixels_wide, pixels_high = image.getSize()
    scale = min(width / pixels_wide, height / pixels_high)
    return pixels_wide * scale, pixels_high * scale


def draw_logo(
    canv: Canvas,
    letterhead: Letterhead,
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    align: str = "left",
) -> float:
    """Draw the logo into the box whose top-left corner is ``x``, ``top`` (aspect kept,
    aligned left, right or centred, at the top of the box); its width drawn (0: none)."""
    image = logo_image(letterhead)
    if image is None:
        return 0.0
    shown_width, shown_height = logo_size(image, width, height)
    if align == "right":
        left = x + width - shown_width
    elif align == "center":
        left = x + (width - shown_width) / 2
    else:
        left = x
    try:
        canv.drawImage(image, left, top - shown_height, shown_width, shown_height, mask="auto")
    except Exception as exc:  # defensive: never break a document for its logo
        log.warning("the logo cannot be drawn and is left off: %s", exc)
        return 0.0
    return float(shown_width)


__all__ = ["draw_logo", "logo_image", "logo_size"]
