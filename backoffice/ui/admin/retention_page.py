"""Retention and deletion: how long each service keeps its closed cases, the cases whose
period is over, the deletion run, and what remains of the cases deleted.

A case's period is set when it closes, from its service version's ``retention_years``
(else the default of ten years). "Delete N cases…" asks for a confirmation that names the
count, then deletes exactly the cases listed (one transaction each, with their
attachments, documents, history, read log and messages) in a worker that can be stopped
between two cases; a case that became due meanwhile waits for the next run. Of each deleted
case a record without personal data remains (listed below), and each run is an entry in the
administration's trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission
from backoffice.services.progress import Progress
from backoffice.services.retention import DeletionInfo, DueCase, RetentionPeriod, RetentionReport
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.page_parts import (
    current_record,
    describe_refusal,
    fit_columns,
    plain_message,
    record_table,
    who,
)
from backoffice.ui.context import UiContext
from backoffice.ui.record_model import Field, RecordModel
from backoffice.ui.tasks import Task, TaskContext
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar, muted, plain_label


@dataclass(frozen=True)
class RetentionState:
    periods: list[RetentionPeriod]
    due: list[DueCase]
    deletions: list[DeletionInfo]


class RetentionPage(AdminPage):
    """See the module documentation."""

    key = "retention"
    permission = Permission.MANAGE_TEMPLATES
    tables = frozenset({"cases", "service_templates", "deletion_records"})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        words = context.vocabulary
        self.state: RetentionState | None = None
        #: The open confirmation (tests press its buttons).
        self.confirmation: QMessageBox | None = None
        self.deletion: Task | None = None
        self.last_report: RetentionReport | None = None

        def language_name(p: RetentionPeriod) -> str:
            return p.name_en if words.language == "en" else p.name_de

        periods_box = QGroupBox(self.tr("Retention periods"), self)
        self.periods_model = RecordModel(
            [
                Field(self.tr("Service"), language_name),
                Field(self.tr("Version"), lambda p: str(p.version), align_right=True),
                Field(
                    self.tr("Kept after closing"),
                    lambda p: self.tr("%n year(s)", "", p.years),
                    align_right=True,
                ),
                Field(
                    self.tr("Set by"),
                    lambda p: (
                        self.tr("the service template (retention_years)")
                        if p.from_template
                        else self.tr("the default")
                    ),
                ),
            ],
            self,
        )
        self.periods_table = record_table(self.periods_model, periods_box)
        self.periods_table.setObjectName("retentionPeriodsTable")
        periods_layout = QVBoxLayout(periods_box)
        periods_layout.addWidget(self.periods_table)
        periods_layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "A case takes the period of its service version when it closes; "
                        "a new version of the template changes it for cases closed later."
                    ),
                    periods_box,
                    wrap=True,
                )
            )
        )

        due_box = QGroupBox(self.tr("Due for deletion"), self)
        self.due_model = RecordModel(
            [
                Field(self.tr("File number"), lambda d: d.file_number),
                Field(self.tr("Service"), lambda d: words.service_name(d.service_key)),
                Field(self.tr("Closed"), lambda d: words.datetime(d.closed_at)),
                Field(self.tr("Kept until"), lambda d: words.date(d.retention_until)),
            ],
            self,
        )
        self.due_table = record_table(self.due_model, due_box)
        self.due_table.setObjectName("dueTable")
        self.due_table.setToolTip(self.tr("Double-click to open the case"))
        self.due_table.doubleClicked.connect(self._due_double_clicked)
        self.delete_button = QPushButton(self.tr("Delete cases…"), due_box)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.confirm_deletion)
        self.progress = QProgressBar(due_box)
        self.progress.hide()
        self.stop_button = QPushButton(self.tr("&Stop"), due_box)
        self.stop_button.setToolTip(self.tr("Stop after the case being deleted"))
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop_deletion)
        self.message_bar = MessageBar(self)
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.stop_button)
        run_row.addStretch(0)
        run_row.addWidget(self.delete_button)
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.due_table, 1)
        due_layout.addLayout(run_row)

        deleted_box = QGroupBox(self.tr("Deleted cases (what remains, no personal data)"), self)
        self.deleted_model = RecordModel(
            [
                Field(self.tr("File number"), lambda r: r.file_number),
                Field(self.tr("Service"), lambda r: words.service_name(r.service_key)),
                Field(self.tr("Version"), lambda r: str(r.template_version), align_right=True),
                Field(self.tr("Closed"), lambda r: words.datetime(r.closed_at)),
                Field(self.tr("Kept until"), lambda r: words.date(r.retention_until)),
                Field(self.tr("Deleted"), lambda r: words.datetime(r.deleted_at)),
                Field(self.tr("By"), lambda r: who(words, r.deleted_by)),
            ],
            self,
        )
        self.deleted_table = record_table(self.deleted_model, deleted_box)
        self.deleted_table.setObjectName("deletedTable")
        deleted_layout = QVBoxLayout(deleted_box)
        deleted_layout.addWidget(self.deleted_table)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for box in (periods_box, due_box, deleted_box):
            splitter.addWidget(box)
        splitter.setChildrenCollapsible(False)
        for index, stretch in enumerate((4, 3, 2)):
            splitter.setStretchFactor(index, stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return self.tr("Retention")

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        retention = self.administration.retention
        actor = self._ctx.actor

        def read() -> RetentionState:
            return RetentionState(
                retention.periods(actor), retention.due(actor), retention.deletions(actor)
            )

        self._ctx.runner.run(
            read, done=self._loaded_state, failed=self._failed, owner=self, name="retention"
        )

    def _loaded_state(self, state: RetentionState) -> None:
        self.state = state
        self.periods_model.set_records(state.periods)
        self.due_model.set_records(state.due)
        self.deleted_model.set_records(state.deletions)
        for table in (self.periods_table, self.due_table, self.deleted_table):
            fit_columns(table)
        self._update_delete_button()

    def _update_delete_button(self) -> None:
        count = len(self.state.due) if self.state is not None else 0
        running = self.deletion is not None and not self.deletion.finished
        self.delete_button.setText(
            self.tr("&Delete %n case(s)…", "", count) if count else self.tr("Nothing is due")
        )
        self.delete_button.setEnabled(count > 0 and not running)

    def _due_double_clicked(self, _index: QModelIndex) -> None:
        due = current_record(self.due_table)
        if isinstance(due, DueCase):
            self.open_case_requested.emit(due.case_id)

    # -- the deletion run ---------------------------------------------------------------------

    def confirm_deletion(self) -> None:
        if self.state is None or not self.state.due or self.confirmation is not None:
            return
        cases = list(self.state.due)
        box = QMessageBox(self)
        plain_message(box)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete cases"))
        box.setText(self.tr("Delete %n case(s) for good?", "", len(cases)))
        shown = ", ".join(c.file_number for c in cases[:10])
        if len(cases) > 10:
            shown += " " + self.tr("and %n more", "", len(cases) - 10)
        box.setInformativeText(
            self.tr(
                "{cases}\n\nEach case is deleted with its form data, attachments, documents, "
                "history, read log and messages. Only the file number, service, version and "
                "dates remain. This cannot be undone."
            ).format(cases=shown)
        )
        delete = box.addButton(
            self.tr("Delete %n case(s)", "", len(cases)), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._delete([c.case_id for c in cases]) if button is delete else None
        )
        box.finished.connect(lambda _r: setattr(self, "confirmation", None))
        self.confirmation = box
        box.open()

    def _delete(self, case_ids: list[int]) -> None:
        retention = self.administration.retention
        actor = self._ctx.actor

        def run(task: TaskContext) -> RetentionReport:
            return retention.run(
                actor, confirm=True, only=case_ids, progress=task.report, cancel=task.stop
            )

        self.progress.setRange(0, len(case_ids))
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.message_bar.show_message(self.tr("Deleting…"), Tone.NEUTRAL)
        self.deletion = self._ctx.runner.run_long(
            run,
            done=self._deleted,
            failed=self._failed,
            progress=self._progressed,
            owner=self,
            write=True,
            name="retention run",
        )
        self._update_delete_button()

    def stop_deletion(self) -> None:
        if self.deletion is not None:
            self.deletion.stop()
            self.stop_button.setEnabled(False)

    def _progressed(self, report: Progress) -> None:
        self.progress.setRange(0, max(report.total, 1))
        self.progress.setValue(report.done)

    def _run_over(self) -> None:
        self.progress.hide()
        self.stop_button.hide()

    def _deleted(self, report: RetentionReport) -> None:
        self._run_over()
        self.last_report = report
        text = self.tr("%n case(s) deleted.", "", len(report.deleted))
        if report.skipped:
            text += " " + self.tr(
                "%n case(s) were no longer due (reopened meanwhile) and were kept.",
                "",
                len(report.skipped),
            )
        if report.stopped:
            text += " " + self.tr("Stopped: the other cases stay due.")
        self.message_bar.show_message(text, Tone.WARNING if report.stopped else Tone.GOOD)
        self.status_message.emit(text)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self._run_over()
        self.message_bar.show_message(describe_refusal(error), Tone.BAD)
        self._update_delete_button()

    def shut_down(self) -> None:
        if self.deletion is not None and not self.deletion.finished:
            self.deletion.stop()  # the case being deleted finishes; the rest waits


__all__ = ["RetentionPage", "RetentionState"]
