"""Looking into a PDF with poppler-utils (pdftotext, pdffonts, pdfinfo), for the tests."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdffonts", "pdfinfo")


def require_poppler() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"poppler-utils missing ({', '.join(missing)}); install Debian's 'poppler-utils' "
            "(tests/run.sh does)",
            pytrace=False,
        )


def _run(tool: str, pdf: bytes, tmp: Path, *args: str) -> str:
    require_poppler()
    path = tmp / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def text(pdf: bytes, tmp: Path) -> str:
    """The text of the PDF in reading order (``pdftotext -layout``-free, UTF-8)."""
    return _run("pdftotext", pdf, tmp, "-enc", "UTF-8")


def words_flat(pdf: bytes, tmp: Path) -> str:
    """The text with all whitespace collapsed (values that wrap become one line)."""
    return " ".join(text(pdf, tmp).split())


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts(pdf: bytes, tmp: Path) -> list[Font]:
    """Every font the PDF references (``pdffonts``), split by its column rule."""
    lines = _run("pdffonts", pdf, tmp).splitlines()
    rule = lines[1]
    columns = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    found = []
    for line in lines[2:]:
        cells = [line[start : end + 1].strip() for start, end in columns]
        found.append(Font(name=cells[0], type=cells[1], embedded=cells[3] == "yes"))
    return found


def info(pdf: bytes, tmp: Path) -> dict[str, str]:
    """The document information (``pdfinfo``): Title, Author, Subject, Pages, …"""
    entries = {}
    for line in _run("pdfinfo", pdf, tmp, "-enc", "UTF-8").splitlines():
        key, _, value = line.partition(":")
        entries[key.strip()] = value.strip()
    return entries


def pages(pdf: bytes, tmp: Path) -> int:
    return int(info(pdf, tmp)["Pages"])


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: bytes, tmp: Path) -> list[Word]:
    """Every word with its box in points (origin top left), from ``pdftotext -bbox``."""
    markup = _run("pdftotext", pdf, tmp, "-bbox", "-enc", "UTF-8")
    return [
        Word(html.unescape(found[4]), *(float(v) for v in found[:4]))
        for found in _WORD.findall(markup)
    ]
