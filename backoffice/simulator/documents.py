"""The files citizens attach: real small PDFs (reportlab) and photos/scans (Pillow).

Every file is made at generation time for its citizen, so no two submissions
carry the same bytes. Each is clearly marked as a specimen ("MUSTER"). A target
size pads a file in a way its format allows, with incompressible bytes (like the
noise of a real scan): JPEG comment segments, a private PNG chunk, an
unreferenced stream object appended as a PDF incremental update.
"""

from __future__ import annotations

import functools
import io
import random
import re
import struct
import zlib
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from .citizens import Citizen

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"


@dataclass(frozen=True)
class AttachmentKind:
    """A kind of file a citizen attaches to one kind of application."""

    filename: str
    media_type: str
    title: str
    drawing: str = "document"  # how it is drawn: document, id_front, id_back, vehicle, dog, receipt
    purpose: str = "attachment"


ID_FRONT = AttachmentKind("Personalausweis_Vorderseite.jpg", JPEG, "Personalausweis", "id_front")
ID_BACK = AttachmentKind("Personalausweis_Rückseite.jpg", JPEG, "Personalausweis", "id_back")
POWER_OF_ATTORNEY = AttachmentKind("Vollmacht.pdf", PDF, "Vollmacht")
LEGAL_INTEREST = AttachmentKind(
    "Nachweis_berechtigtes_Interesse.pdf", PDF, "Nachweis des rechtlichen Interesses"
)
PAYMENT_SCREENSHOT = AttachmentKind(
    "Screenshot_Überweisung.png", PNG, "Überweisungsbestätigung", "receipt"
)

_CIVIL_STATUS = (ID_FRONT, ID_BACK, POWER_OF_ATTORNEY, LEGAL_INTEREST)
_BUSINESS = (
    ID_FRONT,
    ID_BACK,
    AttachmentKind("Handelsregisterauszug.pdf", PDF, "Auszug aus dem Handelsregister"),
    AttachmentKind("Gesellschaftsvertrag.pdf", PDF, "Gesellschaftsvertrag"),
    AttachmentKind("Mietvertrag_Gewerberäume.pdf", PDF, "Mietvertrag über Gewerberäume"),
    AttachmentKind("Aufenthaltstitel.jpg", JPEG, "Aufenthaltstitel", "id_front"),
)
_DOG = (
    AttachmentKind("Foto_Hund.jpg", JPEG, "Foto des Hundes", "dog"),
    AttachmentKind("Haftpflichtversicherung_Nachweis.pdf", PDF, "Versicherungsbestätigung"),
    AttachmentKind("Tierärztliche_Bescheinigung.pdf", PDF, "Tierärztliche Bescheinigung"),
    AttachmentKind("Abgabevertrag_Tierheim.pdf", PDF, "Abgabevertrag Tierheim"),
)
KINDS: dict[str, tuple[AttachmentKind, ...]] = {
    "birth_certificate": _CIVIL_STATUS,
    "marriage_certificate": _CIVIL_STATUS,
    "death_certificate": (
        *_CIVIL_STATUS,
        AttachmentKind("Bestattungsauftrag.pdf", PDF, "Bestattungsauftrag"),
    ),
    "business_registration": (
        *_BUSINESS,
        AttachmentKind("Erlaubnis_§34c_GewO.pdf", PDF, "Erlaubnis nach § 34c GewO"),
    ),
    "business_change": _BUSINESS,
    "business_deregistration": _BUSINESS,
    "dog_tax_registration": _DOG,
    "dog_tax_deregistration": (
        *_DOG,
        AttachmentKind("Bescheinigung_Tierarzt_Tod.pdf", PDF, "Bescheinigung über den Tod"),
    ),
    "registration_certificate_simple": (ID_FRONT, POWER_OF_ATTORNEY),
    "registration_certificate_extended": (ID_FRONT, ID_BACK, POWER_OF_ATTORNEY),
    "resident_parking_permit": (
        AttachmentKind(
            "Zulassungsbescheinigung_Teil_I.jpg", JPEG, "Zulassungsbescheinigung Teil I", "vehicle"
        ),
        AttachmentKind("Mietvertrag_Auszug.pdf", PDF, "Mietvertrag (Auszug)"),
        AttachmentKind(
            "Bescheinigung_Arbeitgeber_Dienstwagen.pdf", PDF, "Bescheinigung des Arbeitgebers"
        ),
        AttachmentKind("Leasingvertrag.pdf", PDF, "Leasingvertrag"),
        PAYMENT_SCREENSHOT,
    ),
}
_DEFAULT_KINDS = (ID_FRONT, POWER_OF_ATTORNEY, PAYMENT_SCREENSHOT)


def kinds_for(service_key: str) -> tuple[AttachmentKind, ...]:
    return KINDS.get(service_key, _DEFAULT_KINDS)


def application_form(service_name: str) -> AttachmentKind:
    """The portal's own PDF of the whole application (``purpose: form``)."""
    slug = re.sub(r"[^\wÄÖÜäöüß-]+", "_", service_name).strip("_")
    return AttachmentKind(f"Antrag_{slug}.pdf", PDF, f"Antrag: {service_name}", purpose="form")


