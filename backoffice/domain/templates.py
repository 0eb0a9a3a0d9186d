"""Service template definitions: what a service shows, how it flows, what it says.

Templates are data files (``*.json``; the default ones ship with the program) that an
administrator can edit. :func:`parse_template` validates one completely before anything uses
it: unknown keys, transitions outside the core graph, a missing message text,
a field group without fields — each gives a :class:`TemplateError` that names
the template and the field (as a JSON path such as ``$.workflow.transitions[2].to``).
"""

from __future__ import annotations

import functools
import json
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .errors import ChecklistIncomplete, RequirementMissing, TemplateError, TransitionError
from .status import CORE_TRANSITIONS, MANDATORY_STATUSES, Status

if TYPE_CHECKING:
    import jsonschema

LANGUAGES = ("de", "en")
FIELD_TYPES = ("text", "multiline", "date", "number", "boolean", "choice", "email", "phone")
REQUIREMENTS = ("comment", "document", "message", "approval")
#: A transition that requires this takes effect only when a second person approves it.
APPROVAL = "approval"
#: Every template has this group, with at least these fields: the applicant's
#: name is what the inbox, the search and the letters use.
APPLICANT_GROUP = "applicant"
APPLICANT_NAME_FIELDS = ("given_name", "family_name")
#: What message and certificate texts may refer to, as ``{name}``.
PLACEHOLDERS = frozenset({"file_number", "service_name", "given_name", "family_name"})
#: Closed cases are kept this long (years after closing) unless the template says otherwise.
DEFAULT_RETENTION_YEARS = 10

_TEXT = {
    "type": "object",
    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
    "required": list(LANGUAGES),
    "additionalProperties": False,
}
_KEY = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$"}
_STATUS = {"enum": [s.value for s in Status]}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "key",
        "version",
        "leika",
        "file_prefix",
        "name",
        "processing_days",
        "fee",
        "field_groups",
        "workflow",
        "messages",
    ],
    "properties": {
        "key": _KEY,
        "version": {"type": "integer", "minimum": 1},
        "active": {"type": "boolean"},
        "leika": {"type": "string", "pattern": "^urn:de:fim:leika:leistung:[0-9]{14}$"},
        "leika_confirmed": {"type": "boolean"},
        "leika_note": {"type": "string"},
        "file_prefix": {"type": "string", "pattern": "^[A-Z]{2,5}$"},
        "name": _TEXT,
        "description": _TEXT,
        "processing_days": {"type": "integer", "minimum": 1, "maximum": 365},
        "retention_years": {"type": "integer", "minimum": 1, "maximum": 110},
        "fee": {
            "type": "object",
            "additionalProperties": False,
            "required": ["amount"],
            "properties": {
                "amount": {"type": "string", "pattern": r"^[0-9]{1,6}\.[0-9]{2}$"},
                "currency": {"const": "EUR"},
                "note": _TEXT,
            },
        },
        "field_groups": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["key", "label", "fields"],
                "properties": {
                    "key": _KEY,
                    "label": _TEXT,
                    "fields": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["key", "label", "type"],
                            "properties": {
                                "key": _KEY,
                                "label": _TEXT,
                                "type": {"enum": list(FIELD_TYPES)},
                                "required": {"type": "boolean"},
                                "max_length": {"type": "integer", "minimum": 1},
                                "options": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["value", "label"],
                                        "properties": {"value": {"type": "string"}, "label": _TEXT},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "workflow": {
            "type": "object",
            "additionalProperties": False,
            "required": ["states", "transitions"],
            "properties": {
                "states": {"type": "array", "items": _STATUS, "uniqueItems": True},
                "labels": {
                    "type": "object",
                    "propertyNames": _STATUS,
                    "additionalProperties": _TEXT,
                },
                "transitions": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["from", "to"],
                        "properties": {
                            "from": _STATUS,
                            "to": _STATUS,
                            "requires": {
                                "type": "array",
                                "items": {"enum": list(REQUIREMENTS)},
                                "uniqueItems": True,
                            },
                        },
                    },
                },
            },
        },
        "messages": {
            "type": "object",
            "propertyNames": _STATUS,
            "additionalProperties": _TEXT,
        },
        "checklist": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["key", "label"],
                "properties": {
                    "key": _KEY,
                    "label": _TEXT,
                    # Statuses a case may enter only with the item ticked. Any key here: an
                    # unknown status is a finding of the check (and an error when parsing),
                    # named as such rather than as a schema mismatch.
                    "required_before": {"type": "array", "items": _KEY, "uniqueItems": True},
                },
            },
        },
        "certificate": {
            "type": "object",
            "additionalProperties": False,
            "required": ["layout", "title"],
            "properties": {
                "layout": _KEY,
                "title": _TEXT,
                "body": _TEXT,
            },
        },
    },
}


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # ~70 ms to import: on the first validation, not with the module

    return jsonschema.Draft202012Validator(SCHEMA)


