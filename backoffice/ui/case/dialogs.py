"""Dialogs of the case view: a status change with its comment, message and preview; assigning
a case.

Both are opened window-modal with ``open()`` (no nested event loop) and report
through ``accepted``; the caller reads the values.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.templates import ServiceTemplate, Transition
from backoffice.services.casework import MAX_COMMENT_CHARS, MAX_NOTE_CHARS
from backoffice.services.citizen.service import MessagePreview
from backoffice.services.users import UserInfo
from backoffice.ui.case.message_preview import MessagePreviewPane, PreviewLoader
from backoffice.ui.texts import (
    Vocabulary,
    escape_mnemonic,
    plain_tooltip,
    role_name,
    transition_verb,
)
from backoffice.ui.widgets import heading_font, muted, plain_label


class TransitionDialog(QDialog):
    """Asks for what a status change needs (comment, words to the applicant), shows what the
    applicant will receive, and confirms it.

    The preview comes from ``loader`` (read again shortly after the clerk stops typing).
    While a placeholder of the service's text has no value, the change cannot be confirmed;
    when the channel lacks an address or key, the clerk may change the status without a
    message (and write by another channel afterwards); a status the applicant was told
    about before is told again only when the clerk ticks "send again" (or writes
    something new). Confirming while the preview is still being read waits for it.
    ``side``: shown beside the form (the certificate, when finishing a case)."""

    def __init__(
        self,
        file_number: str,
        template: ServiceTemplate,
        transition: Transition,
        words: Vocabulary,
        loader: PreviewLoader,
        parent: QWidget | None = None,
        *,
        side: QWidget | None = None,
        initial: MessagePreview | None = None,
        ok_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.transition = transition
        self.loader = loader
        loader.setParent(self)
        self.preview: MessagePreview | None = None
        self._preview_failed = False
        self._accept_when_current = False
        self._local_problems: list[str] = []
        #: The channel lacks an address or key: changing without a message is offered.
        self._offers_without = False
        self.setWindowTitle(self.tr("Change status"))
        self.setMinimumWidth(560)
        source = words.status(transition.source, template)
        target = words.status(transition.target, template)
        title = plain_label(f"{file_number}: {source} → {target}", self, wrap=True)
        title.setFont(heading_font(self.font(), 1.15))
        content = QVBoxLayout()
        content.addWidget(title)
        if not transition.target.is_open:
            warning = plain_label(
                self.tr("This closes the case. It cannot be reopened."), self, wrap=True
            )
            content.addWidget(warning)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.comment_required = "comment" in transition.requires
        self.message_required = "message" in transition.requires
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setPlaceholderText(
            self.tr("Reason for the file; the applicant does not see it")
        )
        self.comment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(
            plain_label(
                self.tr("Comment (required)") if self.comment_required else self.tr("Comment"),
                self,
            ),
            self.comment_edit,
        )
        self.message_edit = QPlainTextEdit(self)
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setPlaceholderText(
            self.tr("Added below the service's text for this status")
        )
        self.message_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(
            plain_label(
                self.tr("Your words to the applicant (required)")
                if self.message_required
                else self.tr("Your words to the applicant (optional)"),
                self,
            ),
            self.message_edit,
        )
        content.addLayout(form)
        self.preview_pane = MessagePreviewPane(self)
        content.addWidget(self.preview_pane, 1)
        self.without_message = QCheckBox(self.tr("Change the status without a message"), self)
        self.without_message.hide()
        self.without_note = muted(
            plain_label(
                self.tr(
                    "The applicant is not told of this change. You can write to them by "
                    "another channel afterwards (Messages tab, “Write to the applicant”)."
                ),
                self,
                wrap=True,
            )
        )
        self.without_note.hide()
        self.resend = QCheckBox(self.tr("Send again"), self)
        self.resend.setToolTip(plain_tooltip(self.tr("Send the message for this status once more")))
        self.resend.hide()
        content.addWidget(self.without_message)
        content.addWidget(self.without_note)
        content.addWidget(self.resend)
        self.problem = plain_label("", self, wrap=True)
        content.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = QPushButton(
            ok_text
            or escape_mnemonic(transition_verb(transition.source, transition.target)).rstrip("…"),
            self,
        )
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        content.addWidget(self.buttons)
        if side is None:
            self.setLayout(content)
        else:
            row = QHBoxLayout(self)
            row.addWidget(side, 1)
            row.addLayout(content, 1)
        self.comment_edit.textChanged.connect(self._validate)
        self.message_edit.textChanged.connect(self._message_changed)
        self.without_message.toggled.connect(self._validate)
        self.resend.toggled.connect(self._validate)
        loader.loaded.connect(self._preview_loaded)
        loader.failed.connect(self._preview_failed_with)
        loader.pending_changed.connect(lambda _pending: self._validate())
        if initial is not None:
            self._preview_loaded(initial)
        else:
            self.preview_pane.show_loading()
            loader.load_now("")
        self._validate()
        self.comment_edit.setFocus()

    # -- what the clerk chose -----------------------------------------------------------------

    def comment(self) -> str | None:
        return self.comment_edit.toPlainText().strip() or None

    def message(self) -> str | None:
        return self.message_edit.toPlainText().strip() or None

    def notify(self) -> bool:
        """Whether the applicant is to be told (False: "without a message" chosen)."""
        return not (self._offers_without and self.without_message.isChecked())

    def send_again(self) -> bool:
        """Whether the status message the applicant had before is to be sent once more."""
        return self.preview is not None and self.preview.already_sent and self.resend.isChecked()

    # -- the preview --------------------------------------------------------------------------

    def _message_changed(self) -> None:
        self.loader.request(self.message() or "")
        # New words are sent anyway: "send again" matters only without them.
        self.resend.setEnabled(not self.message())
        self._validate()

    def _preview_loaded(self, preview: MessagePreview) -> None:
        self.preview = preview
        self._preview_failed = False
        self.preview_pane.show_preview(preview)
        codes = {p.code for p in preview.problems}
        recipient_missing = "recipient_missing" in codes
        self._offers_without = recipient_missing
        self.without_message.setVisible(recipient_missing)
        if not recipient_missing:
            self.without_message.setChecked(False)
        self.resend.setVisible(preview.already_sent)
        self._validate()
        if self._accept_when_current and not self.loader.pending:
            self._accept_when_current = False
            if self.ok_button.isEnabled():
                super().accept()

    def _preview_failed_with(self, error: Exception) -> None:
        self.preview = None
        self._preview_failed = True
        self._accept_when_current = False
        self.preview_pane.show_failure(error)
        self._validate()

    def accept(self) -> None:
        """Confirmed: at once if the preview shows what will be sent, else once it does."""
        self._validate()
        if self.notify() and not self._preview_failed and self.loader.pending:
            if not self._local_problems:
                self._accept_when_current = True
                if self.loader.timer.isActive():  # the newest words are not being read yet
                    self.loader.load_now()
            return
        if self.ok_button.isEnabled():
            super().accept()

    def _validate(self) -> None:
        problems = []
        comment = self.comment() or ""
        message = self.message() or ""
        if self.comment_required and not comment:
            problems.append(self.tr("Please give a comment."))
        if self.message_required and not message:
            problems.append(self.tr("Please write the message to the applicant."))
        if len(comment) > MAX_COMMENT_CHARS:
            problems.append(
                self.tr("The comment is too long (at most {n} characters).").format(
                    n=MAX_COMMENT_CHARS
                )
            )
        if len(message) > MAX_NOTE_CHARS:
            problems.append(
                self.tr("The message is too long (at most {n} characters).").format(
                    n=MAX_NOTE_CHARS
                )
            )
        self._local_problems = problems
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.without_note.setVisible(not self.notify())
        sendable = self._message_state()
        self.ok_button.setEnabled(not problems and sendable)

    def _message_state(self) -> bool:
        """Whether the message side allows confirming; says what will happen above the
        preview."""
        pane = self.preview_pane
        if not self.notify():
            pane.set_muted(True)
            pane.show_note(self.tr("Nothing is sent: the applicant is not told."))
            return True
        preview = self.preview
        if preview is None:
            pane.set_muted(False)
            return False
        if not preview.sendable:
            pane.set_muted(False)
            pane.show_note("")
            return False
        if preview.already_sent and not self.send_again() and not self.message():
            pane.set_muted(True)
            pane.show_note(
                self.tr(
                    "The applicant was told about this status before; nothing is sent again "
                    "unless you tick “Send again” or write something new."
                )
            )
            return True
        pane.set_muted(False)
        pane.show_note(self.tr("Updating the preview…") if self.loader.pending else "")
        return True


class AssignDialog(QDialog):
    """Team leads: give the case to someone (or to nobody)."""

    def __init__(
        self,
        file_number: str,
        users: list[UserInfo],
        current_login: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign case"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr("Who should work on {file}?").format(file=file_number), self, wrap=True
        )
        layout.addWidget(intro)
        self.user_combo = QComboBox(self)
        self.user_combo.addItem(self.tr("Nobody (unassigned)"), None)
        for user in sorted(users, key=lambda u: u.display_name.casefold()):
            if user.active:
                self.user_combo.addItem(f"{user.display_name} ({role_name(user.role)})", user.login)
        self.user_combo.setCurrentIndex(max(0, self.user_combo.findData(current_login)))
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Assign to"), self), self.user_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_login(self) -> str | None:
        value = self.user_combo.currentData()
        return value if isinstance(value, str) else None


__all__ = ["AssignDialog", "TransitionDialog"]
