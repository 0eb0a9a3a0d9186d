"""The parts of a service template, each as a page of the editor.

Every section reads its part of the definition (:meth:`Section.load`) and writes it back
into a copy (:meth:`Section.store`); keys it does not know stay as they were, so that
nothing of a definition is lost by opening it. Texts are edited and shown as plain text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import CORE_TRANSITIONS, MANDATORY_STATUSES, Status
from backoffice.domain.template_check import LAYOUT_FIELDS
from backoffice.domain.templates import (
    APPLICANT_GROUP,
    APPLICANT_NAME_FIELDS,
    DEFAULT_RETENTION_YEARS,
    FIELD_TYPES,
    LANGUAGES,
    PLACEHOLDERS,
    REQUIREMENTS,
)
from backoffice.ui.admin.editor.records import Column, Record, RecordTable, set_local, text_of
from backoffice.ui.texts import status_name
from backoffice.ui.widgets import muted, plain_label

Definition = dict[str, Any]
_STATUS_ORDER = list(Status)


def language_name(language: str) -> str:
    return {
        "de": QCoreApplication.translate("TemplateEditor", "German"),
        "en": QCoreApplication.translate("TemplateEditor", "English"),
    }.get(language, language)


def field_type_name(kind: str) -> str:
    names = {
        "text": QCoreApplication.translate("TemplateEditor", "Text (one line)"),
        "multiline": QCoreApplication.translate("TemplateEditor", "Text (several lines)"),
        "date": QCoreApplication.translate("TemplateEditor", "Date"),
        "number": QCoreApplication.translate("TemplateEditor", "Number"),
        "boolean": QCoreApplication.translate("TemplateEditor", "Yes/no"),
        "choice": QCoreApplication.translate("TemplateEditor", "Choice"),
        "email": QCoreApplication.translate("TemplateEditor", "E-mail address"),
        "phone": QCoreApplication.translate("TemplateEditor", "Phone number"),
    }
    return names.get(kind, kind)


def requirement_title(code: str) -> str:
    names = {
        "comment": QCoreApplication.translate("TemplateEditor", "Comment"),
        "document": QCoreApplication.translate("TemplateEditor", "Document"),
        "message": QCoreApplication.translate("TemplateEditor", "Message"),
        "approval": QCoreApplication.translate("TemplateEditor", "Second approval"),
    }
    return names.get(code, code)


def layout_name(layout: str) -> str:
    names = {
        "civil_certificate": QCoreApplication.translate(
            "TemplateEditor", "Civil-status certificate (framed, serif)"
        ),
        "confirmation": QCoreApplication.translate(
            "TemplateEditor", "Confirmation (letterhead, facts at the top right)"
        ),
        "permit": QCoreApplication.translate("TemplateEditor", "Permit (card with QR code)"),
        "notice": QCoreApplication.translate(
            "TemplateEditor", "Notice (letter for a window envelope)"
        ),
    }
    return names.get(layout, layout)


def placeholder_help(name: str) -> str:
    texts = {
        "file_number": QCoreApplication.translate(
            "TemplateEditor", "our file number, e.g. GEB-2026-000123"
        ),
        "service_name": QCoreApplication.translate(
            "TemplateEditor", "the service's name in the applicant's language"
        ),
        "given_name": QCoreApplication.translate("TemplateEditor", "the applicant's given name"),
        "family_name": QCoreApplication.translate("TemplateEditor", "the applicant's family name"),
    }
    return texts.get(name, name)


class LocalText(QWidget):
    """One text in both languages, side by side (or one above the other when long)."""

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, multiline: bool = False, name: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, language in enumerate(LANGUAGES):
            edit: QLineEdit | QPlainTextEdit
            if multiline:
                edit = QPlainTextEdit(self)
                edit.setTabChangesFocus(True)
                edit.setMinimumHeight(60)
                edit.setMaximumHeight(130)
                edit.textChanged.connect(self.changed)
            else:
                edit = QLineEdit(self)
                edit.textChanged.connect(lambda _t: self.changed.emit())
            edit.setObjectName(f"{name}_{language}" if name else language)
            edit.setPlaceholderText(language_name(language))
            edit.setAccessibleName(language_name(language))
            self.edits[language] = edit
            if multiline:
                layout.addWidget(plain_label(language_name(language), self), index * 2, 0)
                layout.addWidget(edit, index * 2 + 1, 0)
            else:
                layout.addWidget(edit, 0, index)

    def set_texts(self, texts: Any) -> None:
        for language, edit in self.edits.items():
            value = texts.get(language) if isinstance(texts, dict) else None
            text = value if isinstance(value, str) else ""
            edit.blockSignals(True)
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)
            edit.blockSignals(False)

    def texts(self) -> dict[str, str]:
        return {
            language: edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
            for language, edit in self.edits.items()
        }

    def is_empty(self) -> bool:
        return not any(value.strip() for value in self.texts().values())


class Section(QWidget):
    """One part of the definition; see the module documentation."""

    changed = Signal()

    def load(self, definition: Definition) -> None:
        raise NotImplementedError

    def store(self, definition: Definition) -> None:
        raise NotImplementedError


def _store_text(definition: dict[str, Any], key: str, widget: LocalText, optional: bool) -> None:
    if optional and widget.is_empty():
        definition.pop(key, None)
    else:
        definition[key] = {**_dict(definition.get(key)), **widget.texts()}


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


# -- general ----------------------------------------------------------------------------------


class GeneralSection(Section):
    """Names, identifiers, the deadline, the fee, the retention period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalSection")
        self.key_label = plain_label("", self, selectable=True)
        self.name = LocalText(self, name="name")
        self.description = LocalText(self, multiline=True, name="description")
        self.file_prefix = QLineEdit(self)
        self.file_prefix.setObjectName("filePrefix")
        self.file_prefix.setMaxLength(5)
        self.leika = QLineEdit(self)
        self.leika.setObjectName("leika")
        self.leika_confirmed = QCheckBox(self.tr("Confirmed in a source"), self)
        self.active = QCheckBox(self.tr("Offered (unticked: retired, kept for old cases)"), self)
        self.processing_days = QSpinBox(self)
        self.processing_days.setObjectName("processingDays")
        self.processing_days.setRange(1, 365)
        self.processing_days.setSuffix(self.tr(" working days"))
        self.retention_years = QSpinBox(self)
        self.retention_years.setObjectName("retentionYears")
        self.retention_years.setRange(1, 110)
        self.retention_years.setSuffix(self.tr(" years after closing"))
        self.fee = QDoubleSpinBox(self)
        self.fee.setObjectName("fee")
        self.fee.setRange(0, 999_999.99)
        self.fee.setDecimals(2)
        self.fee.setSuffix(" EUR")
        self.fee_note = LocalText(self, multiline=True, name="feeNote")
        form = QFormLayout(self)
        form.addRow(self.tr("Service key:"), self.key_label)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Description for clerks:"), self.description)
        form.addRow(self.tr("File number prefix:"), self.file_prefix)
        form.addRow(self.tr("LeiKa identifier:"), self.leika)
        form.addRow("", self.leika_confirmed)
        form.addRow("", self.active)
        form.addRow(self.tr("Processing time:"), self.processing_days)
        form.addRow(self.tr("Fee:"), self.fee)
        form.addRow(self.tr("Fee note:"), self.fee_note)
        form.addRow(self.tr("Keep closed cases:"), self.retention_years)
        for widget in (self.name, self.description, self.fee_note):
            widget.changed.connect(self.changed)
        for line in (self.file_prefix, self.leika):
            line.textChanged.connect(lambda _t: self.changed.emit())
        for box in (self.leika_confirmed, self.active):
            box.toggled.connect(lambda _on: self.changed.emit())
        for spin in (self.processing_days, self.retention_years):
            spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.fee.valueChanged.connect(lambda _v: self.changed.emit())

    def load(self, definition: Definition) -> None:
        self.blockSignals(True)
        try:
            self.key_label.setText(str(definition.get("key", "")))
            self.name.set_texts(definition.get("name"))
            self.description.set_texts(definition.get("description"))
            self.file_prefix.setText(str(definition.get("file_prefix", "")))
            self.leika.setText(str(definition.get("leika", "")))
            self.leika_confirmed.setChecked(definition.get("leika_confirmed") is True)
            self.active.setChecked(definition.get("active", True) is not False)
            days = definition.get("processing_days")
            self.processing_days.setValue(days if isinstance(days, int) else 10)
            years = definition.get("retention_years")
            self.retention_years.setValue(
                years if isinstance(years, int) else DEFAULT_RETENTION_YEARS
            )
            fee = _dict(definition.get("fee"))
            try:
                amount = float(Decimal(str(fee.get("amount", "0"))))
            except InvalidOperation:
                amount = 0.0
            self.fee.setValue(amount)
            self.fee_note.set_texts(fee.get("note"))
        finally:
            self.blockSignals(False)

    def store(self, definition: Definition) -> None:
        _store_text(definition, "name", self.name, optional=False)
        _store_text(definition, "description", self.description, optional=True)
        definition["file_prefix"] = self.file_prefix.text().strip()
        definition["leika"] = self.leika.text().strip()
        if self.leika_confirmed.isChecked() or "leika_confirmed" in definition:
            definition["leika_confirmed"] = self.leika_confirmed.isChecked()
        if not self.active.isChecked() or "active" in definition:
            definition["active"] = self.active.isChecked()
        definition["processing_days"] = self.processing_days.value()
        years = self.retention_years.value()
        if "retention_years" in definition or years != DEFAULT_RETENTION_YEARS:
            definition["retention_years"] = years
        fee = _dict(definition.get("fee"))
        fee["amount"] = f"{self.fee.value():.2f}"
        _store_text(fee, "note", self.fee_note, optional=True)
        definition["fee"] = fee


