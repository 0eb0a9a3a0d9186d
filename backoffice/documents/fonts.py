"""The fonts every document embeds: DejaVu Sans and DejaVu Serif, shipped with the program.

They are registered with reportlab once per process (thread-safe, on first use). A PDF
must never reference a font it does not embed, so the renderer passes one of these as
``initialFontName`` to every Canvas and Drawing (reportlab otherwise names Helvetica).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from backoffice import assets


@dataclass(frozen=True)
class Family:
    """One typeface in its two weights, by the names registered with reportlab."""

    regular: str
    bold: str


SANS = Family("DejaVuSans", "DejaVuSans-Bold")
SERIF = Family("DejaVuSerif", "DejaVuSerif-Bold")
_FILES = {name: f"{name}.ttf" for family in (SANS, SERIF) for name in (family.regular, family.bold)}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (only the first call does work).

    Origin and licence of the font files: the README beside them.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            resource = assets.font(file_name)
            if not resource.is_file():
                raise FileNotFoundError(f"font file missing: {file_name} ({resource})")
            pdfmetrics.registerFont(TTFont(name, str(assets.file_path(resource))))
        for family in (SANS, SERIF):
            # <b> in our own markup maps to the bold face; italics are not shipped.
            addMapping(family.regular, 0, 0, family.regular)
            addMapping(family.regular, 1, 0, family.bold)
            addMapping(family.regular, 0, 1, family.regular)
            addMapping(family.regular, 1, 1, family.bold)
        _registered = True


def covers(font_name: str, char: str) -> bool:
    """Whether one of our fonts has a glyph for this character."""
    glyphs = _glyphs.get(font_name)
    if glyphs is None:
        register_fonts()
        font = pdfmetrics.getFont(font_name)
        assert isinstance(font, TTFont), f"{font_name} is not one of our TrueType fonts"
        glyphs = _glyphs.setdefault(font_name, font.face.charToGlyph)
    return ord(char) in glyphs


_glyphs: dict[str, dict[int, int]] = {}
