"""What the citizen will receive, shown before anything is sent: the preview of a message.

:class:`PreviewLoader` asks the citizen messages service for the preview in the task
runner — at once when asked to, else a short while after the clerk stopped typing
(:data:`DEBOUNCE_MS`) — and drops answers that a newer request has overtaken.
:class:`MessagePreviewPane` lays the preview out: the channel, the recipient, the
subject, the text as the citizen will read it, the enclosures, and every reason it
cannot be sent. Everything in it is plain text (the recipient and the text carry the
citizen's own data).

The dialogs that send something (a status change, a free message, a message sent
again by another channel) hold one loader and one pane each.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QPlainTextEdit, QVBoxLayout, QWidget

from backoffice.domain.citizen_messages import Channel
from backoffice.services.citizen.compose import Problem
from backoffice.services.citizen.service import MessagePreview
from backoffice.ui.errors import describe_error
from backoffice.ui.tasks import Task, TaskRunner
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import TONE_COLOURS, muted, plain_label

#: How long after the last keystroke the preview is read again.
DEBOUNCE_MS = 300

#: Reads the preview for the clerk's text (runs in a worker).
PreviewFetch = Callable[[str], MessagePreview]


def channel_name(channel: Channel) -> str:
    """The channel as the clerk reads it."""
    names = {
        Channel.FIT_CONNECT: QCoreApplication.translate("Messages", "portal reply"),
        Channel.EMAIL: QCoreApplication.translate("Messages", "e-mail"),
        Channel.POST: QCoreApplication.translate("Messages", "letter by post"),
    }
    return names[channel]


def problem_text(problem: Problem, channel: Channel) -> str:
    """Why a message cannot be sent, in the UI language (by the problem's code)."""
    if problem.code == "placeholder_empty":
        names = ", ".join("{" + name + "}" for name in problem.missing)
        return QCoreApplication.translate(
            "Messages",
            "The service's text names {names}, but this case has no value for it. Nothing "
            "can be sent like this; an administrator can correct the service's text.",
        ).format(names=names)
    if problem.code == "recipient_missing":
        what = {
            Channel.FIT_CONNECT: QCoreApplication.translate(
                "Messages", "The submission names no key for replies through the portal."
            ),
            Channel.EMAIL: QCoreApplication.translate(
                "Messages", "The submission names no e-mail address."
            ),
            Channel.POST: QCoreApplication.translate(
                "Messages", "The application holds no complete postal address."
            ),
        }[channel]
        return (
            what
            + " "
            + QCoreApplication.translate(
                "Messages", "The message cannot be sent by {channel}."
            ).format(channel=channel_name(channel))
        )
    return problem.detail


def attachment_name(title: str) -> str:
    """An enclosure as the service names it ("certificate 10.03.2026"), in the UI language."""
    kind, _, rest = title.partition(" ")
    words = {
        "certificate": QCoreApplication.translate("Messages", "Certificate"),
        "letter": QCoreApplication.translate("Messages", "Letter"),
    }
    return f"{words[kind]} {rest}".strip() if kind in words else title


class PreviewLoader(QObject):
    """Loads previews in the task runner; see the module documentation."""

    #: A preview for the latest request arrived.
    loaded = Signal(object)
    #: The latest request failed (the exception).
    failed = Signal(object)
    #: A request is waiting or running (True) or answered (False).
    pending_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        fetch: PreviewFetch,
        parent: QObject | None = None,
        *,
        delay_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetch = fetch
        self._text = ""
        self._generation = 0
        self._answered = 0
        self._task: Task | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.load_now)

    @property
    def pending(self) -> bool:
        """The newest request has not been answered yet."""
        return self.timer.isActive() or self._answered != self._generation

    def set_fetch(self, fetch: PreviewFetch, *, load: bool = True) -> None:
        """Another preview (another channel, say): read it at once (unless ``load`` is
        False)."""
        self._fetch = fetch
        if load:
            self.load_now()

    def cancel(self) -> None:
        """Nothing to preview any more (the text was emptied): drop what is under way."""
        self.timer.stop()
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self._answered = self._generation
        self.pending_changed.emit(False)

    def request(self, text: str) -> None:
        """The clerk's text changed: read the preview once they stop typing."""
        self._text = text
        self._generation += 1
        self.timer.start()
        self.pending_changed.emit(True)

    def load_now(self, text: str | None = None) -> None:
        if text is not None:
            self._text = text
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        self.pending_changed.emit(True)
        if self._task is not None and not self._task.finished:
            self._task.cancel()  # its answer is out of date anyway
        fetch, text_now = self._fetch, self._text
        self._task = self._runner.run(
            lambda: fetch(text_now),
            done=lambda preview: self._done(generation, preview),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="message preview",
        )

    def _done(self, generation: int, preview: MessagePreview) -> None:
        if generation == self._generation:
            self._answered = generation
            self.loaded.emit(preview)
            self.pending_changed.emit(False)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._answered = generation
            self.failed.emit(error)
            self.pending_changed.emit(False)


