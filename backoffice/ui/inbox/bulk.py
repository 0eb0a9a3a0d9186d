"""Bulk actions on the cases selected in the inbox: assign, take over, release, change
status, create certificates, print letters.

:class:`BulkActions` holds the actions (for the *Selection* menu, the table's
context menu and :class:`BulkBar`, shown above the table while several cases are
selected). Each action asks what it needs first (a reason for reassigning, the
status), then runs in a worker: case by case through the team services' bulk use
cases, reporting progress, and stoppable between cases (what was done stays done,
the rest is not touched). Afterwards :class:`BulkResultDialog` says per case what
was done and what was refused and why, and the inbox reads its rows again.

*Print letters* prints, for each selected case, the letters waiting for it in the print
queue, each with the certificates it encloses, in one print run through the print
queue's :class:`LetterPrinter` (print dialog, progress, "did they come out?"). Each case
is checked on its own: one without a waiting letter is refused ("nothing to print"),
one whose letter cannot be read is refused with the reason, the others print. Only
letters are printed, never a case's certificate on its own: a certificate for a citizen
without a digital channel goes into the envelope with its letter (which lists it under
"Anlagen") and is printed with it; one printed without a letter would leave the program
with no record of what went out, and the citizens with a digital channel got theirs
that way already.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.services.bulk import BulkAction, BulkResult, CaseOutcome, Refusal
from backoffice.services.bulk import BulkActions as BulkService
from backoffice.services.print_queue import CaseLetters
from backoffice.services.queries import CaseRow
from backoffice.services.users import UserInfo
from backoffice.ui.bulk_result import BulkResultDialog
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.inbox.bulk_dialogs import AssignManyDialog, ReasonDialog, StatusManyDialog
from backoffice.ui.inbox.panel import InboxPanel
from backoffice.ui.printing import LetterPrinter, PrintReport, PrintState
from backoffice.ui.tasks import Task, TaskContext
from backoffice.ui.widgets import plain_label

#: One call per case: the work can be stopped between any two cases.
Call = Callable[[Sequence[int]], BulkResult]


def run_case_by_case(
    action: BulkAction, call: Call, case_ids: Sequence[int], context: TaskContext
) -> tuple[BulkResult, int]:
    """Run ``call`` for each case in turn (in a worker); stop between cases when asked.
    Returns the merged result and how many cases were left untouched."""
    outcomes: list[CaseOutcome] = []
    total = len(case_ids)
    for done, case_id in enumerate(case_ids):
        if context.stop.cancelled:
            return BulkResult(action, tuple(outcomes)), total - done
        context.progress(done, total)
        outcomes.extend(call([case_id]).outcomes)
    context.progress(total, total)
    return BulkResult(action, tuple(outcomes)), 0


class BulkBar(QFrame):
    """Above the table while several cases are selected: how many, the actions, and
    while one runs its progress with a Cancel button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkBar")
        self.setStyleSheet(
            "QFrame#bulkBar { background: #eef1f5; border: 1px solid #b8c2cf; border-radius: 4px; }"
        )
        self.count_label = plain_label("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop after the case being worked on; the rest stay as they are")
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 3, 6, 3)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.count_label)
        self._layout.addStretch(1)
        self._layout.addWidget(self.progress)
        self._layout.addWidget(self.cancel_button)
        self.set_running(False)
        self.hide()

    def add_actions(self, actions: Sequence[QAction]) -> None:
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            self._layout.insertWidget(self._layout.count() - 2, button)

    def set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)