# -- the form ---------------------------------------------------------------------------------


def _label_get(language: str) -> Callable[[Record], Any]:
    return lambda record: text_of(record, "label", language)


def _label_set(language: str) -> Callable[[Record, Any], None]:
    return lambda record, value: set_local(record, "label", language, str(value))


def _state_label_get(language: str) -> Callable[[Record], Any]:
    return lambda record: record["label"].get(language, "")


def _state_label_set(language: str) -> Callable[[Record, Any], None]:
    return lambda record, value: record["label"].__setitem__(language, str(value))


def _label_columns(key_title: str) -> list[Column]:
    return [
        Column(key_title, lambda r: text_of(r, "key"), lambda r, v: r.__setitem__("key", v)),
        *(
            Column(
                language_name(language),
                _label_get(language),
                _label_set(language),
                stretch=True,
            )
            for language in LANGUAGES
        ),
    ]


def _set_optional(record: Record, key: str, value: Any, empty: Any) -> None:
    if value == empty or value is None:
        record.pop(key, None)
    else:
        record[key] = value


class FormSection(Section):
    """Field groups and their fields (a choice field's options as lines)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formSection")
        self._groups: list[Record] = []
        self._counter = 0
        self.groups = RecordTable(
            _label_columns(self.tr("Group key")), self._new_group, self, name="groups"
        )
        field_columns = [
            *_label_columns(self.tr("Field key")),
            Column(
                self.tr("Type"),
                lambda r: r.get("type"),
                self._set_type,
                kind="choice",
                choices=tuple((kind, field_type_name(kind)) for kind in FIELD_TYPES),
            ),
            Column(
                self.tr("Required"),
                lambda r: r.get("required") is True,
                lambda r, v: _set_optional(r, "required", bool(v), False),
                kind="check",
            ),
            Column(
                self.tr("Max. length"),
                lambda r: r.get("max_length"),
                lambda r, v: _set_optional(r, "max_length", v, None),
                kind="int",
            ),
        ]
        self.fields = RecordTable(field_columns, self._new_field, self, name="fields")
        self.options = QPlainTextEdit(self)
        self.options.setObjectName("options")
        self.options.setPlaceholderText(self.tr("value | German | English"))
        self.options.setMaximumHeight(110)
        self.options_hint = muted(
            plain_label(
                self.tr(
                    "Options of the selected choice field, one per line: value | German | English"
                ),
                self,
                wrap=True,
            )
        )
        self.applicant_hint = muted(
            plain_label(
                self.tr(
                    "The group “{group}” with the fields {fields} is required: the inbox, the "
                    "search and every letter use them."
                ).format(group=APPLICANT_GROUP, fields=", ".join(APPLICANT_NAME_FIELDS)),
                self,
                wrap=True,
            )
        )
        self.groups.current_changed.connect(self._group_chosen)
        self.fields.current_changed.connect(self._field_chosen)
        self.groups.changed.connect(self.changed)
        self.fields.changed.connect(self._fields_changed)
        self.options.textChanged.connect(self._options_edited)
        left = QGroupBox(self.tr("Field groups"), self)
        QVBoxLayout(left).addWidget(self.groups)
        right = QGroupBox(self.tr("Fields of the selected group"), self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.fields, 1)
        right_layout.addWidget(self.options_hint)
        right_layout.addWidget(self.options)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.applicant_hint)
        layout.addWidget(splitter, 1)
        self._field_chosen(-1)

    def _new_group(self) -> Record:
        self._counter += 1
        return {
            "key": f"group_{self._counter}",
            "label": {"de": "", "en": ""},
            "fields": [],
        }

    def _new_field(self) -> Record:
        self._counter += 1
        return {"key": f"field_{self._counter}", "label": {"de": "", "en": ""}, "type": "text"}

    def _set_type(self, record: Record, kind: Any) -> None:
        record["type"] = kind
        if kind == "choice":
            record.setdefault("options", [])
        else:
            record.pop("options", None)
        self._field_chosen(self.fields.table.currentRow())

    def _group_chosen(self, _row: int) -> None:
        group = self.groups.current_record()
        self.fields.setEnabled(group is not None)
        if group is None:
            self.fields.set_records([])
            return
        fields = group.get("fields")
        if not isinstance(fields, list):
            fields = group["fields"] = []
        if fields is not self.fields.records:
            self.fields.set_records(fields)

    def _field_chosen(self, _row: int) -> None:
        record = self.fields.current_record()
        choice = record is not None and record.get("type") == "choice"
        self.options.blockSignals(True)
        self.options.setPlainText(_options_text(record.get("options")) if record and choice else "")
        self.options.blockSignals(False)
        self.options.setEnabled(choice)

    def _fields_changed(self) -> None:
        self._field_chosen(self.fields.table.currentRow())
        self.changed.emit()

    def _options_edited(self) -> None:
        record = self.fields.current_record()
        if record is not None and record.get("type") == "choice":
            record["options"] = _parse_options(self.options.toPlainText())
            self.changed.emit()

    def load(self, definition: Definition) -> None:
        groups = definition.get("field_groups")
        self._groups = (
            [g for g in copy.deepcopy(groups) if isinstance(g, dict)]
            if isinstance(groups, list)
            else []
        )
        self.groups.set_records(self._groups)
        if self._groups:
            self.groups.table.setCurrentCell(0, 0)

    def store(self, definition: Definition) -> None:
        definition["field_groups"] = copy.deepcopy(self._groups)


def _options_text(options: Any) -> str:
    lines = []
    for option in options if isinstance(options, list) else []:
        if isinstance(option, dict):
            lines.append(
                " | ".join(
                    [str(option.get("value", ""))]
                    + [text_of(option, "label", lang) for lang in LANGUAGES]
                )
            )
    return "\n".join(lines)


def _parse_options(text: str) -> list[Record]:
    options = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        value = parts[0]
        de = parts[1] if len(parts) > 1 else ""
        en = parts[2] if len(parts) > 2 else de
        options.append({"value": value, "label": {"de": de, "en": en}})
    return options


# -- the workflow -----------------------------------------------------------------------------


def _edge_key(edge: tuple[Status, Status]) -> tuple[int, int]:
    return _STATUS_ORDER.index(edge[0]), _STATUS_ORDER.index(edge[1])


class WorkflowSection(Section):
    """Which statuses a case can have, their labels, and the transitions with what each
    needs (a comment, a document, a message to the applicant, a second person's approval)."""

    #: The statuses in use changed (the texts section follows).
    states_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workflowSection")
        self._states: list[Record] = []
        self._transitions: list[Record] = []
        state_columns = [
            Column(
                self.tr("Used"),
                lambda r: r["used"],
                self._set_used,
                kind="check",
                locked=lambda r: Status(r["status"]) in MANDATORY_STATUSES,
            ),
            Column(
                self.tr("Status"),
                lambda r: status_name(Status(r["status"])),
                lambda r, v: None,
                read_only=True,
            ),
            *(
                Column(
                    self.tr("Label ({language})").format(language=language_name(language)),
                    _state_label_get(language),
                    _state_label_set(language),
                    stretch=True,
                )
                for language in LANGUAGES
            ),
        ]
        self.states = RecordTable(state_columns, None, self, movable=False, name="states")
        transition_columns = [
            Column(
                self.tr("Allowed"),
                lambda r: r["allowed"],
                lambda r, v: r.__setitem__("allowed", bool(v)),
                kind="check",
            ),
            Column(
                self.tr("From"),
                lambda r: status_name(Status(r["from"])),
                lambda r, v: None,
                read_only=True,
            ),
            Column(
                self.tr("To"),
                lambda r: status_name(Status(r["to"])),
                lambda r, v: None,
                read_only=True,
                stretch=True,
            ),
            *(
                Column(
                    requirement_title(requirement),
                    self._requirement_get(requirement),
                    self._requirement_set(requirement),
                    kind="check",
                )
                for requirement in REQUIREMENTS
            ),
        ]
        self.transitions = RecordTable(
            transition_columns, None, self, movable=False, name="transitions"
        )
        self.states.changed.connect(self._states_edited)
        self.transitions.changed.connect(self.changed)
        states_box = QGroupBox(
            self.tr("Statuses (received, in progress, completed and rejected are mandatory)"), self
        )
        QVBoxLayout(states_box).addWidget(self.states)
        transitions_box = QGroupBox(self.tr("Transitions and what each needs"), self)
        transitions_layout = QVBoxLayout(transitions_box)
        transitions_layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "Only the transitions of the core workflow can be allowed. Comment: an "
                        "internal note; Document: a generated certificate on the case; Message: "
                        "an individual message to the applicant; Second approval: another "
                        "person (a team lead) approves the change before it takes effect."
                    ),
                    self,
                    wrap=True,
                )
            )
        )
        transitions_layout.addWidget(self.transitions, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(states_box)
        splitter.addWidget(transitions_box)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _set_used(self, record: Record, used: Any) -> None:
        record["used"] = bool(used)

    @classmethod
    def _requirement_get(cls, requirement: str) -> Callable[[Record], Any]:
        return lambda record: requirement in record["requires"]

    @classmethod
    def _requirement_set(cls, requirement: str) -> Callable[[Record, Any], None]:
        return lambda record, on: cls._set_requirement(record, requirement, bool(on))

    @staticmethod
    def _set_requirement(record: Record, requirement: str, on: bool) -> None:
        requires = [r for r in record["requires"] if r != requirement]
        if on:
            requires.append(requirement)
        record["requires"] = [r for r in REQUIREMENTS if r in requires] + [
            r for r in requires if r not in REQUIREMENTS
        ]

    def _states_edited(self) -> None:
        self.states_changed.emit(self.used_states())
        self.changed.emit()

    def used_states(self) -> list[str]:
        return [r["status"] for r in self._states if r["used"]]

    def load(self, definition: Definition) -> None:
        workflow = _dict(definition.get("workflow"))
        states = workflow.get("states")
        used = set(states) if isinstance(states, list) else set()
        labels = _dict(workflow.get("labels"))
        self._states = [
            {
                "status": status.value,
                "used": status.value in used or status in MANDATORY_STATUSES,
                "label": {
                    lang: text_of({"l": labels.get(status.value)}, "l", lang) for lang in LANGUAGES
                },
            }
            for status in Status
        ]
        self.states.set_records(self._states)
        transitions = workflow.get("transitions")
        existing = (
            [t for t in transitions if isinstance(t, dict)] if isinstance(transitions, list) else []
        )
        rows: list[Record] = []
        seen: set[tuple[str, str]] = set()
        for transition in existing:
            edge = (str(transition.get("from")), str(transition.get("to")))
            if edge in seen:
                continue
            seen.add(edge)
            requires = transition.get("requires")
            rows.append(
                {
                    "from": edge[0],
                    "to": edge[1],
                    "allowed": True,
                    "requires": list(requires) if isinstance(requires, list) else [],
                    "raw": transition,
                }
            )
        for source, target in sorted(CORE_TRANSITIONS, key=_edge_key):
            if (source.value, target.value) not in seen:
                rows.append(
                    {"from": source.value, "to": target.value, "allowed": False, "requires": []}
                )
        # Rows that name no known status (a broken import) cannot be shown; they are kept.
        self._unknown = [
            r["raw"]
            for r in rows
            if r.get("raw") is not None
            and not (
                r["from"] in Status._value2member_map_ and r["to"] in Status._value2member_map_
            )
        ]
        rows = [
            r
            for r in rows
            if r["from"] in Status._value2member_map_ and r["to"] in Status._value2member_map_
        ]
        rows.sort(key=lambda r: _edge_key((Status(r["from"]), Status(r["to"]))))
        self._transitions = rows
        self.transitions.set_records(self._transitions)

    def store(self, definition: Definition) -> None:
        workflow = _dict(definition.get("workflow"))
        workflow["states"] = self.used_states()
        transitions = []
        for row in self._transitions:
            if not row["allowed"]:
                continue
            transition = {
                k: v
                for k, v in _dict(row.get("raw")).items()
                if k not in ("from", "to", "requires")
            }
            transition = {"from": row["from"], "to": row["to"], **transition}
            if row["requires"] or "requires" in _dict(row.get("raw")):
                transition["requires"] = list(row["requires"])
            transitions.append(transition)
        workflow["transitions"] = transitions + copy.deepcopy(self._unknown)
        labels = {
            r["status"]: dict(r["label"])
            for r in self._states
            if r["used"] and any(v.strip() for v in r["label"].values())
        }
        if labels or "labels" in workflow:
            workflow["labels"] = labels
        if not labels:
            workflow.pop("labels", None)
        definition["workflow"] = workflow


# -- texts to the applicant -------------------------------------------------------------------


class PlaceholderBar(QWidget):
    """Buttons that insert a placeholder into the text edited last."""

    def __init__(self, insert: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(self.tr("Insert:"), self))
        self.buttons: dict[str, QPushButton] = {}
        for name in sorted(PLACEHOLDERS):
            button = QPushButton("{" + name + "}", self)
            button.setToolTip(placeholder_help(name))
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text keeps the focus
            button.clicked.connect(lambda _c=False, n=name: insert("{" + n + "}"))
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)


