"""The delivery panel: what came in rejected, what is still to be sent, when each destination
was last fetched, what intake holds in quarantine — the first place to look when a citizen
asks "did my application arrive?".

Four tabs over :meth:`DeliveryService.overview`, loaded in the task runner (at
start, after each sync, on request). A selected rejection is explained below
its list in full: the reason in words, the part that failed, the check's own
technical detail, and the submission's identifiers. Everything that came from
the portal or the citizen is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.delivery import (
    DeliveryOverview,
    RejectedSubmission,
    SyncInfo,
    WaitingMessage,
)
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.print_queue import PrintQueueTab
from backoffice.ui.delivery.quarantine import QuarantineTab
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.portal_texts import (
    instance_name,
    outbox_kind,
    outbox_state,
    problem_detail,
    problem_explanation,
    problem_name,
)
from backoffice.ui.record_model import RECORD_ROLE, Field, RecordModel
from backoffice.ui.texts import Tone, time_zone_note
from backoffice.ui.widgets import TONE_COLOURS, MessageBar, muted, plain_label

_BAD = QColor(TONE_COLOURS[Tone.BAD][2])


class DeliveryPanel(QWidget):
    """Rejected submissions, the outbox and the syncs; see the module documentation."""

    #: A new overview arrived (:class:`DeliveryOverview`), e.g. for the status bar.
    overview_loaded = Signal(object)
    #: The clerk wants to open a case (its id), e.g. from a waiting message.
    open_case = Signal(int)
    #: A short confirmation for the status bar (e.g. letters printed).
    status_message = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._generation = 0
        self.overview: DeliveryOverview | None = None
        words = context.vocabulary
        berlin = time_zone_note()

        self.rejected_model = RecordModel(
            [
                Field(
                    self.tr("Arrived"),
                    lambda r: words.datetime(r.arrived_at),
                    header_tooltip=berlin,
                ),
                Field(self.tr("Service"), lambda r: self._service(r.service_identifier)),
                Field(self.tr("Reason"), lambda r: problem_name(r.problem)),
                Field(
                    self.tr("Part"),
                    lambda r: instance_name(r.instance, short=True),
                    tooltip=lambda r: instance_name(r.instance),
                ),
                Field(self.tr("Detail"), lambda r: problem_detail(r.detail)),
                Field(self.tr("Submission"), lambda r: r.submission_id),
            ],
            self,
        )
        self.outbox_model = RecordModel(
            [
                Field(self.tr("File number"), lambda m: m.file_number or "—"),
                Field(self.tr("Message"), lambda m: outbox_kind(m.kind)),
                Field(
                    self.tr("State"),
                    lambda m: outbox_state(m.state),
                    colour=lambda m: _BAD if m.state == "failed" else None,
                ),
                Field(self.tr("Attempts"), lambda m: str(m.attempts), align_right=True),
                Field(
                    self.tr("Next attempt"), lambda m: self._next_attempt(m), header_tooltip=berlin
                ),
                Field(self.tr("Last error"), lambda m: m.last_error or "—"),
                Field(
                    self.tr("Created"),
                    lambda m: words.datetime(m.created_at),
                    header_tooltip=berlin,
                ),
            ],
            self,
        )
        self.sync_model = RecordModel(
            [
                Field(self.tr("Destination"), lambda s: s.destination_id),
                Field(
                    self.tr("Last success"),
                    lambda s: words.datetime(s.last_success_at),
                    header_tooltip=berlin,
                ),
                Field(
                    self.tr("Last attempt"),
                    lambda s: words.datetime(s.last_attempt_at),
                    header_tooltip=berlin,
                ),
                Field(self.tr("Result"), lambda s: self._counts(s.last_counts)),
                Field(
                    self.tr("Error"),
                    lambda s: s.last_error or "—",
                    colour=lambda s: _BAD if s.last_error else None,
                ),
            ],
            self,
        )

        self.message_bar = MessageBar(self)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Reload"), self)
        self.refresh_button.setToolTip(self.tr("Read the delivery state again"))
        self.refresh_button.clicked.connect(self.refresh)
        self.loaded_label = muted(plain_label("", self))

        self.rejected_table = self._table(self.rejected_model)
        self.rejected_detail = QPlainTextEdit(self)
        self.rejected_detail.setReadOnly(True)
        self.rejected_detail.setPlaceholderText(
            self.tr("Select a rejected submission to see why it was rejected.")
        )
        self.rejected_table.selectionModel().currentRowChanged.connect(self._rejected_chosen)
        rejected = QSplitter(Qt.Orientation.Horizontal, self)
        rejected.addWidget(self.rejected_table)
        rejected.addWidget(self.rejected_detail)
        rejected.setStretchFactor(0, 3)
        rejected.setStretchFactor(1, 2)
        rejected.setChildrenCollapsible(False)

        self.outbox_table = self._table(self.outbox_model)
        self.outbox_table.doubleClicked.connect(self._outbox_activated)
        self.outbox_table.setToolTip(self.tr("Double-click a message to open its case"))
        self.sync_table = self._table(self.sync_model)
        self.quarantine = QuarantineTab(context, self)
        self.quarantine.retried.connect(self.refresh)
        self.quarantine.retry_failed.connect(
            lambda text: self.message_bar.show_message(text, Tone.BAD)
        )

        self.print_queue = PrintQueueTab(context, self)
        self.print_queue.loaded.connect(self._update_tab_titles)
        self.print_queue.open_case.connect(self.open_case)
        self.print_queue.status_message.connect(self.status_message)
        self.print_queue.load_failed.connect(
            lambda text: self.message_bar.show_message(text, Tone.BAD)
        )

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(rejected, "")
        self.tabs.addTab(self.outbox_table, "")
        self.tabs.addTab(self.sync_table, "")
        self.tabs.addTab(self.quarantine, "")
        self.tabs.addTab(self.print_queue, icon("print"), "")
        self._update_tab_titles()

        top = QHBoxLayout()
        top.addWidget(self.loaded_label, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.message_bar)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def _table(self, model: RecordModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview and the print queue again (in the task runner)."""
        self.print_queue.refresh()
        self._generation += 1
        generation = self._generation
        self.refresh_button.setEnabled(False)
        self._ctx.runner.run(
            partial(self._ctx.delivery.overview, self._ctx.actor),
            done=lambda overview: self._loaded(generation, overview),
            failed=lambda error: self._failed(generation, error),
            owner=self,
            name="delivery overview",
        )

    def _loaded(self, generation: int, overview: DeliveryOverview) -> None:
        if generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.message_bar.dismiss()
        chosen = self._current_rejected()
        self.overview = overview
        self.rejected_model.set_records(overview.rejected)
        self.outbox_model.set_records(overview.waiting)
        self.sync_model.set_records(overview.syncs)
        self.quarantine.set_records(overview.quarantined)
        for table in (self.rejected_table, self.outbox_table, self.sync_table):
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount()):
                table.setColumnWidth(column, min(table.columnWidth(column), 320))
        self._reselect(chosen)
        self._update_tab_titles()
        self.loaded_label.setText(
            self.tr("Rejected submissions and waiting messages of all destinations.")
        )
        self.overview_loaded.emit(overview)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.message_bar.show_message(
            self.tr("The delivery state could not be read.") + " " + describe_error(error),
            Tone.BAD,
            action=self.tr("Try again"),
            on_action=self.refresh,
        )

    def _update_tab_titles(self) -> None:
        overview = self.overview
        self.tabs.setTabText(
            0,
            self.tr("Rejected ({n})").format(n=len(overview.rejected))
            if overview
            else self.tr("Rejected"),
        )
        self.tabs.setTabText(
            1,
            self.tr("Outbox ({n})").format(n=len(overview.waiting))
            if overview
            else self.tr("Outbox"),
        )
        self.tabs.setTabText(2, self.tr("Fetches"))
        self.tabs.setTabText(
            3,
            self.tr("Held ({n})").format(n=len(overview.quarantined))
            if overview
            else self.tr("Held"),
        )
        self.tabs.setTabText(4, self.print_queue.title())

    def show_letter(self, letter_id: int) -> None:
        """Bring up the print queue with this letter selected."""
        self.tabs.setCurrentWidget(self.print_queue)
        self.print_queue.show_letter(letter_id)

    # -- rejected submissions -----------------------------------------------------------------

    def _current_rejected(self) -> str | None:
        index = self.rejected_table.currentIndex()
        record = self.rejected_model.record_at(index.row()) if index.isValid() else None
        return record.submission_id if record is not None else None

    def _reselect(self, submission_id: str | None) -> None:
        for row, record in enumerate(self.rejected_model.records):
            if record.submission_id == submission_id:
                self.rejected_table.selectRow(row)
                return
        self.rejected_detail.clear()

    def _rejected_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        if isinstance(record, RejectedSubmission):
            self.rejected_detail.setPlainText(self.explain(record))
        else:
            self.rejected_detail.clear()

    def explain(self, record: RejectedSubmission) -> str:
        """Everything about one rejection, for the clerk whom the citizen asks."""
        words = self._ctx.vocabulary
        lines = [problem_name(record.problem)]
        explanation = problem_explanation(record.problem)
        if explanation:
            lines.append(explanation)
        lines.append("")
        lines.append(self.tr("Part: {part}").format(part=instance_name(record.instance)))
        if record.detail:
            lines.append(
                self.tr("Technical detail: {detail}").format(detail=problem_detail(record.detail))
            )
        lines.append(
            self.tr("Arrived: {when}").format(when=words.datetime(record.arrived_at, zone=True))
        )
        lines.append(
            self.tr("Service: {service}").format(service=self._service(record.service_identifier))
        )
        contact = _contact(record.metadata)
        if contact:
            lines.append(self.tr("Applicant's reply address: {address}").format(address=contact))
        lines.append(self.tr("Submission: {id}").format(id=record.submission_id))
        lines.append(self.tr("Portal case: {id}").format(id=record.portal_case_id))
        lines.append(self.tr("Destination: {id}").format(id=record.destination_id))
        lines.append("")
        lines.append(
            self.tr(
                "The portal is told that this submission was rejected and why (see the "
                "outbox while that message waits); the applicant sees it there and can "
                "submit again. No case was created."
            )
        )
        return "\n".join(lines)

    # -- outbox -------------------------------------------------------------------------------

    def _outbox_activated(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if isinstance(record, WaitingMessage) and record.case_id is not None:
            self.open_case.emit(record.case_id)

    def _next_attempt(self, message: WaitingMessage) -> str:
        if message.state == "failed":
            return self.tr("none (a person must look at it)")
        return self._ctx.vocabulary.datetime(message.next_attempt_at)

    # -- helpers ------------------------------------------------------------------------------

    def _service(self, identifier: str | None) -> str:
        if not identifier:
            return "—"
        language = self._ctx.vocabulary.language
        for template in self._ctx.vocabulary.templates.values():
            if template.leika == identifier:
                return template.name.get(language)
        return identifier

    def _counts(self, counts: Mapping[str, Any] | None) -> str:
        if not counts:
            return "—"
        text = self.tr("{new} new, {rejected} rejected, {skipped} postponed").format(
            new=counts.get("accepted", 0) - counts.get("follow_ups", 0),  # answers: no case
            rejected=counts.get("rejected", 0),
            skipped=counts.get("skipped", 0),
        )
        if counts.get("cancelled"):
            text += " " + self.tr("(stopped)")
        return text

    def syncs(self) -> list[SyncInfo]:
        return list(self.overview.syncs) if self.overview else []


def _contact(metadata: Mapping[str, Any] | None) -> str:
    """The applicant's e-mail or De-Mail address from rejected metadata, if it has one."""
    channels = (metadata or {}).get("replyChannel")
    if not isinstance(channels, Mapping):
        return ""
    for name in ("eMail", "deMail"):
        channel = channels.get(name)
        if isinstance(channel, Mapping) and isinstance(channel.get("address"), str):
            return str(channel["address"])[:200]
    return ""


__all__ = ["DeliveryPanel"]