def camera_name(rng: random.Random, when: date) -> str:
    """A phone camera's default file name, as citizens often leave it."""
    return f"IMG_{when:%Y%m%d}_{rng.randrange(60000, 220000):06d}.jpg"


def render(
    kind: AttachmentKind,
    citizen: Citizen,
    service_name: str,
    rng: random.Random,
    target_size: int | None = None,
) -> bytes:
    """The file's bytes, padded up to ``target_size`` when it is given and larger."""
    if kind.media_type == PDF:
        body = _pdf(kind, citizen, service_name, rng)
        return _pad_pdf(body, target_size, rng) if target_size else body
    image = _image(kind, citizen, rng)
    out = io.BytesIO()
    if kind.media_type == PNG:
        image.save(out, "PNG", compress_level=1)
        body = out.getvalue()
        return _pad_png(body, target_size, rng) if target_size else body
    image.save(out, "JPEG", quality=82)
    body = out.getvalue()
    return _pad_jpeg(body, target_size, rng) if target_size else body


# -- PDF ------------------------------------------------------------------------------------------


def _pdf(kind: AttachmentKind, citizen: Citizen, service_name: str, rng: random.Random) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    pdf.setTitle(kind.title)
    pdf.setAuthor(citizen.full_name)
    height = A4[1]
    pdf.setFont("Helvetica", 9)
    pdf.drawString(56, height - 50, f"{citizen.full_name} · {citizen.address_line}")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(56, height - 110, kind.title)
    pdf.setFont("Helvetica", 11)
    lines = [
        f"Betreff: {service_name}",
        "",
        f"Name: {citizen.full_name}",
        f"Geboren am {citizen.birth_date:%d.%m.%Y} in {citizen.birth_place}",
        f"Anschrift: {citizen.address_line}",
        "",
        *_body_lines(kind, citizen, rng),
        "",
        f"{citizen.city}, den {rng.randrange(1, 28):02d}.{rng.randrange(1, 12):02d}.2026",
        "",
        "______________________________",
        citizen.full_name,
    ]
    y = height - 150
    for line in lines:
        pdf.drawString(56, y, line)
        y -= 16
    pdf.setFont("Helvetica-Oblique", 8)
    pdf.drawString(56, 40, "MUSTER – fiktives Dokument des Portal-Simulators, ohne Rechtswirkung")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _body_lines(kind: AttachmentKind, citizen: Citizen, rng: random.Random) -> list[str]:
    if kind.purpose == "form":
        return ["Die Angaben des Antrags sind als Fachdaten beigefügt.", "Eingang über das Portal."]
    if kind.title == "Vollmacht":
        return [
            f"Hiermit bevollmächtige ich {rng.choice(['Frau', 'Herrn'])} "
            f"{citizen.given_name[0]}. {citizen.family_name},",
            "die oben genannte Angelegenheit für mich zu erledigen und",
            "Urkunden in Empfang zu nehmen.",
        ]
    return [
        f"Aktenzeichen: {rng.randrange(100, 999)}/{rng.randrange(10000, 99999)}",
        "Hiermit wird bestätigt, dass die oben genannte Person die",
        "Voraussetzungen erfüllt. Diese Bescheinigung gilt nur im Original.",
    ]


_TRAILER = re.compile(rb"/Size\s+(\d+)")
_ROOT = re.compile(rb"/Root\s+(\d+\s+\d+\s+R)")
_INFO = re.compile(rb"/Info\s+(\d+\s+\d+\s+R)")
_ID = re.compile(rb"/ID\s*(\[[^\]]*\])")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def _pad_pdf(pdf: bytes, target_size: int, rng: random.Random) -> bytes:
    """Append an incremental update holding one unreferenced stream of the missing size."""
    tail = pdf[-2048:]
    size, root, startxref = _TRAILER.search(tail), _ROOT.search(tail), _STARTXREF.search(tail)
    if size is None or root is None or startxref is None:  # pragma: no cover - reportlab output
        raise ValueError("not a PDF trailer reportlab writes")
    info, ids = _INFO.search(tail), _ID.search(tail)
    number = int(size.group(1))
    base = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    header = b"%d 0 obj\n<< /Length %%d >>\nstream\n" % number
    footer = b"\nendstream\nendobj\n"
    trailer_fields = b"/Size %d /Root %s" % (number + 1, root.group(1))
    if info:
        trailer_fields += b" /Info " + info.group(1)
    if ids:
        trailer_fields += b" /ID " + ids.group(1)
    trailer_fields += b" /Prev " + startxref.group(1)
    estimate = len(base) + len(header) + 10 + len(footer) + 120 + len(trailer_fields)
    fill = max(0, target_size - estimate)
    obj = header % fill + rng.randbytes(fill) + footer
    xref_at = len(base) + len(obj)
    xref = b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, len(base))
    trailer = b"trailer\n<< " + trailer_fields + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return base + obj + xref + trailer


