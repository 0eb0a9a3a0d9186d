"""The delivery panel's quarantine tab: submissions intake held instead of deciding, and Retry.

A submission is held when deciding on it would blame the citizen for a failure of
ours (the decision could not be signed, the database refused it, the machine ran
out of memory): no decision went to the portal, and no sync takes it again until
someone presses Retry here (or runs ``backoffice quarantine retry``). The error is shown
as the program recorded it, as plain text.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.services.quarantine import QuarantinedSubmission
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.record_model import RECORD_ROLE, Field, RecordModel
from backoffice.ui.widgets import muted, plain_label


class QuarantineTab(QWidget):
    """The held submissions, one explained below the list, and a Retry button."""

    #: A retry was asked for (the panel reads the overview again).
    retried = Signal()
    #: A retry failed: the message, translated, for the panel's message bar.
    retry_failed = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        words = context.vocabulary
        self.model = RecordModel(
            [
                Field(self.tr("Held since"), lambda q: words.datetime(q.held_at)),
                Field(self.tr("Service"), lambda q: self._service(q.service_identifier)),
                Field(self.tr("Step"), lambda q: self.stage_name(q.stage)),
                Field(self.tr("State"), lambda q: self.state_name(q.state)),
                Field(self.tr("Attempts"), lambda q: str(q.attempts), align_right=True),
                Field(self.tr("Error"), lambda q: q.error),
                Field(self.tr("Submission"), lambda q: q.submission_id),
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a held submission to see what failed."))
        self.retry_button = QPushButton(icon("refresh"), self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Let the next fetch take this submission in again"))
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self.retry)
        self.hint = muted(
            plain_label(
                self.tr(
                    "No decision was sent for these submissions: the failure was on our side. "
                    "Fetching leaves them alone until you retry."
                ),
                self,
            )
        )
        self.hint.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def set_records(self, records: list[QuarantinedSubmission]) -> None:
        chosen = self.current()
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))
        for row, record in enumerate(records):
            if chosen is not None and record.submission_id == chosen.submission_id:
                self.table.selectRow(row)
                self._show(record)
                return
        self._show(None)

    def current(self) -> QuarantinedSubmission | None:
        index = self.table.currentIndex()
        record = self.model.record_at(index.row()) if index.isValid() else None
        return record if isinstance(record, QuarantinedSubmission) else None

    # -- retry --------------------------------------------------------------------------------

    def retry(self) -> None:
        record = self.current()
        if record is None or record.state != "held":
            return
        self.retry_button.setEnabled(False)
        self._ctx.runner.run(
            partial(self._ctx.delivery.retry_quarantined, self._ctx.actor, record.submission_id),
            done=lambda _: self.retried.emit(),
            failed=self._failed,
            owner=self,
            write=True,
            name="retry held submission",
        )

    def _failed(self, error: Exception) -> None:
        self._enable(self.current())
        self.retry_failed.emit(
            self.tr("The submission could not be released.") + " " + describe_error(error)
        )

    def _enable(self, record: QuarantinedSubmission | None) -> None:
        allowed = self._ctx.actor.can(Permission.RUN_SYNC)
        self.retry_button.setEnabled(allowed and record is not None and record.state == "held")

    # -- texts --------------------------------------------------------------------------------

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        self._show(record if isinstance(record, QuarantinedSubmission) else None)

    def _show(self, record: QuarantinedSubmission | None) -> None:
        if record is None:
            self.detail.clear()
        else:
            self.detail.setPlainText(self.explain(record))
        self._enable(record)

    def explain(self, record: QuarantinedSubmission) -> str:
        words = self._ctx.vocabulary
        lines = [
            self.tr("Held at: {step}").format(step=self.stage_name(record.stage)),
            self.tr("Error: {error}").format(error=record.error),
            self.tr("Attempts: {n}").format(n=record.attempts),
            self.tr("First held: {when}").format(when=words.datetime(record.first_held_at)),
            self.tr("Last held: {when}").format(when=words.datetime(record.held_at)),
        ]
        if record.retry_requested_at is not None:
            lines.append(
                self.tr("Retry asked for by {who} at {when}").format(
                    who=record.retry_requested_by or self.tr("the system"),
                    when=words.datetime(record.retry_requested_at),
                )
            )
        lines += [
            self.tr("Service: {service}").format(service=self._service(record.service_identifier)),
            self.tr("Submission: {id}").format(id=record.submission_id),
            self.tr("Portal case: {id}").format(id=record.portal_case_id),
            self.tr("Destination: {id}").format(id=record.destination_id),
        ]
        return "\n".join(lines)

    def stage_name(self, stage: str) -> str:
        names = {
            "fetch": self.tr("downloading"),
            "check": self.tr("checking"),
            "sign": self.tr("signing the decision"),
            "store": self.tr("storing"),
        }
        return names.get(stage, stage)

    def state_name(self, state: str) -> str:
        if state == "held":
            return self.tr("held")
        if state == "retry":
            return self.tr("retry at the next fetch")
        return state

    def _service(self, identifier: str | None) -> str:
        if not identifier:
            return "—"
        language = self._ctx.vocabulary.language
        for template in self._ctx.vocabulary.templates.values():
            if template.leika == identifier:
                return template.name.get(language)
        return identifier


__all__ = ["QuarantineTab"]
