"""The parts of the case view below its header: form data, checklist, history, notes.

Each section lays out plain data it is given (``show(...)``); none of them calls
a service. Everything the citizen or a colleague wrote is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.casework import MAX_NOTE_CHARS, ChecklistEntry, HistoryEntry
from backoffice.ui.icons import icon
from backoffice.ui.texts import (
    Vocabulary,
    escape_mnemonic,
    plain_tooltip,
    time_zone_note,
)
from backoffice.ui.widgets import WrappedText, has_long_run, muted, plain_label

#: At most this many fields unknown to the template are shown (the rest are counted).
MAX_UNKNOWN_FIELDS = 40


def unknown_fields(
    template: ServiceTemplate, form_data: Mapping[str, Any]
) -> list[tuple[tuple[str, str], Any]]:
    """What the form data holds beyond the template's groups and fields, as
    ((group, field), value): a field of a known group, or ("", key) for anything else
    (an unknown group, or a known group that is not an object)."""
    found: list[tuple[tuple[str, str], Any]] = []
    groups = {g.key: {f.key for f in g.fields} for g in template.field_groups}
    for key, value in form_data.items():
        known = groups.get(key)
        if known is None or not isinstance(value, dict):
            found.append((("", str(key)), value))
            continue
        found.extend(((key, str(k)), v) for k, v in value.items() if k not in known)
    return found


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        #: The value widgets by (group, field) (group "" for data outside the template's
        #: groups), for tests and for copying.
        self.values: dict[tuple[str, str], QLabel | WrappedText] = {}

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
                value = self._value(words.value(field, values.get(field.key)), box)
                if isinstance(value, QLabel) and values.get(field.key) in (None, ""):
                    muted(value)
                self.values[(group.key, field.key)] = value
                form.addRow(self._label(field.label.get(language), box), value)
            self._layout.addWidget(box)
        extras = unknown_fields(template, form_data)
        if extras:
            # Data the service's form does not describe is still the applicant's: show it,
            # apart from the form, so that nobody takes it for a checked field.
            box = self._group(self.tr("Further data (not in the template's form)"))
            box.setObjectName("unknownFields")
            form = box.layout()
            assert isinstance(form, QFormLayout)
            for (group_key, key), raw in extras[:MAX_UNKNOWN_FIELDS]:
                name = f"{group_key} › {key}" if group_key else key
                value = self._value(words.value(None, raw), box)
                self.values[(group_key, key)] = value
                form.addRow(self._label(_bounded(name, 120), box), value)
            if len(extras) > MAX_UNKNOWN_FIELDS:
                more = len(extras) - MAX_UNKNOWN_FIELDS
                form.addRow(muted(plain_label(self.tr("… and {n} more").format(n=more), box)))
            self._layout.addWidget(box)
        self._layout.addStretch(1)

    def _value(self, text: str, parent: QWidget) -> QLabel | WrappedText:
        """A value as plain text that is fully readable: a label, or where a long unbroken
        run would be clipped (a label wraps only between words), text that wraps anywhere."""
        if has_long_run(text):
            return WrappedText(text, parent)
        return plain_label(text, parent, wrap=True, selectable=True)

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
        self.when.setToolTip(time_zone_note())
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


class ChecklistSection(QScrollArea):
    """The service's checklist for this case: a check box per item (its label as plain
    text), who ticked it when in the tooltip, and which status changes wait for it.

    Clicking asks for the change (:attr:`tick_requested`); the case view runs the command
    and reads the case again, so what is shown is what the database holds."""

    #: The clerk ticked (True) or unticked (False) the item with this key.
    tick_requested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistSection")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget(self)
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(4, 8, 12, 8)
        self._layout.setSpacing(8)
        self.setWidget(self._content)
        #: The check boxes by item key (for tests).
        self.boxes: dict[str, QCheckBox] = {}
        self.hint = muted(plain_label("", self._content, wrap=True))
        self._writable = False

    def show_checklist(
        self,
        entries: list[ChecklistEntry],
        words: Vocabulary,
        template: ServiceTemplate | None,
        *,
        writable: bool,
    ) -> None:
        _clear(self._layout)
        self.boxes = {}
        self._writable = writable
        for entry in entries:
            box = QCheckBox(escape_mnemonic(entry.label.get(words.language)), self._content)
            box.setObjectName(f"check_{entry.key}")
            box.setChecked(entry.ticked)
            box.setToolTip(plain_tooltip(self._tooltip(entry, words)))
            box.setEnabled(writable)
            box.clicked.connect(lambda on, key=entry.key: self._clicked(key, on))
            self.boxes[entry.key] = box
            self._layout.addWidget(box)
            needed = self._needed_before(entry, words, template)
            if needed:
                note = muted(plain_label(needed, self._content, wrap=True))
                note.setContentsMargins(24, 0, 0, 4)
                self._layout.addWidget(note)
        self.hint = muted(plain_label("", self._content, wrap=True))
        if not writable and entries:
            self.hint.setText(self.tr("Only whoever works on the case can tick its checklist."))
        self.hint.setVisible(bool(self.hint.text()))
        self._layout.addWidget(self.hint)
        self._layout.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(self._writable and not busy)

    def _clicked(self, key: str, on: bool) -> None:
        self.set_busy(True)  # until the case has been read again
        self.tick_requested.emit(key, on)

    def _tooltip(self, entry: ChecklistEntry, words: Vocabulary) -> str:
        if entry.ticked:
            return self.tr("Ticked by {who} on {when}").format(
                who=entry.ticked_by or self.tr("System"), when=words.datetime(entry.ticked_at)
            )
        return self.tr("Not ticked yet")

    def _needed_before(
        self, entry: ChecklistEntry, words: Vocabulary, template: ServiceTemplate | None
    ) -> str:
        statuses = [words.status(s, template) for s in Status if s in entry.required_before]
        if not statuses:
            return ""
        return self.tr("Needed before the status: {statuses}").format(statuses=", ".join(statuses))
