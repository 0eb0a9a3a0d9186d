"""A sample certificate with a town's identity, as pictures: the identity page's preview.

Rendered exactly as a real certificate is (:func:`backoffice.documents.render_certificate`
with :func:`~backoffice.services.identity.letterhead_of`), from made-up application data,
then rasterised with PDFium (pypdfium2, as the attachment check uses it) into PNG pages.
Nothing is stored; no permission is needed (it shows only what the caller typed). Slow
(a few hundred milliseconds): call it in a worker.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backoffice.documents import CertificateData
from backoffice.domain.templates import ServiceTemplate

from .identity import TownIdentity, letterhead_of

#: The made-up applicant of the sample (a name that is obviously an example).
SAMPLE_APPLICANT = {
    "given_name": "Erika",
    "family_name": "Mustermann",
    "birth_date": "1984-08-12",
    "street": "Musterweg",
    "house_number": "1",
    "postal_code": "12345",
    "city": "Musterstadt",
    "email": "erika.mustermann@example.org",
}
SAMPLE_CODE = "MUST-ER00-0000"
#: The layout a preview of the whole installation shows (the office letterhead).
PREFERRED_LAYOUT = "confirmation"


@dataclass(frozen=True)
class LetterheadPreview:
    template_key: str
    pdf: bytes
    #: One PNG per page (at most ``max_pages``).
    pages: tuple[bytes, ...]


def sample_template(
    templates: Sequence[ServiceTemplate], service_key: str | None = None
) -> ServiceTemplate:
    """The service's own template where it has a certificate, else one with the office
    letterhead, else any with a certificate (ValueError if none has one)."""
    with_certificate = [t for t in templates if t.certificate is not None]
    for template in with_certificate:
        if template.key == service_key:
            return template
    for template in with_certificate:
        if template.certificate is not None and template.certificate.layout == PREFERRED_LAYOUT:
            return template
    if not with_certificate:
        raise ValueError("no service of the catalogue defines a certificate")
    return with_certificate[0]


def sample_form(template: ServiceTemplate) -> dict[str, Any]:
    """A complete application for ``template``: the sample applicant, every other field
    a fitting value ("…" for texts: the preview is about the letterhead)."""
    form: dict[str, Any] = {}
    for group in template.field_groups:
        values: dict[str, Any] = {}
        for field in group.fields:
            if field.type == "choice" and field.options:
                values[field.key] = field.options[0][0]
            elif field.type == "boolean":
                values[field.key] = True
            elif field.type == "date":
                values[field.key] = "2026-01-15"
            elif field.type == "number":
                values[field.key] = 1
            else:
                values[field.key] = "…"
        form[group.key] = values
    form["applicant"] = {**form.get("applicant", {}), **SAMPLE_APPLICANT}
    return form


def render_preview(
    templates: Sequence[ServiceTemplate],
    identity: TownIdentity | None,
    service_key: str | None,
    *,
    now: datetime,
    language: str = "de",
    width_px: int = 600,
    max_pages: int = 2,
) -> LetterheadPreview:
    """The sample certificate of ``service_key`` (or of the installation) with ``identity``."""
    from backoffice.documents import render_certificate  # reportlab: not with the window's start

    template = sample_template(templates, service_key)
    data = CertificateData(
        template=template,
        file_number=f"{template.file_prefix}-{now.year}-000001",
        form_data=sample_form(template),
        issued_at=now,
        verification_code=SAMPLE_CODE,
        clerk_name="Max Mustermann",
        language=language if language in ("de", "en") else "de",
        letterhead=letterhead_of(identity),
    )
    pdf = render_certificate(data)
    return LetterheadPreview(template.key, pdf, rasterise(pdf, width_px, max_pages))


def rasterise(pdf: bytes, width_px: int, max_pages: int) -> tuple[bytes, ...]:
    """The first pages of ``pdf`` as PNG images ``width_px`` wide."""
    import pypdfium2  # as in backoffice.documents.pdf_check: on first use

    from backoffice.documents.pdf_check import PDFIUM_LOCK  # PDFium is not thread-safe

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            pages = []
            for index in range(min(len(document), max_pages)):
                page = document[index]
                try:
                    width_pt = page.get_width()
                    image = page.render(scale=width_px / width_pt).to_pil()
                finally:
                    page.close()
                buffer = io.BytesIO()
                image.save(buffer, "PNG")
                pages.append(buffer.getvalue())
            return tuple(pages)
        finally:
            document.close()


__all__ = ["LetterheadPreview", "render_preview", "sample_form", "sample_template"]
