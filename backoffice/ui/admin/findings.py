"""The configuration check's findings as a list: severity, where, what (in the UI language).

The check (:func:`~backoffice.domain.template_check.check_template`) returns findings with
a stable code, a JSON path and an English message; here each code becomes a sentence for the
administrator, the English message stays in the tooltip for support. Every finding stops
publishing, so each is an error. Template texts are data: shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from backoffice.domain.status import Status
from backoffice.domain.template_check import Finding
from backoffice.domain.templates import PLACEHOLDERS
from backoffice.ui.admin.wrapping import WrappingDelegate
from backoffice.ui.icons import icon
from backoffice.ui.texts import plain_tooltip, status_name


def _status(code: object) -> str:
    try:
        return status_name(Status(str(code)))
    except ValueError:
        return str(code)


def finding_text(finding: Finding) -> str:
    """What a finding means, in the UI language."""
    details = finding.details
    code = finding.code
    if code == "schema_invalid":
        return QCoreApplication.translate(
            "Findings", "Not a valid template here: {message}"
        ).format(message=finding.message)
    if code == "transition_not_core":
        return QCoreApplication.translate(
            "Findings", "This status change is not part of the workflow every service shares."
        )
    if code == "status_not_in_workflow":
        return QCoreApplication.translate(
            "Findings", "The status “{status}” is not one of the service's states."
        ).format(status=_status(details.get("status")))
    if code == "status_unreachable":
        return QCoreApplication.translate(
            "Findings", "No way leads to the status “{status}”."
        ).format(status=_status(details.get("status")))
    if code == "status_without_exit":
        return QCoreApplication.translate(
            "Findings", "A case in the status “{status}” could never leave it."
        ).format(status=_status(details.get("status")))
    if code == "message_missing":
        return QCoreApplication.translate(
            "Findings", "The message to the applicant for “{status}” is missing."
        ).format(status=_status(details.get("status")))
    if code == "requirement_unsatisfiable":
        return QCoreApplication.translate(
            "Findings", "Nobody can meet the requirement “{requirement}” here: {message}"
        ).format(requirement=details.get("requirement", ""), message=finding.message)
    if code == "text_empty":
        return QCoreApplication.translate("Findings", "This text is empty ({language}).").format(
            language=details.get("language", "")
        )
    if code == "placeholder_broken":
        return QCoreApplication.translate(
            "Findings", "A placeholder in this text is broken: {message}"
        ).format(message=finding.message)
    if code == "placeholder_unknown":
        return QCoreApplication.translate(
            "Findings", "The placeholder {name} is unknown; allowed are {allowed}."
        ).format(
            name="{" + str(details.get("placeholder", "")) + "}",
            allowed=", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS)),
        )
    if code == "layout_unknown":
        return QCoreApplication.translate(
            "Findings", "The certificate layout “{layout}” does not exist."
        ).format(layout=details.get("layout", ""))
    if code == "layout_field_missing":
        return QCoreApplication.translate(
            "Findings", "The certificate layout prints {field}, which the form does not ask for."
        ).format(field=details.get("field", ""))
    if code == "import_invalid":
        return QCoreApplication.translate(
            "Findings", "The file is incomplete or inconsistent: {message}"
        ).format(message=finding.message)
    return finding.message


def location_text(path: str) -> str:
    """The JSON path without its root marker ("messages.completed.de"); the root itself
    reads as "the whole file"."""
    if path in ("", "$"):
        return QCoreApplication.translate("Findings", "(the whole template)")
    return path[2:] if path.startswith("$.") else path


class FindingsList(QTreeWidget):
    """The findings of one check or one import file; empty when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Severity"), self.tr("Location"), self.tr("Problem")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrappingDelegate(self))
        # Wrapped rows change height with their column's width.
        self.header().sectionResized.connect(lambda *_sizes: self.scheduleDelayedItemsLayout())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 260)
        self.findings: list[Finding] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show these findings; the list hides while there are none."""
        self.clear()
        self.findings = list(findings)
        self.setVisible(bool(self.findings))
        for finding in self.findings:
            item = QTreeWidgetItem(
                [self.tr("Error"), location_text(finding.path), finding_text(finding)]
            )
            item.setIcon(0, icon("error"))
            technical = plain_tooltip(f"{finding.code}: {finding}")
            for column in range(3):
                item.setToolTip(column, technical)
            item.setData(0, Qt.ItemDataRole.UserRole, finding.code)
            self.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the list shows, row by row (for tests and the screenshot check)."""
        result = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            assert item is not None
            result.append((item.text(0), item.text(1), item.text(2)))
        return result


__all__ = ["FindingsList", "finding_text", "location_text"]
