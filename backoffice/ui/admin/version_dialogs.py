"""The dialogs of the services page: publishing a draft and ending a version.

Both only collect the input and show what went wrong; the page runs the service call in a
worker when :attr:`submitted` fires and closes the dialog on success (:meth:`succeeded`),
so that a refusal — an overlapping validity period above all — is shown where the date was
chosen, with nothing changed and the input kept.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.template_versions import VersionInfo
from backoffice.ui.texts import Tone, Vocabulary
from backoffice.ui.widgets import MessageBar, muted, plain_label


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _SubmitDialog(QDialog):
    #: OK was pressed; the page runs the call and answers with succeeded() or failed().
    submitted = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.error_bar = MessageBar(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.busy = False

    def accept(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.error_bar.hide()
        self.buttons.setEnabled(False)
        self.submitted.emit()

    def succeeded(self) -> None:
        self.busy = False
        super().accept()

    def failed(self, text: str) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.error_bar.show_message(text, Tone.BAD)

    @property
    def error_text(self) -> str:
        return self.error_bar.text if self.error_bar.isVisible() else ""


class PublishDialog(_SubmitDialog):
    """Publish the draft from a date (today or later); offers to end the version that runs
    open-ended until then."""

    def __init__(
        self,
        name: str,
        draft: VersionInfo,
        predecessor: VersionInfo | None,
        today: date,
        words: Vocabulary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(
            self.tr("Publish v{version}: {service}").format(version=draft.version, service=name)
        )
        self.draft = draft
        self.predecessor = predecessor
        self._words = words
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy" if words.language == "de" else "d MMM yyyy")
        self.date_edit.setMinimumDate(_qdate(today))
        self.date_edit.setDate(_qdate(today))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.end_check = QCheckBox(self)
        self.end_check.setChecked(predecessor is not None)
        self.end_check.setVisible(predecessor is not None)
        intro = plain_label(
            self.tr(
                "The configuration check found nothing. From the chosen day on, new "
                "applications arrive under v{version}; cases already received stay on the "
                "version they arrived under."
            ).format(version=draft.version),
            self,
            wrap=True,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Publish"))
        form = QFormLayout()
        form.addRow(self.tr("Valid from"), self.date_edit)
        if predecessor is not None:
            form.addRow("", self.end_check)
        else:
            form.addRow(
                "",
                muted(plain_label(self.tr("No version runs open-ended before it."), self)),
            )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._date_changed()

    @property
    def valid_from(self) -> date:
        return _pydate(self.date_edit.date())

    @property
    def end_predecessor(self) -> bool:
        return self.predecessor is not None and self.end_check.isChecked()

    def _date_changed(self) -> None:
        if self.predecessor is None:
            return
        self.end_check.setText(
            self.tr("End v{version} (valid since {since}) on {last_day}, the day before").format(
                version=self.predecessor.version,
                since=self._words.date(self.predecessor.valid_from),
                last_day=self._words.date(self.valid_from - timedelta(days=1)),
            )
        )


class EndDialog(_SubmitDialog):
    """Fix the last day a published version is valid (inclusive)."""

    def __init__(
        self,
        name: str,
        version: VersionInfo,
        today: date,
        words: Vocabulary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("endVersionDialog")
        self.setWindowTitle(
            self.tr("End v{version}: {service}").format(version=version.version, service=name)
        )
        self.version = version
        earliest = max(version.valid_from or today, today - timedelta(days=1))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy" if words.language == "de" else "d MMM yyyy")
        self.date_edit.setMinimumDate(_qdate(earliest))
        self.date_edit.setDate(_qdate(max(earliest, version.valid_until or today)))
        intro = plain_label(
            self.tr(
                "After the last day, the service takes no new applications under v{version} "
                "unless another version is published; its cases stay on it."
            ).format(version=version.version),
            self,
            wrap=True,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("End version"))
        form = QFormLayout()
        form.addRow(self.tr("Last day"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    @property
    def last_day(self) -> date:
        return _pydate(self.date_edit.date())


__all__ = ["EndDialog", "PublishDialog"]
