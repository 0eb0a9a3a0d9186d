"""Certificate and letter rendering (reportlab) from plain data: no Qt, no database.

Public API:

* :func:`render_certificate` (:class:`CertificateData`) — certificate, permit, notice or
  confirmation in the layout the service template names;
* :func:`render_letter` (:class:`LetterData`, :class:`PostalAddress`) — a DIN 5008 letter;
* :class:`Letterhead` — the issuing town and office;
* :func:`new_code`, :func:`normalise_code`, :func:`verification_url` — verification codes.

The renderers are imported on first use (reportlab takes ~100 ms to import): a program that
only lists documents or checks a code does not load them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .model import DEFAULT_LETTERHEAD, CertificateData, LetterData, Letterhead, PostalAddress
from .verification import new_code, normalise_code, verification_url

if TYPE_CHECKING:
    from .certificate import LAYOUTS, UnknownLayout, render_certificate
    from .letter import render_letter

#: The names that need reportlab, and the module that defines each.
_RENDERING = {
    "LAYOUTS": "certificate",
    "UnknownLayout": "certificate",
    "render_certificate": "certificate",
    "render_letter": "letter",
}

__all__ = [
    "DEFAULT_LETTERHEAD",
    "LAYOUTS",
    "CertificateData",
    "LetterData",
    "Letterhead",
    "PostalAddress",
    "UnknownLayout",
    "new_code",
    "normalise_code",
    "render_certificate",
    "render_letter",
    "verification_url",
]


def __getattr__(name: str) -> Any:
    if name not in _RENDERING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_RENDERING[name]}", __name__), name)
