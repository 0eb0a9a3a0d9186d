"""The top of the case panel: which case, where it stands, and whether to trust it.

File number and status; service, applicant, receipt and deadline; then the
facts a clerk checks before relying on a request: how the applicant identified
("not identified" stands out), the payment, who works on the case, and where
the answer goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from backoffice.domain.status import Status
from backoffice.services.casework import CaseDetail
from backoffice.ui.texts import Tone, Vocabulary, plain_tooltip, time_zone_note
from backoffice.ui.widgets import Badge, has_long_run, heading_font, plain_label, shorten_runs

#: The longest unbroken run the subtitle shows whole (about a third of a narrow panel).
_HEADER_RUN = 48


class CaseHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file_label = plain_label("", self, selectable=True)
        self.file_label.setFont(heading_font(self.font(), 1.45))
        self.status_badge = Badge(self)
        self.overdue_badge = Badge(self)
        self.overdue_badge.set_tone(Tone.BAD)
        self.subtitle = plain_label("", self, wrap=True)
        title_row = QHBoxLayout()
        title_row.addWidget(self.file_label)
        title_row.addSpacing(8)
        title_row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.overdue_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addStretch(1)

        self.identity_badge = Badge(self)
        self.payment_badge = Badge(self)
        self.channel_label = plain_label("", self, selectable=True)
        self.assignee_label = plain_label("", self)
        for label in (self.channel_label, self.assignee_label):
            # A long address must not widen the panel (and squeeze the inbox): clip instead.
            policy = label.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            label.setSizePolicy(policy)
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(6)
        cells: list[tuple[str, QWidget, int, int, int]] = [  # name, widget, row, column, span
            (self.tr("Identification"), self.identity_badge, 0, 0, 1),
            (self.tr("Payment"), self.payment_badge, 0, 2, 1),
            (self.tr("Worked on by"), self.assignee_label, 1, 0, 3),
            (self.tr("Reply by"), self.channel_label, 2, 0, 3),
        ]
        for name, widget, row, column, span in cells:
            facts.addWidget(plain_label(name + ":", self), row, column)
            facts.addWidget(widget, row, column + 1, 1, span, Qt.AlignmentFlag.AlignLeft)
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.subtitle)
        layout.addSpacing(4)
        layout.addLayout(facts)

    def show_case(self, detail: CaseDetail, words: Vocabulary) -> None:
        row = detail.row
        template = detail.template
        self.file_label.setText(row.file_number)
        self.status_badge.setText(words.status(row.status, template))
        self.status_badge.set_tone(_status_tone(row.status))
        self.overdue_badge.setText(self.tr("overdue"))
        self.overdue_badge.setVisible(row.overdue)
        subtitle = self._subtitle(detail, words)
        # A long unbroken name would widen the panel (a label wraps only between words): it
        # is cut here, and shown whole in the tooltip and the form.
        self.subtitle.setText(shorten_runs(subtitle, _HEADER_RUN))
        tip = subtitle + "\n" if has_long_run(subtitle, _HEADER_RUN) else ""
        self.subtitle.setToolTip(plain_tooltip(tip + time_zone_note()))

        identity = words.identification(detail.auth_level)
        self.identity_badge.setText(identity.text)
        self.identity_badge.set_tone(identity.tone)
        self.identity_badge.setToolTip(plain_tooltip(identity.detail) if identity.detail else "")
        payment = words.payment(detail.payment_state, template.fee > 0)
        self.payment_badge.setText(payment.text)
        self.payment_badge.set_tone(payment.tone)
        self.payment_badge.setToolTip(plain_tooltip(payment.detail) if payment.detail else "")
        channel = words.reply_channel(detail.reply_channel)
        if detail.reply_channel == "eMail" and detail.applicant_email:
            channel = f"{channel} ({detail.applicant_email})"
        self.channel_label.setText(channel)
        self.channel_label.setToolTip(plain_tooltip(channel))
        self.assignee_label.setText(row.assignee_name or self.tr("nobody yet"))

    def _subtitle(self, detail: CaseDetail, words: Vocabulary) -> str:
        row = detail.row
        parts = [
            detail.template.name.get(words.language),
            row.applicant_name,
            self.tr("received {when}").format(when=words.datetime(row.received_at)),
        ]
        if not row.status.is_open:
            parts.append(self.tr("closed {when}").format(when=words.datetime(detail.closed_at)))
        elif detail.paused_since is not None:
            parts.append(
                self.tr("deadline paused since {date}").format(date=words.date(detail.paused_since))
            )
        elif row.due_date is not None:
            due = self.tr("due {date}").format(date=words.date(row.due_date))
            if detail.remaining_working_days is not None and detail.remaining_working_days >= 0:
                due += " " + self.tr("(%n working day(s) left)", "", detail.remaining_working_days)
            parts.append(due)
        return " · ".join(parts)


def _status_tone(status: Status) -> Tone:
    if status is Status.COMPLETED:
        return Tone.GOOD
    if status is Status.WAITING_FOR_CITIZEN:
        return Tone.WARNING
    return Tone.NEUTRAL
