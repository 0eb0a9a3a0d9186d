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
    {
        Refusal.REQUIREMENT_MISSING,
        Refusal.MESSAGE_REFUSED,
        Refusal.INVALID_INPUT,
        Refusal.STORAGE,
        Refusal.NOT_PRINTED,
    }
)


def refusal_text(refusal: Refusal | None) -> str:
    """Why a case was refused, in the interface language."""
    texts = {
        Refusal.NOT_FOUND: QCoreApplication.translate("BulkResult", "The case no longer exists."),
        Refusal.PERMISSION_DENIED: QCoreApplication.translate(
            "BulkResult", "You are not allowed to do that with this case."
        ),
        Refusal.CLOSED: QCoreApplication.translate("BulkResult", "The case is closed already."),
        Refusal.CONCURRENT_CHANGE: QCoreApplication.translate(
            "BulkResult", "Someone else changed the case meanwhile."
        ),
        Refusal.CLAIM_CONFLICT: QCoreApplication.translate(
            "BulkResult", "Someone else holds the case."
        ),
        Refusal.TRANSITION_NOT_ALLOWED: QCoreApplication.translate(
            "BulkResult", "This status change is not possible for this case."
        ),
        Refusal.REQUIREMENT_MISSING: QCoreApplication.translate(
            "BulkResult", "Something the step needs is missing."
        ),
        Refusal.APPROVAL_REQUIRED: QCoreApplication.translate(
            "BulkResult", "This step needs a second person's approval: request it on the case."
        ),
        Refusal.MESSAGE_REFUSED: QCoreApplication.translate(
            "BulkResult", "The message to the applicant could not be prepared."
        ),
        Refusal.INVALID_INPUT: QCoreApplication.translate(
            "BulkResult", "The input was not accepted."
        ),
        Refusal.STORAGE: QCoreApplication.translate(
            "BulkResult", "The database failed for this case; nothing was changed."
        ),
        Refusal.NOTHING_TO_PRINT: QCoreApplication.translate(
            "BulkResult", "No letter of this case waits in the print queue."
        ),
        Refusal.NOT_PRINTED: QCoreApplication.translate(
            "BulkResult", "Not marked printed; its letters stay in the print queue."
        ),
    }
    return (
        texts.get(refusal, QCoreApplication.translate("BulkResult", "Refused."))
        if refusal is not None
        else QCoreApplication.translate("BulkResult", "Refused.")
    )


def action_name(action: BulkAction) -> str:
    names = {
        BulkAction.ASSIGN: QCoreApplication.translate("BulkResult", "Assign"),
        BulkAction.TAKE_OVER: QCoreApplication.translate("BulkResult", "Take over"),
        BulkAction.RELEASE: QCoreApplication.translate("BulkResult", "Release"),
        BulkAction.CHANGE_STATUS: QCoreApplication.translate("BulkResult", "Change status"),
        BulkAction.CREATE_CERTIFICATE: QCoreApplication.translate(
            "BulkResult", "Create certificates"
        ),
        BulkAction.PRINT: QCoreApplication.translate("BulkResult", "Print letters"),
        BulkAction.ABSENCE: QCoreApplication.translate("BulkResult", "Cases moved for an absence"),
        BulkAction.GIVE_BACK: QCoreApplication.translate("BulkResult", "Cases given back"),
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
            return QCoreApplication.translate("BulkResult", "now with {name}").format(
                name=words.user(outcome.assignee_login)
            )
        return QCoreApplication.translate("BulkResult", "assigned")
    texts = {
        BulkAction.RELEASE: QCoreApplication.translate("BulkResult", "released"),
        BulkAction.CHANGE_STATUS: QCoreApplication.translate("BulkResult", "status changed"),
        BulkAction.CREATE_CERTIFICATE: QCoreApplication.translate(
            "BulkResult", "certificate created"
        ),
    }
    if action == BulkAction.PRINT:
        # The number of letters is the outcome's message (a count, not a sentence).
        count = int(outcome.message) if outcome.message.isdigit() else 1
        if count == 1:
            return QCoreApplication.translate("BulkResult", "1 letter printed")
        return QCoreApplication.translate("BulkResult", "{n} letters printed").format(n=count)
    return texts[action]


def case_name(outcome: CaseOutcome) -> str:
    return outcome.file_number or QCoreApplication.translate("BulkResult", "case #{id}").format(
        id=outcome.case_id
    )


def report_text(result: BulkResult, words: Vocabulary) -> str:
    """The whole report as plain text: what was done, then what was refused and why."""
    lines = [
        QCoreApplication.translate("BulkResult", "{action}: {done} done, {refused} refused").format(
            action=action_name(result.action), done=len(result.done), refused=len(result.refused)
        ),
        "",
    ]
    if result.done:
        lines.append(
            QCoreApplication.translate("BulkResult", "Done ({n}):").format(n=len(result.done))
        )
        lines += [f"  {case_name(o)} — {done_text(result.action, o, words)}" for o in result.done]
        lines.append("")
    if result.refused:
        lines.append(
            QCoreApplication.translate("BulkResult", "Refused ({n}):").format(n=len(result.refused))
        )
        for outcome in result.refused:
            reason = refusal_text(outcome.refusal)
            if outcome.refusal in _WITH_DETAIL and outcome.message:
                reason = f"{reason} ({outcome.message})"
            lines.append(f"  {case_name(outcome)} — {reason}")
        lines.append("")
    if not result.outcomes:
        lines.append(QCoreApplication.translate("BulkResult", "No case was selected."))
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
        summary = QCoreApplication.translate("BulkResult", "{done} done, {refused} refused").format(
            done=len(result.done), refused=len(result.refused)
        )
        if cancelled:
            summary += " " + QCoreApplication.translate(
                "BulkResult", "(cancelled: the other cases were not touched)"
            )
        self.summary = plain_label(summary, self, wrap=True)
        self.summary.setFont(heading_font(self.font(), 1.15))
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlainText(report_text(result, words))
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(QCoreApplication.translate("BulkResult", "&Copy"), self)
        self.copy_button.setToolTip(
            QCoreApplication.translate("BulkResult", "Copy the report to the clipboard")
        )
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
