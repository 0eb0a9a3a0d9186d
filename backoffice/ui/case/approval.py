"""Four-eyes sign-off on the case: a status change waiting for a second person.

Some steps of a service (a template marks them ``requires: approval``, e.g. a
rejection) take effect only when someone else with the right to approve agrees.
While such a request is pending, :class:`ApprovalPanel` shows it above the case's
actions: who asked, when, which step, their comment. The requester sees that it is
waiting (and may take it back); a second person with the right role sees
*Approve* and *Refuse…* (a reason is required); anyone else sees that it waits
for a team lead. Every call runs in the task runner; afterwards the case is read
again (:attr:`decided`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.approvals import ApprovalInfo, ApprovalService
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.bulk_dialogs import ReasonDialog
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import TONE_COLOURS, plain_label


class ApprovalPanel(QFrame):
    """See the module documentation."""

    #: The request was approved, refused or withdrawn: the case should be read again.
    decided = Signal()
    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: A call failed (the error; the case view shows it and reads the case again).
    failed = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._generation = 0
        self.approval: ApprovalInfo | None = None
        self._template: ServiceTemplate | None = None
        #: The reason dialog while it is open.
        self.dialog: ReasonDialog | None = None
        self.setObjectName("approvalPanel")
        background, border, colour = TONE_COLOURS[Tone.WARNING]
        self.setStyleSheet(
            f"QFrame#approvalPanel {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }} QFrame#approvalPanel QLabel {{ color: {colour}; }}"
        )
        self.text = plain_label("", self, wrap=True, selectable=True)
        self.detail = plain_label("", self, wrap=True, selectable=True)
        self.approve_button = QPushButton(self.tr("&Approve"), self)
        self.approve_button.setToolTip(self.tr("Carry out the step as requested"))
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button = QPushButton(self.tr("Re&fuse…"), self)
        self.refuse_button.setToolTip(self.tr("Refuse the step; the requester is told why"))
        self.refuse_button.clicked.connect(self.ask_refusal)
        self.withdraw_button = QPushButton(self.tr("&Withdraw request"), self)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.approve_button, self.refuse_button, self.withdraw_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.hide()

    @property
    def _service(self) -> ApprovalService | None:
        team = self._ctx.services.team
        return team.approvals if team is not None else None

    def show_case(self, case_id: int, template: ServiceTemplate | None) -> None:
        """Look for a pending request on the case (in a worker) and show it."""
        self._generation += 1
        self._template = template
        service = self._service
        if service is None:
            self.hide()
            return
        generation = self._generation
        self._ctx.runner.run(
            partial(service.pending, self._ctx.actor, case_id),
            done=lambda pending: self._arrived(generation, pending),
            failed=lambda error: self._arrived(generation, []),
            owner=self,
            name="pending approvals",
        )

    def clear(self) -> None:
        self._generation += 1
        self.approval = None
        self.hide()

    def _arrived(self, generation: int, pending: list[ApprovalInfo]) -> None:
        if generation != self._generation:
            return
        self.approval = pending[0] if pending else None
        approval = self.approval
        if approval is None:
            self.hide()
            return
        words = self._ctx.vocabulary
        actor = self._ctx.actor
        mine = approval.requested_by == actor.login
        may_decide = not mine and actor.can(Permission.ASSIGN_CASES)
        step = self._step(approval.source, approval.target)
        if mine:
            text = self.tr(
                "Waiting for approval: you asked on {when} to {step}. A second person with the "
                "right to approve must agree before it takes effect."
            )
        elif may_decide:
            text = self.tr(
                "Approval needed: {who} asked on {when} to {step}. It takes effect when you "
                "approve it."
            )
        else:
            text = self.tr(
                "Waiting for approval: {who} asked on {when} to {step}; a team lead decides."
            )
        self.text.setText(
            text.format(
                who=approval.requested_by_name,
                when=words.datetime(approval.requested_at),
                step=step,
            )
        )
        details = []
        if approval.comment:
            details.append(self.tr("Comment: {text}").format(text=approval.comment))
        if approval.message:
            details.append(
                self.tr("Message to the applicant: {text}").format(text=approval.message)
            )
        self.detail.setText("\n".join(details))
        self.detail.setVisible(bool(details))
        self.approve_button.setVisible(may_decide)
        self.refuse_button.setVisible(may_decide)
        self.withdraw_button.setVisible(mine)
        self._set_busy(False)
        self.show()

    def _step(self, source: Status, target: Status) -> str:
        words = self._ctx.vocabulary
        return self.tr("move the case from “{source}” to “{target}”").format(
            source=words.status(source, self._template), target=words.status(target, self._template)
        )

    # -- deciding -----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        for button in (self.approve_button, self.refuse_button, self.withdraw_button):
            button.setEnabled(not busy)

    def _call(self, fn: Callable[[], object], done_text: str) -> None:
        self._set_busy(True)
        self._ctx.runner.run(
            fn,
            done=lambda _result: self._done(done_text),
            failed=self._failed,
            owner=self,
            write=True,
            name="approval",
        )

    def request(
        self,
        case_id: int,
        expected_version: int,
        target: Status,
        comment: str | None,
        message: str | None,
    ) -> None:
        """Ask for a step that needs a second person's approval (the case does not move)."""
        service = self._service
        if service is None:
            return
        self._call(
            partial(
                service.request,
                self._ctx.actor,
                case_id,
                expected_version,
                target,
                comment=comment,
                message=message,
            ),
            self.tr("Approval requested: the step takes effect once a second person agrees."),
        )

    def approve(self) -> None:
        service, approval = self._service, self.approval
        if service is not None and approval is not None:
            self._call(
                partial(service.approve, self._ctx.actor, approval.id),
                self.tr("Approved: {file} has moved on.").format(file=approval.file_number),
            )

    def ask_refusal(self) -> None:
        approval = self.approval
        if approval is None or self.dialog is not None:
            return
        dialog = ReasonDialog(
            self.tr("Refuse the request"),
            self.tr("{who} asked to {step}. Why not?").format(
                who=approval.requested_by_name, step=self._step(approval.source, approval.target)
            ),
            self.tr("Refuse"),
            required=True,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refuse(dialog.reason()))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: ReasonDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def refuse(self, reason: str) -> None:
        service, approval = self._service, self.approval
        if service is not None and approval is not None:
            self._call(
                partial(service.refuse, self._ctx.actor, approval.id, reason),
                self.tr("Refused; {who} is told why.").format(who=approval.requested_by_name),
            )

    def withdraw(self) -> None:
        service, approval = self._service, self.approval
        if service is not None and approval is not None:
            self._call(
                partial(service.withdraw, self._ctx.actor, approval.id),
                self.tr("Your request has been withdrawn."),
            )

    def _done(self, text: str) -> None:
        self.status_message.emit(text)
        self.decided.emit()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.failed.emit(error)


__all__ = ["ApprovalPanel"]
