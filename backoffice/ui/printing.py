"""Printing letters from the print queue through Qt's print support.

:class:`LetterPrinter` is the one road, used by the print queue tab and by the inbox's bulk
print. For a set of letters it

1. asks for the printer (:meth:`LetterPrinter.choose_printer`, the system's print dialog;
   tests override it and hand back a PDF printer);
2. reads what goes into each envelope in a worker (the letter, then the certificates it
   encloses, each checked against its SHA-256; :func:`plan_print`): a letter that cannot
   be read is left out and reported, the others are printed;
3. prints them (:class:`PrintRun`): each page is rendered to an image in a worker
   (PDFium, :mod:`backoffice.documents.raster`), at most two pages ahead, and painted on
   the GUI thread with QPainter in eight bands, one per turn of the event loop (the print
   engine compresses each image as it is drawn), at its own size from the paper's corner
   (no scaling to the printable area: the address must sit in the envelope's window),
   losslessly (text deflates smaller than it JPEG-encodes). A progress dialog counts the
   pages; Cancel stops between two bands;
4. asks whether everything came out of the printer, and only on "yes" marks the letters
   printed. The program cannot know: a print spooler accepts a job for a printer that is
   off, out of paper or jammed, and a letter marked printed leaves the waiting list. The
   clerk stands at the printer anyway to put the letters into envelopes; "no" leaves them
   all waiting, and a letter marked printed by mistake can be printed again from the
   list of printed letters.

When the printer fails (it cannot be opened, reports an error, or the job cannot be
finished) nothing is marked printed, the letters stay in the queue, and the clerk is told
why. Reprinting (``mark=False``) runs the same road without the question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from backoffice.documents.raster import PageNotRendered, Raster, page_count, render_page
from backoffice.domain.errors import DomainError
from backoffice.services.actor import Actor
from backoffice.services.documents import DocumentDamaged
from backoffice.services.errors import NotFound
from backoffice.services.print_queue import (
    MAX_BATCH,
    PrintedReport,
    PrintFailure,
    PrintQueueService,
)
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.tasks import TaskContext, TaskRunner

#: Pages are rendered at this resolution at most (the printer's own, if lower).
PRINT_DPI = 300
#: How many pages are rendered ahead of the one being painted.
AHEAD = 2
#: Each page is painted in this many horizontal bands, one per turn of the event loop.
BANDS = 8


@dataclass(frozen=True)
class PrintPage:
    letter_id: int
    pdf: bytes = field(repr=False)
    #: The page within ``pdf`` (from 0).
    index: int


@dataclass(frozen=True)
class PrintPlan:
    """What a print run prints: every page of the letters that could be read, in order."""

    pages: tuple[PrintPage, ...]
    #: The letters whose every file is in ``pages``.
    letter_ids: tuple[int, ...]
    #: The letters left out, and why (plain text for the clerk).
    unreadable: tuple[tuple[int, str], ...] = ()


def plan_print(
    service: PrintQueueService, actor: Actor, letter_ids: Sequence[int], context: TaskContext
) -> PrintPlan:
    """Read the files of each letter and count their pages (in a worker)."""
    pages: list[PrintPage] = []
    printable: list[int] = []
    unreadable: list[tuple[int, str]] = []
    ids = list(dict.fromkeys(letter_ids))
    for done, letter_id in enumerate(ids):
        context.token.check()
        context.progress(done, len(ids))
        try:
            files = service.print_files(actor, letter_id)
            letter_pages = [
                PrintPage(letter_id, f.pdf, index)
                for f in files
                for index in range(page_count(f.pdf))
            ]
        except (DomainError, PageNotRendered) as exc:
            unreadable.append((letter_id, unreadable_text(exc)))
            continue
        pages.extend(letter_pages)
        printable.append(letter_id)
    return PrintPlan(tuple(pages), tuple(printable), tuple(unreadable))


def unreadable_text(error: Exception) -> str:
    """Why a letter cannot be printed, for the clerk (translate is thread-safe)."""
    if isinstance(error, DocumentDamaged):
        return QCoreApplication.translate(
            "LetterPrinter",
            "The stored file does not match its checksum (damaged); it is not printed.",
        )
    if isinstance(error, NotFound):
        return QCoreApplication.translate(
            "LetterPrinter", "The letter or a certificate it encloses no longer exists."
        )
    if isinstance(error, PageNotRendered):
        return QCoreApplication.translate("LetterPrinter", "The PDF does not open.")
    return describe_error(error)


def mark_printed(
    service: PrintQueueService, actor: Actor, letter_ids: Sequence[int]
) -> PrintedReport:
    """Mark the letters printed, :data:`MAX_BATCH` at a time (in a worker)."""
    printed: list[int] = []
    failures: list[PrintFailure] = []
    ids = list(letter_ids)
    for start in range(0, len(ids), MAX_BATCH):
        report = service.mark_printed(actor, ids[start : start + MAX_BATCH])
        printed.extend(report.printed)
        failures.extend(report.failures)
    return PrintedReport(tuple(printed), tuple(failures))


class RunState(StrEnum):
    PRINTED = "printed"
    CANCELLED = "cancelled"
    FAILED = "failed"


@dataclass(frozen=True)
class RunOutcome:
    state: RunState
    pages: int
    #: Why it failed, for the clerk.
    message: str = ""


class PrintRun(QObject):
    """Paints the pages of a plan onto a printer: rendered in workers, painted here."""

    #: Pages painted so far, of how many.
    progressed = Signal(int, int)
    #: The run ended (a :class:`RunOutcome`); emitted once.
    finished = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        printer: QPrinter,
        pages: Sequence[PrintPage],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._printer = printer
        self._pages = list(pages)
        self._painter = QPainter()
        self._ready: dict[int, Raster] = {}
        self._requested = 0
        #: The page being painted (from 0), its image and how many bands of it are done.
        self._next = 0
        self._page_image: QImage | None = None
        self._page_raster: Raster | None = None
        self._band = 0
        self._pumping = False
        self._dpi = 0.0
        self.outcome: RunOutcome | None = None

    def start(self) -> None:
        printer = self._printer
        printer.setFullPage(True)  # page coordinates from the paper's corner
        if not self._pages:
            self._finish(RunOutcome(RunState.PRINTED, 0))
            return
        if not self._painter.begin(printer):
            self._finish(
                RunOutcome(
                    RunState.FAILED,
                    0,
                    self.tr("The printer could not be opened.") + _printer_detail(printer),
                )
            )
            return
        self._painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        self._dpi = float(min(printer.resolution(), PRINT_DPI))
        self._fill()

    def cancel(self) -> None:
        """Stop between two pages; nothing more reaches the printer."""
        if self.outcome is None:
            self._stop(RunOutcome(RunState.CANCELLED, self._next))

    # -- rendering (workers) and painting (here) ----------------------------------------------

    def _fill(self) -> None:
        while self.outcome is None and self._requested < min(len(self._pages), self._next + AHEAD):
            index = self._requested
            self._requested += 1
            page = self._pages[index]
            self._runner.run(
                partial(render_page, page.pdf, page.index, self._dpi),
                done=partial(self._rendered, index),
                failed=self._render_failed,
                owner=self,
                name="render a page to print",
            )

    def _rendered(self, index: int, raster: Raster) -> None:
        if self.outcome is None:
            self._ready[index] = raster
            self._schedule()

    def _schedule(self) -> None:
        """Paint the next band once the event loop has had its turn."""
        if not self._pumping and self.outcome is None:
            self._pumping = True
            QTimer.singleShot(0, self, self._pump)

    def _pump(self) -> None:
        """Paint one band of the current page (a page is painted in :data:`BANDS` bands:
        the printer's engine compresses what it is given on this thread, ~100 ms for a whole
        page at 300 dpi, so a band keeps each turn short and the window responsive)."""
        self._pumping = False
        if self.outcome is not None:
            return
        if self._page_image is None:
            raster = self._ready.pop(self._next, None)
            if raster is None:
                return  # still rendering; _rendered schedules again
            if self._next > 0 and not self._printer.newPage():
                self._stop(self._failure(self.tr("The printer refused the next page.")))
                return
            self._page_image = QImage(
                raster.pixels,
                raster.width,
                raster.height,
                raster.stride,
                QImage.Format.Format_RGB888,
            )
            self._page_raster = raster  # holds the pixels the image reads
            self._band = 0
        self._paint_band()
        if self.outcome is not None:
            return
        if self._band < BANDS:
            self._schedule()
            return
        self._page_image = None
        self._page_raster = None
        self._next += 1
        self.progressed.emit(self._next, len(self._pages))
        if self.outcome is not None:
            return
        if self._next == len(self._pages):
            self._end()
            return
        self._fill()
        self._schedule()

    def _paint_band(self) -> None:
        image, raster = self._page_image, self._page_raster
        assert image is not None and raster is not None
        dpi = self._printer.resolution()
        scale = raster.page_height_pt / 72 * dpi / raster.height
        width = raster.page_width_pt / 72 * dpi
        rows = -(-raster.height // BANDS)
        top = self._band * rows
        # One row of overlap: no hairline gap between two bands on any printer.
        height = min(rows + 1, raster.height - top)
        if height > 0:
            self._painter.drawImage(
                QRectF(0, top * scale, width, height * scale),
                image.copy(0, top, raster.width, height),
            )
        self._band += 1
        if self._printer.printerState() == QPrinter.PrinterState.Error:
            self._stop(self._failure(self.tr("The printer reported an error.")))

    def _end(self) -> None:
        if not self._painter.end() or self._printer.printerState() == QPrinter.PrinterState.Error:
            self._finish(self._failure(self.tr("The print job could not be finished.")))
            return
        self._finish(RunOutcome(RunState.PRINTED, self._next))

    def _render_failed(self, error: Exception) -> None:
        if self.outcome is None:
            self._stop(
                self._failure(
                    self.tr("A page could not be prepared for printing.")
                    + " "
                    + describe_error(error)
                )
            )

    def _failure(self, text: str) -> RunOutcome:
        return RunOutcome(RunState.FAILED, self._next, text + _printer_detail(self._printer))

    def _stop(self, outcome: RunOutcome) -> None:
        if self._painter.isActive():
            self._printer.abort()
            self._painter.end()
        self._ready.clear()
        self._page_image = self._page_raster = None
        self._finish(outcome)

    def _finish(self, outcome: RunOutcome) -> None:
        if self.outcome is None:
            self.outcome = outcome
            self.finished.emit(outcome)


def _printer_detail(printer: QPrinter) -> str:
    name = printer.outputFileName() or printer.printerName()
    if not name:
        return ""
    return " " + QCoreApplication.translate("PrintRun", "Printer: {name}").format(name=name)


class PrintState(StrEnum):
    """How printing a set of letters ended."""

    #: Printed, and marked printed where asked (``PrintReport.marked``).
    PRINTED = "printed"
    #: Printed, but the clerk said not everything came out: nothing marked.
    NOT_CONFIRMED = "not_confirmed"
    CANCELLED = "cancelled"
    FAILED = "failed"
    #: No letter could be read: nothing went to the printer.
    NOTHING = "nothing"


@dataclass(frozen=True)
class PrintReport:
    state: PrintState
    #: The letters asked for.
    letter_ids: tuple[int, ...]
    #: The letters that went to the printer.
    printed: tuple[int, ...] = ()
    #: The letters marked printed now.
    marked: tuple[int, ...] = ()
    #: Letters left out or not marked, and why (plain text).
    problems: tuple[tuple[int, str], ...] = ()
    pages: int = 0
    #: Why it failed, for the clerk.
    message: str = ""


class LetterPrinter(QObject):
    """Prints letters and marks them printed; see the module documentation."""

    #: Printing ended (a :class:`PrintReport`), whatever the outcome.
    finished = Signal(object)
    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: Pages handed to the printer so far, of how many.
    progressed = Signal(int, int)

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = context
        self._parent = parent
        self.progress: QProgressDialog | None = None
        self.run: PrintRun | None = None
        #: The question or the error shown now, if any (tests answer it).
        self.dialog: QMessageBox | None = None
        self._busy = False
        self._ids: tuple[int, ...] = ()
        self._mark = True
        self._plan: PrintPlan | None = None
        self._task_cancelled = False

    @property
    def busy(self) -> bool:
        return self._busy

    # -- the seam -----------------------------------------------------------------------------

    def choose_printer(self, count: int) -> QPrinter | None:
        """The printer to use (the system's print dialog); None when the clerk cancels."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.tr("Letters (%n)", "", count))
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(self.tr("Print %n letter(s)", "", count))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, False)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintSelection, False)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None

    # -- the road -----------------------------------------------------------------------------

    def print_letters(self, letter_ids: Sequence[int], *, mark: bool = True) -> bool:
        """Print these letters (and their enclosures); ``mark``: ask whether they came out
        and mark them printed. False when nothing started (busy, nothing given, no printer
        chosen)."""
        ids = tuple(dict.fromkeys(letter_ids))
        if self._busy or not ids:
            return False
        printer = self.choose_printer(len(ids))
        if printer is None:
            return False
        self._busy, self._ids, self._mark, self._plan = True, ids, mark, None
        self._printer = printer
        progress = QProgressDialog(self._parent)
        progress.setWindowTitle(self.tr("Printing"))
        progress.setLabelText(self.tr("Reading %n letter(s)…", "", len(ids)))
        progress.setCancelButtonText(self.tr("Cancel"))
        progress.setRange(0, len(ids))
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(self.cancel)
        progress.show()
        self.progress = progress
        self._task_cancelled = False
        self._task = self._ctx.runner.run_long(
            partial(plan_print, self._ctx.services.print_queue, self._ctx.actor, ids),
            done=self._planned,
            failed=self._plan_failed,
            progress=lambda report: progress.setValue(report.done),
            owner=self,
            name="read letters to print",
        )
        return True

    def cancel(self) -> None:
        """Stop: before the printer got anything, or between two pages."""
        if not self._busy:
            return
        if self.run is not None:
            self.run.cancel()
        elif self._plan is None:
            self._task.cancel()
            self._task_cancelled = True
            self._done(PrintReport(PrintState.CANCELLED, self._ids))

    def shut_down(self) -> None:
        """The window closes: stop a print run (nothing is marked printed)."""
        if self._busy and self.dialog is None:
            self.cancel()

    def _planned(self, plan: PrintPlan) -> None:
        if not self._busy or self._task_cancelled:
            return
        self._plan = plan
        if not plan.pages:
            self._done(
                PrintReport(PrintState.NOTHING, self._ids, problems=plan.unreadable),
                error=self.tr("None of the letters could be read; nothing was printed."),
            )
            return
        progress = self.progress
        if progress is not None:
            progress.setRange(0, len(plan.pages))
            progress.setValue(0)
            progress.setLabelText(self.tr("Printing %n letter(s)…", "", len(plan.letter_ids)))
        run = PrintRun(self._ctx.runner, self._printer, plan.pages, self)
        run.progressed.connect(self._page_printed)
        run.finished.connect(self._printed)
        self.run = run
        run.start()

    def _plan_failed(self, error: Exception) -> None:
        if self._busy:
            self._done(
                PrintReport(PrintState.FAILED, self._ids, message=describe_error(error)),
                error=self.tr("The letters could not be read; nothing was printed.")
                + " "
                + describe_error(error),
            )

    def _page_printed(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
        if self.progress is not None:
            self.progress.setValue(done)
            self.progress.setLabelText(
                self.tr("Printing page {done} of {total}…").format(done=done, total=total)
            )

    def _printed(self, outcome: RunOutcome) -> None:
        plan = self._plan
        assert plan is not None
        self.run = None
        if outcome.state == RunState.FAILED:
            self._done(
                PrintReport(
                    PrintState.FAILED,
                    self._ids,
                    problems=plan.unreadable,
                    pages=outcome.pages,
                    message=outcome.message,
                ),
                error=self.tr(
                    "Printing failed: {reason}\n\nNothing was marked printed; the letters stay "
                    "in the print queue."
                ).format(reason=outcome.message),
            )
            return
        if outcome.state == RunState.CANCELLED:
            self.status_message.emit(self.tr("Printing cancelled; nothing was marked printed."))
            self._done(
                PrintReport(
                    PrintState.CANCELLED, self._ids, problems=plan.unreadable, pages=outcome.pages
                )
            )
            return
        self._close_progress()
        if not self._mark:
            self.status_message.emit(
                self.tr("%n letter(s) printed again.", "", len(plan.letter_ids))
            )
            self._done(
                PrintReport(
                    PrintState.PRINTED,
                    self._ids,
                    printed=plan.letter_ids,
                    problems=plan.unreadable,
                    pages=outcome.pages,
                )
            )
            return
        self._ask(plan, outcome.pages)

    def _ask(self, plan: PrintPlan, pages: int) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Printed correctly?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "%n letter(s) went to the printer. Did every page come out correctly?",
                "",
                len(plan.letter_ids),
            )
        )
        box.setInformativeText(
            self.tr(
                "{pages} pages in all. Only letters marked printed leave the print queue; "
                "a letter marked by mistake can be printed again from the printed ones."
            ).format(pages=pages)
        )
        self.yes_button = box.addButton(
            self.tr("Yes, mark as printed"), QMessageBox.ButtonRole.AcceptRole
        )
        self.no_button = box.addButton(
            self.tr("No, keep them waiting"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(self.yes_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(box, plan, pages))
        self.dialog = box
        box.open()

    def _answered(self, box: QMessageBox, plan: PrintPlan, pages: int) -> None:
        if self.dialog is box:
            self.dialog = None
        if box.clickedButton() is not self.yes_button:
            self.status_message.emit(
                self.tr("Nothing was marked printed; the letters stay in the print queue.")
            )
            self._done(
                PrintReport(
                    PrintState.NOT_CONFIRMED,
                    self._ids,
                    printed=plan.letter_ids,
                    problems=plan.unreadable,
                    pages=pages,
                )
            )
            return
        ctx = self._ctx
        ctx.runner.run(
            partial(mark_printed, ctx.services.print_queue, ctx.actor, plan.letter_ids),
            done=lambda report: self._marked(plan, pages, report),
            failed=lambda error: self._mark_failed(plan, pages, error),
            owner=self,
            write=True,
            name="mark letters printed",
        )

    def _marked(self, plan: PrintPlan, pages: int, report: PrintedReport) -> None:
        problems = plan.unreadable + tuple((f.letter_id, f.message) for f in report.failures)
        self.status_message.emit(self.tr("%n letter(s) marked printed.", "", len(report.printed)))
        self._done(
            PrintReport(
                PrintState.PRINTED,
                self._ids,
                printed=plan.letter_ids,
                marked=report.printed,
                problems=problems,
                pages=pages,
            )
        )

    def _mark_failed(self, plan: PrintPlan, pages: int, error: Exception) -> None:
        self._done(
            PrintReport(
                PrintState.FAILED,
                self._ids,
                printed=plan.letter_ids,
                problems=plan.unreadable,
                pages=pages,
                message=describe_error(error),
            ),
            error=self.tr(
                "The letters were printed but could not be marked printed: {reason}\n\n"
                "They stay in the print queue; mark them by printing them once more."
            ).format(reason=describe_error(error)),
        )

    # -- ending -------------------------------------------------------------------------------

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self.cancel)
            progress.close()
            progress.deleteLater()

    def _done(self, report: PrintReport, error: str = "") -> None:
        self._close_progress()
        self.run = None
        self._busy = False
        if error:
            box = QMessageBox(self._parent)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Printing"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(error)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(lambda _result: self._error_closed(box))
            self.dialog = box
            box.open()
            self.status_message.emit(error.splitlines()[0])
        self.finished.emit(report)

    def _error_closed(self, box: QMessageBox) -> None:
        if self.dialog is box:
            self.dialog = None


__all__ = [
    "LetterPrinter",
    "PrintPage",
    "PrintPlan",
    "PrintReport",
    "PrintRun",
    "PrintState",
    "RunOutcome",
    "RunState",
    "plan_print",
]
