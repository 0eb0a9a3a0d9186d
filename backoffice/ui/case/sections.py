"""The parts of the case view below its header: form data, history, notes.

Each section lays out plain data it is given (``show(...)``); none of them calls
a service. Everything the citizen or a colleague wrote is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.templates import ServiceTemplate
from backoffice.services.casework import MAX_NOTE_CHARS, HistoryEntry
from backoffice.ui.icons import icon
from backoffice.ui.texts import Vocabulary
from backoffice.ui.widgets import muted, plain_label


def _clear(layout: QVBoxLayout | QFormLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def _scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class FormSection(QScrollArea):
    """The application's form data, one group box with a form layout per template group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget(self)
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(4, 8, 12, 8)
        self._layout.setSpacing(10)
        self.setWidget(self._content)
        #: The value labels by (group, field), for tests and for copying.
        self.values: dict[tuple[str, str], QLabel] = {}

    def show_form(
        self, template: ServiceTemplate, form_data: Mapping[str, Any], words: Vocabulary
    ) -> None:
        _clear(self._layout)
        self.values = {}
        language = words.language
        for group in template.field_groups:
            data = form_data.get(group.key)
            values = data if isinstance(data, dict) else {}
            box = self._group(group.label.get(language))
            form = box.layout()
            assert isinstance(form, QFormLayout)
            for field in group.fields:
                value = plain_label(
                    words.value(field, values.get(field.key)), box, wrap=True, selectable=True
                )
                if field.key not in values or values.get(field.key) in (None, ""):
                    muted(value)
                self.values[(group.key, field.key)] = value
                form.addRow(self._label(field.label.get(language), box), value)
            self._extras(form, values, {f.key for f in group.fields}, box, group.key, words)
            self._layout.addWidget(box)
        known = {g.key for g in template.field_groups}
        unknown = {k: v for k, v in form_data.items() if k not in known}
        if unknown:
            # Data the service's form does not describe is still the applicant's: show it.
            box = self._group(self.tr("Further data (not in this service's form)"))
            form = box.layout()
            assert isinstance(form, QFormLayout)
            for key, value in unknown.items():
                label = plain_label(words.value(None, value), box, wrap=True, selectable=True)
                self.values[("", key)] = label
                form.addRow(self._label(key, box), label)
            self._layout.addWidget(box)
        self._layout.addStretch(1)

    def _extras(
        self,
        form: QFormLayout,
        values: Mapping[str, Any],
        known: set[str],
        box: QGroupBox,
        group: str,
        words: Vocabulary,
    ) -> None:
        for key, value in values.items():
            if key not in known:
                label = plain_label(words.value(None, value), box, wrap=True, selectable=True)
                self.values[(group, key)] = label
                form.addRow(self._label(key, box), label)

    def _group(self, title: str) -> QGroupBox:
        box = QGroupBox(title, self._content)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        return box

    def _label(self, text: str, parent: QWidget) -> QLabel:
        label = plain_label(text, parent, wrap=True)
        label.setFixedWidth(max(160, self.fontMetrics().averageCharWidth() * 26))
        return muted(label)


class TimelineEntry(QFrame):
    """One entry of the history: when and who, what, and the words that came with it."""

    def __init__(self, when: str, title: str, detail: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.when = muted(plain_label(when, self))
        self.title = plain_label(title, self, wrap=True, selectable=True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = plain_label(detail, self, wrap=True, selectable=True)
        self.detail.setVisible(bool(detail))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(12)
        self.when.setFixedWidth(self.fontMetrics().horizontalAdvance("00.00.0000, 00:00") + 8)
        layout.addWidget(self.when, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)


class Timeline(QScrollArea):
    """History entries, newest first."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget(self)
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(4, 8, 12, 8)
        self._layout.setSpacing(2)
        self.setWidget(self._content)
        self._empty_text = empty_text
        self.entries: list[TimelineEntry] = []

    def show_entries(
        self,
        history: list[HistoryEntry],
        words: Vocabulary,
        template: ServiceTemplate | None,
    ) -> None:
        _clear(self._layout)
        self.entries = []
        for entry in reversed(history):
            title, detail = words.event(entry.kind, entry.payload, entry.actor_name, template)
            widget = TimelineEntry(words.datetime(entry.at), title, detail, self._content)
            self.entries.append(widget)
            self._layout.addWidget(widget)
            line = QFrame(self._content)
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            self._layout.addWidget(line)
        if not history:
            self._layout.addWidget(muted(plain_label(self._empty_text, self._content)))
        self._layout.addStretch(1)


class NotesSection(QWidget):
    """Internal notes on the case: write one, read the earlier ones."""

    #: The clerk wants to save the note (its text).
    note_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(
            self.tr("Internal note for colleagues; the applicant does not see it")
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.save_button = QPushButton(icon("note-add"), self.tr("Save note"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._submit)
        self.editor.textChanged.connect(self._validate)
        self.timeline = Timeline(self.tr("No notes yet."), self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        layout.addWidget(self.timeline, 1)

    def set_writable(self, writable: bool) -> None:
        self.editor.setVisible(writable)
        self.save_button.setVisible(writable)

    def _validate(self) -> None:
        text = self.editor.toPlainText().strip()
        self.save_button.setEnabled(0 < len(text) <= MAX_NOTE_CHARS)

    def _submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if text:
            self.save_button.setEnabled(False)
            self.note_submitted.emit(text)
