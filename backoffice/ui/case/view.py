"""The case panel: can the request be trusted, what did the applicant ask, what can I do.

Top to bottom: messages (a concurrent change, a refused action, notices about
the case), the header (file number, service, status, deadline), the trust
facts (how the applicant identified, the payment, the reply channel, who works
on it), the actions allowed right now, and tabs with the form data,
attachments (with a preview), documents (the certificates created for the
case), history and notes.

Loading and every action run in the task runner; after an action the case is
read again, so what the clerk sees is what the database holds. A status change
carries the version the clerk saw: if someone changed the case meanwhile, the
service refuses with :class:`ConcurrentChange`, the panel says who changed
what and reloads. Assigning and releasing carry the version too.

Creating the certificate runs in the task runner as well; afterwards the case
is read again, so that a step that needs a document (completing) is offered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.errors import DomainError
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import Transition
from backoffice.services.casework import CaseDetail
from backoffice.services.citizen.service import MessageInfo
from backoffice.services.documents import DocumentInfo
from backoffice.services.errors import ClaimConflict, ConcurrentChange
from backoffice.services.queries import CaseRow
from backoffice.services.users import UserInfo
from backoffice.ui.case.action_bar import CaseActionBar
from backoffice.ui.case.actions import Offer, offer_for
from backoffice.ui.case.approval import ApprovalPanel
from backoffice.ui.case.attachments import AttachmentsSection
from backoffice.ui.case.dialogs import AssignDialog, TransitionDialog
from backoffice.ui.case.documents import DocumentsSection
from backoffice.ui.case.finish import FinishFlow
from backoffice.ui.case.header import CaseHeader
from backoffice.ui.case.message_preview import PreviewLoader
from backoffice.ui.case.messages import MessagesSection
from backoffice.ui.case.messaging import MessagingFlow
from backoffice.ui.case.sections import ChecklistSection, FormSection, NotesSection, Timeline
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar, plain_label

#: How long a case may take to load before the panel says it is loading.
LOADING_DELAY_MS = 300


class CaseView(QWidget):
    """Shows one case and offers what may be done with it now."""

    #: A case was changed from here (the new :class:`CaseRow`).
    case_changed = Signal(object)
    #: A change from here met a concurrent change (case id).
    conflict = Signal(int)
    #: A case has been shown (its file number).
    case_shown = Signal(str)
    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: Show this letter (document id) in the print queue: the seam for the print queue
    #: workspace, which connects here and calls ``messages.offer_letters()``.
    letter_requested = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.detail: CaseDetail | None = None
        self.offer: Offer | None = None
        self._case_id: int | None = None
        self._generation = 0
        self._busy = False
        self._users: list[UserInfo] | None = None
        self._drafts: dict[int, str] = {}
        #: The words of status changes that were refused, by (case id, target status).
        self._status_drafts: dict[tuple[int, Status], tuple[str, str]] = {}
        #: The document to select once the case has been read again (just created).
        self._new_document: int | None = None
        self.generating = False
        #: The dialog currently open (a status change or an assignment), if any.
        self.dialog: QDialog | None = None

        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.stack = QStackedWidget(self)
        self.placeholder = plain_label(self.tr("Select a case in the list."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_case_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._update_actions()

    # -- building -----------------------------------------------------------------------------

    def _build_case_page(self) -> QWidget:
        page = QWidget(self)
        self.message_bar = MessageBar(page)
        self.notice_bar = MessageBar(page)
        self.approval = ApprovalPanel(self._ctx, page)  # four-eyes: a step waiting
        self.approval.decided.connect(self.reload)
        self.approval.failed.connect(self.action_failed)
        self.approval.status_message.connect(self.status_message)

        self.header = CaseHeader(page)
        self.action_bar = bar = CaseActionBar(self._ctx.actor, self._ctx.vocabulary, self, page)
        bar.transition_requested.connect(self.start_transition)
        # The actions and buttons by name (menus, the toolbar and tests use them).
        self.claim_action, self.claim_button = bar.claim_action, bar.claim_button
        self.release_action, self.release_button = bar.release_action, bar.release_button
        self.assign_action, self.assign_button = bar.assign_action, bar.assign_button
        self.certificate_action = bar.certificate_action
        self.certificate_button = bar.certificate_button
        self.status_action, self.note_action = bar.status_action, bar.note_action
        self.action_hint = bar.hint
        self.claim_action.triggered.connect(self.claim)
        self.release_action.triggered.connect(self.release)
        self.assign_action.triggered.connect(self.choose_assignee)
        self.note_action.triggered.connect(self.focus_note)
        self.certificate_action.triggered.connect(self.generate_certificate)
        self.finish_action, self.finish_button = bar.finish_action, bar.finish_button
        self.message_action = bar.message_action
        self.finish_flow = FinishFlow(self._ctx, self)
        self.messaging = MessagingFlow(self._ctx, self)
        self.finish_action.triggered.connect(self.finish_flow.start)
        self.message_action.triggered.connect(self.write_message)

        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(True)
        self.form = FormSection(self.tabs)
        self.checklist = ChecklistSection(self.tabs)
        self.checklist.tick_requested.connect(self.tick_item)
        self.attachments = AttachmentsSection(self._ctx, self.tabs)
        self.attachments.status_message.connect(self.status_message)
        self.documents = DocumentsSection(self._ctx, self.tabs)
        self.documents.status_message.connect(self.status_message)
        self.documents.create_button.setDefaultAction(self.certificate_action)
        self.messages = MessagesSection(self._ctx, self.tabs)
        self.messages.write_button.setDefaultAction(self.message_action)
        self.messages.reroute_requested.connect(self.reroute_message)
        self.messages.letter_requested.connect(self.letter_requested)
        self.history = Timeline(self.tr("No history."), self.tabs)
        self.notes = NotesSection(self.tabs)
        self.notes.note_submitted.connect(self.add_note)
        self.tabs.addTab(self.form, self.tr("Application"))
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.addTab(self.messages, self.tr("Messages"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.notes, self.tr("Notes"))

        header = QFrame(page)
        header.setObjectName("caseHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(6)
        header_layout.addWidget(self.header)
        header_layout.addSpacing(4)
        header_layout.addWidget(self.action_bar)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 4, 4, 0)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.approval)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        return page

    # -- loading ------------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self._case_id

    @property
    def busy(self) -> bool:
        """An action or a load is under way."""
        return self._busy

    def show_case(self, case_id: int, *, keep_messages: bool = False) -> None:
        """Load a case (in the task runner) and show it."""
        self._save_draft()  # a reload must not lose what the clerk is typing either
        if case_id != self._case_id:
            keep_messages = False
        if not keep_messages:
            self.message_bar.dismiss()
        self._case_id = case_id
        self._generation += 1
        generation = self._generation
        self.set_busy(True)
        if self.detail is None:
            self._show_loading()
        elif self.detail.row.id != case_id:
            # Keep the previous case on screen (its actions are disabled while busy) and
            # say "loading" only if the answer takes a noticeable time: no flicker when
            # the clerk walks through the list.
            self._loading_timer.start()
        self._ctx.runner.run(
            partial(self._ctx.queries.get_case, self._ctx.actor, case_id),
            done=lambda detail: self._loaded(generation, detail),
            failed=lambda error: self._load_failed(generation, error),
            owner=self,
            name="open case",
        )

    def reload(self) -> None:
        if self._case_id is not None:
            self.show_case(self._case_id, keep_messages=True)

    def _show_loading(self) -> None:
        if self._busy and (self.detail is None or self.detail.row.id != self._case_id):
            self.placeholder.setText(self.tr("Loading case…"))
            self.stack.setCurrentIndex(0)

    def _loaded(self, generation: int, detail: CaseDetail) -> None:
        if generation != self._generation:
            return
        self._loading_timer.stop()
        self.detail = detail
        self.offer = offer_for(detail, self._ctx.actor)
        self._busy = False
        self._show_detail(detail)
        self.stack.setCurrentIndex(1)
        self.case_shown.emit(detail.row.file_number)

    def _load_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading_timer.stop()
        self._busy = False
        if not isinstance(error, DomainError):
            self._ctx.runner.unhandled_error.emit(error)
        self.detail = None
        self.offer = None
        self.placeholder.setText(
            self.tr("The case could not be opened.") + "\n" + describe_error(error)
        )
        self.stack.setCurrentIndex(0)
        self._update_actions()

    # -- showing ------------------------------------------------------------------------------

    def _show_detail(self, detail: CaseDetail) -> None:
        words = self._ctx.vocabulary
        row = detail.row
        template = detail.template
        self.header.show_case(detail, words)
        self.approval.show_case(row.id, template)
        self.form.show_form(template, detail.form_data, words)
        self.checklist.show_checklist(
            detail.checklist, words, template, writable=self._may_tick(detail)
        )
        self.attachments.show_attachments(detail.attachments)
        self.documents.show_case(row.id, detail.has_certificate, select=self._new_document)
        self.messages.show_case(
            row.id, template, may_work=self.offer is not None and self.offer.can_message
        )
        self._new_document = None
        self.history.show_entries(detail.history, words, template)
        notes = [entry for entry in detail.history if entry.kind == "note_added"]
        self.notes.timeline.show_entries(notes, words, template)
        self.notes.editor.setPlainText(self._drafts.get(row.id, ""))
        documents = sum(1 for entry in detail.history if entry.kind == "document_generated")
        tabs = self.tabs
        tabs.setTabText(
            tabs.indexOf(self.attachments),
            self.tr("Attachments ({n})").format(n=len(detail.attachments)),
        )
        tabs.setTabText(
            tabs.indexOf(self.documents), self.tr("Documents ({n})").format(n=documents)
        )
        ticked = sum(1 for entry in detail.checklist if entry.ticked)
        tabs.setTabText(
            tabs.indexOf(self.checklist),
            self.tr("Checklist ({done}/{total})").format(done=ticked, total=len(detail.checklist)),
        )
        tabs.setTabVisible(tabs.indexOf(self.checklist), bool(detail.checklist))
        messages = sum(1 for entry in detail.history if entry.kind == "message_queued")
        tabs.setTabText(tabs.indexOf(self.messages), self.tr("Messages ({n})").format(n=messages))
        tabs.setTabText(
            tabs.indexOf(self.history), self.tr("History ({n})").format(n=len(detail.history))
        )
        tabs.setTabText(tabs.indexOf(self.notes), self.tr("Notes ({n})").format(n=len(notes)))
        self._show_notices(detail)
        self._update_actions()

    def _show_notices(self, detail: CaseDetail) -> None:
        if not detail.notices:
            self.notice_bar.dismiss()
            return
        words = self._ctx.vocabulary
        texts = [
            words.notice(n.kind, n.payload, n.actor_name, n.file_number, self._ctx.actor.login)
            for n in detail.notices
        ]
        self.notice_bar.show_message("\n".join(texts), Tone.WARNING)

    # -- actions ------------------------------------------------------------------------------

    def actions_for_menus(self) -> list[QAction]:
        return self.action_bar.actions_for_menus()

    @property
    def transition_buttons(self) -> dict[Status, QPushButton]:
        return self.action_bar.transition_buttons

    def _update_actions(self) -> None:
        offer = self.offer
        template = self.detail.template if self.detail is not None else None
        self.action_bar.show_offer(offer, template, self._busy)
        self.notes.set_writable(offer is not None and offer.may_note)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_actions()
        self.checklist.set_busy(busy)

    def _may_tick(self, detail: CaseDetail) -> bool:
        """Whoever may change the case's status may tick its checklist (the service checks)."""
        actor = self._ctx.actor
        row = detail.row
        return (
            row.status.is_open
            and actor.can(Permission.WORK_OWN_CASES)
            and (
                (row.assignee_id is not None and row.assignee_id == actor.user_id)
                or actor.can(Permission.WORK_ANY_CASE)
            )
        )

    def tick_item(self, key: str, ticked: bool) -> None:
        """Tick or untick a checklist item (in the task runner), then read the case again."""
        if self.detail is None:
            return
        case_id = self.detail.row.id
        self.set_busy(True)
        self._ctx.runner.run(
            partial(self._ctx.commands.tick_item, self._ctx.actor, case_id, key, ticked=ticked),
            done=lambda _entry: self._ticked(case_id, ticked),
            failed=self.action_failed,
            owner=self,
            write=True,
            name="tick checklist item",
        )

    def _ticked(self, case_id: int, ticked: bool) -> None:
        self.status_message.emit(
            self.tr("Checklist item ticked.") if ticked else self.tr("Checklist item unticked.")
        )
        self.after_action(case_id)

    def claim(self) -> None:
        if self.detail is not None and self.offer is not None and self.offer.can_claim:
            self.run_change(
                partial(self._ctx.commands.claim, self._ctx.actor, self.detail.row.id),
                self.tr("You took case {file}."),
            )

    def release(self) -> None:
        if self.detail is not None and self.offer is not None and self.offer.can_release:
            row = self.detail.row
            self.run_change(
                partial(
                    self._ctx.commands.release,
                    self._ctx.actor,
                    row.id,
                    expected_version=row.version,
                ),
                self.tr("Case {file} released."),
            )

    def choose_assignee(self) -> None:
        if self.detail is None or self.offer is None or not self.offer.can_assign:
            return
        if self._users is None:
            self._ctx.runner.run(
                self._ctx.users.list,
                done=self._users_loaded,
                failed=self.action_failed,
                owner=self,
                name="users",
            )
            return
        current = self._login_of(self.detail.row.assignee_id)
        dialog = AssignDialog(self.detail.row.file_number, self._users, current, self)
        case_id = self.detail.row.id
        version = self.detail.row.version  # what the team lead saw when choosing
        dialog.accepted.connect(lambda: self.assign(case_id, dialog.chosen_login(), version))
        self.open_dialog(dialog)

    def _users_loaded(self, users: list[UserInfo]) -> None:
        self._users = users
        self.choose_assignee()

    def _login_of(self, user_id: int | None) -> str | None:
        for user in self._users or []:
            if user.id == user_id:
                return user.login
        return None

    def assign(self, case_id: int, login: str | None, expected_version: int | None = None) -> None:
        self.run_change(
            partial(
                self._ctx.commands.assign,
                self._ctx.actor,
                case_id,
                login,
                expected_version=expected_version,
            ),
            self.tr("Case {file} assigned."),
        )

    def start_transition(self, target: Status) -> None:
        """Move the case to ``target``, after the clerk has seen what the applicant will
        receive (every status change tells the applicant, so every one asks first)."""
        if self.detail is None or self.offer is None or self._busy:
            return
        item = next((t for t in self.offer.transitions if t.transition.target is target), None)
        if item is None or not item.enabled:
            return
        detail = self.detail
        ctx = self._ctx
        loader = PreviewLoader(
            ctx.runner, partial(ctx.citizen.preview, ctx.actor, detail.row.id, target)
        )
        dialog = TransitionDialog(
            detail.row.file_number, detail.template, item.transition, ctx.vocabulary, loader, self
        )
        # The words of a change that was refused are still there when the clerk tries again.
        comment, message = self._status_drafts.get((detail.row.id, target), ("", ""))
        dialog.comment_edit.setPlainText(comment)
        dialog.message_edit.setPlainText(message)
        dialog.accepted.connect(lambda: self._change_status(detail, item.transition, dialog))
        self.open_dialog(dialog)

    def _change_status(
        self, detail: CaseDetail, transition: Transition, dialog: TransitionDialog
    ) -> None:
        if transition.needs_approval:  # four-eyes: asked for, carried out once approved
            self.set_busy(True)
            self.approval.request(
                detail.row.id,
                detail.row.version,
                transition.target,
                dialog.comment(),
                dialog.message(),
            )
            return
        # The version the clerk saw: a change made meanwhile is refused, not overwritten.
        notify = dialog.notify()
        key = (detail.row.id, transition.target)
        self._status_drafts[key] = (dialog.comment() or "", dialog.message() or "")
        self.run_change(
            partial(
                self._ctx.commands.change_status,
                self._ctx.actor,
                detail.row.id,
                detail.row.version,
                transition.target,
                comment=dialog.comment(),
                message=dialog.message(),
                notify=notify,
                resend=dialog.send_again(),
            ),
            self.tr("Case {file}: status changed.")
            if notify
            else self.tr("Case {file}: status changed, without a message to the applicant."),
            on_done=lambda: self._status_drafts.pop(key, None),
        )

    # -- messages to the applicant ------------------------------------------------------------

    def write_message(self) -> None:
        """A message to the applicant without a status change, previewed, then queued."""
        self.messaging.write()

    def reroute_message(self, info: MessageInfo) -> None:
        """Send a failed message again by another channel the clerk chooses."""
        self.messaging.reroute(info)

    def generate_certificate(self) -> None:
        """Create the case's certificate (in the task runner), then read the case again."""
        if self.detail is None or self.offer is None or self._busy or not self.offer.can_generate:
            return
        case_id = self.detail.row.id
        file_number = self.detail.row.file_number
        self.generating = True
        self.documents.set_busy(True)
        self.tabs.setCurrentWidget(self.documents)
        self.set_busy(True)
        self._ctx.runner.run(
            partial(self._ctx.documents.generate, self._ctx.actor, case_id),
            done=lambda info: self._certificate_created(case_id, file_number, info),
            failed=self._certificate_failed,
            owner=self,
            write=True,
            name="create certificate",
        )

    def _certificate_created(self, case_id: int, file_number: str, info: DocumentInfo) -> None:
        self.generating = False
        self.documents.set_busy(False)
        self._new_document = info.id
        self.status_message.emit(
            self.tr("Certificate for {file} created (verification code {code}).").format(
                file=file_number, code=info.verification_code
            )
        )
        self.after_action(case_id)

    def _certificate_failed(self, error: Exception) -> None:
        self.generating = False
        self.documents.set_busy(False)
        self.action_failed(error)

    def focus_note(self) -> None:
        if self.detail is not None:
            self.tabs.setCurrentWidget(self.notes)
            self.notes.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_note(self, text: str) -> None:
        if self.detail is None:
            return
        case_id = self.detail.row.id
        self.set_busy(True)
        self._ctx.runner.run(
            partial(self._ctx.commands.add_note, self._ctx.actor, case_id, text),
            done=lambda _entry: self._note_added(case_id),
            failed=self.action_failed,
            owner=self,
            write=True,
            name="add note",
        )

    def _note_added(self, case_id: int) -> None:
        self._drafts.pop(case_id, None)
        if self._case_id == case_id:
            self.notes.editor.clear()
        self.status_message.emit(self.tr("Note saved."))
        self.after_action(case_id)

    def run_change(
        self,
        fn: Callable[[], CaseRow],
        done_text: str,
        on_done: Callable[[], object] | None = None,
    ) -> None:
        """Run a change of the case (in the task runner), then read the case again; a
        refusal is shown (and the case read again too)."""
        assert self.detail is not None
        case_id = self.detail.row.id
        file_number = self.detail.row.file_number
        self.set_busy(True)

        def done(row: CaseRow) -> None:
            if on_done is not None:
                on_done()
            self._performed(case_id, row, done_text.format(file=file_number))

        self._ctx.runner.run(
            fn,
            done=done,
            failed=self.action_failed,
            owner=self,
            write=True,
            name="case action",
        )

    def _performed(self, case_id: int, row: CaseRow, text: str) -> None:
        self.case_changed.emit(row)
        self.status_message.emit(text)
        self.after_action(case_id)

    def after_action(self, case_id: int) -> None:
        if self._case_id == case_id:
            self.show_case(case_id, keep_messages=True)
        else:
            self.set_busy(False)

    def action_failed(self, error: Exception) -> None:
        case_id = self._case_id
        if isinstance(error, ConcurrentChange):
            self.message_bar.show_message(
                self._ctx.vocabulary.conflict(error, self.detail.template if self.detail else None),
                Tone.WARNING,
            )
            if case_id is not None:
                self.conflict.emit(case_id)
        elif isinstance(error, ClaimConflict) and error.details.get("holder"):
            self.message_bar.show_message(
                self.tr("{who} took this case just before you.").format(
                    who=error.details["holder"]
                ),
                Tone.WARNING,
            )
        elif isinstance(error, DomainError):
            self.message_bar.show_message(describe_error(error), Tone.BAD)
        else:
            self._ctx.runner.unhandled_error.emit(error)
        if case_id is not None:
            self.show_case(case_id, keep_messages=True)
        else:
            self.set_busy(False)

    # -- dialogs and drafts -------------------------------------------------------------------

    def open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def shut_down(self) -> None:
        """The window closes: remove temporary copies of attachments."""
        self.attachments.remove_copies()

    def _save_draft(self) -> None:
        if self.detail is None:
            return
        shown = self.detail.row.id  # the editor belongs to the case on screen
        text = self.notes.editor.toPlainText()
        if text.strip():
            self._drafts[shown] = text
        else:
            self._drafts.pop(shown, None)


__all__ = ["CaseView"]