class BulkActions(QObject):
    """The bulk actions of the inbox; see the module documentation."""

    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: A bulk action has ended (its result; the result dialog is open).
    finished = Signal(object)

    def __init__(self, context: UiContext, inbox: InboxPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = context
        self._inbox = inbox
        self._parent = parent
        self._users: list[UserInfo] | None = None
        self.task: Task | None = None
        #: The dialog open now (a question or the result), if any.
        self.dialog: QDialog | None = None
        actor = context.actor
        available = context.services.team is not None
        self.assign_action = self._action("case-assign", self.tr("&Assign selected…"), self.assign)
        self.take_over_action = self._action(
            "case-claim", self.tr("&Take over selected…"), self.take_over
        )
        self.release_action = self._action(
            "case-release", self.tr("&Release selected…"), self.release
        )
        self.status_action = self._action(
            "case-status", self.tr("Change &status of selected…"), self.change_status
        )
        self.certificates_action = self._action(
            "certificate", self.tr("Create &certificates for selected"), self.create_certificates
        )
        self.print_action = self._action(
            "print", self.tr("&Print the letters of selected…"), self.print_letters
        )
        self.print_action.setToolTip(
            self.tr("Print the letters waiting in the print queue for the selected cases")
        )
        #: Prints the selected cases' letters (its print dialog is the seam for tests).
        self.printer = LetterPrinter(context, parent)
        self.printer.status_message.connect(self.status_message)
        self._print_cases: list[CaseLetters] = []
        # Short words for the bar above the table (menus show the full text).
        for action, short in (
            (self.assign_action, self.tr("Assign…")),
            (self.take_over_action, self.tr("Take over…")),
            (self.release_action, self.tr("Release…")),
            (self.status_action, self.tr("Status…")),
            (self.certificates_action, self.tr("Certificates")),
            (self.print_action, self.tr("Print…")),
        ):
            action.setIconText(short)
        self._allowed = {
            self.assign_action: available and actor.can(Permission.ASSIGN_CASES),
            self.take_over_action: available and actor.can(Permission.ASSIGN_CASES),
            self.release_action: available and actor.can(Permission.CLAIM_CASE),
            self.status_action: available and actor.can(Permission.WORK_OWN_CASES),
            self.certificates_action: available and actor.can(Permission.WORK_OWN_CASES),
            self.print_action: actor.can(Permission.WORK_OWN_CASES),
        }
        self.bar = BulkBar(inbox)
        self.bar.add_actions([a for a in self.actions() if self._allowed[a]])
        self.bar.cancel_button.clicked.connect(self.cancel)
        inbox.add_bar(self.bar)
        inbox.selection_changed.connect(self._selection_changed)
        self._selection_changed(0)

    def _action(self, icon_name: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [
            self.assign_action,
            self.take_over_action,
            self.release_action,
            self.status_action,
            self.certificates_action,
            self.print_action,
        ]

    @property
    def running(self) -> bool:
        return (self.task is not None and not self.task.finished) or self.printer.busy

    def _selection_changed(self, count: int) -> None:
        self.bar.count_label.setText(self.tr("%n case(s) selected", "", count))
        self.bar.setVisible(count > 1 or self.running)
        for action, allowed in self._allowed.items():
            action.setEnabled(allowed and count > 0 and not self.running)

    # -- asking -------------------------------------------------------------------------------

    def _selected(self) -> list[CaseRow]:
        return self._inbox.selected_cases() if not self.running and self.dialog is None else []

    def _ask(self, dialog: QDialog, then: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.accepted.connect(then)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def assign(self) -> None:
        cases = self._selected()
        if not cases:
            return
        if self._users is None:
            self._ctx.runner.run(
                self._ctx.users.list,
                done=self._users_arrived,
                failed=self._failed,
                owner=self,
                name="users",
            )
            return
        dialog = AssignManyDialog(len(cases), self._users, self._parent)
        self._ask(
            dialog,
            lambda: self._start(
                BulkAction.ASSIGN,
                cases,
                partial(self._team_bulk().assign, self._ctx.actor),
                dialog.chosen_login(),
                dialog.reason(),
            ),
        )

    def _users_arrived(self, users: list[UserInfo]) -> None:
        self._users = users
        self.assign()

    def take_over(self) -> None:
        cases = self._selected()
        if not cases:
            return
        dialog = ReasonDialog(
            self.tr("Take over cases"),
            self.tr(
                "You take over the %n selected case(s) from whoever holds them.", "", len(cases)
            ),
            self.tr("Take over"),
            required=True,
            parent=self._parent,
        )
        self._ask(
            dialog,
            lambda: self._start(
                BulkAction.TAKE_OVER,
                cases,
                partial(self._team_bulk().take_over, self._ctx.actor),
                dialog.reason(),
            ),
        )

    def release(self) -> None:
        cases = self._selected()
        if not cases:
            return
        dialog = ReasonDialog(
            self.tr("Release cases"),
            self.tr("Nobody will hold the %n selected case(s) afterwards.", "", len(cases)),
            self.tr("Release"),
            required=False,
            parent=self._parent,
        )
        self._ask(
            dialog,
            lambda: self._start(
                BulkAction.RELEASE,
                cases,
                partial(self._team_bulk().release, self._ctx.actor),
                dialog.reason() or None,
            ),
        )

    def change_status(self) -> None:
        cases = self._selected()
        if not cases:
            return
        dialog = StatusManyDialog(cases, self._ctx.vocabulary, self._parent)
        seen = {case.id: case.version for case in cases}  # what the clerk saw

        def go() -> None:
            target = dialog.target()
            if target is None:
                return
            call = partial(self._team_bulk().change_status, self._ctx.actor)
            self._start(
                BulkAction.CHANGE_STATUS,
                cases,
                lambda ids: call(
                    ids,
                    target,
                    comment=dialog.comment(),
                    message=dialog.message(),
                    expected_versions={i: seen[i] for i in ids},
                ),
            )

        self._ask(dialog, go)

    def create_certificates(self) -> None:
        cases = self._selected()
        if cases:
            bulk = self._team_bulk()
            self._start(
                BulkAction.CREATE_CERTIFICATE,
                cases,
                partial(bulk.create_certificates, self._ctx.actor),
            )

    def print_letters(self) -> None:
        """Print the waiting letters of the selected cases (see the module documentation)."""
        cases = self._selected()
        if not cases:
            return
        ctx = self._ctx
        ids = [case.id for case in cases]
        self.print_action.setEnabled(False)
        ctx.runner.run(
            partial(ctx.services.print_queue.waiting_of_cases, ctx.actor, ids),
            done=self._letters_found,
            failed=self._print_failed,
            owner=self,
            name="letters of the selected cases",
        )

    def _letters_found(self, answer: list[CaseLetters]) -> None:
        self._print_cases = answer
        letter_ids = [letter.id for case in answer for letter in case.letters]
        if not letter_ids:
            self._show_result(print_result(answer, None))
        else:
            self.printer.finished.connect(self._letters_printed)
            if not self.printer.print_letters(letter_ids, mark=True):  # the clerk did not
                self.printer.finished.disconnect(self._letters_printed)  # choose a printer
        self._selection_changed(len(self._inbox.selected_cases()))

    def _letters_printed(self, report: PrintReport) -> None:
        self.printer.finished.disconnect(self._letters_printed)
        self._show_result(print_result(self._print_cases, report))
        self._inbox.refresh()

    def _print_failed(self, error: Exception) -> None:
        self._selection_changed(len(self._inbox.selected_cases()))
        self.status_message.emit(describe_error(error))

    # -- running ------------------------------------------------------------------------------

    def _team_bulk(self) -> BulkService:
        team = self._ctx.services.team
        assert team is not None
        return team.bulk

    def _start(
        self,
        action: BulkAction,
        cases: Sequence[CaseRow],
        call: Callable[..., BulkResult],
        *args: object,
    ) -> None:
        ids = [case.id for case in cases]
        one_by_one: Call = (lambda chunk: call(chunk, *args)) if args else call
        bar = self.bar
        bar.progress.setRange(0, len(ids))
        bar.progress.setValue(0)
        bar.set_running(True)
        bar.show()
        self.task = self._ctx.runner.run_long(
            partial(run_case_by_case, action, one_by_one, ids),
            done=self._done,
            failed=self._failed,
            progress=lambda report: bar.progress.setValue(report.done),
            owner=self,
            write=True,
            name=f"bulk {action.value}",
        )
        self._selection_changed(len(ids))

    def cancel(self) -> None:
        """Stop after the case being worked on; what was done is reported."""
        if self.task is not None:
            self.task.stop()
            self.bar.cancel_button.setEnabled(False)

    def _done(self, outcome: tuple[BulkResult, int]) -> None:
        result, untouched = outcome
        self._finish()
        self.status_message.emit(
            self.tr("{done} done, {refused} refused.").format(
                done=len(result.done), refused=len(result.refused)
            )
        )
        self._show_result(result, cancelled=untouched > 0)
        self._inbox.refresh()

    def _show_result(self, result: BulkResult, *, cancelled: bool = False) -> None:
        dialog = BulkResultDialog(result, self._ctx.vocabulary, self._parent, cancelled=cancelled)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        self._selection_changed(len(self._inbox.selected_cases()))
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self._finish()
        self.status_message.emit(describe_error(error))
        self._inbox.refresh()

    def _finish(self) -> None:
        self.bar.set_running(False)
        self.bar.cancel_button.setEnabled(True)
        self.task = None
        self._selection_changed(len(self._inbox.selected_cases()))


def print_result(cases: Sequence[CaseLetters], report: PrintReport | None) -> BulkResult:
    """What printing the selected cases' letters did, case by case (``report`` None:
    nothing was sent to the printer because no case had a waiting letter)."""
    problems = dict(report.problems) if report is not None else {}
    marked = set(report.marked) if report is not None else set()
    outcomes: list[CaseOutcome] = []
    for case in cases:
        ids = [letter.id for letter in case.letters]
        if not case.found:
            outcomes.append(
                CaseOutcome(case.case_id, None, False, Refusal.NOT_FOUND, "no such case")
            )
        elif not ids:
            outcomes.append(
                CaseOutcome(case.case_id, case.file_number, False, Refusal.NOTHING_TO_PRINT)
            )
        elif all(i in marked for i in ids):
            outcomes.append(
                CaseOutcome(case.case_id, case.file_number, True, message=str(len(ids)))
            )
        else:
            assert report is not None
            why = next((problems[i] for i in ids if i in problems), "") or _not_printed(report)
            outcomes.append(
                CaseOutcome(case.case_id, case.file_number, False, Refusal.NOT_PRINTED, why)
            )
    return BulkResult(BulkAction.PRINT, tuple(outcomes))


def _not_printed(report: PrintReport) -> str:
    """Why the letters of a case that could be read were not marked printed."""
    texts = {
        PrintState.NOT_CONFIRMED: QCoreApplication.translate(
            "BulkActions", "you said they did not come out correctly"
        ),
        PrintState.CANCELLED: QCoreApplication.translate("BulkActions", "printing was cancelled"),
        PrintState.FAILED: report.message
        or QCoreApplication.translate("BulkActions", "printing failed"),
    }
    return texts.get(report.state, "")


__all__ = ["BulkActions", "BulkBar", "print_result", "run_case_by_case"]
