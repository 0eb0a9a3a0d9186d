"""The side-by-side difference of two versions of a service template.

Built from :func:`~backoffice.domain.template_diff.diff_templates`: one row per change,
grouped by area (fields, workflow, texts, layout, deadline, fee, other), the older version
on the left and the newer on the right; an added entry is empty on the left, a removed one
empty on the right, and each row says in words what happened (not by colour alone). A field
that changed shows only its properties that differ. Everything is plain text: templates
carry texts that reach citizens, and the view shows them as they are.

:class:`DiffDialog` puts the view in a window with a choice of the two versions (by default
the draft against the version live today); the definitions are read in a worker.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.template_diff import Change, TemplateDiff, diff_templates
from backoffice.services.template_versions import TemplateVersions, VersionInfo
from backoffice.ui.admin.wrapping import WrappingDelegate
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.widgets import muted, plain_label

#: The areas in the order shown; the domain's "other" holds the certificate layout too.
AREAS = ("fields", "workflow", "texts", "layout", "deadline", "fee", "other")

#: Background of the left and right cell per kind of change (light, readable on white).
_COLOURS = {
    "added": (None, "#e6f4ea"),
    "removed": ("#fde7e7", None),
    "changed": ("#fff4d6", "#fff4d6"),
}


def area_of(change: Change) -> str:
    if change.section == "other" and change.path.startswith("certificate.layout"):
        return "layout"
    return change.section


def area_name(area: str) -> str:
    names = {
        "fields": QCoreApplication.translate("Diff", "Form fields"),
        "workflow": QCoreApplication.translate("Diff", "Workflow"),
        "texts": QCoreApplication.translate("Diff", "Texts"),
        "layout": QCoreApplication.translate("Diff", "Certificate layout"),
        "deadline": QCoreApplication.translate("Diff", "Processing deadline"),
        "fee": QCoreApplication.translate("Diff", "Fee"),
        "other": QCoreApplication.translate("Diff", "Other settings"),
    }
    return names.get(area, area)


def kind_name(kind: str) -> str:
    names = {
        "added": QCoreApplication.translate("Diff", "added"),
        "removed": QCoreApplication.translate("Diff", "removed"),
        "changed": QCoreApplication.translate("Diff", "changed"),
    }
    return names.get(kind, kind)


def _is_text(value: Any) -> bool:
    """A translated text: {"de": ..., "en": ...}."""
    return isinstance(value, dict) and bool(value) and set(value) <= {"de", "en"}


def compact(value: Any) -> str:
    """One value on one line: texts per language, lists joined, choices by value."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Diff", "yes")
            if value
            else QCoreApplication.translate("Diff", "no")
        )
    if isinstance(value, str | int | float):
        return str(value)
    if _is_text(value):
        return " · ".join(f"{language}: {value[language]}" for language in sorted(value))
    if isinstance(value, list):
        if not value:
            return QCoreApplication.translate("Diff", "(none)")
        if all(isinstance(item, dict) and "value" in item for item in value):
            return ", ".join(str(item["value"]) for item in value)
        return ", ".join(compact(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def property_name(key: str) -> str:
    """A form field's property in words (the JSON name for anything else)."""
    names = {
        "label": QCoreApplication.translate("Diff", "label"),
        "type": QCoreApplication.translate("Diff", "type"),
        "required": QCoreApplication.translate("Diff", "required"),
        "max_length": QCoreApplication.translate("Diff", "maximum length"),
        "options": QCoreApplication.translate("Diff", "choices"),
        "position": QCoreApplication.translate("Diff", "position"),
    }
    return names.get(key, key)


def side_text(value: Any, other: Any) -> str:
    """What one side of a row shows. A mapping (a form field, a fee) lists its properties
    one a line; against a mapping on the other side, only those that differ."""
    if value is None:
        return ""
    if isinstance(value, dict) and not _is_text(value):
        # A whole field (added or removed): its key is the row's name, its place no news.
        keys = [k for k in sorted(value) if k not in ("key", "position")]
        if isinstance(other, dict) and not _is_text(other):
            keys = [k for k in sorted(set(value) | set(other)) if value.get(k) != other.get(k)]
        first = [k for k in ("label", "type") if k in keys]
        ordered = first + [k for k in keys if k not in first]
        return "\n".join(f"{property_name(key)}: {compact(value.get(key))}" for key in ordered)
    return compact(value)


class TemplateDiffView(QTreeWidget):
    """The changes of one :class:`TemplateDiff`, grouped by area, old left and new right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDiff")
        self.setColumnCount(4)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrappingDelegate(self))
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        # Wrapped rows change height with their column's width.
        header.sectionResized.connect(lambda *_sizes: self.scheduleDelayedItemsLayout())
        self.setColumnWidth(0, 240)
        self.diff: TemplateDiff | None = None
        self.set_titles(self.tr("Before"), self.tr("After"))

    def set_titles(self, left: str, right: str) -> None:
        self.setHeaderLabels([self.tr("Entry"), self.tr("Change"), left, right])

    def set_diff(self, diff: TemplateDiff) -> None:
        self.clear()
        self.diff = diff
        for area in AREAS:
            changes = [c for c in diff.changes if area_of(c) == area]
            if not changes:
                continue
            group = QTreeWidgetItem([f"{area_name(area)} ({len(changes)})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setData(0, Qt.ItemDataRole.UserRole, area)
            self.addTopLevelItem(group)
            for change in changes:
                group.addChild(self._row(change))
            group.setExpanded(True)

    def _row(self, change: Change) -> QTreeWidgetItem:
        marker = {"added": "+", "removed": "−", "changed": "~"}.get(change.kind, "")
        item = QTreeWidgetItem(
            [
                f"{marker} {change.path}",
                kind_name(change.kind),
                side_text(change.old, change.new),
                side_text(change.new, change.old),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, change.kind)
        left, right = _COLOURS.get(change.kind, (None, None))
        for column, colour in ((2, left), (3, right)):
            if colour is not None:
                item.setBackground(column, QBrush(QColor(colour)))
                item.setForeground(column, QBrush(QColor("#1f2933")))
        for column in range(4):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return item

    # -- for tests and the screenshot check ---------------------------------------------------

    def areas(self) -> list[str]:
        result = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            assert item is not None
            result.append(str(item.data(0, Qt.ItemDataRole.UserRole)))
        return result

    def rows(self, area: str) -> list[tuple[str, str, str, str]]:
        """(entry, kind, left, right) of the rows of one area."""
        for index in range(self.topLevelItemCount()):
            group = self.topLevelItem(index)
            assert group is not None
            if group.data(0, Qt.ItemDataRole.UserRole) != area:
                continue
            rows = []
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                assert child is not None
                rows.append(
                    (
                        child.text(0),
                        str(child.data(0, Qt.ItemDataRole.UserRole)),
                        child.text(2),
                        child.text(3),
                    )
                )
            return rows
        return []


def version_label(info: VersionInfo | None) -> str:
    """ "v3 (draft)", "v1 (published, live)" … for the version choice."""
    if info is None:
        return QCoreApplication.translate("Diff", "nothing (no version live)")
    state = {
        "draft": QCoreApplication.translate("Diff", "draft"),
        "published": QCoreApplication.translate("Diff", "published"),
        "ended": QCoreApplication.translate("Diff", "ended"),
    }.get(info.state, info.state)
    if info.live:
        state = QCoreApplication.translate("Diff", "{state}, live today").format(state=state)
    return f"v{info.version} ({state})"


def load_diff(
    templates: TemplateVersions, context: UiContext, key: str, old: int | None, new: int
) -> TemplateDiff:
    """In a worker: the two definitions, compared (``old`` None: against nothing)."""
    actor = context.actor
    before = templates.definition(actor, key, old) if old is not None else None
    return diff_templates(before, templates.definition(actor, key, new))


class DiffDialog(QDialog):
    """Two versions of one service side by side; see the module documentation."""

    def __init__(
        self,
        context: UiContext,
        templates: TemplateVersions,
        key: str,
        name: str,
        versions: Sequence[VersionInfo],
        old: int | None,
        new: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateDiffDialog")
        self._ctx = context
        self._templates = templates
        self._key = key
        self._versions = list(versions)
        self.setWindowTitle(self.tr("Differences: {service}").format(service=name))
        self.resize(1100, 680)
        self.old_combo = QComboBox(self)
        self.old_combo.addItem(version_label(None), None)
        self.new_combo = QComboBox(self)
        for info in self._versions:
            self.old_combo.addItem(version_label(info), info.version)
            self.new_combo.addItem(version_label(info), info.version)
        self.old_combo.setCurrentIndex(max(0, self.old_combo.findData(old)))
        self.new_combo.setCurrentIndex(max(0, self.new_combo.findData(new)))
        self.old_combo.currentIndexChanged.connect(self.load)
        self.new_combo.currentIndexChanged.connect(self.load)
        self.view = TemplateDiffView(self)
        self.summary = plain_label("", self, wrap=True, selectable=True)
        self.summary.setObjectName("diffSummary")
        hint = muted(
            plain_label(
                self.tr(
                    "Left the older version, right the newer one; an added entry is empty on "
                    "the left, a removed one on the right."
                ),
                self,
                wrap=True,
            )
        )
        choice = QHBoxLayout()
        choice.addWidget(plain_label(self.tr("Compare"), self))
        choice.addWidget(self.old_combo)
        choice.addWidget(plain_label(self.tr("with"), self))
        choice.addWidget(self.new_combo)
        choice.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.load()

    def _info(self, version: int | None) -> VersionInfo | None:
        return next((v for v in self._versions if v.version == version), None)

    def load(self) -> None:
        old = self.old_combo.currentData()
        new = self.new_combo.currentData()
        if new is None:
            return
        self.view.set_titles(version_label(self._info(old)), version_label(self._info(new)))
        self.summary.setText(self.tr("Reading the versions…"))
        self._ctx.runner.run(
            partial(load_diff, self._templates, self._ctx, self._key, old, new),
            done=self._loaded,
            failed=self._failed,
            owner=self,
            name="template difference",
        )

    def _loaded(self, diff: TemplateDiff) -> None:
        self.view.set_diff(diff)
        if diff.empty:
            self.summary.setText(self.tr("The two versions do not differ."))
            return
        kinds = [c.kind for c in diff.changes]
        self.summary.setText(
            self.tr("%n change(s): ", "", len(kinds))
            + self.tr("{added} added, {removed} removed, {changed} changed").format(
                added=kinds.count("added"),
                removed=kinds.count("removed"),
                changed=kinds.count("changed"),
            )
        )

    def _failed(self, error: Exception) -> None:
        self.view.clear()
        self.summary.setText(
            self.tr("The versions could not be compared.") + " " + describe_error(error)
        )


__all__ = [
    "AREAS",
    "DiffDialog",
    "TemplateDiffView",
    "area_of",
    "compact",
    "load_diff",
    "side_text",
    "version_label",
]
