"""Citizen file names and contents: safe names, and what a file really is.

A file name from outside never touches the file system as it came: paths,
control characters, reserved device names and misleading extensions are
removed. The content's first bytes tell its real type; a mismatch with the
declared type is reported to the clerk, not trusted.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 120
_RESERVED = {
    "con", "prn", "aux", "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}  # fmt: skip
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')

#: Media types we can recognise by their first bytes, with their usual extension.
KNOWN_TYPES: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/tiff": ".tif",
    "application/xml": ".xml",
    "application/json": ".json",
    "text/plain": ".txt",
}
_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".xml": "application/xml",
    ".json": "application/json",
    ".txt": "text/plain",
}


def sniff_media_type(head: bytes) -> str | None:
    """The media type the first bytes of a file show, or None if unknown."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml"):
        return "application/xml"
    if stripped.startswith((b"{", b"[")):
        return "application/json"
    return None


def safe_filename(original: str | None, media_type: str, fallback: str = "Anlage") -> str:
    """A file name that is safe on Windows, macOS and Linux and ends in the right extension."""
    name = unicodedata.normalize("NFC", original or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # no folders, ever
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cf", "Cc", "Cs", "Co"})
    name = _UNSAFE.sub("_", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip(" .") or fallback
    if stem.lower() in _RESERVED or stem.split(".")[0].lower() in _RESERVED:
        stem = f"_{stem}"
    wanted = KNOWN_TYPES.get(media_type)
    extension = f".{ext.lower()}" if ext else ""
    if wanted and _EXTENSIONS.get(extension) != media_type:
        extension = wanted
    elif not wanted and extension not in _EXTENSIONS:
        extension = ".bin"
    stem = stem[: MAX_NAME_CHARS - len(extension)]
    return stem + extension
