"""Dialogs of the case view: a status change with its comment/message, assigning a case.

Both are opened window-modal with ``open()`` (no nested event loop) and report
through ``accepted``; the caller reads the values.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.templates import ServiceTemplate, Transition
from backoffice.services.casework import MAX_COMMENT_CHARS, MAX_NOTE_CHARS
from backoffice.services.users import UserInfo
from backoffice.ui.texts import Vocabulary, escape_mnemonic, role_name, transition_verb
from backoffice.ui.widgets import heading_font, plain_label


class TransitionDialog(QDialog):
    """Asks for what a status change needs (comment, message) and confirms closing steps."""

    def __init__(
        self,
        file_number: str,
        template: ServiceTemplate,
        transition: Transition,
        words: Vocabulary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.transition = transition
        self.setWindowTitle(self.tr("Change status"))
        self.setMinimumWidth(520)
        source = words.status(transition.source, template)
        target = words.status(transition.target, template)
        title = plain_label(f"{file_number}: {source} → {target}", self, wrap=True)
        title.setFont(heading_font(self.font(), 1.15))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if not transition.target.is_open:
            warning = plain_label(
                self.tr("This closes the case. It cannot be reopened."), self, wrap=True
            )
            layout.addWidget(warning)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.comment_required = "comment" in transition.requires
        self.message_required = "message" in transition.requires
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setPlaceholderText(
            self.tr("Reason for the file; the applicant does not see it")
        )
        self.comment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(
            plain_label(
                self.tr("Comment (required)") if self.comment_required else self.tr("Comment"),
                self,
            ),
            self.comment_edit,
        )
        self.message_edit: QPlainTextEdit | None = None
        if self.message_required:
            self.message_edit = QPlainTextEdit(self)
            self.message_edit.setTabChangesFocus(True)
            preset = template.messages.get(transition.target)
            if preset is not None:
                # The applicant reads German; the template's German text is the start.
                self.message_edit.setPlainText(preset.de)
            self.message_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 12)
            form.addRow(
                plain_label(self.tr("Message to the applicant (required)"), self),
                self.message_edit,
            )
        layout.addLayout(form)
        self.problem = plain_label("", self, wrap=True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = QPushButton(
            escape_mnemonic(transition_verb(transition.source, transition.target)).rstrip("…"),
            self,
        )
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.comment_edit.textChanged.connect(self._validate)
        if self.message_edit is not None:
            self.message_edit.textChanged.connect(self._validate)
        self._validate()
        self.comment_edit.setFocus()

    def comment(self) -> str | None:
        return self.comment_edit.toPlainText().strip() or None

    def message(self) -> str | None:
        if self.message_edit is None:
            return None
        return self.message_edit.toPlainText().strip() or None

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
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)


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