@dataclass(frozen=True)
class LocalText:
    de: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.de

    @classmethod
    def of(cls, raw: Mapping[str, str]) -> LocalText:
        return cls(de=raw["de"], en=raw["en"])


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: LocalText
    type: str
    required: bool = False
    max_length: int | None = None
    options: tuple[tuple[str, LocalText], ...] = ()


@dataclass(frozen=True)
class FieldGroup:
    key: str
    label: LocalText
    fields: tuple[FieldDef, ...]


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    requires: frozenset[str] = frozenset()

    @property
    def needs_approval(self) -> bool:
        """Four-eyes rule: a second person must approve before the change takes effect."""
        return APPROVAL in self.requires


@dataclass(frozen=True)
class Workflow:
    states: tuple[Status, ...]
    transitions: tuple[Transition, ...]
    labels: Mapping[Status, LocalText] = field(default_factory=dict)

    def find(self, source: Status, target: Status) -> Transition | None:
        for transition in self.transitions:
            if transition.source is source and transition.target is target:
                return transition
        return None

    def allowed_from(self, source: Status) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.source is source)

    def check(
        self,
        source: Status,
        target: Status,
        *,
        comment: str | None = None,
        has_document: bool = False,
        message: str | None = None,
    ) -> Transition:
        """Return the transition or raise why it may not happen now."""
        transition = self.find(source, target)
        if transition is None:
            raise TransitionError(
                f"a case cannot go from {source.value!r} to {target.value!r} in this service",
                source=source.value,
                target=target.value,
            )
        missing = []
        if "comment" in transition.requires and not (comment or "").strip():
            missing.append("comment")
        if "document" in transition.requires and not has_document:
            missing.append("document")
        if "message" in transition.requires and not (message or "").strip():
            missing.append("message")
        if missing:
            raise RequirementMissing(
                f"going from {source.value!r} to {target.value!r} needs: {', '.join(missing)}",
                source=source.value,
                target=target.value,
                missing=tuple(missing),
            )
        return transition


@dataclass(frozen=True)
class ChecklistItem:
    """Something the clerk ticks on the case (e.g. "identity document checked"); a case
    enters a status in ``required_before`` only with the item ticked."""

    key: str
    label: LocalText
    required_before: frozenset[Status] = frozenset()


@dataclass(frozen=True)
class Certificate:
    layout: str
    title: LocalText
    body: LocalText | None = None


@dataclass(frozen=True)
class ServiceTemplate:
    key: str
    version: int
    leika: str
    leika_confirmed: bool
    file_prefix: str
    name: LocalText
    description: LocalText | None
    processing_days: int
    fee: Decimal
    field_groups: tuple[FieldGroup, ...]
    workflow: Workflow
    messages: Mapping[Status, LocalText]
    certificate: Certificate | None
    active: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False, hash=False)
    #: Years after closing until a case's data is deleted (``retention_years`` in the file).
    retention_years: int = DEFAULT_RETENTION_YEARS
    #: What the clerk ticks on a case of this service, in order.
    checklist: tuple[ChecklistItem, ...] = ()

    def checklist_item(self, key: str) -> ChecklistItem | None:
        return next((item for item in self.checklist if item.key == key), None)

    def checklist_missing(self, target: Status, ticked: Iterable[str]) -> tuple[ChecklistItem, ...]:
        """The items that must be ticked before a case enters ``target`` and are not."""
        done = set(ticked)
        return tuple(
            item
            for item in self.checklist
            if target in item.required_before and item.key not in done
        )

    def require_checklist(self, source: Status, target: Status, ticked: Iterable[str]) -> None:
        """Raise :class:`ChecklistIncomplete`, naming the items, if some are not ticked."""
        missing = self.checklist_missing(target, ticked)
        if missing:
            raise ChecklistIncomplete(
                f"going from {source.value!r} to {target.value!r} needs these checklist items "
                "ticked: " + "; ".join(f"{item.label.en} ({item.key})" for item in missing),
                source=source.value,
                target=target.value,
                missing=("checklist",),
                items=[{"key": i.key, "de": i.label.de, "en": i.label.en} for i in missing],
            )

    def field_keys(self) -> list[tuple[str, str]]:
        return [(g.key, f.key) for g in self.field_groups for f in g.fields]

    def status_label(self, status: Status, language: str) -> str | None:
        """The template's own label for a status, if it sets one."""
        label = self.workflow.labels.get(status)
        return label.get(language) if label else None


