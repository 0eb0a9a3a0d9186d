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
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from backoffice.documents.raster import page_count
from backoffice.services.actor import Actor
from backoffice.services.audit import EventKind
from backoffice.services.print_queue import PrintQueueService
from backoffice.store.models import Document
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.print_queue import PrintQueueTab
from backoffice.ui.printing import LetterPrinter, PrintReport, PrintState
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import OFFSCREEN_NOISE, World
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
    assert tab.printed_model.index(0, 3).data() == tab._ctx.vocabulary.datetime(world.clock.now)
    assert tab.printed_model.index(0, 4).data() == "Petra Sommer"
    tab.printed_table.selectRow(0)
    assert "printed on " in tab.detail.text() and " by Petra Sommer" in tab.detail.text()
    kinds = [e.kind for e in history(world, plain)]
    assert kinds.count(EventKind.LETTER_PRINTED) == 1


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false", *OFFSCREEN_NOISE)
def test_a_printer_that_fails_marks_nothing_and_says_why(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
    tmp_path: Path,
) -> None:
    letters = [_letter(world, world.add_case()) for _ in range(2)]
    unwritable = tmp_path / "gone" / "out.pdf"  # its folder does not exist: begin() fails
    tab, _ = _tab(qtbot, make_context, world.clerk1, unwritable, thread_runner)
    tab.waiting_table.selectAll()

    report = _printed(qtbot, tab.printer, tab.print_selected)

    assert report.state == PrintState.FAILED and report.marked == ()
    assert "The printer could not be opened." in report.message
    box = tab.printer.dialog
    assert box is not None and box.isVisible()
    assert "Nothing was marked printed" in box.text()
    assert str(unwritable) in box.text()
    box.close()
    qtbot.waitUntil(lambda: tab.state is not None and not tab.printer.busy)
    assert [r.id for r in tab.waiting_model.records] == letters
    assert tab.printed_model.records == []
    assert tab.print_button.isEnabled()


def test_letters_stay_waiting_when_the_clerk_says_they_did_not_come_out(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    tmp_path: Path,
) -> None:
    letter = _letter(world, world.add_case())
    tab, _ = _tab(qtbot, make_context, world.clerk1, tmp_path / "out.pdf")
    tab.waiting_table.selectRow(0)

    report = _printed(qtbot, tab.printer, tab.print_selected, answer="no")

    assert report.state == PrintState.NOT_CONFIRMED
    assert report.printed == (letter,) and report.marked == ()
    assert _pages(tmp_path / "out.pdf") == report.pages > 0
    assert [r.id for r in tab.waiting_model.records] == [letter]


def test_a_printed_letter_prints_again_without_a_second_mark(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    tmp_path: Path,
) -> None:
    case_id = world.add_case()
    letter = _letter(world, case_id)
    PrintQueueService(world.db, world.clock).mark_printed(world.clerk2, [letter])
    tab, asked = _tab(qtbot, make_context, world.clerk1, tmp_path / "again.pdf")
    assert tab.waiting_model.records == []
    tab.printed_table.selectRow(0)
    assert tab.reprint_button.isEnabled() and not tab.print_button.isEnabled()

    report = _printed(qtbot, tab.printer, tab.reprint_selected)

    assert asked == [1] and report.state == PrintState.PRINTED
    assert report.printed == (letter,) and report.marked == ()
    assert _pages(tmp_path / "again.pdf") == report.pages
    assert [r.printed_by for r in tab.printed_model.records] == ["Thomas Krämer"]
    kinds = [e.kind for e in history(world, case_id)]
    assert kinds.count(EventKind.LETTER_PRINTED) == 1


def test_a_damaged_letter_is_left_out_and_the_others_print(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    tmp_path: Path,
) -> None:
    good, damaged = (_letter(world, world.add_case()) for _ in range(2))
    with world.db.write() as session:
        session.execute(update(Document).where(Document.id == damaged).values(pdf=b"%PDF-x"))
    tab, _ = _tab(qtbot, make_context, world.clerk1, tmp_path / "out.pdf")

    report = _printed(qtbot, tab.printer, tab.print_all)

    assert report.marked == (good,)
    [(letter_id, why)] = report.problems
    assert letter_id == damaged and "checksum" in why
    assert [r.id for r in tab.waiting_model.records] == [damaged]


def test_cancelling_between_pages_marks_nothing(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
    tmp_path: Path,
) -> None:
    letters = [_letter(world, world.add_case()) for _ in range(3)]
    tab, _ = _tab(qtbot, make_context, world.clerk1, tmp_path / "out.pdf", thread_runner)
    printer = tab.printer
    seen: list[tuple[int, int]] = []

    def press_cancel(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:
            assert printer.progress is not None and printer.progress.isVisible()
            button = printer.progress.findChild(QPushButton)
            assert button is not None and button.text() == "Cancel"
            button.click()

    printer.progressed.connect(press_cancel)
    with qtbot.waitSignal(printer.finished, timeout=30_000) as ended:
        tab.print_all()
    report = ended.args[0]
    assert report.state == PrintState.CANCELLED and report.marked == ()
    assert report.pages == 1 and seen[0][1] >= 3
    assert len(seen) == 1
    qtbot.waitUntil(lambda: not printer.busy and tab.state is not None)
    assert [r.id for r in tab.waiting_model.records] == letters


def test_more_letters_than_one_call_takes_are_marked_in_batches(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backoffice.ui import printing

    letters = [_letter(world, world.add_case()) for _ in range(3)]
    service = PrintQueueService(world.db, world.clock)
    service.mark_printed(world.clerk2, [letters[1]])
    monkeypatch.setattr(printing, "MAX_BATCH", 2)

    report = printing.mark_printed(service, world.clerk1, letters)

    assert report.printed == (letters[0], letters[2])
    assert [(f.letter_id, f.code) for f in report.failures] == [(letters[1], "already_printed")]
    assert service.waiting(world.clerk1) == []
