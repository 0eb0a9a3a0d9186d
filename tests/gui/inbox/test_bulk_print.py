"""Printing the letters of the cases selected in the inbox: each case checked on its own,
one print run for the rest (Qt's real print path into a PDF file), and the result dialog
saying per case what was printed and what was refused and why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from backoffice.documents.raster import page_count
from backoffice.services.bulk import BulkAction, BulkResult, Refusal
from backoffice.services.print_queue import PrintQueueService
from backoffice.store.models import Document
from backoffice.ui.bulk_result import BulkResultDialog
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World
from tests.gui.delivery.test_print_queue import _pages, pdf_printer
from tests.gui.inbox.test_bulk import _select, _workspace
from tests.integration.services.test_print_queue import _letter


def test_printing_a_partly_refused_selection_reports_each_case(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    two_letters, damaged, nothing = (world.add_case() for _ in range(3))
    first, second = _letter(world, two_letters), _letter(world, two_letters)
    broken = _letter(world, damaged)
    with world.db.write() as session:
        session.execute(update(Document).where(Document.id == broken).values(pdf=b"%PDF-x"))
    queue = PrintQueueService(world.db, world.clock)
    out = tmp_path / "bulk.pdf"
    window = make_window(world.clerk1)
    bulk = _workspace(window).bulk
    asked: list[int] = []

    def choose(count: int) -> QPrinter:
        asked.append(count)
        return pdf_printer(out)

    bulk.printer.choose_printer = choose  # type: ignore[method-assign]
    _select(qtbot, window, [two_letters, damaged, nothing])
    assert bulk.print_action.isEnabled()

    bulk.print_action.trigger()
    qtbot.waitUntil(lambda: bulk.printer.dialog is not None, timeout=30_000)
    question = bulk.printer.dialog
    assert question is not None and "Did every page come out correctly?" in question.text()
    with qtbot.waitSignal(bulk.finished) as finished:
        qtbot.mouseClick(bulk.printer.yes_button, Qt.MouseButton.LeftButton)

    assert asked == [3]  # one print run for the letters found
    result = finished.args[0]
    assert isinstance(result, BulkResult) and result.action == BulkAction.PRINT
    assert [o.case_id for o in result.done] == [two_letters]
    refused = {o.case_id: o for o in result.refused}
    assert refused[damaged].refusal == Refusal.NOT_PRINTED
    assert "checksum" in refused[damaged].message
    assert refused[nothing].refusal == Refusal.NOTHING_TO_PRINT
    pages = sum(page_count(queue.letter_pdf(world.clerk1, i)) for i in (first, second))
    assert _pages(out) == pages
    assert [w.id for w in queue.waiting(world.clerk1)] == [broken]
    dialog = bulk.dialog
    assert isinstance(dialog, BulkResultDialog)
    text = dialog.text()
    assert "Print letters: 1 done, 2 refused" in text
    assert "2 letters printed" in text
    assert "No letter of this case waits in the print queue." in text
    dialog.reject()


def test_a_selection_without_waiting_letters_prints_nothing_and_says_so(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    cases = [world.add_case(), world.add_case()]
    window = make_window(world.clerk1)
    bulk = _workspace(window).bulk
    bulk.printer.choose_printer = lambda count: None  # type: ignore[method-assign]
    _select(qtbot, window, cases)
    with qtbot.waitSignal(bulk.finished) as finished:
        bulk.print_action.trigger()
    result = finished.args[0]
    assert result.done == () and {o.refusal for o in result.refused} == {Refusal.NOTHING_TO_PRINT}
    assert isinstance(bulk.dialog, BulkResultDialog)
    bulk.dialog.reject()


def test_a_cases_letter_opens_in_the_print_queue(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    letter = _letter(world, case_id)
    window = make_window(world.clerk1)
    window.open_case(case_id)
    section = window.case_view.messages
    qtbot.waitUntil(lambda: bool(section.messages))
    item = section.tree.topLevelItem(0)
    assert item is not None
    section.tree.setCurrentItem(item)
    assert section.letter_button.isVisibleTo(section)  # the print queue listens
    qtbot.mouseClick(section.letter_button, Qt.MouseButton.LeftButton)
    tab = window.delivery.print_queue
    assert window.stack.current is not None and window.stack.current.key == "delivery"
    assert window.delivery.tabs.currentWidget() is tab
    assert tab.shown_id == letter
    file_number = world.casework.queries.get_case(world.clerk1, case_id).row.file_number
    assert tab.detail.text().startswith(f"{file_number} · Anna Beispiel")
    assert tab.waiting_table.currentIndex().row() == 0
