"""The print queue tab: the waiting letters, their preview, printing through Qt's real print
path (a QPrinter writing a PDF file stands in for the printer), marking them printed only
when the clerk says they came out, reprinting, and a printer that fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from backoffice.documents.raster import page_count
from backoffice.services.actor import Actor
from backoffice.services.audit import EventKind
from backoffice.services.print_queue import PrintQueueService
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.print_queue import PrintQueueTab
from backoffice.ui.printing import LetterPrinter, PrintReport, PrintState
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import World
from tests.integration.services.outbox.helpers import certificate, history
from tests.integration.services.test_print_queue import _letter


@pytest.fixture
def letter_pdf(world: World) -> Callable[[int], bytes]:
    service = PrintQueueService(world.db, world.clock)
    return lambda letter_id: service.letter_pdf(world.clerk1, letter_id)


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file: Qt's real print path, without paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(path))
    return printer


def _tab(
    qtbot: QtBot,
    make_context: Callable[..., UiContext],
    actor: Actor,
    out: Path,
    runner: TaskRunner | None = None,
) -> tuple[PrintQueueTab, list[int]]:
    """The tab, its print dialog bypassed (the seam): each print run writes ``out``; the
    list gets the number of letters of each question the dialog would have asked."""
    tab = PrintQueueTab(make_context(actor, task_runner=runner))
    qtbot.addWidget(tab)
    asked: list[int] = []

    def choose(count: int) -> QPrinter:
        asked.append(count)
        return pdf_printer(out)

    tab.printer.choose_printer = choose  # type: ignore[method-assign]
    tab.resize(1200, 700)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.refresh()
    return tab, asked


def _printed(
    qtbot: QtBot, printer: LetterPrinter, start: Callable[[], None], answer: str = "yes"
) -> PrintReport:
    """Start printing, answer the question "did they come out?" and wait for the end."""
    with qtbot.waitSignal(printer.finished, timeout=30_000) as ended:
        start()
        qtbot.waitUntil(lambda: printer.dialog is not None or not printer.busy, timeout=30_000)
        if printer.busy and printer.dialog is not None:
            button = printer.yes_button if answer == "yes" else printer.no_button
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    report = ended.args[0]
    assert isinstance(report, PrintReport)
    return report


def _pages(path: Path) -> int:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_the_waiting_letters_print_with_their_enclosures_and_leave_the_list(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
    tmp_path: Path,
    letter_pdf: Callable[[int], bytes],
) -> None:
    with_certificate, plain = world.add_case(), world.add_case()
    document_id, certificate_pdf = certificate(world, with_certificate)
    enclosing = _letter(world, with_certificate, (document_id,))
    alone = _letter(world, plain)
    tab, asked = _tab(qtbot, make_context, world.clerk1, tmp_path / "out.pdf", thread_runner)
    assert [r.id for r in tab.waiting_model.records] == [enclosing, alone]
    assert tab.waiting_model.index(0, 1).data() == "Anna Beispiel"
    assert tab.waiting_model.index(0, 4).data() == "waiting, 1 enclosure(s)"
    assert tab.title() == "Letters to print (2)"
    assert not tab.print_button.isEnabled() and tab.print_all_button.isEnabled()

    # The preview of the selected letter.
    tab.waiting_table.selectRow(0)
    qtbot.waitUntil(lambda: tab.preview.page_count > 0, timeout=10_000)
    assert tab.shown_id == enclosing
    assert "1 enclosed document(s)" in tab.detail.text()
    assert tab.print_button.isEnabled()

    report = _printed(qtbot, tab.printer, tab.print_all)

    assert asked == [2]
    assert report.state == PrintState.PRINTED
    assert report.marked == (enclosing, alone) and report.problems == ()
    expected = sum(page_count(pdf) for pdf in (letter_pdf(enclosing), certificate_pdf))
    expected += page_count(letter_pdf(alone))
    assert report.pages == expected == _pages(tmp_path / "out.pdf")
    qtbot.waitUntil(lambda: tab.state is not None and not tab.state.waiting, timeout=10_000)
    assert tab.empty_label.isVisibleTo(tab)
    assert [r.id for r in tab.printed_model.records] == [alone, enclosing]
    assert tab.printed_model.index(0, 3).data().startswith("printed on ")
    assert tab.printed_model.index(0, 3).data().endswith(" by Petra Sommer")
    kinds = [e.kind for e in history(world, plain)]
    assert kinds.count(EventKind.LETTER_PRINTED) == 1
