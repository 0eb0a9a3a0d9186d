"""The questions a bulk action asks first: to whom and why, which status, a reason.

Opened window-modal with ``open()``; the caller reads the values after ``accepted``.
A reassignment needs a reason (it goes into each case's history and the previous
holder's notice); a status change offers only the steps the workflow allows for
every selected case, and asks for the comment and message those steps need.
"""

from __future__ import annotations

from collections.abc import Sequence

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

from backoffice.domain.status import Status
from backoffice.services.bulk import MAX_REASON_CHARS
from backoffice.services.casework import MAX_COMMENT_CHARS, MAX_NOTE_CHARS
from backoffice.services.queries import CaseRow
from backoffice.services.users import UserInfo
from backoffice.ui.texts import Vocabulary, role_name, status_name
from backoffice.ui.widgets import plain_label


def common_targets(cases: Sequence[CaseRow], words: Vocabulary) -> list[Status]:
    """The statuses every selected case may move to now (by its service's workflow)."""
    common: set[Status] | None = None
    for case in cases:
        template = words.templates.get(case.service_key)
        targets = (
            {t.target for t in template.workflow.allowed_from(case.status)} if template else set()
        )
        common = targets if common is None else common & targets
    return [status for status in Status if status in (common or set())]


def requirements(cases: Sequence[CaseRow], target: Status, words: Vocabulary) -> frozenset[str]:
    """What the step to ``target`` needs for any of the cases (comment, message, …)."""
    needs: set[str] = set()
    for case in cases:
        template = words.templates.get(case.service_key)
        transition = template.workflow.find(case.status, target) if template else None
        if transition is not None:
            needs |= transition.requires
    return frozenset(needs)


def _text_box(parent: QWidget, lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class _Form(QDialog):
    """A dialog with a form, a line that says what is missing, and OK/Cancel."""

    def __init__(self, title: str, intro: str, ok: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.problem = plain_label("", self, wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = QPushButton(ok, self)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(intro, self, wrap=True))
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _show_problems(self, problems: list[str]) -> None:
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)


class ReasonDialog(_Form):
    """Take over or release several cases: the reason (required for taking over)."""

    def __init__(
        self, title: str, intro: str, ok: str, *, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, intro, ok, parent)
        self.required = required
        self.reason_edit = _text_box(self, 3, self.tr("Goes into each case's history"))
        self.form.addRow(
            plain_label(self.tr("Reason (required)") if required else self.tr("Reason"), self),
            self.reason_edit,
        )
        self.reason_edit.textChanged.connect(self._validate)
        self._validate()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _validate(self) -> None:
        problems = []
        if self.required and not self.reason():
            problems.append(self.tr("Please give a reason."))
        if len(self.reason()) > MAX_REASON_CHARS:
            problems.append(
                self.tr("The reason is too long (at most {n} characters).").format(
                    n=MAX_REASON_CHARS
                )
            )
        self._show_problems(problems)


class AssignManyDialog(ReasonDialog):
    """Give several cases to one person; the reason is required."""

    def __init__(self, count: int, users: Sequence[UserInfo], parent: QWidget | None = None):
        super().__init__(
            self.tr("Assign cases"),
            self.tr("Who should work on the %n selected case(s)?", "", count),
            self.tr("Assign"),
            required=True,
            parent=parent,
        )
        self.user_combo = QComboBox(self)
        for user in sorted(users, key=lambda u: u.display_name.casefold()):
            if user.active:
                self.user_combo.addItem(f"{user.display_name} ({role_name(user.role)})", user.login)
        self.form.insertRow(0, plain_label(self.tr("Assign to"), self), self.user_combo)
        self.user_combo.currentIndexChanged.connect(lambda _i: self._validate())
        self._validate()

    def chosen_login(self) -> str | None:
        value = self.user_combo.currentData()
        return value if isinstance(value, str) else None

    def _validate(self) -> None:
        super()._validate()
        if getattr(self, "user_combo", None) is not None and self.chosen_login() is None:
            self._show_problems([self.tr("Please choose a person.")])


class StatusManyDialog(_Form):
    """Move several cases to one status: only steps every selected case may take."""

    def __init__(
        self, cases: Sequence[CaseRow], words: Vocabulary, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Change status"),
            self.tr("Move the %n selected case(s) to:", "", len(cases)),
            self.tr("Change status"),
            parent,
        )
        self._cases = list(cases)
        self._words = words
        self.targets = common_targets(cases, words)
        self.status_combo = QComboBox(self)
        for status in self.targets:
            self.status_combo.addItem(status_name(status), status.value)
        self.comment_edit = _text_box(
            self, 3, self.tr("Reason for the file; the applicant does not see it")
        )
        self.message_edit = _text_box(self, 5, self.tr("The same message goes to every applicant"))
        self.comment_label = plain_label("", self)
        self.message_label = plain_label("", self)
        self.note = plain_label("", self, wrap=True)
        self.form.addRow(plain_label(self.tr("New status"), self), self.status_combo)
        self.form.addRow(self.comment_label, self.comment_edit)
        self.form.addRow(self.message_label, self.message_edit)
        self.form.addRow(self.note)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._validate())
        self.comment_edit.textChanged.connect(self._validate)
        self.message_edit.textChanged.connect(self._validate)
        self._validate()

    def target(self) -> Status | None:
        value = self.status_combo.currentData()
        return Status(value) if isinstance(value, str) else None

    def needs(self) -> frozenset[str]:
        target = self.target()
        return requirements(self._cases, target, self._words) if target else frozenset()

    def comment(self) -> str | None:
        return self.comment_edit.toPlainText().strip() or None

    def message(self) -> str | None:
        return self.message_edit.toPlainText().strip() or None

    def _validate(self) -> None:
        needs = self.needs()
        self.comment_label.setText(
            self.tr("Comment (required)") if "comment" in needs else self.tr("Comment")
        )
        self.message_label.setText(
            self.tr("Message to the applicants (required)")
            if "message" in needs
            else self.tr("Message to the applicants (optional)")
        )
        notes = []
        if "document" in needs:
            notes.append(self.tr("Cases without a certificate will be refused."))
        if "approval" in needs:
            notes.append(self.tr("Cases whose step needs a second person's approval are refused."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        problems = []
        if not self.targets:
            problems.append(self.tr("No status change is possible for every selected case."))
        if "comment" in needs and not self.comment():
            problems.append(self.tr("Please give a comment."))
        if "message" in needs and not self.message():
            problems.append(self.tr("Please write the message to the applicants."))
        if len(self.comment() or "") > MAX_COMMENT_CHARS:
            problems.append(
                self.tr("The comment is too long (at most {n} characters).").format(
                    n=MAX_COMMENT_CHARS
                )
            )
        if len(self.message() or "") > MAX_NOTE_CHARS:
            problems.append(
                self.tr("The message is too long (at most {n} characters).").format(
                    n=MAX_NOTE_CHARS
                )
            )
        self._show_problems(problems)


__all__ = [
    "AssignManyDialog",
    "ReasonDialog",
    "StatusManyDialog",
    "common_targets",
    "requirements",
]