class MessagesSection(Section):
    """The text the applicant gets when a case enters each status, in German and English."""

    #: The status whose text is being edited (the preview shows its letter).
    status_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagesSection")
        self._texts: dict[str, dict[str, str]] = {}
        self._used: list[str] = []
        self._current: str | None = None
        self.statuses = QListWidget(self)
        self.statuses.setObjectName("messageStatuses")
        self.statuses.setMaximumWidth(260)
        self.statuses.currentItemChanged.connect(self._chosen)
        self.editors: dict[str, QPlainTextEdit] = {}
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = plain_label("", right)
        right_layout.addWidget(self.heading)
        self._last: QPlainTextEdit | None = None
        for language in LANGUAGES:
            right_layout.addWidget(plain_label(language_name(language) + ":", right))
            edit = QPlainTextEdit(right)
            edit.setObjectName(f"message_{language}")
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(lambda lang=language: self._edited(lang))
            edit.cursorPositionChanged.connect(lambda e=edit: self._remember(e))
            right_layout.addWidget(edit, 1)
            self.editors[language] = edit
        self.placeholders = PlaceholderBar(self.insert, right)
        right_layout.addWidget(self.placeholders)
        right_layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "Curly braces are reserved for these placeholders. The text is sent "
                        "when a case enters the status, with the clerk's individual message "
                        "where the transition requires one."
                    ),
                    right,
                    wrap=True,
                )
            )
        )
        right_layout.addWidget(plain_label(self.tr("For the sample case:"), right))
        self.sample = plain_label("", right, wrap=True, selectable=True)
        self.sample.setObjectName("messageSample")
        right_layout.addWidget(self.sample)
        self._samples: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.addWidget(self.statuses)
        layout.addWidget(right, 1)

    def _remember(self, edit: QPlainTextEdit) -> None:
        self._last = edit

    def insert(self, text: str) -> None:
        focused = QApplication.focusWidget()
        edit = (
            focused
            if isinstance(focused, QPlainTextEdit) and focused in self.editors.values()
            else None
        )
        edit = edit or self._last or self.editors[LANGUAGES[0]]
        if edit.isEnabled():
            edit.insertPlainText(text)
            edit.setFocus()

    def set_states(self, states: list[str]) -> None:
        """Show the statuses in use (texts of others are kept, not stored)."""
        self._used = [s for s in states if s in Status._value2member_map_]
        current = self._current
        self.statuses.blockSignals(True)
        self.statuses.clear()
        for state in self._used:
            item = QListWidgetItem(status_name(Status(state)))
            item.setData(Qt.ItemDataRole.UserRole, state)
            self.statuses.addItem(item)
        self.statuses.blockSignals(False)
        row = self._used.index(current) if current in self._used else 0
        if self._used:
            self.statuses.setCurrentRow(row)
        self._show(self._used[row] if self._used else None)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        state = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._show(state if isinstance(state, str) else None)

    def choose(self, state: str) -> None:
        if state in self._used:
            self.statuses.setCurrentRow(self._used.index(state))

    def _show(self, state: str | None) -> None:
        self._current = state
        texts = self._texts.get(state, {}) if state else {}
        for language, edit in self.editors.items():
            edit.blockSignals(True)
            edit.setPlainText(texts.get(language, ""))
            edit.blockSignals(False)
            edit.setEnabled(state is not None)
        self.heading.setText(
            self.tr("Message when a case enters “{status}”").format(
                status=status_name(Status(state))
            )
            if state
            else ""
        )
        self.sample.setText(self._samples.get(state or "", ""))
        if state:
            self.status_chosen.emit(state)

    def _edited(self, language: str) -> None:
        if self._current is None:
            return
        texts = self._texts.setdefault(self._current, {lang: "" for lang in LANGUAGES})
        texts[language] = self.editors[language].toPlainText()
        self.changed.emit()

    def set_samples(self, samples: dict[str, str]) -> None:
        """The texts filled in for the sample case (from the preview)."""
        self._samples = samples
        self.sample.setText(samples.get(self._current or "", ""))

    def current_status(self) -> str | None:
        return self._current

    def load(self, definition: Definition) -> None:
        messages = _dict(definition.get("messages"))
        self._texts = {
            str(state): {lang: text_of({"t": text}, "t", lang) for lang in LANGUAGES}
            for state, text in messages.items()
        }
        workflow = _dict(definition.get("workflow"))
        states = workflow.get("states")
        self.set_states(
            [s for s in states if isinstance(s, str)] if isinstance(states, list) else []
        )

    def store(self, definition: Definition) -> None:
        old = _dict(definition.get("messages"))
        messages: dict[str, Any] = {}
        for state in self._used:
            texts = self._texts.get(state, {lang: "" for lang in LANGUAGES})
            messages[state] = {**_dict(old.get(state)), **texts}
        definition["messages"] = messages


