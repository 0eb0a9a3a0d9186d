"""Printing the print queue: pages per second through Qt's print path, GUI-thread stalls, memory.

    .venv/bin/python -m tests.benchmarks.run --only printing [--backend sqlite] [--cases 100]

``--cases`` is the number of letters (default 100 here; the listing's 100,000 is cut to 100).
Each letter is made the real way (a post message queued, the postal handler renders the DIN
5008 letter), a fifth of them enclosing the case's certificate. Then, offscreen, the real
:class:`LetterPrinter` prints them all into a QPrinter writing a PDF file (Qt's print path;
the print dialog bypassed), with the real threaded task runner, while a 5 ms timer watches
the GUI thread; the question "did they come out?" is answered yes and the letters marked.
Reported: pages, seconds and pages per second up to the question, the longest GUI-thread
stall (the gap between two timer ticks, minus the tick), the time to mark them printed, and
the peak RSS of the process (which includes the population).
"""

from __future__ import annotations

import itertools
import os
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .common import Context, load_average, peak_rss_mb, print_table

NAME = "printing"
DESCRIPTION = "print queue: N letters through QPrinter (PDF file), pages/s, GUI stalls, memory"
LETTERS = 100
TICK_MS = 5


def run(ctx: Context) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QWidget

    from backoffice.domain.citizen_messages import Channel
    from backoffice.services.actor import SYSTEM
    from backoffice.services.attachments import AttachmentService
    from backoffice.services.casework import Casework
    from backoffice.services.catalogue import CatalogueService, read_catalogue
    from backoffice.services.citizen.message import KIND, ROUTES, CitizenMessage, Recipient
    from backoffice.services.citizen.service import CitizenMessages
    from backoffice.services.delivery import DeliveryService
    from backoffice.services.demo import add_cases, add_demo_users
    from backoffice.services.desktop import DesktopServices
    from backoffice.services.documents import DocumentService
    from backoffice.services.outbox import OutboxDispatcher, queue_message
    from backoffice.services.outbox.post import PostHandler
    from backoffice.services.print_queue import PrintQueueService
    from backoffice.services.queries import CaseFilter
    from backoffice.services.users import UserService
    from backoffice.simulator.citizens import fill_form
    from backoffice.store.migrate import upgrade
    from backoffice.ui.app import build_context
    from backoffice.ui.printing import LetterPrinter, PrintReport
    from backoffice.ui.tasks import TaskRunner

    letters = min(ctx.options.cases, 1000) if ctx.options.cases < 100_000 else LETTERS
    db = ctx.backend.new_database("printing")
    upgrade(db)
    catalogue = CatalogueService(db)
    catalogue.install(read_catalogue(), SYSTEM)
    users = UserService(db)
    add_demo_users(users, SYSTEM)
    templates = [t for t in catalogue.current() if t.key == "birth_certificate"]
    add_cases(db, templates, letters, fill_form, seed=3)
    clerk = users.by_login("sachbearbeitung1").as_actor()
    casework = Casework.build(db)
    documents = DocumentService(db)
    rows = casework.queries.list_cases(clerk, CaseFilter(), limit=letters).rows
    keys = itertools.count(1)
    started = time.perf_counter()
    made = []
    for i, row in enumerate(rows):
        enclosed: tuple[int, ...] = ()
        if i % 5 == 0:
            casework.commands.claim(clerk, row.id)
            enclosed = (documents.generate(clerk, row.id).id,)
        message = CitizenMessage(
            case_id=row.id,
            file_number=row.file_number,
            channel=Channel.POST,
            language="de",
            subject=f"Geburtsurkunde: Abgeschlossen ({row.file_number})",
            body="Ihre Urkunde ist fertig.\n\nSie liegt diesem Brief bei.",
            status="completed",
            citizen_status="COMPLETED",
            status_details="Abgeschlossen",
            additional_information=f"Geburtsurkunde, {row.file_number}",
            recipient=Recipient(
                name=row.applicant_name or "Anna Beispiel",
                street="Lindenallee 3",
                city="48143 Musterstadt",
            ),
            clerk_name=clerk.display_name,
            created_at=row.received_at,
            document_ids=enclosed,
        )
        with db.write() as session:
            made.append(
                queue_message(
                    session,
                    kind=KIND,
                    channel="post",
                    payload=message.to_payload(),
                    idempotency_key=f"bench-letter:{next(keys)}",
                    case_id=row.id,
                    now=row.received_at,
                )
            )
    outbox = OutboxDispatcher(db, {ROUTES[Channel.POST]: PostHandler(db)})
    for message_id in made:
        outbox.send(message_id)
    queue = PrintQueueService(db)
    waiting = [letter.id for letter in queue.waiting(clerk, limit=letters)]
    ctx.log(f"  {len(waiting)} letters made in {time.perf_counter() - started:.1f} s")

    rss_before = peak_rss_mb()
    app = QApplication.instance() or QApplication(["bench"])
    services = DesktopServices(
        db=db,
        casework=casework,
        users=users,
        catalogue=catalogue,
        documents=documents,
        attachments=AttachmentService(db),
        delivery=DeliveryService(db),
        citizen=CitizenMessages(db),
        print_queue=queue,
    )
    runner = TaskRunner()
    context = build_context(services, clerk, "de", runner)
    window = QWidget()
    printer = LetterPrinter(context, window)
    # How long the GUI thread works in one turn of painting (wall and CPU time of the
    # thread), apart from what the machine's load adds to the timer's gaps.
    from backoffice.ui import printing as printing_module

    turns: list[tuple[float, float]] = []
    original_pump = printing_module.PrintRun._pump

    def timed_pump(self: Any) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        original_pump(self)
        turns.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))

    printing_module.PrintRun._pump = timed_pump  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        out = Path(tmp) / "letters.pdf"

        def choose(_count: int) -> QPrinter:
            chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
            chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            chosen.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            chosen.setOutputFileName(str(out))
            return chosen

        printer.choose_printer = choose  # type: ignore[method-assign,assignment]
        stalls: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(TICK_MS)

        def tick() -> None:
            stalls.append(clock.restart())

        ticker.timeout.connect(tick)
        ended: list[PrintReport] = []
        printer.finished.connect(ended.append)
        clock.start()
        ticker.start()
        began = time.perf_counter()
        printer.print_letters(waiting)
        while printer.dialog is None and printer.busy:
            app.processEvents()
        printed_s = time.perf_counter() - began
        ticker.stop()
        pages = printer.run.outcome.pages if printer.run and printer.run.outcome else 0
        marking = time.perf_counter()
        if printer.dialog is not None:
            printer.yes_button.click()
        while not ended:
            app.processEvents()
        marked_s = time.perf_counter() - marking
        size_mb = out.stat().st_size / 1_000_000 if out.exists() else 0.0
    printing_module.PrintRun._pump = original_pump  # type: ignore[method-assign]
    runner.shutdown()
    window.deleteLater()
    app.processEvents()
    report = ended[0]
    stall_ms = max(stalls, default=0) - TICK_MS
    ordered = sorted(stalls)
    p95_ms = ordered[int(len(ordered) * 0.95)] - TICK_MS if ordered else 0.0
    over_100 = sum(1 for s in stalls if s - TICK_MS > 100)
    figures = {
        "letters": len(waiting),
        "pages": report.pages or pages,
        "state": report.state.value,
        "marked": len(report.marked),
        "print_s": round(printed_s, 2),
        "pages_per_s": round((report.pages or pages) / printed_s, 1) if printed_s else 0.0,
        "max_gui_stall_ms": round(stall_ms, 1),
        "p95_gui_stall_ms": round(p95_ms, 1),
        "longest_paint_turn_wall_ms": round(max((w for w, _ in turns), default=0.0), 1),
        "longest_paint_turn_cpu_ms": round(max((c for _, c in turns), default=0.0), 1),
        "median_paint_turn_cpu_ms": round(sorted(c for _, c in turns)[len(turns) // 2], 1)
        if turns
        else 0.0,
        "stalls_over_100_ms": over_100,
        "peak_rss_before_printing_mb": round(rss_before, 1),
        "mark_ms": round(marked_s * 1000, 1),
        "pdf_mb": round(size_mb, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load": load_average(),
    }
    print_table(
        [
            "letters",
            "pages",
            "print s",
            "pages/s",
            "GUI stall max / p95 ms",
            "stalls > 100 ms",
            "paint turn CPU median / max ms",
            "mark ms",
            "PDF MB",
            "RSS MB before / peak",
        ],
        [
            [
                figures["letters"],
                figures["pages"],
                figures["print_s"],
                figures["pages_per_s"],
                f"{figures['max_gui_stall_ms']} / {figures['p95_gui_stall_ms']}",
                over_100,
                f"{figures['median_paint_turn_cpu_ms']} / {figures['longest_paint_turn_cpu_ms']}",
                figures["mark_ms"],
                figures["pdf_mb"],
                f"{figures['peak_rss_before_printing_mb']} / {figures['peak_rss_mb']}",
            ]
        ],
        title=f"Printing the print queue ({ctx.backend.name})",
        log=ctx.log,
    )
    return figures
