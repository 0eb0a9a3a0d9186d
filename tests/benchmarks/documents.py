"""PDF rendering speed and size: certificates (with QR code) and letters, on one core.

    .venv/bin/python -m tests.benchmarks.documents [--runs 200] [--json FILE]

or, once registered in ``tests/benchmarks/run.py`` (``"documents": "tests.benchmarks.documents"``),
as part of THE benchmark script; it needs no database, so the backend it is given is unused.

For each case it renders the same document ``runs`` times after a warm-up (in this process,
pinned to one CPU where the OS allows it) and reports median and p95 milliseconds, PDFs per
second (1000 / median) and the size of the PDF. "QR code only" is the QR widget drawn on an
otherwise empty page: what the code costs of a certificate.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from backoffice.documents import (
    CertificateData,
    LetterData,
    PostalAddress,
    new_code,
    render_certificate,
    render_letter,
)
from backoffice.documents.fonts import SANS, register_fonts
from backoffice.documents.qr import qr_drawing
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.catalogue import read_catalogue
from backoffice.simulator.citizens import fill_form

from .common import Timing, load_average, print_table

NAME = "documents"
DESCRIPTION = "render certificates (with QR code) and letters as PDF: PDFs/s on one core, size"

ISSUED = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
#: One service per layout (the shipped catalogue).
SERVICES = {
    "civil_certificate": "birth_certificate",
    "confirmation": "business_registration",
    "permit": "resident_parking_permit",
    "notice": "dog_tax_registration",
}


def _certificate(template: ServiceTemplate, seed: int) -> CertificateData:
    return CertificateData(
        template=template,
        file_number=f"{template.file_prefix}-2026-000123",
        form_data=fill_form(dict(template.raw), random.Random(seed)),
        issued_at=ISSUED,
        verification_code=new_code(),
        clerk_name="Petra Sommer",
    )


def _qr_only(code: str) -> bytes:
    buffer = io.BytesIO()
    # types-reportlab declares initialFontName a float; it is the font's name.
    canvas = Canvas(buffer, initialFontName=SANS.regular, invariant=1)  # type: ignore[arg-type]
    renderPDF.draw(
        qr_drawing(f"https://musterstadt.de/pruefen/{code}", 23 * mm, SANS.regular), canvas, 50, 50
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def scenarios(seed: int = 1) -> list[tuple[str, Callable[[], bytes]]]:
    """(label, render) pairs; each render makes a fresh verification code, as the service does."""
    register_fonts()
    templates = {t.key: t for t in read_catalogue()}
    found: list[tuple[str, Callable[[], bytes]]] = []
    for layout, key in SERVICES.items():
        data = _certificate(templates[key], seed)

        def render(data: CertificateData = data) -> bytes:
            return render_certificate(replace(data, verification_code=new_code()))

        found.append((f"{layout} ({key})", render))
    birth = _certificate(templates["birth_certificate"], seed)
    letter = LetterData(
        file_number=birth.file_number,
        recipient=PostalAddress.from_form(birth.form_data),
        subject="Geburtsurkunde: Ihr Antrag wird bearbeitet",
        message="Ihr Antrag wird jetzt bearbeitet.\n\nSie müssen derzeit nichts weiter tun.",
        sent_at=ISSUED,
        clerk_name="Petra Sommer",
    )
    found.append(("letter (no QR code)", lambda: render_letter(letter)))
    found.append(("QR code only (empty page)", lambda: _qr_only(new_code())))
    return found


def _pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def _timed(render: Callable[[], bytes], runs: int, warmup: int = 3) -> tuple[Timing, Timing, bytes]:
    """Wall-clock and CPU time (this process) of each render, in milliseconds."""
    document = b""
    for _ in range(warmup):
        document = render()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        document = render()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return Timing(tuple(wall)), Timing(tuple(cpu)), document


def measure_all(runs: int, pin: bool = True, log: Callable[[str], None] = print) -> dict[str, Any]:
    pinned = _pin_to_one_cpu() if pin else "not pinned"
    shape_checking = rl_config.shapeChecking  # environment variable RL_shapeChecking
    log(
        f"\n== documents: {runs} runs each after a warm-up, {pinned}, "
        f"RL_shapeChecking={shape_checking}, load average {load_average()}"
    )
    rows = []
    figures: dict[str, Any] = {"runs": runs, "pinned": pinned, "shape_checking": shape_checking}
    for label, render in scenarios():
        wall, cpu, document = _timed(render, runs)
        rows.append(
            [
                label,
                round(cpu.median, 1),
                round(1000 / cpu.median, 1),
                round(wall.median, 1),
                round(wall.p95, 1),
                round(1000 / wall.median, 1),
                round(len(document) / 1024, 1),
            ]
        )
        figures[label] = {
            "cpu_median_ms": round(cpu.median, 3),
            "per_cpu_second": round(1000 / cpu.median, 1),
            "wall_median_ms": round(wall.median, 3),
            "wall_p95_ms": round(wall.p95, 3),
            "per_second": round(1000 / wall.median, 1),
            "bytes": len(document),
        }
    print_table(
        ["document", "CPU ms", "PDFs/CPU-s", "wall ms", "wall p95", "PDFs/s", "size KiB"],
        rows,
        log=log,
    )
    log(
        "CPU ms: median CPU time of this process per PDF (robust on a busy machine); "
        "PDFs/s: 1000 / median wall time."
    )
    return figures


def run(ctx: Any) -> dict[str, Any]:
    """Entry point for tests/benchmarks/run.py (``ctx``: its Context; no database used)."""
    return measure_all(max(ctx.options.runs, 50), log=ctx.log)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.documents", description=DESCRIPTION
    )
    parser.add_argument("--runs", type=int, default=200, help="measured renders per document")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    args = parser.parse_args(argv)
    figures = measure_all(args.runs, pin=not args.no_pin)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
