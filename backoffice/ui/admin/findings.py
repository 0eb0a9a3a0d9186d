"""The configuration check's findings as a list: severity, where, what (in the UI language).

The check (:func:`~backoffice.domain.template_check.check_template`) returns findings with
a stable code, a JSON path and an English message; the sentences and the places in words are
the template editor's (:mod:`backoffice.ui.admin.editor.findings`), so that both say the
same; the code, the path and the English message stay in the tooltip for support. Every
finding stops publishing, so each is an error. Template texts are data: plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from backoffice.domain.template_check import Finding
from backoffice.ui.admin.editor.findings import finding_text, place
from backoffice.ui.admin.wrapping import WrappingDelegate
from backoffice.ui.icons import icon
from backoffice.ui.texts import plain_tooltip


def in_template(finding: Finding) -> Finding:
    """A finding in an import file's definition as the same finding in the template."""
    if not finding.path.startswith("$.definition"):
        return finding
    path = "$" + finding.path[len("$.definition") :]
    return Finding(finding.code, path, finding.message, finding.details)


def location_text(path: str) -> str:
    """Where a finding points, in words (else its JSON path without the root marker)."""
    if path in ("", "$"):
        return QCoreApplication.translate("Findings", "(the whole template)")
    named = place(path)
    return named[2:] if named == path and path.startswith("$.") else named


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
        for original in self.findings:
            finding = in_template(original)
            item = QTreeWidgetItem(
                [self.tr("Error"), location_text(finding.path), finding_text(finding)]
            )
            item.setIcon(0, icon("error"))
            technical = plain_tooltip(f"{original.code}: {original}")
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


__all__ = ["FindingsList", "in_template", "location_text"]