# -- images ---------------------------------------------------------------------------------------


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _image(kind: AttachmentKind, citizen: Citizen, rng: random.Random) -> Image.Image:
    if kind.drawing in ("id_front", "id_back"):
        return _id_card(kind, citizen, rng)
    if kind.drawing == "dog":
        return _dog(rng)
    if kind.drawing == "vehicle":
        return _vehicle(citizen, rng)
    return _receipt(citizen, rng)


def _id_card(kind: AttachmentKind, citizen: Citizen, rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (856, 540), (226, 233, 228))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 848, 532), radius=28, outline=(120, 140, 130), width=4)
    draw.text((40, 30), "BUNDESREPUBLIK DEUTSCHLAND", fill=(30, 40, 90), font=_font(30))
    if kind.drawing == "id_front":
        shade = rng.randrange(120, 200)
        draw.rectangle((40, 100, 290, 420), fill=(shade, shade - 15, shade - 30))
        draw.ellipse((100, 140, 230, 290), fill=(shade + 30, shade + 10, shade - 10))
        text = [
            citizen.family_name.upper(),
            citizen.given_name,
            f"{citizen.birth_date:%d.%m.%Y}  {citizen.birth_place}",
            f"L{rng.randrange(10**7, 10**8)}",
        ]
        for row, line in enumerate(text):
            draw.text((330, 120 + row * 62), line, fill=(10, 10, 10), font=_font(34))
    else:
        text = [
            f"{citizen.postal_code} {citizen.city}".upper(),
            f"{citizen.street} {citizen.house_number}".upper(),
            "IDD<<" + "".join(rng.choice("0123456789") for _ in range(20)) + "<<<",
        ]
        for row, line in enumerate(text):
            draw.text((40, 130 + row * 80), line, fill=(10, 10, 10), font=_font(34))
    draw.text((560, 470), "MUSTER", fill=(200, 30, 30), font=_font(44))
    return image


def _dog(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (800, 600), (120 + rng.randrange(60), 170, 110))
    draw = ImageDraw.Draw(image)
    fur = (rng.randrange(60, 200), rng.randrange(40, 150), rng.randrange(20, 100))
    draw.ellipse((230, 260, 570, 470), fill=fur)
    draw.ellipse((470, 170, 640, 330), fill=fur)
    draw.ellipse((560, 220, 580, 240), fill=(0, 0, 0))
    for x in (270, 330, 450, 510):
        draw.rectangle((x, 440, x + 30, 540), fill=fur)
    draw.text((20, 560), "MUSTER", fill=(255, 255, 255), font=_font(28))
    return image


def _vehicle(citizen: Citizen, rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (1000, 640), (214, 232, 214))
    draw = ImageDraw.Draw(image)
    draw.text((30, 20), "Zulassungsbescheinigung Teil I", fill=(0, 60, 0), font=_font(36))
    letters = "ABCDEFGHKLMNPRSTUVWXYZ"
    rows = [
        f"A  MS-{rng.choice(letters)}{rng.choice(letters)} {rng.randrange(1, 9999)}",
        f"C.1.1  {citizen.family_name}",
        f"C.1.2  {citizen.given_name}",
        f"C.1.3  {citizen.street} {citizen.house_number}, {citizen.city}",
        f"E  WVWZZZ{rng.randrange(10**10, 10**11)}",
    ]
    for row, line in enumerate(rows):
        draw.text((40, 110 + row * 80), line, fill=(20, 20, 20), font=_font(32))
    draw.text((760, 580), "MUSTER", fill=(200, 30, 30), font=_font(40))
    return image


def _receipt(citizen: Citizen, rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (720, 900), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 90), fill=(0, 70, 140))
    draw.text((24, 24), "Online-Banking", fill=(255, 255, 255), font=_font(36))
    rows = [
        "Überweisung ausgeführt",
        f"Auftraggeber: {citizen.full_name}",
        "Empfänger: Stadtkasse Musterstadt",
        f"Betrag: {rng.randrange(5, 80)},00 EUR",
        f"Verwendungszweck: KZ {rng.randrange(10**9, 10**10)}",
    ]
    for row, line in enumerate(rows):
        draw.text((24, 140 + row * 60), line, fill=(20, 20, 20), font=_font(28))
    draw.text((24, 840), "MUSTER", fill=(200, 30, 30), font=_font(32))
    return image


def _pad_jpeg(jpeg: bytes, target_size: int, rng: random.Random) -> bytes:
    """Insert comment (COM) segments right after the start-of-image marker."""
    missing = target_size - len(jpeg)
    segments = []
    while missing > 4:
        chunk = min(missing - 4, 65533)
        segments.append(b"\xff\xfe" + struct.pack(">H", chunk + 2) + rng.randbytes(chunk))
        missing -= chunk + 4
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def _pad_png(png: bytes, target_size: int, rng: random.Random) -> bytes:
    """Insert one private ancillary chunk (``prVt``) before IEND."""
    missing = target_size - len(png) - 12
    if missing <= 0:
        return png
    data = rng.randbytes(missing)
    chunk = struct.pack(">I", len(data)) + b"prVt" + data
    chunk += struct.pack(">I", zlib.crc32(chunk[4:]) & 0xFFFFFFFF)
    end = png.rindex(b"IEND") - 4
    return png[:end] + chunk + png[end:]
