"""The messages of a case: every message to the applicant, its channel and its state.

Read (in the task runner) whenever the case view shows a case, so that it is refreshed
with the case. Each row: the channel, the state in words (waiting, retrying, sent,
refused, given up), the status it announced, the subject, when it was queued and sent
(Berlin time) and the last error. A failed message can be sent again by another channel
(the case view asks which); writing a free message is an action of the case view, whose
button sits here.

The print queue (letters) is another workspace's business: a posted message's letter is
announced through :attr:`MessagesSection.letter_requested`, and the "show the letter"
button appears only once something listens (:meth:`MessagesSection.offer_letters`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.citizen.service import MessageInfo
from backoffice.services.outbox import MAX_ATTEMPTS, OutboxState
from backoffice.ui.case.message_preview import channel_name
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.texts import Tone, plain_tooltip, time_zone_note
from backoffice.ui.widgets import TONE_COLOURS, fit_rows, muted, plain_label

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: An error is cut to this many characters in its column (the detail below has all of it).
ERROR_CHARS = 40


def message_state(info: MessageInfo) -> tuple[str, Tone]:
    """The state of a message in words, and how it should look."""
    if info.state == OutboxState.SENT:
        if info.letter_id is not None and info.printed_at is None:
            return QCoreApplication.translate("Messages", "letter in the print queue"), Tone.GOOD
        if info.printed_at is not None:
            return QCoreApplication.translate("Messages", "letter printed"), Tone.GOOD
        return QCoreApplication.translate("Messages", "sent"), Tone.GOOD
    if info.state == OutboxState.FAILED:
        if info.attempts >= MAX_ATTEMPTS:
            return QCoreApplication.translate("Messages", "given up"), Tone.BAD
        return QCoreApplication.translate("Messages", "failed"), Tone.BAD
    if info.attempts and info.last_error:
        return QCoreApplication.translate("Messages", "waiting (retried {n}×)").format(
            n=info.attempts
        ), Tone.WARNING
    return QCoreApplication.translate("Messages", "waiting"), Tone.NEUTRAL


class MessagesSection(QWidget):
    """See the module documentation."""

    #: Send this failed message again by another channel (its :class:`MessageInfo`).
    reroute_requested = Signal(object)
    #: Show this letter in the print queue (the letter's document id).
    letter_requested = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._case_id: int | None = None
        self._template: ServiceTemplate | None = None
        self._generation = 0
        self._may_work = False
        self._letters = False
        self.messages: dict[int, MessageInfo] = {}

        self.write_button = QToolButton(self)
        self.write_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.reroute_button = QPushButton(self.tr("Send by another channel…"), self)
        self.reroute_button.setToolTip(
            self.tr("Send this failed message again, by another way to the applicant")
        )
        self.reroute_button.setEnabled(False)
        self.reroute_button.clicked.connect(self._reroute)
        self.letter_button = QPushButton(self.tr("Show the letter"), self)
        self.letter_button.hide()
        self.letter_button.clicked.connect(self._show_letter)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                self.tr("Channel"),
                self.tr("State"),
                self.tr("Status"),
                self.tr("Subject"),
                self.tr("Queued"),
                self.tr("Sent"),
                self.tr("Last error"),
            ]
        )
        for column in (4, 5):
            self.tree.headerItem().setToolTip(column, time_zone_note())
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(lambda *_: self._chosen())
        self.empty = muted(
            plain_label(self.tr("No message to the applicant yet."), self, wrap=True)
        )
        self.error = plain_label("", self, wrap=True)
        self.error.hide()
        #: The chosen message in full: its subject, attempts and last error.
        self.detail = plain_label("", self, wrap=True, selectable=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.write_button)
        actions.addStretch(1)
        actions.addWidget(self.letter_button)
        actions.addWidget(self.reroute_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        layout.addWidget(self.detail, 1)

    # -- loading ------------------------------------------------------------------------------

    def show_case(self, case_id: int, template: ServiceTemplate, *, may_work: bool) -> None:
        """Read the messages of a case (in a worker) and list them."""
        if case_id != self._case_id:
            self._case_id = case_id
            self._show_list([])
        self._template = template
        self._may_work = may_work
        self._generation += 1
        generation = self._generation
        self._ctx.runner.run(
            partial(self._ctx.citizen.for_case, self._ctx.actor, case_id),
            done=lambda messages: self._listed(generation, messages),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="messages",
        )

    def _listed(self, generation: int, messages: list[MessageInfo]) -> None:
        if generation == self._generation:
            self.error.hide()
            self._show_list(messages)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.error.setText(
                self.tr("The messages could not be read.") + " " + describe_error(error)
            )
            self.error.show()

    def _show_list(self, messages: list[MessageInfo]) -> None:
        words = self._ctx.vocabulary
        previous = self.current()
        self.messages = {m.id: m for m in messages}
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for info in reversed(messages):  # newest first
            state, tone = message_state(info)
            error = (info.last_error or "").strip()
            short = error if len(error) <= ERROR_CHARS else error[: ERROR_CHARS - 1] + "…"
            item = QTreeWidgetItem(
                [
                    channel_name(info.channel),
                    state,
                    self._status(info.status),
                    info.subject,
                    words.datetime(info.created_at),
                    words.datetime(info.sent_at) if info.sent_at else "—",
                    short.replace("\n", " "),
                ]
            )
            item.setData(0, ID_ROLE, info.id)
            item.setForeground(1, QBrush(QColor(TONE_COLOURS[tone][2])))
            if error:
                item.setToolTip(6, plain_tooltip(error))
            item.setToolTip(3, plain_tooltip(info.subject))
            self.tree.addTopLevelItem(item)
            if chosen is None or (previous is not None and info.id == previous.id):
                chosen = item
        self.tree.blockSignals(False)
        self.empty.setVisible(not messages)
        self.tree.setVisible(bool(messages))
        fit_rows(self.tree, min_rows=1, max_rows=8)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._chosen()

    def _status(self, code: str | None) -> str:
        if not code:
            return self.tr("(message)")
        try:
            return self._ctx.vocabulary.status(Status(code), self._template)
        except ValueError:
            return code

    # -- choosing -----------------------------------------------------------------------------

    def current(self) -> MessageInfo | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return self.messages.get(value) if isinstance(value, int) else None

    def _chosen(self) -> None:
        info = self.current()
        self.detail.setText(self._describe(info) if info is not None else "")
        self.detail.setVisible(info is not None)
        self.reroute_button.setEnabled(
            self._may_work and info is not None and info.state == OutboxState.FAILED
        )
        self.letter_button.setVisible(
            self._letters and info is not None and info.letter_id is not None
        )

    def _describe(self, info: MessageInfo) -> str:
        words = self._ctx.vocabulary
        state, _tone = message_state(info)
        lines = [
            info.subject,
            self.tr("{channel}, {state}; queued {queued}, sent {sent}; attempts: {n}").format(
                channel=channel_name(info.channel),
                state=state,
                queued=words.datetime(info.created_at, zone=True),
                sent=words.datetime(info.sent_at, zone=True) if info.sent_at else "—",
                n=info.attempts,
            ),
        ]
        if info.last_error:
            lines.append(self.tr("Last error: {error}").format(error=info.last_error.strip()))
        if info.state == OutboxState.FAILED:
            lines.append(
                self.tr("Nothing more is tried. Send it by another channel if it is still needed.")
            )
        return "\n".join(lines)

    def set_may_work(self, may_work: bool) -> None:
        self._may_work = may_work
        self._chosen()

    def _reroute(self) -> None:
        info = self.current()
        if info is not None and info.state == OutboxState.FAILED:
            self.reroute_requested.emit(info)

    # -- the seam to the print queue ----------------------------------------------------------

    def offer_letters(self, offer: bool = True) -> None:
        """Something shows letters (the print queue): offer "show the letter" for posted
        messages."""
        self._letters = offer
        self._chosen()

    def _show_letter(self) -> None:
        info = self.current()
        if info is not None and info.letter_id is not None:
            self.letter_requested.emit(info.letter_id)


__all__ = ["MessagesSection", "message_state"]
