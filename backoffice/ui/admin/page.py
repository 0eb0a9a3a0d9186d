"""One page of the administration workspace (a tab): services, users, portal, audit.

A page is built with the :class:`UiContext` like any panel, holds no SQL and no HTTP,
and runs every service call in a worker. The workspace shows the pages whose
:attr:`AdminPage.permission` the actor has (the services check again) and calls the
hooks below; a page loads what it shows the first time it is brought up
(:meth:`activate`), not when the window starts.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.services.administration import AdministrationServices
from backoffice.ui.context import UiContext


class AdminPage(QWidget):
    """Base class of the administration pages; see the module documentation."""

    #: Stable name: object names, settings keys, tests.
    key: ClassVar[str] = ""
    #: The permission a role needs for the workspace to show this page.
    permission: ClassVar[Permission] = Permission.MANAGE_TEMPLATES
    #: Tables whose changes (another desktop, a sync) the page shows.
    tables: ClassVar[frozenset[str]] = frozenset()

    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: Show this case (its id) where cases are shown.
    open_case_requested = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._loaded = False
        self.setObjectName(f"{self.key}AdminPage")

    @classmethod
    def allowed(cls, actor: Actor) -> bool:
        return actor.can(cls.permission)

    @property
    def administration(self) -> AdministrationServices:
        services = self._ctx.services.administration
        if services is None:  # the composition root always builds them; tests may not
            raise RuntimeError("the administration services are not available")
        return services

    def title(self) -> str:
        """The tab's name."""
        raise NotImplementedError

    def icon(self) -> QIcon:
        return QIcon()

    def activate(self) -> None:
        """The page has been brought up: load it the first time."""
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        """Read everything again (F5, or the first time it is shown)."""

    def data_changed(self, tables: frozenset[str]) -> None:
        """Another desktop or a sync changed these tables."""
        if tables & self.tables:
            if self.isVisible():
                self.refresh()
            else:
                self._loaded = False

    def save_layout(self) -> None:
        """Keep splitter and header states in the settings."""

    def shut_down(self) -> None:
        """The window closes: stop timers, remove temporary files (idempotent)."""


__all__ = ["AdminPage"]
