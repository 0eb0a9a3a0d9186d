"""The audit trail: the administration's own history, the history of any case with who read
it, and the verification of every hash chain.

The administration's history lists who changed what, newest first. A case is looked up by
its file number; its history shows each entry of the case's chain together with the reads
(who opened the case or viewed a document, from the read log), in time order, and whether
its chain is intact. "Verify the chains" recomputes every case's chain and the
administration's in a worker (it can take a while on a large installation; it can be
stopped) and names the first broken link of each chain. Double-clicking the case's
history opens the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission, Role
from backoffice.services.admin_audit import AdminEntry
from backoffice.services.audit import BrokenLink
from backoffice.services.audit_views import CaseRef, ChainReport
from backoffice.services.progress import Progress
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.page_parts import describe_refusal, fit_columns, record_table, who
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.record_model import Field, RecordModel
from backoffice.ui.tasks import Task, TaskContext
from backoffice.ui.texts import Tone, Vocabulary, role_name
from backoffice.ui.widgets import MessageBar, heading_font, muted, plain_label

_READ = QColor("#4a5a7a")


@dataclass(frozen=True)
class CaseLine:
    """One line of a case's history: an entry of its chain, or a read."""

    at: datetime
    who: str | None
    title: str
    detail: str
    read: bool


@dataclass(frozen=True)
class CaseAudit:
    case: CaseRef
    lines: list[CaseLine]
    broken: BrokenLink | None


def admin_title(kind: str) -> str:
    """What an entry of the administration's trail did, in the UI language."""
    titles = {
        "user_added": QCoreApplication.translate("AdminTexts", "User added"),
        "user_role_changed": QCoreApplication.translate("AdminTexts", "Role changed"),
        "user_deactivated": QCoreApplication.translate("AdminTexts", "User deactivated"),
        "user_reactivated": QCoreApplication.translate("AdminTexts", "User reactivated"),
        "user_renamed": QCoreApplication.translate("AdminTexts", "Name changed"),
        "retention_run": QCoreApplication.translate("AdminTexts", "Deletion run"),
        "template_installed": QCoreApplication.translate("AdminTexts", "Service installed"),
        "draft_saved": QCoreApplication.translate("AdminTexts", "Draft saved"),
        "draft_discarded": QCoreApplication.translate("AdminTexts", "Draft discarded"),
        "version_restored": QCoreApplication.translate(
            "AdminTexts", "Earlier version restored as a draft"
        ),
        "version_published": QCoreApplication.translate("AdminTexts", "Version published"),
        "version_ended": QCoreApplication.translate("AdminTexts", "Version ended"),
        "version_imported": QCoreApplication.translate("AdminTexts", "Version imported"),
    }
    return titles.get(kind, kind)


def _role(value: Any) -> str:
    try:
        return role_name(Role(value))
    except ValueError:
        return str(value)


