"""A structured difference between two versions of a service template.

For the side-by-side view before publishing: plain :class:`Change` values grouped by
section (fields, workflow, texts, deadline, fee, other), each with a path an administrator
recognises, what kind of change it is and the old and new value. Works on raw definitions
(the JSON as stored), so that a draft that does not validate yet can still be compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

SECTIONS = ("fields", "workflow", "checklist", "texts", "deadline", "fee", "other")
#: Keys that say which version this is rather than what it does.
_IGNORED = frozenset({"version"})


@dataclass(frozen=True)
class Change:
    section: str  # one of SECTIONS
    path: str  # e.g. "applicant.email", "received → in_progress", "messages.completed.de"
    kind: str  # added | removed | changed
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class TemplateDiff:
    key: str
    old_version: int | None
    new_version: int
    changes: tuple[Change, ...]

    def section(self, name: str) -> list[Change]:
        return [c for c in self.changes if c.section == name]

    @property
    def empty(self) -> bool:
        return not self.changes


def diff_templates(old: dict[str, Any] | None, new: dict[str, Any]) -> TemplateDiff:
    """What changes from ``old`` (None: nothing live yet) to ``new``."""
    before = old or {}
    changes = [
        *_fields(before, new),
        *_workflow(before, new),
        *_checklist(before, new),
        *_texts(before, new),
        *_scalar(
            "deadline", "processing_days", before.get("processing_days"), new.get("processing_days")
        ),
        *_mapping("fee", "fee", before.get("fee") or {}, new.get("fee") or {}),
        *_other(before, new),
    ]
    return TemplateDiff(
        key=str(new.get("key", "")),
        old_version=before.get("version") if old is not None else None,
        new_version=int(new.get("version", 0)),
        changes=tuple(changes),
    )


def _scalar(section: str, path: str, old: Any, new: Any) -> Iterator[Change]:
    if old == new:
        return
    kind = "added" if old is None else "removed" if new is None else "changed"
    yield Change(section, path, kind, old, new)


def _mapping(
    section: str, prefix: str, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[Change]:
    for key in sorted(set(old) | set(new)):
        yield from _scalar(section, f"{prefix}.{key}", old.get(key), new.get(key))


def _field_index(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = {}
    for group in raw.get("field_groups") or []:
        if not isinstance(group, dict):
            continue
        for position, item in enumerate(group.get("fields") or []):
            if isinstance(item, dict):
                index[f"{group.get('key')}.{item.get('key')}"] = {**item, "position": position}
    return index


def _fields(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    groups_old = {g.get("key"): g for g in old.get("field_groups") or [] if isinstance(g, dict)}
    groups_new = {g.get("key"): g for g in new.get("field_groups") or [] if isinstance(g, dict)}
    for key in sorted(set(groups_old) | set(groups_new), key=str):
        if key not in groups_new:
            yield Change("fields", str(key), "removed", groups_old[key].get("label"), None)
        elif key not in groups_old:
            yield Change("fields", str(key), "added", None, groups_new[key].get("label"))
        elif groups_old[key].get("label") != groups_new[key].get("label"):
            yield Change(
                "fields",
                f"{key} (label)",
                "changed",
                groups_old[key].get("label"),
                groups_new[key].get("label"),
            )
    fields_old, fields_new = _field_index(old), _field_index(new)
    for path in sorted(set(fields_old) | set(fields_new)):
        if path not in fields_new:
            yield Change("fields", path, "removed", fields_old[path], None)
        elif path not in fields_old:
            yield Change("fields", path, "added", None, fields_new[path])
        elif fields_old[path] != fields_new[path]:
            yield Change("fields", path, "changed", fields_old[path], fields_new[path])


def _edges(raw: dict[str, Any]) -> dict[str, list[str]]:
    workflow = raw.get("workflow") or {}
    return {
        f"{t.get('from')} → {t.get('to')}": sorted(t.get("requires") or [])
        for t in workflow.get("transitions") or []
        if isinstance(t, dict)
    }


def _workflow(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    states_old = set((old.get("workflow") or {}).get("states") or [])
    states_new = set((new.get("workflow") or {}).get("states") or [])
    for state in sorted(states_old - states_new):
        yield Change("workflow", f"state {state}", "removed", state, None)
    for state in sorted(states_new - states_old):
        yield Change("workflow", f"state {state}", "added", None, state)
    edges_old, edges_new = _edges(old), _edges(new)
    for edge in sorted(set(edges_old) | set(edges_new)):
        if edge not in edges_new:
            yield Change("workflow", edge, "removed", edges_old[edge], None)
        elif edge not in edges_old:
            yield Change("workflow", edge, "added", None, edges_new[edge])
        elif edges_old[edge] != edges_new[edge]:
            yield Change("workflow", edge, "changed", edges_old[edge], edges_new[edge])
    labels_old = (old.get("workflow") or {}).get("labels") or {}
    labels_new = (new.get("workflow") or {}).get("labels") or {}
    yield from _texts_of("workflow", "labels", labels_old, labels_new)


def _checklist_index(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        str(item.get("key")): {**item, "position": position}
        for position, item in enumerate(raw.get("checklist") or [])
        if isinstance(item, dict)
    }


def _checklist(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    """Items added or removed, and per item what changed: label, required-before, position."""
    items_old, items_new = _checklist_index(old), _checklist_index(new)
    for key in sorted(set(items_old) | set(items_new)):
        if key not in items_new:
            yield Change("checklist", key, "removed", items_old[key], None)
        elif key not in items_old:
            yield Change("checklist", key, "added", None, items_new[key])
        else:
            before, after = items_old[key], items_new[key]
            yield from _texts_of(
                "checklist", key, {"label": before.get("label")}, {"label": after.get("label")}
            )
            for name in sorted((set(before) | set(after)) - {"key", "label"}):
                yield from _scalar("checklist", f"{key}.{name}", before.get(name), after.get(name))


def _texts_of(
    section: str, prefix: str, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[Change]:
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key) or {}, new.get(key) or {}
        for language in sorted(set(before) | set(after)):
            path = f"{prefix}.{key}.{language}" if prefix else f"{key}.{language}"
            yield from _scalar(section, path, before.get(language), after.get(language))


def _texts(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    yield from _texts_of(
        "texts",
        "",
        {"name": old.get("name"), "description": old.get("description")},
        {"name": new.get("name"), "description": new.get("description")},
    )
    yield from _texts_of("texts", "messages", old.get("messages") or {}, new.get("messages") or {})
    cert_old, cert_new = old.get("certificate") or {}, new.get("certificate") or {}
    yield from _texts_of(
        "texts",
        "certificate",
        {k: cert_old.get(k) for k in ("title", "body")},
        {k: cert_new.get(k) for k in ("title", "body")},
    )


def _other(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    handled = {
        "field_groups",
        "workflow",
        "name",
        "description",
        "messages",
        "certificate",
        "processing_days",
        "fee",
        "checklist",
    }
    for key in sorted((set(old) | set(new)) - handled - _IGNORED):
        yield from _scalar("other", key, old.get(key), new.get(key))
    yield from _scalar(
        "other",
        "certificate.layout",
        (old.get("certificate") or {}).get("layout"),
        (new.get("certificate") or {}).get("layout"),
    )
