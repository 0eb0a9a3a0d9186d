"""One "finish" for a standard certificate order: certificate, check, complete, tell.

From a selected case it is two more clerk actions: *Finish* and *Confirm*. The steps of
the :class:`~.actions.FinishPlan` run in one worker (:func:`prepare_finish`): take the
case if it is unassigned, start work if it is still "received" (without a message of
its own: the applicant hears of the completion), create the certificate if there is
none, then read the case, the PDF and the preview of the completion message. While it
waits for its turn the clerk may cancel it; once it writes, it runs to its end (a late
cancel still gets the case read again, so the screen shows what the database holds).

The confirmation (:class:`FinishDialog`) is the status-change dialog with the
certificate beside it: what the citizen receives (channel, recipient, text, the
certificate enclosed) is previewed before anything is sent; confirming completes the
case and queues the message in one transaction (the outbox sends it, or makes the
letter for the print queue). Cancelling keeps the certificate and leaves the case open.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import Status
from backoffice.services.casework import CaseDetail
from backoffice.services.citizen.service import MessagePreview
from backoffice.services.documents import DocumentInfo
from backoffice.services.progress import Progress
from backoffice.ui.case.actions import FinishPlan
from backoffice.ui.case.dialogs import TransitionDialog
from backoffice.ui.case.documents import load_document
from backoffice.ui.case.message_preview import PreviewLoader
from backoffice.ui.case.preview import Preview, PreviewPane
from backoffice.ui.context import UiContext
from backoffice.ui.tasks import Task, TaskContext
from backoffice.ui.texts import Vocabulary
from backoffice.ui.widgets import heading_font, muted, plain_label

if TYPE_CHECKING:
    from backoffice.ui.case.view import CaseView

#: The phases :func:`prepare_finish` reports, in order.
PHASES = ("waiting", "claim", "start", "certificate", "reading")


@dataclass(frozen=True)
class FinishPrepared:
    """Everything the confirmation shows, read after the certificate was created."""

    detail: CaseDetail
    document: DocumentInfo
    pdf: bytes
    shown: Preview
    message: MessagePreview


def prepare_finish(
    context: UiContext, case_id: int, version: int, plan: FinishPlan, task: TaskContext
) -> FinishPrepared | None:
    """The steps before the confirmation (in a worker); None if stopped before writing.

    ``version`` is the one the clerk saw: a change made meanwhile is refused by the first
    status change, not overwritten."""
    actor = context.actor
    total = len(PHASES)
    task.progress(0, total, phase="waiting")
    if task.stop.cancelled:
        return None
    if plan.claim:
        task.progress(1, total, phase="claim")
        context.commands.claim(actor, case_id)
        version += 1
    if plan.start:
        task.progress(2, total, phase="start")
        row = context.commands.change_status(
            actor, case_id, version, Status.IN_PROGRESS, notify=False
        )
        version = row.version
    task.progress(3, total, phase="certificate")
    if plan.generate:
        document = context.documents.generate(actor, case_id)
    else:
        certificates = [
            d for d in context.documents.list_documents(actor, case_id) if d.kind == "certificate"
        ]
        document = certificates[-1]
    task.progress(4, total, phase="reading")
    detail = context.queries.get_case(actor, case_id)
    pdf, shown = load_document(context, document.id)
    message = context.citizen.preview(actor, case_id, Status.COMPLETED, "")
    return FinishPrepared(detail, document, pdf, shown, message)


class FinishProgressDialog(QDialog):
    """What "finish" is doing before the confirmation, with a cancel while it waits."""

    def __init__(self, file_number: str, plan: FinishPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Finish case"))
        self.setMinimumWidth(420)
        self._plan = plan
        heading = plain_label(file_number, self)
        heading.setFont(heading_font(self.font(), 1.15))
        self.label = plain_label(self._phase_text("waiting"), self, wrap=True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, len(PHASES))
        self.bar.setTextVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)

    def _phase_text(self, phase: str) -> str:
        texts = {
            "waiting": self.tr("Waiting for the database…"),
            "claim": self.tr("Taking the case…"),
            "start": self.tr("Starting work on the case…"),
            "certificate": self.tr("Creating the certificate…")
            if self._plan.generate
            else self.tr("Reading the certificate…"),
            "reading": self.tr("Preparing the preview…"),
        }
        return texts.get(phase, phase)

    def show_progress(self, report: Progress) -> None:
        self.bar.setValue(report.done)
        self.label.setText(self._phase_text(report.phase))
        # Once something is written it runs to its end: nothing half done.
        self.cancel_button.setEnabled(report.phase == "waiting")

    def reject(self) -> None:
        if self.cancel_button.isEnabled():
            super().reject()


class FinishDialog(TransitionDialog):
    """The confirmation: the certificate beside what the applicant receives."""

    def __init__(
        self,
        prepared: FinishPrepared,
        words: Vocabulary,
        loader: PreviewLoader,
        parent: QWidget | None = None,
    ) -> None:
        detail = prepared.detail
        transition = detail.template.workflow.find(Status.IN_PROGRESS, Status.COMPLETED)
        assert transition is not None  # the plan was made from it
        side = QWidget()
        certificate = PreviewPane(side)
        certificate.setMinimumSize(340, 420)
        caption = muted(plain_label("", side, wrap=True))
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(certificate, 1)
        side_layout.addWidget(caption)
        super().__init__(
            detail.row.file_number,
            detail.template,
            transition,
            words,
            loader,
            parent,
            side=side,
            initial=prepared.message,
            ok_text=QCoreApplication.translate("FinishDialog", "Complete and send"),
        )
        self.setWindowTitle(self.tr("Finish case"))
        self.prepared = prepared
        self.certificate = certificate
        caption.setText(
            self.tr("Certificate, verification code {code}").format(
                code=prepared.document.verification_code
            )
        )
        certificate.show_preview(prepared.shown)
        self.ok_button.setFocus(Qt.FocusReason.OtherFocusReason)


class FinishFlow(QObject):
    """Runs "finish" for the case view: progress, confirmation, the status change."""

    def __init__(self, context: UiContext, view: CaseView) -> None:
        super().__init__(view)
        self._ctx = context
        self._view = view
        self.task: Task | None = None
        self.progress: FinishProgressDialog | None = None
        self._stopped = False

    def start(self) -> None:
        view = self._view
        detail, offer = view.detail, view.offer
        if detail is None or offer is None or offer.finish is None or view.busy:
            return
        plan = offer.finish
        case_id, file_number = detail.row.id, detail.row.file_number
        self._stopped = False
        view.set_busy(True)
        progress = FinishProgressDialog(file_number, plan, view)
        progress.rejected.connect(self._cancel)
        progress.finished.connect(lambda _result: self._forget_progress(progress))
        self.progress = progress
        view.open_dialog(progress)
        self.task = self._ctx.runner.run_long(
            partial(prepare_finish, self._ctx, case_id, detail.row.version, plan),
            done=lambda prepared: self._prepared(case_id, prepared),
            failed=self._failed,
            progress=self._progressed,
            owner=view,
            write=True,
            name="finish case",
        )

    def _progressed(self, report: Progress) -> None:
        if self.progress is not None:
            self.progress.show_progress(report)

    def _forget_progress(self, progress: FinishProgressDialog) -> None:
        if self.progress is progress:
            self.progress = None

    def _cancel(self) -> None:
        """The clerk cancelled while the steps wait for their turn: ask them to stop."""
        self._stopped = True
        if self.task is not None:
            self.task.stop()  # the outcome still comes back: the case is read again then

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None and progress.isVisible():
            progress.done(QDialog.DialogCode.Accepted)

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        self._view.action_failed(error)

    def _prepared(self, case_id: int, prepared: FinishPrepared | None) -> None:
        self._close_progress()
        view = self._view
        if prepared is not None:
            view.case_changed.emit(prepared.detail.row)
        if prepared is None or self._stopped:
            if prepared is not None:
                view.status_message.emit(
                    self.tr(
                        "Case {file}: the certificate had been created already; the case "
                        "stays open."
                    ).format(file=prepared.detail.row.file_number)
                )
            view.after_action(case_id)
            return
        view.after_action(case_id)  # the case as it is now (taken, started, certificate)
        loader = PreviewLoader(
            self._ctx.runner,
            partial(self._ctx.citizen.preview, self._ctx.actor, case_id, Status.COMPLETED),
        )
        dialog = FinishDialog(prepared, self._ctx.vocabulary, loader, view)
        dialog.accepted.connect(lambda: self._confirmed(dialog))
        dialog.rejected.connect(
            lambda: view.status_message.emit(
                self.tr("Case {file}: the certificate is kept; the case stays open.").format(
                    file=prepared.detail.row.file_number
                )
            )
        )
        view.open_dialog(dialog)

    def _confirmed(self, dialog: FinishDialog) -> None:
        row = dialog.prepared.detail.row
        self._view.run_change(
            partial(
                self._ctx.commands.change_status,
                self._ctx.actor,
                row.id,
                row.version,
                Status.COMPLETED,
                comment=dialog.comment(),
                message=dialog.message(),
                notify=dialog.notify(),
                resend=dialog.send_again(),
            ),
            self.tr("Case {file} completed; the message to the applicant is queued.")
            if dialog.notify()
            else self.tr("Case {file} completed, without a message to the applicant."),
        )


__all__ = ["FinishDialog", "FinishFlow", "FinishPrepared", "FinishProgressDialog", "prepare_finish"]