class MessagePreviewPane(QFrame):
    """The message as the citizen will receive it; see the module documentation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagePreview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview: MessagePreview | None = None
        self.title = plain_label(self.tr("What the applicant receives"), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.state = muted(plain_label(self.tr("Loading the preview…"), self, wrap=True))
        self.channel = plain_label("", self, wrap=True, selectable=True)
        self.recipient = plain_label("", self, wrap=True, selectable=True)
        self.subject = plain_label("", self, wrap=True, selectable=True)
        self.attachments = plain_label("", self, wrap=True, selectable=True)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setObjectName("messageBody")
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.problems = plain_label("", self, wrap=True, selectable=True)
        self.problems.setObjectName("messageProblems")
        background, border, colour = TONE_COLOURS[Tone.BAD]
        self.problems.setStyleSheet(
            f"QLabel {{ background: {background}; border: 1px solid {border}; color: {colour};"
            " border-radius: 4px; padding: 4px 8px; }"
        )
        self.problems.hide()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.addRow(muted(plain_label(self.tr("Channel"), self)), self.channel)
        form.addRow(muted(plain_label(self.tr("To"), self)), self.recipient)
        form.addRow(muted(plain_label(self.tr("Subject"), self)), self.subject)
        form.addRow(muted(plain_label(self.tr("Enclosed"), self)), self.attachments)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problems)

    def show_loading(self) -> None:
        if self.preview is None:
            self.state.setText(self.tr("Loading the preview…"))
            self.state.show()

    def show_note(self, text: str) -> None:
        """A word above the preview (nothing will be sent, or why the preview is stale)."""
        self.state.setText(text)
        self.state.setVisible(bool(text))

    def show_preview(self, preview: MessagePreview) -> None:
        self.preview = preview
        self.state.hide()
        self.channel.setText(channel_name(preview.channel))
        self.recipient.setText(preview.recipient)
        self.subject.setText(preview.subject)
        self.body.setPlainText(preview.body)
        names = [attachment_name(title) for title in preview.attachments]
        self.attachments.setText(", ".join(names) if names else self.tr("nothing"))
        texts = [problem_text(p, preview.channel) for p in preview.problems]
        self.problems.setText("\n".join(texts))
        self.problems.setVisible(bool(texts))

    def show_failure(self, error: Exception) -> None:
        self.preview = None
        self.state.setText(
            self.tr("The preview could not be loaded.") + " " + describe_error(error)
        )
        self.state.show()
        for label in (self.channel, self.recipient, self.subject, self.attachments):
            label.setText("")
        self.body.setPlainText("")
        self.problems.hide()

    def set_muted(self, muted_: bool) -> None:
        """Grey the preview out: it will not be sent (without a message; nothing new)."""
        for widget in (self.channel, self.recipient, self.subject, self.attachments, self.body):
            widget.setEnabled(not muted_)


__all__ = [
    "DEBOUNCE_MS",
    "MessagePreviewPane",
    "PreviewLoader",
    "attachment_name",
    "channel_name",
    "problem_text",
]
