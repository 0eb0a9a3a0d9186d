"""The portal's corner of the status bar: a sync under way, its result, the portal's state.

While a sync runs: what it does, a progress bar and a Stop button. Afterwards:
the result ("3 new applications, 1 rejected"). Always: when the portal was last
fetched from successfully, or that the last attempt failed, or that it is not
configured — a button that opens the delivery panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from backoffice.services.delivery import DeliveryOverview
from backoffice.services.progress import Progress
from backoffice.ui.delivery.sync import DESTINATION, SyncOutcome
from backoffice.ui.portal_texts import sync_summary
from backoffice.ui.texts import Tone, Vocabulary, plain_tooltip, time_zone_note
from backoffice.ui.widgets import TONE_COLOURS, plain_label


class SyncStatus(QWidget):
    """Progress, result and portal state; see the module documentation."""

    #: The clerk wants the details (the delivery panel).
    details_requested = Signal()

    def __init__(
        self,
        words: Vocabulary,
        stop_action: QAction,
        *,
        configured: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._words = words
        self._configured = configured
        self._destination = (0, 0)
        self.activity = plain_label("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(self.fontMetrics().height() + 4)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton(self)
        self.stop_button.setDefaultAction(stop_action)
        self.stop_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.result = plain_label("", self)
        self.state_button = QToolButton(self)
        self.state_button.setAutoRaise(True)
        self.state_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.state_button.clicked.connect(self.details_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.activity, self.progress, self.stop_button, self.result):
            layout.addWidget(widget)
        layout.addWidget(self.state_button)
        self._set_running(False)
        self.result.hide()
        self.show_overview(None)

    # -- a run --------------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.activity, self.progress, self.stop_button):
            widget.setVisible(running)

    def sync_started(self) -> None:
        self._destination = (0, 0)
        self.result.hide()
        self.activity.setText(self.tr("Fetching from the portal…"))
        self.progress.setRange(0, 0)
        self._set_running(True)

    def show_progress(self, report: Progress) -> None:
        if report.phase == DESTINATION:
            self._destination = (report.done + 1, report.total)
            return
        prefix = ""
        if self._destination[1] > 1:
            prefix = self.tr("Destination {n} of {total}: ").format(
                n=self._destination[0], total=self._destination[1]
            )
        if report.phase == "receiving" and report.total > 0:
            text = self.tr("Fetching application {n} of {total}…").format(
                n=report.done + 1, total=report.total
            )
            self.progress.setRange(0, report.total)
            self.progress.setValue(report.done)
        elif report.phase == "confirming":
            text = self.tr("Sending confirmations and messages to applicants…")
            self.progress.setRange(0, 0)
        else:
            text = self.tr("Asking the portal for new applications…")
            self.progress.setRange(0, 0)
        self.activity.setText(prefix + text)

    def sync_stopping(self) -> None:
        self.activity.setText(self.tr("Stopping after the current application…"))

    def sync_finished(self, outcome: SyncOutcome) -> str:
        """Show the result; returns it (for the status bar message)."""
        self._set_running(False)
        if outcome.failed and not any(r.accepted or r.rejected for r in outcome.reports):
            text = self.tr("Fetching failed")
            tone = Tone.BAD
        else:
            text = sync_summary(outcome.reports)
            if outcome.failed:
                text = self.tr("{summary}; then it failed").format(summary=text)
            tone = Tone.BAD if outcome.failed else Tone.NEUTRAL
        self.result.setText(text)
        _colour(self.result, tone)
        self.result.show()
        return text

    # -- the portal's state -------------------------------------------------------------------

    def show_overview(self, overview: DeliveryOverview | None) -> None:
        """The state of every destination and of the outbox (from the delivery overview)."""
        words = self._words
        button = self.state_button
        if not self._configured:
            button.setText(self.tr("Portal: not configured"))
            button.setToolTip(
                plain_tooltip(
                    self.tr(
                        "No portal connection is set up on this computer; applications are "
                        "not fetched. An administrator sets it up with backoffice portal "
                        "configure."
                    )
                )
            )
            _colour(button, Tone.WARNING)
            return
        syncs = overview.syncs if overview is not None else []
        # A sync clears the error when it succeeds: an error is always the latest attempt's.
        failing = [s for s in syncs if s.last_error]
        successes = [s.last_success_at for s in syncs if s.last_success_at is not None]
        if failing:
            latest = max((s.last_attempt_at for s in failing if s.last_attempt_at), default=None)
            text = self.tr("Portal: fetching failed at {when}").format(when=words.datetime(latest))
            tone = Tone.BAD
        elif successes:
            text = self.tr("Portal: last fetched {when}").format(
                when=words.datetime(min(successes))
            )
            tone = Tone.GOOD
        else:
            text = self.tr("Portal: not fetched yet")
            tone = Tone.NEUTRAL
        waiting = [m for m in overview.waiting if m.state != "failed"] if overview else []
        given_up = [m for m in overview.waiting if m.state == "failed"] if overview else []
        if given_up:
            text += " · " + self.tr("%n message(s) failed", "", len(given_up))
            tone = Tone.BAD
        elif waiting:
            text += " · " + self.tr("%n message(s) waiting", "", len(waiting))
            tone = Tone.WARNING if tone is not Tone.BAD else tone
        button.setText(text)
        _colour(button, tone)
        lines = [self.tr("Show the delivery panel")]
        for sync in syncs:
            line = self.tr("{destination}: last success {success}, last attempt {attempt}").format(
                destination=sync.destination_id,
                success=words.datetime(sync.last_success_at),
                attempt=words.datetime(sync.last_attempt_at),
            )
            if sync.last_error:
                line += "\n  " + sync.last_error
            lines.append(line)
        lines.append(time_zone_note())
        button.setToolTip(plain_tooltip("\n".join(lines)))


def _colour(widget: QWidget, tone: Tone) -> None:
    palette = widget.palette()
    colour = QColor(TONE_COLOURS[tone][2]) if tone is not Tone.NEUTRAL else None
    role = QPalette.ColorRole.ButtonText if isinstance(widget, QToolButton) else None
    for r in (role, QPalette.ColorRole.WindowText):
        if r is None:
            continue
        palette.setColor(r, colour or widget.style().standardPalette().color(r))
    widget.setPalette(palette)


__all__ = ["SyncStatus"]
