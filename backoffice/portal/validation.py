"""Incoming metadata checked against FITKO's metadata schema 1.0.0 (draft 2020-12), formats on.

The schema ships with the program (``backoffice.assets``; its origin: the README beside it).
Errors come back as readable lines, ``<JSON path>: <message>``, the most relevant first
(jsonschema's best match).

Format checks: jsonschema checks ``date-time`` and ``uri`` only when optional packages are
installed, and silently passes them otherwise. So that the result never depends on what happens
to be installed, both are checked here: RFC 3339 date-times and RFC 3986 absolute URIs.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jsonschema
import jsonschema.exceptions
from jsonschema import Draft202012Validator, FormatChecker

from backoffice import assets
from backoffice.portal.errors import clean_text

METADATA_SCHEMA_FILE = "metadata.schema.v1.0.0.json"

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# RFC 3986 absolute URI: scheme ":" hier-part, no spaces or characters outside the grammar.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats apply to strings only
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_URI.match(value)) and not _PERCENT.search(value)


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("date-time")(_is_datetime)
    checker.checks("uri")(_is_uri)
    return checker


@functools.cache
def _metadata_validator() -> Draft202012Validator:
    schema = json.loads(assets.schema(METADATA_SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=format_checker())


@dataclass(frozen=True)
class SchemaError:
    path: str  # JSON path of the offending value, "$" for the document itself
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _readable(error: jsonschema.exceptions.ValidationError) -> SchemaError:
    path = "$" + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    return SchemaError(path, clean_text(error.message, 200))


def metadata_errors(metadata: Any) -> list[SchemaError]:
    """Every schema violation of ``metadata`` (parsed JSON), the best match first; [] if valid."""
    validator = _metadata_validator()
    errors = list(validator.iter_errors(metadata))
    if not errors:
        return []
    best = jsonschema.exceptions.best_match(errors)
    rest = sorted(
        (e for e in errors if e is not best), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [_readable(best), *(_readable(e) for e in rest)]


def first_metadata_error(metadata: Any) -> str | None:
    """``"<path>: <message>"`` of the most relevant violation, or None when valid."""
    errors = metadata_errors(metadata)
    return str(errors[0]) if errors else None
