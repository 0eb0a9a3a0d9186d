"""PDFs that open and PDFs that do not, for the checks that must agree with the preview."""

from __future__ import annotations

import io
import random

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas


def _page(text: str = "Vollmacht", encrypt: object = None) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=True, encrypt=encrypt)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def samples() -> dict[str, tuple[bytes, bool]]:
    """Name → (bytes, whether the file opens with at least one page)."""
    good = _page()
    two = io.BytesIO()
    pdf = canvas.Canvas(two, invariant=True)
    for n in range(2):
        pdf.drawString(72, 720, f"Seite {n + 1}")
        pdf.showPage()
    pdf.save()
    noise = random.Random(7).randbytes(4_000)
    return {
        "one page": (good, True),
        "two pages": (two.getvalue(), True),
        # PDFium repairs a damaged cross-reference table, and so does the preview.
        "xref damaged": (good.replace(b"xref", b"xxxx"), True),
        "no %%EOF": (good.replace(b"%%EOF", b""), True),
        "garbage after the end": (good + b"\n" + noise, True),
        "header only": (b"%PDF-1.7 broken", False),
        "no page": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", False),
        "keywords without objects": (b"%PDF-1.4\n" + b"Gutachten " * 500 + b"\n%%EOF\n", False),
        "cut in half": (good[: len(good) // 2], False),
        "random bytes after the header": (b"%PDF-1.5\n" + noise, False),
        "password protected": (
            _page(encrypt=pdfencrypt.StandardEncryption("geheim", canPrint=0)),
            False,
        ),
    }
