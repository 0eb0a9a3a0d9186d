"""Verification codes: what a citizen or an office types in to check a document.

A code is 12 random characters of Crockford's base32 alphabet (60 bits; no I, L, O, U,
so that nothing is misread), printed in groups of four: ``7KQ4-M2XA-9PVD``. Reading one
back forgives case, spaces, missing dashes and the look-alikes O→0, I/L→1.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 12
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh random code, grouped (``XXXX-XXXX-XXXX``)."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS)))


def normalise_code(text: str) -> str | None:
    """The grouped form of a typed code, or None if it cannot be one."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_LOOK_ALIKES)
    if len(compact) != CODE_CHARS or any(ch not in ALPHABET for ch in compact):
        return None
    return _grouped(compact)


def verification_url(base: str, code: str) -> str:
    """Where the code can be checked, e.g. ``https://musterstadt.de/pruefen/7KQ4-M2XA-9PVD``."""
    return base.rstrip("/") + "/" + code


def _grouped(compact: str) -> str:
    return "-".join(compact[i : i + GROUP] for i in range(0, len(compact), GROUP))