def admin_detail(entry: AdminEntry, words: Vocabulary) -> str:
    """The entry's details: the known ones in words, anything else as key: value."""
    p = entry.payload
    if entry.kind == "user_role_changed":
        return f"{_role(p.get('from'))} → {_role(p.get('to'))}"
    if entry.kind == "user_added":
        return f"{p.get('name', '')}, {_role(p.get('role'))}"
    if entry.kind in ("user_deactivated", "user_reactivated"):
        return _role(p.get("role"))
    if entry.kind == "user_renamed":
        return f"{p.get('from', '')} → {p.get('to', '')}"
    if entry.kind == "retention_run":
        deleted = p.get("deleted") or []
        skipped = p.get("skipped") or []
        text = QCoreApplication.translate("AdminTexts", "Deleted: {numbers}").format(
            numbers=", ".join(map(str, deleted)) or "—"
        )
        if skipped:
            text += "; " + QCoreApplication.translate(
                "AdminTexts", "no longer due: {numbers}"
            ).format(numbers=", ".join(map(str, skipped)))
        return text
    parts = []
    for key, value in sorted(p.items()):
        if key in ("key", "version"):  # the subject names them
            continue
        if key == "valid_from":
            parts.append(
                QCoreApplication.translate("AdminTexts", "valid from {date}").format(
                    date=_day(value, words)
                )
            )
        elif key == "valid_until":
            parts.append(
                QCoreApplication.translate("AdminTexts", "valid until {date}").format(
                    date=_day(value, words)
                )
            )
        elif key == "ended" and isinstance(value, list):
            if value:
                parts.append(
                    QCoreApplication.translate("AdminTexts", "ends version {numbers}").format(
                        numbers=", ".join(map(str, value))
                    )
                )
        elif key == "state":
            continue  # the kind says it
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def admin_subject(entry: AdminEntry) -> str:
    """What the entry is about (a login, a service version; a run's count in words)."""
    if entry.kind == "retention_run":
        deleted = entry.payload.get("deleted")
        count = len(deleted) if isinstance(deleted, list) else 0
        return QCoreApplication.translate("AdminTexts", "Cases deleted: {count}").format(
            count=count
        )
    return entry.subject


def _day(value: Any, words: Vocabulary) -> str:
    try:
        return words.date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def broken_text(link: BrokenLink, file_number: str | None = None) -> str:
    return QCoreApplication.translate("AdminTexts", "Case {id}, entry {seq}: {reason}").format(
        id=file_number or link.case_id, seq=link.seq, reason=link.reason
    )


