"""What a bulk action did: per case, done or refused and why, as plain copyable text.

Used after the inbox's bulk actions and after an absence moved or gave back cases.
The services report a stable :class:`Refusal` code per refused case; the reason is
said here in the interface language (the service's English detail follows where it
names something the code does not, such as the missing requirement).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.bulk import BulkAction, BulkResult, CaseOutcome, Refusal
from backoffice.ui.texts import Vocabulary
from backoffice.ui.widgets import heading_font, plain_label

#: Codes whose English detail adds what the code alone does not say.
_WITH_DETAIL = frozenset(
    {Refusal.REQUIREMENT_MISSING, Refusal.MESSAGE_REFUSED, Refusal.INVALID_INPUT, Refusal.STORAGE}
)


def _t(text: str) -> str:
    return QCoreApplication.translate("BulkResult", text)


def refusal_text(refusal: Refusal | None) -> str:
    """Why a case was refused, in the interface language."""
    texts = {
        Refusal.NOT_FOUND: _t("The case no longer exists."),
        Refusal.PERMISSION_DENIED: _t("You are not allowed to do that with this case."),
        Refusal.CLOSED: _t("The case is closed already."),
        Refusal.CONCURRENT_CHANGE: _t("Someone else changed the case meanwhile."),
        Refusal.CLAIM_CONFLICT: _t("Someone else holds the case."),
        Refusal.TRANSITION_NOT_ALLOWED: _t("This status change is not possible for this case."),
        Refusal.REQUIREMENT_MISSING: _t("Something the step needs is missing."),
        Refusal.APPROVAL_REQUIRED: _t(
            "This step needs a second person's approval: request it on the case."
        ),
        Refusal.MESSAGE_REFUSED: _t("The message to the applicant could not be prepared."),
        Refusal.INVALID_INPUT: _t("The input was not accepted."),
        Refusal.STORAGE: _t("The database failed for this case; nothing was changed."),
    }
    return texts.get(refusal, _t("Refused.")) if refusal is not None else _t("Refused.")


def action_name(action: BulkAction) -> str:
    names = {
        BulkAction.ASSIGN: _t("Assign"),
        BulkAction.TAKE_OVER: _t("Take over"),
        BulkAction.RELEASE: _t("Release"),
        BulkAction.CHANGE_STATUS: _t("Change status"),
        BulkAction.CREATE_CERTIFICATE: _t("Create certificates"),
        BulkAction.ABSENCE: _t("Cases moved for an absence"),
        BulkAction.GIVE_BACK: _t("Cases given back"),
    }
    return names[action]


def done_text(action: BulkAction, outcome: CaseOutcome, words: Vocabulary) -> str:
    if action in (
        BulkAction.ASSIGN,
        BulkAction.TAKE_OVER,
        BulkAction.ABSENCE,
        BulkAction.GIVE_BACK,
    ):
        if outcome.assignee_login:
            return _t("now with {name}").format(name=words.user(outcome.assignee_login))
        return _t("assigned")
    texts = {
        BulkAction.RELEASE: _t("released"),
        BulkAction.CHANGE_STATUS: _t("status changed"),
        BulkAction.CREATE_CERTIFICATE: _t("certificate created"),
    }
    return texts[action]


def case_name(outcome: CaseOutcome) -> str:
    return outcome.file_number or _t("case #{id}").format(id=outcome.case_id)


def report_text(result: BulkResult, words: Vocabulary) -> str:
    """The whole report as plain text: what was done, then what was refused and why."""
    lines = [
        _t("{action}: {done} done, {refused} refused").format(
            action=action_name(result.action), done=len(result.done), refused=len(result.refused)
        ),
        "",
    ]
    if result.done:
        lines.append(_t("Done ({n}):").format(n=len(result.done)))
        lines += [f"  {case_name(o)} — {done_text(result.action, o, words)}" for o in result.done]
        lines.append("")
    if result.refused:
        lines.append(_t("Refused ({n}):").format(n=len(result.refused)))
        for outcome in result.refused:
            reason = refusal_text(outcome.refusal)
            if outcome.refusal in _WITH_DETAIL and outcome.message:
                reason = f"{reason} ({outcome.message})"
            lines.append(f"  {case_name(outcome)} — {reason}")
        lines.append("")
    if not result.outcomes:
        lines.append(_t("No case was selected."))
    return "\n".join(lines).rstrip() + "\n"


class BulkResultDialog(QDialog):
    """The report of a bulk action; see the module documentation."""

    def __init__(
        self,
        result: BulkResult,
        words: Vocabulary,
        parent: QWidget | None = None,
        *,
        title: str = "",
        cancelled: bool = False,
    ) -> None:
        super().__init__(parent)
        self.bulk_result = result
        self.setWindowTitle(title or action_name(result.action))
        self.setMinimumSize(560, 380)
        summary = _t("{done} done, {refused} refused").format(
            done=len(result.done), refused=len(result.refused)
        )
        if cancelled:
            summary += " " + _t("(cancelled: the other cases were not touched)")
        self.summary = plain_label(summary, self, wrap=True)
        self.summary.setFont(heading_font(self.font(), 1.15))
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlainText(report_text(result, words))
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(_t("&Copy"), self)
        self.copy_button.setToolTip(_t("Copy the report to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.report.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


__all__ = ["BulkResultDialog", "action_name", "refusal_text", "report_text"]
