"""Template files for the services page: writing an export, reading an import (in a worker).

The document is the service's own (:meth:`TemplateVersions.export_document`); this module
only moves it to and from a file, as the command line does (``catalogue export|import``):
UTF-8 JSON, sorted keys, a size limit on what is read. An import is checked first and the
findings come back instead of an error, so that the page can list them all; nothing is
stored then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from backoffice.domain.template_check import Finding
from backoffice.services.actor import Actor
from backoffice.services.template_versions import ImportResult, TemplateVersions

#: Import files larger than this are refused unread (a template is a few kB).
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImportOutcome:
    #: Stored (or found stored already); None when the file was refused.
    result: ImportResult | None = None
    #: What is missing or invalid in the file (nothing stored).
    findings: list[Finding] = field(default_factory=list)
    #: Why the file could not be read at all (English technical text; nothing stored).
    unreadable: str | None = None


def export_file_name(key: str, version: int) -> str:
    return f"{key}-v{version}.json"


def write_export(
    templates: TemplateVersions, actor: Actor, key: str, version: int, path: Path
) -> Path:
    document = templates.export_document(actor, key, version)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def import_file(templates: TemplateVersions, actor: Actor, path: Path) -> ImportOutcome:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            return ImportOutcome(unreadable=f"larger than {MAX_IMPORT_BYTES} bytes")
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return ImportOutcome(unreadable=exc.strerror or str(exc))
    except ValueError as exc:  # not UTF-8, not JSON
        return ImportOutcome(unreadable=f"not valid JSON ({exc})")
    findings = templates.check_import(document)
    if findings:
        return ImportOutcome(findings=findings)
    return ImportOutcome(result=templates.import_document(actor, document))


__all__ = ["MAX_IMPORT_BYTES", "ImportOutcome", "export_file_name", "import_file", "write_export"]