class AuditPage(AdminPage):
    """See the module documentation."""

    key = "audit"
    permission = Permission.MANAGE_USERS
    tables = frozenset({"admin_events"})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        words = context.vocabulary
        self.entries: list[AdminEntry] = []
        self.shown_case: CaseAudit | None = None
        self.report: ChainReport | None = None
        self.verification: Task | None = None

        # -- verification ---------------------------------------------------------------------
        self.verify_button = QPushButton(self.tr("&Verify the chains"), self)
        self.verify_button.setToolTip(
            self.tr(
                "Recompute every case's hash chain and the administration's: a changed or "
                "removed entry shows"
            )
        )
        self.verify_button.clicked.connect(self.verify)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stop_button = QPushButton(self.tr("&Stop"), self)
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop_verification)
        self.verify_bar = MessageBar(self)
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_button)
        verify_row.addWidget(self.progress, 1)
        verify_row.addWidget(self.stop_button)
        verify_row.addStretch(0)

        # -- the administration's history -----------------------------------------------------
        admin_box = QGroupBox(self.tr("The administration's history"), self)
        self.admin_model = RecordModel(
            [
                Field(self.tr("When"), lambda e: words.datetime(e.at)),
                Field(self.tr("By"), lambda e: who(words, e.actor_login)),
                Field(self.tr("What"), lambda e: admin_title(e.kind)),
                Field(self.tr("Subject"), admin_subject),
                Field(self.tr("Details"), lambda e: admin_detail(e, words)),
            ],
            self,
        )
        self.admin_table = record_table(self.admin_model, admin_box)
        self.admin_table.setObjectName("adminHistoryTable")
        admin_layout = QVBoxLayout(admin_box)
        admin_layout.addWidget(self.admin_table)

        # -- a case's history -----------------------------------------------------------------
        case_box = QGroupBox(self.tr("The history of a case"), self)
        self.file_edit = QLineEdit(case_box)
        self.file_edit.setPlaceholderText(self.tr("File number, e.g. GEB-2026-000017"))
        self.file_edit.setMaxLength(40)
        self.file_edit.returnPressed.connect(self.show_case)
        self.show_button = QPushButton(self.tr("S&how"), case_box)
        self.show_button.clicked.connect(self.show_case)
        self.case_label = plain_label("", case_box, wrap=True, selectable=True)
        self.case_label.setFont(heading_font(self.font(), 1.05))
        self.case_bar = MessageBar(case_box)

        def tint(line: CaseLine) -> QColor | None:
            return _READ if line.read else None

        self.case_model = RecordModel(
            [
                Field(self.tr("When"), lambda c: words.datetime(c.at), colour=tint),
                Field(self.tr("By"), lambda c: c.who or self.tr("System"), colour=tint),
                Field(self.tr("What"), lambda c: c.title, colour=tint),
                Field(self.tr("Details"), lambda c: c.detail, colour=tint),
            ],
            self,
        )
        self.case_table = record_table(self.case_model, case_box)
        self.case_table.setObjectName("caseHistoryTable")
        self.case_table.setToolTip(self.tr("Double-click to open the case"))
        self.case_table.doubleClicked.connect(self._case_double_clicked)
        find_row = QHBoxLayout()
        find_row.addWidget(self.file_edit, 1)
        find_row.addWidget(self.show_button)
        case_layout = QVBoxLayout(case_box)
        case_layout.addLayout(find_row)
        case_layout.addWidget(self.case_bar)
        case_layout.addWidget(self.case_label)
        case_layout.addWidget(self.case_table, 1)
        case_layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "Reads (opening the case, viewing a document) come from the read log; "
                        "they are not part of the case's chain."
                    ),
                    case_box,
                    wrap=True,
                )
            )
        )

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(admin_box)
        splitter.addWidget(case_box)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(verify_row)
        layout.addWidget(self.verify_bar)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return self.tr("Audit trail")

    # -- the administration's history ---------------------------------------------------------

    def refresh(self) -> None:
        views = self.administration.views
        self._ctx.runner.run(
            partial(views.administration_history, self._ctx.actor, limit=1000),
            done=self._listed,
            failed=lambda error: self.verify_bar.show_message(describe_error(error), Tone.BAD),
            owner=self,
            name="administration history",
        )
        if self.shown_case is not None:
            self.show_case(self.shown_case.case.file_number)

    def _listed(self, entries: list[AdminEntry]) -> None:
        self.entries = entries
        self.admin_model.set_records(entries)
        fit_columns(self.admin_table)

    # -- a case -------------------------------------------------------------------------------

    def show_case(self, file_number: str | None = None) -> None:
        wanted = file_number if isinstance(file_number, str) else self.file_edit.text()
        if not wanted.strip():
            return
        if isinstance(file_number, str):
            self.file_edit.setText(file_number)
        self._ctx.runner.run(
            partial(_case_audit, self._ctx, wanted),
            done=self._case_shown,
            failed=self._case_failed,
            owner=self,
            name="case history",
        )

    def _case_shown(self, audit: CaseAudit) -> None:
        self.shown_case = audit
        self.case_bar.dismiss()
        words = self._ctx.vocabulary
        self.case_label.setText(
            f"{audit.case.file_number} · {words.service_name(audit.case.service_key)}"
        )
        if audit.broken is None:
            self.case_bar.show_message(self.tr("The case's chain is intact."), Tone.GOOD)
        else:
            self.case_bar.show_message(
                self.tr("The case's chain is broken: {link}").format(
                    link=broken_text(audit.broken, audit.case.file_number)
                ),
                Tone.BAD,
            )
        self.case_model.set_records(audit.lines)
        fit_columns(self.case_table)

    def _case_failed(self, error: Exception) -> None:
        self.shown_case = None
        self.case_label.setText("")
        self.case_model.set_records([])
        if getattr(error, "code", "") == "not_found":
            self.case_bar.show_message(
                self.tr("No case with this file number. ({detail})").format(detail=error),
                Tone.WARNING,
            )
        else:
            self.case_bar.show_message(describe_refusal(error), Tone.BAD)

    def _case_double_clicked(self, _index: QModelIndex) -> None:
        if self.shown_case is not None:
            self.open_case_requested.emit(self.shown_case.case.case_id)

    # -- verification -------------------------------------------------------------------------

    def verify(self) -> None:
        if self.verification is not None and not self.verification.finished:
            return
        views = self.administration.views
        actor = self._ctx.actor

        def run(task: TaskContext) -> ChainReport:
            return views.verify_everything(actor, progress=task.report, cancel=task.stop)

        self.verify_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.verify_bar.show_message(self.tr("Verifying the chains…"), Tone.NEUTRAL)
        self.verification = self._ctx.runner.run_long(
            run,
            done=self._verified,
            failed=self._verification_failed,
            progress=self._progressed,
            owner=self,
            name="verify chains",
        )

    def stop_verification(self) -> None:
        if self.verification is not None:
            self.verification.stop()
            self.stop_button.setEnabled(False)

    def _progressed(self, report: Progress) -> None:
        if report.total:
            self.progress.setRange(0, report.total)
            self.progress.setValue(report.done)
            self.progress.setFormat(self.tr("%v of %m cases"))

    def _verification_over(self) -> None:
        self.verify_button.setEnabled(True)
        self.progress.hide()
        self.stop_button.hide()

    def _verified(self, report: ChainReport) -> None:
        self._verification_over()
        self.report = report
        if report.stopped:
            self.verify_bar.show_message(
                self.tr(
                    "Stopped after {checked} of {total} cases; nothing is said about the rest."
                ).format(checked=report.cases_checked, total=report.cases_total or "?"),
                Tone.WARNING,
            )
            return
        if report.intact:
            self.verify_bar.show_message(
                self.tr(
                    "Intact: %n case chain(s) and the administration's trail.",
                    "",
                    report.cases_checked,
                ),
                Tone.GOOD,
            )
            return
        lines = [self.tr("The audit trail is damaged:")]
        lines += [
            f"• {broken_text(link, report.file_numbers.get(link.case_id))}"
            for link in report.broken[:20]
        ]
        if len(report.broken) > 20:
            lines.append(self.tr("… and %n more case(s)", "", len(report.broken) - 20))
        if report.administration is not None:
            lines.append(
                "• "
                + self.tr("The administration's trail, entry {seq}: {reason}").format(
                    seq=report.administration.seq, reason=report.administration.reason
                )
            )
        self.verify_bar.show_message("\n".join(lines), Tone.BAD)

    def _verification_failed(self, error: Exception) -> None:
        self._verification_over()
        self.verify_bar.show_message(describe_refusal(error), Tone.BAD)

    def shut_down(self) -> None:
        if self.verification is not None and not self.verification.finished:
            self.verification.cancel()


def _case_audit(context: UiContext, file_number: str) -> CaseAudit:
    """In the worker: the case, its chain's entries and its reads, one time line."""
    administration = context.services.administration
    assert administration is not None
    views = administration.views
    actor = context.actor
    case = views.find_case(actor, file_number)
    words: Vocabulary = context.vocabulary
    template = words.templates.get(case.service_key)
    lines = []
    for entry in views.case_history(actor, case.case_id):
        title, detail = words.event(entry.kind, entry.payload, entry.actor, template)
        lines.append(CaseLine(entry.at, entry.actor, title, detail, False))
    for read in views.reads(actor, case.case_id):
        if read.kind == "document_viewed":
            title = QCoreApplication.translate("AdminTexts", "Viewed a document")
            detail = QCoreApplication.translate("AdminTexts", "Document {id}").format(
                id=read.document_id
            )
        else:
            title = QCoreApplication.translate("AdminTexts", "Opened the case")
            detail = ""
        lines.append(CaseLine(read.at, read.actor, title, detail, True))
    lines.sort(key=lambda line: line.at)
    return CaseAudit(case, lines, views.verify_case(actor, case.case_id))


__all__ = ["AuditPage", "CaseAudit", "CaseLine", "admin_detail", "admin_title"]