# -- the certificate --------------------------------------------------------------------------


class CertificateSection(Section):
    """Whether the service issues a document, its layout, title and fixed text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificateSection")
        self.issues = QCheckBox(
            self.tr("This service issues a document when a case is completed"), self
        )
        self.issues.setObjectName("issuesCertificate")
        self.layout_box = QComboBox(self)
        self.layout_box.setObjectName("certificateLayout")
        for layout_key in LAYOUT_FIELDS:
            self.layout_box.addItem(layout_name(layout_key), layout_key)
        self.title = LocalText(self, name="certificateTitle")
        self.body = LocalText(self, multiline=True, name="certificateBody")
        self.layout_hint = muted(plain_label("", self, wrap=True))
        self.placeholders = PlaceholderBar(self.insert, self)
        form = QFormLayout()
        form.addRow(self.tr("Layout:"), self.layout_box)
        form.addRow("", self.layout_hint)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Fixed text (optional):"), self.body)
        form.addRow("", self.placeholders)
        self._details = QWidget(self)
        self._details.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.issues)
        layout.addWidget(self._details)
        layout.addStretch(1)
        self.issues.toggled.connect(self._toggled)
        self.layout_box.currentIndexChanged.connect(self._layout_changed)
        self.title.changed.connect(self.changed)
        self.body.changed.connect(self.changed)
        self._raw: dict[str, Any] = {}

    def insert(self, text: str) -> None:
        focused = QApplication.focusWidget()
        edits = [*self.title.edits.values(), *self.body.edits.values()]
        target = focused if focused in edits else self.title.edits[LANGUAGES[0]]
        if isinstance(target, QLineEdit):
            target.insert(text)
        elif isinstance(target, QPlainTextEdit):
            target.insertPlainText(text)

    def _toggled(self, on: bool) -> None:
        self._details.setEnabled(on)
        self.changed.emit()

    def _layout_changed(self, _index: int) -> None:
        self._describe()
        self.changed.emit()

    def _describe(self) -> None:
        layout = self.layout_box.currentData()
        printed = LAYOUT_FIELDS.get(str(layout), ())
        self.layout_hint.setText(
            self.tr("This layout also prints: {fields}.").format(
                fields=", ".join(f"{g}.{f}" for g, f in printed)
            )
            if printed
            else ""
        )
        self.layout_hint.setVisible(bool(printed))

    def load(self, definition: Definition) -> None:
        certificate = definition.get("certificate")
        self._raw = _dict(certificate)
        self.blockSignals(True)
        try:
            self.issues.setChecked(isinstance(certificate, dict))
            self._details.setEnabled(isinstance(certificate, dict))
            layout = self._raw.get("layout", "confirmation")
            index = self.layout_box.findData(layout)
            if index < 0:
                self.layout_box.addItem(str(layout), layout)
                index = self.layout_box.count() - 1
            self.layout_box.setCurrentIndex(index)
            self.title.set_texts(self._raw.get("title"))
            self.body.set_texts(self._raw.get("body"))
            self._describe()
        finally:
            self.blockSignals(False)

    def store(self, definition: Definition) -> None:
        if not self.issues.isChecked():
            definition.pop("certificate", None)
            return
        certificate = dict(self._raw)
        certificate["layout"] = self.layout_box.currentData()
        _store_text(certificate, "title", self.title, optional=False)
        _store_text(certificate, "body", self.body, optional=True)
        definition["certificate"] = certificate


# -- everything else --------------------------------------------------------------------------


class JsonSection(QWidget):
    """The whole definition as JSON, for what the other pages do not cover."""

    #: A definition the administrator applied from the text.
    applied = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jsonSection")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("jsonText")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.apply_button = QPushButton(self.tr("Apply JSON"), self)
        self.apply_button.setObjectName("applyJson")
        self.apply_button.clicked.connect(self._apply)
        self.error = plain_label("", self, wrap=True)
        self.error.setObjectName("jsonError")
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.error, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "The whole definition. Changes here take effect with “Apply JSON”; the "
                        "other pages then show them."
                    ),
                    self,
                    wrap=True,
                )
            )
        )
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

    def show_definition(self, definition: Definition) -> None:
        self.text.setPlainText(json.dumps(definition, ensure_ascii=False, indent=2))
        self.error.clear()

    def _apply(self) -> None:
        try:
            value = json.loads(self.text.toPlainText())
        except json.JSONDecodeError as exc:
            self.error.setText(
                self.tr("Not valid JSON: line {line}, column {column}: {problem}").format(
                    line=exc.lineno, column=exc.colno, problem=exc.msg
                )
            )
            return
        if not isinstance(value, dict):
            self.error.setText(self.tr("A template definition is a JSON object."))
            return
        self.error.clear()
        self.applied.emit(value)


__all__ = [
    "CertificateSection",
    "Definition",
    "FormSection",
    "GeneralSection",
    "JsonSection",
    "LocalText",
    "MessagesSection",
    "Section",
    "WorkflowSection",
    "field_type_name",
    "language_name",
    "layout_name",
    "placeholder_help",
    "requirement_title",
]
