"""The main window's stack of workspaces and the switcher between them.

:class:`WorkspaceStack` builds the workspaces the actor's role is allowed
(:meth:`Workspace.allowed`), one checkable switch action per workspace (its title,
icon and shortcuts; for the View menu and the toolbar), and, when a workspace comes
to the front, moves its contributions into the window: its menus before *View*, its
View entries after the switch entries, its toolbar entries after the window's own.
The previous workspace's contributions leave with it, so a hidden workspace's
actions are neither shown nor reachable by their keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStackedWidget, QToolBar, QWidget

from backoffice.ui.context import UiContext
from backoffice.ui.texts import plain_tooltip
from backoffice.ui.workspace import Shell, Workspace


class WorkspaceStack(QStackedWidget):
    """The workspaces, one shown at a time; see the module documentation."""

    #: Another workspace is in front (its key).
    switched = Signal(str)

    def __init__(
        self,
        context: UiContext,
        shell: Shell,
        kinds: Iterable[type[Workspace]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspaces: dict[str, Workspace] = {}
        self.group = QActionGroup(self)
        #: The switch action of each workspace, by key.
        self.switch_actions: dict[str, QAction] = {}
        for kind in kinds:
            if kind.allowed(context.actor):
                self._add(kind(context, shell, self))
        self._menu_bar: QMenuBar | None = None
        self._view_menu: QMenu | None = None
        self._toolbar: QToolBar | None = None
        self._view_separator: QAction | None = None
        self._contributed: list[tuple[QWidget, QAction]] = []

    def _add(self, workspace: Workspace) -> None:
        self.addWidget(workspace)
        self.workspaces[workspace.key] = workspace
        action = QAction(workspace.icon(), workspace.title(), self.group)
        action.setCheckable(True)
        action.setShortcuts(workspace.shortcuts())
        tip = workspace.description()
        if workspace.shortcuts():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({keys})"
        action.setToolTip(plain_tooltip(tip))
        action.triggered.connect(partial(self.show_workspace, workspace.key))
        workspace.activation_requested.connect(partial(self.show_workspace, workspace.key))
        self.switch_actions[workspace.key] = action

    def __iter__(self) -> Iterator[Workspace]:
        return iter(self.workspaces.values())

    def attach(self, menu_bar: QMenuBar, view_menu: QMenu, toolbar: QToolBar) -> None:
        """Where the workspaces' contributions go; the switch entries are added here (the
        window adds them to itself too, so that their keys work wherever the focus is)."""
        self._menu_bar, self._view_menu, self._toolbar = menu_bar, view_menu, toolbar
        view_menu.addActions(list(self.switch_actions.values()))
        self._view_separator = view_menu.addSeparator()
        if len(self.switch_actions) > 1:  # at the toolbar's start, like tabs
            entries = toolbar.actions()
            if entries:
                toolbar.insertActions(entries[0], list(self.switch_actions.values()))
                toolbar.insertSeparator(entries[0])
            else:
                toolbar.addActions(list(self.switch_actions.values()))

    @property
    def current(self) -> Workspace | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, Workspace) else None

    def show_workspace(self, key: str) -> None:
        """Bring a workspace to the front, with its menus and toolbar entries."""
        workspace = self.workspaces.get(key)
        if workspace is None:
            return
        self.switch_actions[key].setChecked(True)
        self._withdraw()
        self.setCurrentWidget(workspace)
        self._contribute(workspace)
        workspace.activate()
        self.switched.emit(key)

    def _withdraw(self) -> None:
        for widget, action in self._contributed:
            widget.removeAction(action)
            if action.isSeparator() and action.parent() is widget:
                action.deleteLater()  # made for this workspace's entries
        self._contributed = []

    def _contribute(self, workspace: Workspace) -> None:
        bar, view, toolbar = self._menu_bar, self._view_menu, self._toolbar
        if bar is None or view is None or toolbar is None or self._view_separator is None:
            return
        added = self._contributed
        for menu in workspace.menus():
            bar.insertAction(view.menuAction(), menu.menuAction())
            added.append((bar, menu.menuAction()))
        for action in workspace.view_actions():
            view.addAction(action)
            added.append((view, action))
        self._view_separator.setVisible(bool(workspace.view_actions()))
        entries = workspace.toolbar_actions()
        for entry in [None, *entries] if entries else []:
            if entry is None:
                added.append((toolbar, toolbar.addSeparator()))
            else:
                toolbar.addAction(entry)
                added.append((toolbar, entry))


__all__ = ["WorkspaceStack"]
