"""The team lead's dashboard as a workspace (Ctrl+3), for roles that may see the workload.

It shows the :class:`DashboardPanel`, sends a tile's drill-down to the inbox
(``show_cases_requested``), and contributes the *Team* menu: absences and
deputies, the CSV export and the PDF report. The figures are computed when the
workspace is first brought up, on F5, and again when cases changed (at once while
it is shown, else the next time it comes up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from backoffice.domain.roles import Permission
from backoffice.ui.context import UiContext
from backoffice.ui.dashboard.export import DashboardExports
from backoffice.ui.icons import icon
from backoffice.ui.workspace import Shell, Workspace

if TYPE_CHECKING:
    from backoffice.ui.dashboard.absences import AbsenceDialog

#: Tables whose changes move the figures.
FIGURE_TABLES = frozenset({"cases", "case_events", "users", "absences"})


class DashboardWorkspace(Workspace):
    """The team figures; see the module documentation."""

    key = "dashboard"
    permission = Permission.VIEW_WORKLOAD

    def __init__(self, context: UiContext, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(context, shell, parent)
        # QtCharts is loaded only for the roles that see the dashboard.
        from backoffice.ui.dashboard.panel import DashboardPanel

        self.panel = DashboardPanel(context, self)
        self.panel.drill_requested.connect(self.show_cases_requested)
        self._stale = True
        #: The absence dialog while it is open.
        self.absence_dialog: AbsenceDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)

        self.exports = DashboardExports(context, lambda: self.panel.dashboard, self)
        self.exports.status_message.connect(self.status_message)
        self.panel.loaded.connect(lambda _dashboard: self.exports.set_enabled(True))
        self.absences_action = QAction(icon("absence"), self.tr("&Absences and deputies…"), self)
        self.absences_action.setToolTip(
            self.tr("Mark a clerk absent, with a deputy; give cases back afterwards")
        )
        self.absences_action.triggered.connect(self.show_absences)
        self.absences_action.setEnabled(context.actor.can(Permission.ASSIGN_CASES))
        self.team_menu = QMenu(self.tr("&Team"), self)
        self.team_menu.addAction(self.absences_action)
        self.team_menu.addSeparator()
        self.team_menu.addAction(self.exports.csv_action)
        self.team_menu.addAction(self.exports.pdf_action)

    # -- what the window shows ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("&Team dashboard")

    def icon(self) -> QIcon:
        return icon("dashboard")

    def description(self) -> str:
        return self.tr("The team's figures: open, overdue, inflow, lead times, forecast")

    def shortcuts(self) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+3")]

    def menus(self) -> list[QMenu]:
        return [self.team_menu]

    def toolbar_actions(self) -> list[QAction | None]:
        return [self.absences_action, self.exports.csv_action, self.exports.pdf_action]

    # -- loading ------------------------------------------------------------------------------

    def activate(self) -> None:
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._stale:
            self._load()

    def refresh(self) -> None:
        self._load()

    def poll(self) -> None:
        self._changed()

    def data_changed(self, tables: frozenset[str]) -> None:
        if tables & FIGURE_TABLES:
            self._changed()

    def _changed(self) -> None:
        if self.isVisible():
            self._load()
        else:
            self._stale = True

    def _load(self) -> None:
        self._stale = False
        self.panel.load()

    # -- absences -----------------------------------------------------------------------------

    def show_absences(self) -> None:
        if self.absence_dialog is not None:
            self.absence_dialog.raise_()
            return
        from backoffice.ui.dashboard.absences import AbsenceDialog

        shown = self.panel.dashboard
        dialog = AbsenceDialog(self._ctx, shown.today if shown is not None else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cases_moved.connect(self._changed)
        dialog.finished.connect(lambda _result: self._absences_closed(dialog))
        self.absence_dialog = dialog
        dialog.open()

    def _absences_closed(self, dialog: AbsenceDialog) -> None:
        if self.absence_dialog is dialog:
            self.absence_dialog = None


__all__ = ["DashboardWorkspace"]
