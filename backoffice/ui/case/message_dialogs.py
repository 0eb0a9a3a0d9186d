"""Dialogs that send a message without a status change: a free message to the applicant, and
a failed message sent again by another channel.

Both show the preview of what will go out (:mod:`.message_preview`) for the channel
chosen, refuse to confirm while it cannot be sent, and wait for the preview to catch up
when confirmed while it is being read. Like the other dialogs of the case view they are
opened with ``open()`` and report through ``accepted``; the caller reads the values.
"""

from __future__ import annotations

from collections.abc import Callable

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

from backoffice.domain.citizen_messages import MAX_CLERK_TEXT, Channel
from backoffice.services.citizen.service import MessageInfo, MessagePreview
from backoffice.ui.case.message_preview import (
    MessagePreviewPane,
    PreviewFetch,
    PreviewLoader,
    channel_name,
)
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.widgets import heading_font, plain_label

#: The preview of a message on a channel (for the clerk's text).
FetchFor = Callable[[Channel], PreviewFetch]


class _ChannelMessageDialog(QDialog):
    """A channel to choose, the preview for it, OK only when it can be sent."""

    def __init__(
        self,
        title: str,
        runner: TaskRunner,
        fetch_for: FetchFor,
        channels: list[Channel],
        chosen: Channel,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self._fetch_for = fetch_for
        self._accept_when_current = False
        self.preview: MessagePreview | None = None
        self.channel_combo = QComboBox(self)
        for channel in channels:
            self.channel_combo.addItem(channel_name(channel), channel.value)
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(chosen.value)))
        self.loader = PreviewLoader(runner, fetch_for(self.channel()), self)
        self.preview_pane = MessagePreviewPane(self)
        self.problem = plain_label("", self, wrap=True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.loader.pending_changed.connect(lambda _pending: self._validate())
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)

    def channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    def _channel_changed(self) -> None:
        self.preview = None
        self._fetch()

    def _fetch(self) -> None:
        """Read the preview now (the text or the channel changed)."""
        self.loader.set_fetch(self._fetch_for(self.channel()))

    def _loaded(self, preview: MessagePreview) -> None:
        self.preview = preview
        self.preview_pane.show_preview(preview)
        self._validate()
        if self._accept_when_current and not self.loader.pending:
            self._accept_when_current = False
            if self.ok_button.isEnabled():
                super().accept()

    def _failed(self, error: Exception) -> None:
        self.preview = None
        self._accept_when_current = False
        self.preview_pane.show_failure(error)
        self._validate()

    def _ready(self) -> bool:
        """What the dialog itself needs besides a sendable preview (the text)."""
        return True

    def _validate(self) -> None:
        preview = self.preview
        self.ok_button.setEnabled(self._ready() and preview is not None and preview.sendable)
        if preview is not None:
            self.preview_pane.show_note(
                self.tr("Updating the preview…") if self.loader.pending else ""
            )

    def accept(self) -> None:
        """Confirmed: at once if the preview shows what will be sent, else once it does."""
        self._validate()
        if self.loader.pending and self._ready():
            self._accept_when_current = True
            if self.loader.timer.isActive():  # the newest words are not being read yet
                self.loader.load_now()
            return
        if self.ok_button.isEnabled():
            super().accept()


class WriteMessageDialog(_ChannelMessageDialog):
    """A message to the applicant that goes with no status change (a question, a note)."""

    def __init__(
        self,
        file_number: str,
        runner: TaskRunner,
        fetch_for: FetchFor,
        chosen: Channel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Write to the applicant"), runner, fetch_for, list(Channel), chosen, parent
        )
        heading = plain_label(
            self.tr("{file}: a message to the applicant").format(file=file_number), self, wrap=True
        )
        heading.setFont(heading_font(self.font(), 1.15))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("What the applicant should read"))
        self.text_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.ok_button.setText(self.tr("Send"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(plain_label(self.tr("Message"), self), self.text_edit)
        form.addRow(plain_label(self.tr("Send by"), self), self.channel_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.preview_pane, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._text_changed)
        self.preview_pane.show_note(self.tr("Write your message; the preview appears here."))
        self._validate()
        self.text_edit.setFocus()

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def _text_changed(self) -> None:
        text = self.text()
        if text:
            self.loader.request(text)
        else:
            self.loader.cancel()
            self.preview_pane.show_note(self.tr("Write your message; the preview appears here."))
        self._validate()

    def _fetch(self) -> None:
        self.loader.set_fetch(self._fetch_for(self.channel()), load=bool(self.text()))

    def _ready(self) -> bool:
        text = self.text()
        too_long = len(text) > MAX_CLERK_TEXT
        self.problem.setText(
            self.tr("The message is too long (at most {n} characters).").format(n=MAX_CLERK_TEXT)
            if too_long
            else ""
        )
        self.problem.setVisible(too_long)
        return bool(text) and not too_long


class RerouteDialog(_ChannelMessageDialog):
    """A message that failed, sent again by another channel: which one, and what goes out."""

    def __init__(
        self,
        info: MessageInfo,
        runner: TaskRunner,
        fetch_for: FetchFor,
        parent: QWidget | None = None,
    ) -> None:
        others = [c for c in Channel if c is not info.channel]
        super().__init__(
            self.tr("Send by another channel"), runner, fetch_for, others, others[0], parent
        )
        intro = plain_label(
            self.tr(
                "“{subject}” could not be sent by {channel}. Choose another way to the "
                "applicant; the failed message stays on record."
            ).format(subject=info.subject, channel=channel_name(info.channel)),
            self,
            wrap=True,
        )
        if info.last_error:
            intro.setToolTip(info.last_error)
        self.ok_button.setText(self.tr("Send"))
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Send by"), self), self.channel_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview_pane, 1)
        layout.addWidget(self.buttons)
        self.preview_pane.show_loading()
        self._validate()
        self._fetch()


__all__ = ["RerouteDialog", "WriteMessageDialog"]