def load_template_text(text: str, source: str) -> ServiceTemplate:
    """Parse a template file's text; ``source`` names it in errors."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}"
        ) from None
    return parse_template(raw, source)


def parse_template(raw: Any, source: str = "<template>") -> ServiceTemplate:
    """Validate a decoded template and build its definition."""
    name = raw.get("key", source) if isinstance(raw, dict) else source
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise TemplateError(str(name), first.json_path, _schema_message(first))
    return _build(raw)


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown key ({error.message})"
    if error.validator == "required":
        return f"missing: {error.message}"
    return error.message


def _build(raw: dict[str, Any]) -> ServiceTemplate:
    key = raw["key"]

    def fail(path: str, problem: str) -> TemplateError:
        return TemplateError(key, path, problem)

    groups = []
    seen_groups: set[str] = set()
    for gi, group in enumerate(raw["field_groups"]):
        if group["key"] in seen_groups:
            raise fail(f"$.field_groups[{gi}].key", f"group {group['key']!r} appears twice")
        seen_groups.add(group["key"])
        fields = []
        seen_fields: set[str] = set()
        for fi, f in enumerate(group["fields"]):
            path = f"$.field_groups[{gi}].fields[{fi}]"
            if f["key"] in seen_fields:
                raise fail(f"{path}.key", f"field {f['key']!r} appears twice in its group")
            seen_fields.add(f["key"])
            if f["type"] == "choice" and not f.get("options"):
                raise fail(f"{path}.options", "a choice field needs options")
            if f["type"] != "choice" and "options" in f:
                raise fail(f"{path}.options", "only choice fields have options")
            fields.append(
                FieldDef(
                    key=f["key"],
                    label=LocalText.of(f["label"]),
                    type=f["type"],
                    required=f.get("required", False),
                    max_length=f.get("max_length"),
                    options=tuple(
                        (o["value"], LocalText.of(o["label"])) for o in f.get("options", ())
                    ),
                )
            )
        groups.append(FieldGroup(group["key"], LocalText.of(group["label"]), tuple(fields)))

    applicant = next((g for g in groups if g.key == APPLICANT_GROUP), None)
    if applicant is None:
        raise fail("$.field_groups", f"the group {APPLICANT_GROUP!r} is missing")
    present = {f.key for f in applicant.fields}
    for needed in APPLICANT_NAME_FIELDS:
        if needed not in present:
            raise fail(f"$.field_groups[{APPLICANT_GROUP}]", f"the field {needed!r} is missing")

    wf = raw["workflow"]
    states = tuple(Status(s) for s in wf["states"])
    for mandatory in sorted(MANDATORY_STATUSES):
        if mandatory not in states:
            raise fail("$.workflow.states", f"the state {mandatory.value!r} is mandatory")
    transitions = []
    seen_edges: set[tuple[Status, Status]] = set()
    for ti, t in enumerate(wf["transitions"]):
        path = f"$.workflow.transitions[{ti}]"
        edge = (Status(t["from"]), Status(t["to"]))
        if edge not in CORE_TRANSITIONS:
            raise fail(
                path, f"{t['from']!r} → {t['to']!r} is not a transition of the core workflow"
            )
        for end, state in (("from", edge[0]), ("to", edge[1])):
            if state not in states:
                raise fail(f"{path}.{end}", f"state {state.value!r} is not in $.workflow.states")
        if edge in seen_edges:
            raise fail(path, "this transition appears twice")
        seen_edges.add(edge)
        transitions.append(Transition(edge[0], edge[1], frozenset(t.get("requires", ()))))
    _check_reachable(key, states, seen_edges)
    labels = {Status(s): LocalText.of(text) for s, text in wf.get("labels", {}).items()}
    for status in labels:
        if status not in states:
            raise fail(
                f"$.workflow.labels.{status.value}", "label for a state the service does not use"
            )

    messages = {Status(s): LocalText.of(text) for s, text in raw["messages"].items()}
    for state in states:
        if state not in messages:
            raise fail(f"$.messages.{state.value}", "the message text for this state is missing")
    for state in messages:
        if state not in states:
            raise fail(f"$.messages.{state.value}", "message for a state the service does not use")
    for state, local in messages.items():
        for lang in LANGUAGES:
            _check_placeholders(key, f"$.messages.{state.value}.{lang}", local.get(lang))

    try:
        fee = Decimal(raw["fee"]["amount"])
    except InvalidOperation:  # pragma: no cover - the schema pattern already guards this
        raise fail("$.fee.amount", "not a decimal amount") from None

    checklist = _checklist(key, raw.get("checklist", []), states)
    cert = raw.get("certificate")
    return ServiceTemplate(
        key=key,
        version=raw["version"],
        leika=raw["leika"],
        leika_confirmed=raw.get("leika_confirmed", False),
        file_prefix=raw["file_prefix"],
        name=LocalText.of(raw["name"]),
        description=LocalText.of(raw["description"]) if "description" in raw else None,
        processing_days=raw["processing_days"],
        fee=fee,
        field_groups=tuple(groups),
        workflow=Workflow(states, tuple(transitions), labels),
        messages=messages,
        certificate=(
            Certificate(
                layout=cert["layout"],
                title=LocalText.of(cert["title"]),
                body=LocalText.of(cert["body"]) if "body" in cert else None,
            )
            if cert
            else None
        ),
        active=raw.get("active", True),
        raw=raw,
        retention_years=raw.get("retention_years", DEFAULT_RETENTION_YEARS),
        checklist=checklist,
    )


def _checklist(
    key: str, raw: list[dict[str, Any]], states: tuple[Status, ...]
) -> tuple[ChecklistItem, ...]:
    items = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        path = f"$.checklist[{index}]"
        if item["key"] in seen:
            raise TemplateError(key, f"{path}.key", f"checklist item {item['key']!r} appears twice")
        seen.add(item["key"])
        for language in LANGUAGES:
            if not item["label"][language].strip():
                raise TemplateError(key, f"{path}.label.{language}", "this text is empty")
        before = []
        for si, name in enumerate(item.get("required_before", ())):
            where = f"{path}.required_before[{si}]"
            if name not in Status._value2member_map_:
                raise TemplateError(key, where, f"{name!r} is not a status")
            if Status(name) not in states:
                raise TemplateError(key, where, f"state {name!r} is not in $.workflow.states")
            before.append(Status(name))
        items.append(ChecklistItem(item["key"], LocalText.of(item["label"]), frozenset(before)))
    return tuple(items)


def _check_placeholders(key: str, path: str, text: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise TemplateError(key, path, f"broken placeholder: {exc}") from None
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise TemplateError(
            key,
            path,
            f"unknown placeholder {{{unknown[0]}}}; allowed: "
            + ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS)),
        )


def render_text(text: str, values: Mapping[str, str]) -> str:
    """Fill a validated template text; unknown or missing values stay empty, never markup."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def _check_reachable(
    key: str, states: tuple[Status, ...], edges: set[tuple[Status, Status]]
) -> None:
    """Every state must be reachable from `received`; every open state must have a way out."""
    reached = {Status.RECEIVED}
    frontier = [Status.RECEIVED]
    while frontier:
        current = frontier.pop()
        for source, target in edges:
            if source is current and target not in reached:
                reached.add(target)
                frontier.append(target)
    for state in states:
        if state not in reached:
            raise TemplateError(
                key, "$.workflow.transitions", f"state {state.value!r} cannot be reached"
            )
        if state.is_open and not any(source is state for source, _ in edges):
            raise TemplateError(
                key, "$.workflow.transitions", f"open state {state.value!r} has no way out"
            )
