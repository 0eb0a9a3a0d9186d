"""Absences and deputies: mark a clerk absent from one day to another, list absences,
give the cases back.

The list shows the current and future absences (past ones on request) with the
deputy and how many cases each absence moved and gave back. Marking an absence that
has begun moves the clerk's open cases at once, to the deputy or, without one,
shared out by current load; the result says what moved and what was refused.
Every call runs in the task runner; the list is read again after each change.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.absences import AbsenceInfo, AbsenceResult, AbsenceService
from backoffice.services.bulk import BulkAction, BulkResult
from backoffice.services.users import UserInfo
from backoffice.ui.bulk_result import BulkResultDialog
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.texts import Tone, role_name
from backoffice.ui.widgets import MessageBar, heading_font, plain_label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class AbsenceDialog(QDialog):
    """See the module documentation."""

    #: Cases were moved or given back (the figures and the inbox are out of date).
    cases_moved = Signal()
    #: The list of absences has been read (tests wait for it).
    listed = Signal()

    def __init__(
        self, context: UiContext, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._users: list[UserInfo] = []
        self.absences: list[AbsenceInfo] = []
        #: The last result's details, while its dialog is open.
        self.result_dialog: BulkResultDialog | None = None
        self._last_moved: BulkResult | None = None
        self.setWindowTitle(self.tr("Absences and deputies"))
        self.setMinimumSize(720, 520)
        start = _qdate(today) if today is not None else QDate.currentDate()
        self._today = _date(start)

        heading = plain_label(self.tr("Current and planned absences"), self)
        heading.setFont(heading_font(self.font(), 1.1))
        self.past_box = QCheckBox(self.tr("Show past absences"), self)
        self.past_box.toggled.connect(lambda _on: self.reload())
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [
                self.tr("Clerk"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Cases go to"),
                self.tr("Moved"),
                self.tr("Given back"),
            ]
        )
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.cancel_button = QPushButton(self.tr("End or &drop absence"), self)
        self.cancel_button.setToolTip(
            self.tr("End the absence today, or drop a planned one; moved cases stay")
        )
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.give_back_button = QPushButton(self.tr("&Give cases back"), self)
        self.give_back_button.setToolTip(
            self.tr(
                "Once the absence has ended: return the cases it moved that are still open "
                "and with whoever received them"
            )
        )
        self.give_back_button.clicked.connect(self.give_back_selected)

        form_box = QGroupBox(self.tr("Mark a clerk absent"), self)
        self.clerk_combo = QComboBox(form_box)
        self.first_edit = QDateEdit(start, form_box)
        self.last_edit = QDateEdit(start.addDays(4), form_box)
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(
                "dd.MM.yyyy" if context.vocabulary.language == "de" else "d MMM yyyy"
            )
        self.deputy_combo = QComboBox(form_box)
        self.mark_button = QPushButton(self.tr("&Mark absent"), form_box)
        self.mark_button.clicked.connect(self.mark_absent)
        self.clerk_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.deputy_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.first_edit.dateChanged.connect(lambda _d: self._update_buttons())
        self.last_edit.dateChanged.connect(lambda _d: self._update_buttons())
        form = QFormLayout(form_box)
        form.addRow(plain_label(self.tr("Clerk"), form_box), self.clerk_combo)
        days = QHBoxLayout()
        days.addWidget(self.first_edit)
        days.addWidget(plain_label(self.tr("to"), form_box))
        days.addWidget(self.last_edit)
        days.addStretch(1)
        form.addRow(plain_label(self.tr("Absent from"), form_box), days)
        form.addRow(plain_label(self.tr("Deputy"), form_box), self.deputy_combo)
        form.addRow("", self.mark_button)

        self.message_bar = MessageBar(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.past_box)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.give_back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(form_box)
        layout.addWidget(self.message_bar)
        layout.addWidget(buttons)
        self._busy = False
        self._update_buttons()
        self._load_users()
        self.reload()

    # -- loading ------------------------------------------------------------------------------

    @property
    def _absences(self) -> AbsenceService:
        team = self._ctx.services.team
        assert team is not None, "the absence dialog needs the team services"
        return team.absences

    def _load_users(self) -> None:
        self._ctx.runner.run(
            self._ctx.users.list,
            done=self._users_arrived,
            failed=self._failed,
            owner=self,
            name="users",
        )

    def _users_arrived(self, users: list[UserInfo]) -> None:
        self._users = sorted(
            (u for u in users if u.active), key=lambda u: u.display_name.casefold()
        )
        self.clerk_combo.clear()
        self.deputy_combo.clear()
        self.deputy_combo.addItem(self.tr("Nobody: share out by current load"), None)
        for user in self._users:
            label = f"{user.display_name} ({role_name(user.role)})"
            self.clerk_combo.addItem(label, user.login)
            self.deputy_combo.addItem(label, user.login)
        self._update_buttons()

    def reload(self) -> None:
        self._ctx.runner.run(
            partial(
                self._absences.list_absences,
                self._ctx.actor,
                include_past=self.past_box.isChecked(),
            ),
            done=self._listed,
            failed=self._failed,
            owner=self,
            name="absences",
        )

    def _listed(self, absences: list[AbsenceInfo]) -> None:
        current = self.selected_absence()
        self.absences = absences
        words = self._ctx.vocabulary
        self.table.clear()
        for absence in absences:
            item = QTreeWidgetItem(
                [
                    absence.display_name,
                    words.date(absence.first_day),
                    words.date(absence.last_day),
                    absence.deputy_name or self.tr("shared out by load"),
                    str(absence.moved),
                    str(absence.given_back),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, absence.id)
            if absence.cancelled:
                item.setToolTip(0, self.tr("Ended early or dropped"))
            self.table.addTopLevelItem(item)
            if current is not None and absence.id == current.id:
                self.table.setCurrentItem(item)
        for column in range(self.table.columnCount()):
            self.table.resizeColumnToContents(column)
        self._update_buttons()
        self.listed.emit()

    # -- actions ------------------------------------------------------------------------------

    def selected_absence(self) -> AbsenceInfo | None:
        item = self.table.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self.absences if a.id == wanted), None)

    def _update_buttons(self) -> None:
        chosen = self.selected_absence()
        clerk = self.clerk_combo.currentData()
        deputy = self.deputy_combo.currentData()
        valid = (
            isinstance(clerk, str)
            and clerk != deputy
            and self.first_edit.date() <= self.last_edit.date()
        )
        self.mark_button.setEnabled(valid and not self._busy)
        self.cancel_button.setEnabled(
            chosen is not None and not chosen.cancelled and not self._busy
        )
        over = chosen is not None and (chosen.cancelled or chosen.last_day < self._today)
        self.give_back_button.setEnabled(
            chosen is not None and over and chosen.moved > chosen.given_back and not self._busy
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def mark_absent(self) -> None:
        clerk = self.clerk_combo.currentData()
        if not isinstance(clerk, str) or self._busy:
            return
        deputy = self.deputy_combo.currentData()
        self._set_busy(True)
        self._ctx.runner.run(
            partial(
                self._absences.mark_absent,
                self._ctx.actor,
                clerk,
                _date(self.first_edit.date()),
                _date(self.last_edit.date()),
                deputy if isinstance(deputy, str) else None,
            ),
            done=self._marked,
            failed=self._failed,
            owner=self,
            write=True,
            name="mark absent",
        )

    def _marked(self, result: AbsenceResult) -> None:
        self._set_busy(False)
        absence = result.absence
        words = self._ctx.vocabulary
        text = self.tr("{name} is absent from {first} to {last}.").format(
            name=absence.display_name,
            first=words.date(absence.first_day),
            last=words.date(absence.last_day),
        )
        self._report(text, result.moved)
        self.reload()

    def cancel_selected(self) -> None:
        chosen = self.selected_absence()
        if chosen is None or self._busy:
            return
        self._set_busy(True)
        self._ctx.runner.run(
            partial(self._absences.cancel, self._ctx.actor, chosen.id),
            done=self._cancelled,
            failed=self._failed,
            owner=self,
            write=True,
            name="end absence",
        )

    def _cancelled(self, absence: AbsenceInfo) -> None:
        self._set_busy(False)
        pending = absence.moved > absence.given_back
        self.message_bar.show_message(
            self.tr("The absence of {name} has ended.").format(name=absence.display_name),
            Tone.GOOD,
            action=self.tr("Give the cases back") if pending else None,
            on_action=partial(self.give_back, absence) if pending else None,
        )
        self.reload()

    def give_back_selected(self) -> None:
        chosen = self.selected_absence()
        if chosen is not None:
            self.give_back(chosen)

    def give_back(self, absence: AbsenceInfo) -> None:
        """Return the cases an ended absence moved (still open, still with the receiver)."""
        if self._busy:
            return
        self._set_busy(True)
        self._ctx.runner.run(
            partial(self._absences.give_back, self._ctx.actor, absence.id),
            done=lambda result: self._given_back(absence, result),
            failed=self._failed,
            owner=self,
            write=True,
            name="give cases back",
        )

    def _given_back(self, absence: AbsenceInfo, result: BulkResult) -> None:
        self._set_busy(False)
        self._report(
            self.tr("Cases given back to {name}.").format(name=absence.display_name), result
        )
        self.reload()

    def _report(self, text: str, result: BulkResult) -> None:
        """Say what moved; the per-case details one click away."""
        self._last_moved = result
        moved = self.tr("%n open case(s) moved.", "", len(result.done))
        if result.action is BulkAction.GIVE_BACK:
            moved = self.tr("%n case(s) given back.", "", len(result.done))
        refused = (
            " " + self.tr("%n case(s) refused.", "", len(result.refused)) if result.refused else ""
        )
        self.message_bar.show_message(
            f"{text} {moved}{refused}",
            Tone.WARNING if result.refused else Tone.GOOD,
            action=self.tr("Details…") if result.outcomes else None,
            on_action=self.show_details if result.outcomes else None,
        )
        if result.outcomes:
            self.cases_moved.emit()

    def show_details(self) -> None:
        if self._last_moved is None:
            return
        dialog = BulkResultDialog(
            self._last_moved, self._ctx.vocabulary, self, title=self.tr("Cases moved")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._details_closed(dialog))
        self.result_dialog = dialog
        dialog.open()

    def _details_closed(self, dialog: BulkResultDialog) -> None:
        if self.result_dialog is dialog:
            self.result_dialog = None

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.message_bar.show_message(describe_error(error), Tone.BAD)


__all__ = ["AbsenceDialog"]
