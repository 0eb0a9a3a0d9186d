"""Certificate and letter rendering (reportlab) from plain data: no Qt, no database.

Public API:

* :func:`render_certificate` (:class:`CertificateData`) — certificate, permit, notice or
  confirmation in the layout the service template names;
* :func:`render_letter` (:class:`LetterData`, :class:`PostalAddress`) — a DIN 5008 letter;
* :class:`Letterhead` — the issuing town and office;
* :func:`new_code`, :func:`normalise_code`, :func:`verification_url` — verification codes.
"""

from __future__ import annotations

from .certificate import LAYOUTS, UnknownLayout, render_certificate
from .letter import render_letter
from .model import DEFAULT_LETTERHEAD, CertificateData, LetterData, Letterhead, PostalAddress
from .verification import new_code, normalise_code, verification_url

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
