"""The delivery workspace: what came in rejected, what waits to be sent, the fetches, the
letters to print.

It shows the :class:`DeliveryPanel` over the whole window (Ctrl+Shift+D), feeds the
portal corner of the status bar with each overview it loads, and reads the overview
again after every sync, when another desktop changed the delivery tables, on F5, and
at the periodic look while it is shown. The status bar's portal button brings it up;
a waiting message's case opens in the inbox. It shows letters: a case's "show the letter"
brings it up on the print queue tab (:meth:`show_letter`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backoffice.ui.context import UiContext
from backoffice.ui.delivery.panel import DeliveryPanel
from backoffice.ui.icons import icon
from backoffice.ui.workspace import Shell, Workspace

#: Tables whose changes the delivery panel (and the status bar) show.
DELIVERY_TABLES = frozenset({"submissions", "outbox_messages", "sync_states", "documents"})


class DeliveryWorkspace(Workspace):
    """The delivery panel as a workspace; see the module documentation."""

    key = "delivery"

    def __init__(self, context: UiContext, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(context, shell, parent)
        self.panel = DeliveryPanel(context, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        portal = shell.portal
        self.panel.overview_loaded.connect(portal.status.show_overview)
        self.panel.open_case.connect(self.open_case_requested)
        self.panel.status_message.connect(self.status_message)
        portal.status.details_requested.connect(self.activation_requested)

    def title(self) -> str:
        return self.tr("&Delivery and portal")

    def icon(self) -> QIcon:
        return icon("delivery")

    def description(self) -> str:
        return self.tr("Rejected submissions, waiting messages, fetches and letters to print")

    def shortcuts(self) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+Shift+D"), QKeySequence("Ctrl+2")]

    def activate(self) -> None:
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def start(self) -> None:
        self.panel.refresh()

    def refresh(self) -> None:
        self.panel.refresh()

    def poll(self) -> None:
        if self.isVisible():
            self.panel.refresh()

    def data_changed(self, tables: frozenset[str]) -> None:
        if tables & DELIVERY_TABLES:
            self.panel.refresh()

    def shut_down(self) -> None:
        self.panel.print_queue.printer.shut_down()

    def shows_letters(self) -> bool:
        return True

    def show_letter(self, letter_id: int) -> bool:
        self.panel.show_letter(letter_id)
        return True


__all__ = ["DELIVERY_TABLES", "DeliveryWorkspace"]
