"""The configuration check of a service template: everything that cannot work, as a list.

:func:`~backoffice.domain.templates.parse_template` stops at the first problem, which suits
loading; an administrator about to publish wants to see all of them at once. The check works
on the raw definition (a draft may be half finished) and returns :class:`Finding` values with
a stable ``code`` (the UI translates it), the JSON path and an English message. An empty list
means the version may be published.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .roles import Permission, Role, has_permission
from .status import CORE_TRANSITIONS, Status
from .templates import APPROVAL, LANGUAGES, PLACEHOLDERS, REQUIREMENTS, _validator

#: The roles that may give a four-eyes approval (a requirement nobody can meet otherwise).
_APPROVERS = tuple(r for r in Role if has_permission(r, Permission.ASSIGN_CASES))

#: Fields of the form that a certificate layout prints by name (beyond the applicant's name,
#: which every template has): the notice is a letter and needs the address for its window.
LAYOUT_FIELDS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "civil_certificate": (),
    "confirmation": (),
    "permit": (),
    "notice": (("applicant", "street"), ("applicant", "postal_code"), ("applicant", "city")),
}


@dataclass(frozen=True)
class Finding:
    code: str
    path: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def check_template(raw: Any) -> list[Finding]:
    """Every problem of a definition that would stop it from working."""
    if not isinstance(raw, dict):
        return [Finding("schema_invalid", "$", "a template is a JSON object")]
    findings = [
        Finding("schema_invalid", error.json_path, error.message)
        for error in sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    ]
    findings += _workflow_findings(raw)
    findings += _text_findings(raw)
    findings += _layout_findings(raw)
    findings += _checklist_findings(raw)
    return findings


def _workflow_findings(raw: dict[str, Any]) -> Iterator[Finding]:
    workflow = raw.get("workflow")
    if not isinstance(workflow, dict):
        return
    states = [Status(s) for s in workflow.get("states", []) if s in Status._value2member_map_]
    edges = []
    for index, transition in enumerate(workflow.get("transitions", [])):
        if not isinstance(transition, dict):
            continue
        try:
            edge = (Status(str(transition.get("from"))), Status(str(transition.get("to"))))
        except ValueError:
            continue
        path = f"$.workflow.transitions[{index}]"
        if edge not in CORE_TRANSITIONS:
            yield Finding(
                "transition_not_core",
                path,
                f"{edge[0].value!r} → {edge[1].value!r} is not a transition of the core workflow",
            )
        for end, state in zip(("from", "to"), edge, strict=True):
            if state not in states:
                yield Finding(
                    "status_not_in_workflow",
                    f"{path}.{end}",
                    f"state {state.value!r} is not in $.workflow.states",
                    {"status": state.value},
                )
        edges.append(edge)
        yield from _requirement_findings(raw, path, edge, transition.get("requires", []))
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
            yield Finding(
                "status_unreachable",
                "$.workflow.transitions",
                f"no way leads to state {state.value!r}",
                {"status": state.value},
            )
        if state.is_open and not any(source is state for source, _ in edges):
            yield Finding(
                "status_without_exit",
                "$.workflow.transitions",
                f"open state {state.value!r} has no way out",
                {"status": state.value},
            )
    messages = raw.get("messages")
    if isinstance(messages, dict):
        for state in states:
            if state.value not in messages:
                yield Finding(
                    "message_missing",
                    f"$.messages.{state.value}",
                    "the message text for this state is missing",
                    {"status": state.value},
                )


def _requirement_findings(
    raw: dict[str, Any], path: str, edge: tuple[Status, Status], requires: Any
) -> Iterator[Finding]:
    """A requirement nobody can meet: a document where the service issues none; a kind of
    requirement (e.g. a second approval) that no role of this program can give."""
    if not isinstance(requires, list):
        return
    for requirement in requires:
        if requirement == "document" and not raw.get("certificate"):
            yield Finding(
                "requirement_unsatisfiable",
                f"{path}.requires",
                f"{edge[0].value!r} → {edge[1].value!r} needs a document, but the service "
                "issues none (no $.certificate)",
                {"requirement": requirement},
            )
        elif requirement == APPROVAL and not _APPROVERS:
            yield Finding(
                "requirement_unsatisfiable",
                f"{path}.requires",
                "a second approval is required, but no role may approve",
                {"requirement": requirement},
            )
        elif requirement not in REQUIREMENTS:
            yield Finding(
                "requirement_unsatisfiable",
                f"{path}.requires",
                f"no role can satisfy the requirement {requirement!r}",
                {"requirement": requirement},
            )


def _texts(raw: dict[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """(path, text object, placeholders allowed) of every translated text."""
    yield "$.name", raw.get("name"), False
    if "description" in raw:
        yield "$.description", raw.get("description"), False
    for gi, group in enumerate(_list(raw.get("field_groups"))):
        yield f"$.field_groups[{gi}].label", group.get("label"), False
        for fi, item in enumerate(_list(group.get("fields"))):
            yield f"$.field_groups[{gi}].fields[{fi}].label", item.get("label"), False
    for ci, item in enumerate(_list(raw.get("checklist"))):
        yield f"$.checklist[{ci}].label", item.get("label"), False
    messages = raw.get("messages")
    if isinstance(messages, dict):
        for status, text in messages.items():
            yield f"$.messages.{status}", text, True
    certificate = raw.get("certificate")
    if isinstance(certificate, dict):
        yield "$.certificate.title", certificate.get("title"), True
        if "body" in certificate:
            yield "$.certificate.body", certificate.get("body"), True


def _text_findings(raw: dict[str, Any]) -> Iterator[Finding]:
    for path, text, with_placeholders in _texts(raw):
        if not isinstance(text, dict):
            continue
        for language in LANGUAGES:
            value = text.get(language)
            if not isinstance(value, str) or not value.strip():
                yield Finding(
                    "text_empty", f"{path}.{language}", "this text is empty", {"language": language}
                )
                continue
            if with_placeholders:
                yield from _placeholder_findings(f"{path}.{language}", value)


def _placeholder_findings(path: str, text: str) -> Iterator[Finding]:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        yield Finding("placeholder_broken", path, f"broken placeholder: {exc}")
        return
    for name in sorted(names - PLACEHOLDERS):
        yield Finding(
            "placeholder_unknown",
            path,
            f"unknown placeholder {{{name}}}; allowed: "
            + ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS)),
            {"placeholder": name},
        )


def _layout_findings(raw: dict[str, Any]) -> Iterator[Finding]:
    certificate = raw.get("certificate")
    if not isinstance(certificate, dict) or "layout" not in certificate:
        return
    layout = certificate["layout"]
    if layout not in LAYOUT_FIELDS:
        yield Finding(
            "layout_unknown",
            "$.certificate.layout",
            f"unknown layout {layout!r}; known: {', '.join(LAYOUT_FIELDS)}",
            {"layout": layout},
        )
        return
    present = {
        (group.get("key"), item.get("key"))
        for group in _list(raw.get("field_groups"))
        for item in _list(group.get("fields"))
    }
    for group_key, field_key in LAYOUT_FIELDS[layout]:
        if (group_key, field_key) not in present:
            yield Finding(
                "layout_field_missing",
                "$.certificate.layout",
                f"the layout {layout!r} prints {group_key}.{field_key}, which the form lacks",
                {"layout": layout, "field": f"{group_key}.{field_key}"},
            )


def _checklist_findings(raw: dict[str, Any]) -> Iterator[Finding]:
    """Checklist items: a key twice, a status that does not exist or the service does not
    use (an empty label is a ``text_empty`` finding of :func:`_text_findings`)."""
    workflow = raw.get("workflow")
    states = workflow.get("states") if isinstance(workflow, dict) else None
    used = {s for s in states if isinstance(s, str)} if isinstance(states, list) else set()
    seen: set[str] = set()
    for index, item in enumerate(_list(raw.get("checklist"))):
        path = f"$.checklist[{index}]"
        key = item.get("key")
        if isinstance(key, str):
            if key in seen:
                yield Finding(
                    "checklist_key_duplicate",
                    f"{path}.key",
                    f"checklist item {key!r} appears twice",
                    {"key": key},
                )
            seen.add(key)
        before = item.get("required_before")
        for si, status in enumerate(before if isinstance(before, list) else []):
            where = f"{path}.required_before[{si}]"
            if status not in Status._value2member_map_:
                yield Finding(
                    "checklist_status_unknown",
                    where,
                    f"the checklist item {key!r} names {status!r}, which is not a status",
                    {"key": key, "status": status},
                )
            elif status not in used:
                yield Finding(
                    "checklist_status_unused",
                    where,
                    f"the checklist item {key!r} names the state {status!r}, which is not in "
                    "$.workflow.states",
                    {"key": key, "status": status},
                )


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
