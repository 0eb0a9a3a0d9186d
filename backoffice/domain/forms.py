"""The data schema of a service's form, derived from its template.

Incoming form data (`{group: {field: value}}`) is validated against this JSON
schema when its ``submissionSchema.schemaUri`` names one of our services.
Unknown groups and fields are allowed (portals add technical fields); types,
required fields and lengths are checked.
"""

from __future__ import annotations

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
        groups[group.key] = {"type": "object", "properties": properties, "required": required}
        if required:
            required_groups.append(group.key)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": groups,
        "required": required_groups,
    }
