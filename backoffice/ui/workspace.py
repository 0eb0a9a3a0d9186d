"""A workspace: one area of the main window, with its own actions, menus and toolbar entries.

The main window holds a stack of workspaces (the inbox with the case, the delivery
state; later the team lead's dashboard and the administration) and shows one at a
time. A workspace is built with the :class:`UiContext` and the window's shared
parts (:class:`Shell`) and contributes:

- what the switcher shows: :meth:`title`, :meth:`icon`, :meth:`description`, the
  :meth:`shortcuts` that bring it up;
- its own menus (between *File* and *View*), entries for the *View* menu and for the
  toolbar, present only while it is the current workspace. Actions whose shortcuts
  should work while it is shown are added to the workspace widget itself
  (``self.addAction``, window shortcut context): Qt honours them only while the
  widget is visible, so a hidden workspace's keys never fire;
- hooks the window calls: :meth:`start` once the shared data is loaded,
  :meth:`activate` when it is brought up, :meth:`refresh` (F5), :meth:`poll`
  (the periodic look), :meth:`data_changed` (another desktop or a sync changed
  tables), :meth:`open_case`, :meth:`show_letter` (where letters are shown; the
  window calls :meth:`offer_letters` on the others when one :meth:`shows_letters`),
  :meth:`save_layout`, :meth:`shut_down`;
- signals the window shows: a short status-bar message, the subject for the window
  title, a case to open (in whichever workspace opens cases), the cases of a filter to
  list (:meth:`show_cases`, in whichever workspace lists cases), a letter to show
  (:attr:`letter_requested`), a request to be shown.

:meth:`allowed` decides by the actor's role whether the window offers the workspace at
all (the services still check every permission).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.services.queries import CaseFilter
from backoffice.ui.context import UiContext
from backoffice.ui.settings import UiSettings

if TYPE_CHECKING:
    from backoffice.ui.delivery.portal import PortalSync


@dataclass(frozen=True)
class Shell:
    """What the main window shares with every workspace."""

    settings: UiSettings
    #: Fetching from the portal (the action, its progress and outcome; window-wide).
    portal: PortalSync


class Workspace(QWidget):
    """Base class of the main window's workspaces; see the module documentation."""

    #: Stable name: switcher, settings keys, object names, tests.
    key: ClassVar[str] = ""
    #: The permission a role needs for the window to offer this workspace.
    permission: ClassVar[Permission] = Permission.VIEW_CASES

    #: A short confirmation for the status bar.
    status_message = Signal(str)
    #: What the window title should name now (an open case's file number; "" for nothing).
    subject_changed = Signal(str)
    #: Show this case (its id) in the workspace that shows cases.
    open_case_requested = Signal(int)
    #: List the cases of this filter (a CaseFilter; a str naming it) where cases are listed.
    show_cases_requested = Signal(object, str)
    #: Show this letter (its document id) where letters are shown (the print queue).
    letter_requested = Signal(int)
    #: Bring this workspace to the front.
    activation_requested = Signal()
    #: The workspace changed something (a status, a message): the outbox may have work.
    data_written = Signal()

    def __init__(self, context: UiContext, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._shell = shell
        self.setObjectName(f"{self.key}Workspace")

    @classmethod
    def allowed(cls, actor: Actor) -> bool:
        """Whether the window offers this workspace to ``actor`` (by role)."""
        return actor.can(cls.permission)

    # -- what the switcher shows --------------------------------------------------------------

    def title(self) -> str:
        """The name in the switcher and the View menu (may carry an ``&`` mnemonic)."""
        raise NotImplementedError

    def icon(self) -> QIcon:
        return QIcon()

    def description(self) -> str:
        """A tooltip: what the workspace is for."""
        return ""

    def shortcuts(self) -> list[QKeySequence]:
        """The keys that bring the workspace up (the window adds none of its own)."""
        return []

    # -- what it contributes while current ----------------------------------------------------

    def menus(self) -> list[QMenu]:
        return []

    def view_actions(self) -> list[QAction]:
        return []

    def toolbar_actions(self) -> list[QAction | None]:
        """Toolbar entries; None is a separator."""
        return []

    # -- hooks --------------------------------------------------------------------------------

    def start(self) -> None:
        """The shared data (templates, user names) is known: load what the workspace shows."""

    def activate(self) -> None:
        """The workspace has been brought to the front."""

    def subject(self) -> str:
        """What the window title names while this workspace is current."""
        return ""

    def refresh(self) -> None:
        """The clerk asked to read everything again (F5)."""

    def poll(self) -> None:
        """The periodic look at the database: quietly, without disturbing the clerk."""

    def data_changed(self, tables: frozenset[str]) -> None:
        """Another desktop, or a sync, changed these tables."""

    def open_case(self, case_id: int) -> bool:
        """Show a case here if this workspace shows cases; True when it does."""
        return False

    def show_cases(self, flt: CaseFilter, label: str) -> bool:
        """List the cases of ``flt`` here if this workspace lists cases; True when it does."""
        return False

    def shows_letters(self) -> bool:
        """Whether :meth:`show_letter` shows letters here."""
        return False

    def show_letter(self, letter_id: int) -> bool:
        """Show a letter here if this workspace shows letters; True when it does."""
        return False

    def offer_letters(self) -> None:
        """Another workspace shows letters: offer to show them (e.g. a case's letters)."""

    def save_layout(self) -> None:
        """Keep splitter and header states in the settings (the window syncs them)."""

    def shut_down(self) -> None:
        """The window closes: stop timers, remove temporary files (idempotent)."""


__all__ = ["Shell", "Workspace"]
