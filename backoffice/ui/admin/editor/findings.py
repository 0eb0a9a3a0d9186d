"""The configuration check's findings in the UI language, and where each belongs."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from backoffice.domain.status import Status
from backoffice.domain.template_check import Finding
from backoffice.ui.admin.editor.sections import language_name
from backoffice.ui.texts import status_name

#: The editor's pages, by the first key of a finding's JSON path.
PAGE_OF_PATH = {
    "field_groups": "form",
    "workflow": "workflow",
    "messages": "messages",
    "certificate": "certificate",
}


def _status(value: object) -> str:
    text = str(value)
    return status_name(Status(text)) if text in Status._value2member_map_ else text


def place(path: str) -> str:
    """Where in the template a JSON path points, in words."""
    match = re.match(r"^\$\.messages\.(\w+)\.(de|en)$", path)
    if match:
        return QCoreApplication.translate(
            "TemplateEditor", "message for “{status}”, {language}"
        ).format(status=_status(match[1]), language=language_name(match[2]))
    match = re.match(r"^\$\.field_groups\[(\d+)\]\.fields\[(\d+)\]\.label\.(de|en)$", path)
    if match:
        return QCoreApplication.translate(
            "TemplateEditor", "label of field {field} in group {group}, {language}"
        ).format(field=int(match[2]) + 1, group=int(match[1]) + 1, language=language_name(match[3]))
    match = re.match(r"^\$\.field_groups\[(\d+)\]\.label\.(de|en)$", path)
    if match:
        return QCoreApplication.translate(
            "TemplateEditor", "label of group {group}, {language}"
        ).format(group=int(match[1]) + 1, language=language_name(match[2]))
    match = re.match(r"^\$\.certificate\.(title|body)\.(de|en)$", path)
    if match:
        what = (
            QCoreApplication.translate("TemplateEditor", "certificate title")
            if match[1] == "title"
            else QCoreApplication.translate("TemplateEditor", "certificate text")
        )
        return f"{what}, {language_name(match[2])}"
    match = re.match(r"^\$\.(name|description)\.(de|en)$", path)
    if match:
        what = (
            QCoreApplication.translate("TemplateEditor", "service name")
            if match[1] == "name"
            else QCoreApplication.translate("TemplateEditor", "description")
        )
        return f"{what}, {language_name(match[2])}"
    return path


def finding_text(finding: Finding) -> str:
    """One finding as a sentence for the administrator."""
    details = finding.details
    code = finding.code
    if code == "status_without_exit":
        return QCoreApplication.translate(
            "TemplateEditor", "The open status “{status}” has no way out."
        ).format(status=_status(details.get("status")))
    if code == "status_unreachable":
        return QCoreApplication.translate(
            "TemplateEditor", "No transition leads to the status “{status}”."
        ).format(status=_status(details.get("status")))
    if code == "status_not_in_workflow":
        return QCoreApplication.translate(
            "TemplateEditor", "A transition uses the status “{status}”, which is not in use."
        ).format(status=_status(details.get("status")))
    if code == "message_missing":
        return QCoreApplication.translate(
            "TemplateEditor", "The message for “{status}” is missing."
        ).format(status=_status(details.get("status")))
    if code == "transition_not_core":
        return QCoreApplication.translate(
            "TemplateEditor", "A transition is not part of the core workflow ({detail})."
        ).format(detail=finding.message)
    if code == "requirement_unsatisfiable":
        return QCoreApplication.translate(
            "TemplateEditor", "A transition requires something nobody can provide ({detail})."
        ).format(detail=finding.message)
    if code == "text_empty":
        return QCoreApplication.translate("TemplateEditor", "A text is empty: {place}.").format(
            place=place(finding.path)
        )
    if code == "placeholder_unknown":
        return QCoreApplication.translate(
            "TemplateEditor", "Unknown placeholder {{{name}}} in the {place}."
        ).format(name=details.get("placeholder", ""), place=place(finding.path))
    if code == "placeholder_broken":
        return QCoreApplication.translate(
            "TemplateEditor", "A curly brace that is not a placeholder in the {place}."
        ).format(place=place(finding.path))
    if code == "layout_unknown":
        return QCoreApplication.translate(
            "TemplateEditor", "Unknown certificate layout “{layout}”."
        ).format(layout=details.get("layout", ""))
    if code == "layout_field_missing":
        return QCoreApplication.translate(
            "TemplateEditor",
            "The certificate layout prints the field {field}, which the form lacks.",
        ).format(field=details.get("field", ""))
    return QCoreApplication.translate(
        "TemplateEditor", "Not in the template format: {path}: {detail}"
    ).format(path=finding.path, detail=finding.message)


def page_of(finding: Finding) -> str:
    match = re.match(r"^\$\.(\w+)", finding.path)
    return PAGE_OF_PATH.get(match[1], "general") if match else "general"


__all__ = ["finding_text", "page_of", "place"]
