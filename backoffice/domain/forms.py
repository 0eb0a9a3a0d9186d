"""The data schema of a service's form, derived from its template.

Incoming form data (`{group: {field: value}}`) is validated against this JSON
schema when its ``submissionSchema.schemaUri`` names one of our services.
Unknown groups and fields are allowed (portals add technical fields); types,
required fields and lengths are checked. A required field is filled only when it holds
something visible: a value of only spaces, line breaks or invisible characters (zero-width
space, soft hyphen, bidi marks, Hangul fillers) counts as empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .templates import ServiceTemplate

_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "multiline": {"type": "string"},
    "email": {"type": "string", "maxLength": 320},
    "phone": {"type": "string", "maxLength": 40},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "number": {"type": ["number", "string"]},
    "boolean": {"type": "boolean"},
}


#: Something visible: a character that is neither whitespace nor one that draws nothing.
#: (JSON-schema patterns are searched, not anchored; the escapes work in Python and ECMA.)
VISIBLE_CHARACTER = (
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)


def is_blank(value: Any) -> bool:
    """Whether a form value counts as not filled in (None, or text with nothing visible)."""
    if value is None:
        return True
    return isinstance(value, str) and re.search(VISIBLE_CHARACTER, value) is None


def form_schema(template: ServiceTemplate) -> dict[str, Any]:
    groups: dict[str, Any] = {}
    required_groups = []
    for group in template.field_groups:
        properties: dict[str, Any] = {}
        required = []
        for field in group.fields:
            if field.type == "choice":
                schema: dict[str, Any] = {"enum": [value for value, _ in field.options]}
            else:
                schema = dict(_FIELD_SCHEMAS[field.type])
            if field.max_length and schema.get("type") == "string":
                schema["maxLength"] = field.max_length
            properties[field.key] = schema
            if field.required:
                required.append(field.key)
                if "string" in _types(schema) and "pattern" not in schema:
                    schema["pattern"] = VISIBLE_CHARACTER
        groups[group.key] = {"type": "object", "properties": properties, "required": required}
        if required:
            required_groups.append(group.key)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": groups,
        "required": required_groups,
    }


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def unknown_fields(
    template: ServiceTemplate, form_data: Mapping[str, Any]
) -> list[tuple[str, ...]]:
    """Paths of the values in ``form_data`` that no field of the template shows.

    A portal may send more than our form has (technical fields, a newer form); those
    values are stored as received and must be shown somewhere, not silently dropped.
    ``("group", "field")`` for an unknown field of a group; ``("group",)`` for a whole
    group that is unknown or is not an object of fields.
    """
    fields = {group.key: {f.key for f in group.fields} for group in template.field_groups}
    paths: list[tuple[str, ...]] = []
    for group_key, values in form_data.items():
        if isinstance(values, Mapping):
            known = fields.get(group_key, set())
            paths.extend((group_key, key) for key in values if key not in known)
        elif values is not None or group_key not in fields:
            paths.append((group_key,))
    return paths
