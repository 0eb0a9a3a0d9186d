"""The main window's workspaces: the switcher, what each contributes while current, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.store.models import OutboxMessage
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.sync import SyncOutcome
from backoffice.ui.delivery.workspace import DeliveryWorkspace
from backoffice.ui.inbox.workspace import InboxWorkspace
from backoffice.ui.main_window import WORKSPACES, MainWindow
from backoffice.ui.settings import UiSettings
from backoffice.ui.workspace import Shell, Workspace
from tests.gui.conftest import World


class Administration(Workspace):
    """A stand-in for the administration: one class and one line in the list."""

    key = "administration"
    permission = Permission.MANAGE_USERS

    def __init__(self, context: UiContext, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(context, shell, parent)
        self.calls: list[str] = []
        self.users_action = QAction("Users…", self)
        self.users_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.users_action.triggered.connect(lambda: self.calls.append("users"))
        self.addAction(self.users_action)
        self.menu = QMenu("&Administration", self)
        self.menu.addAction(self.users_action)

    def title(self) -> str:
        return "&Administration"

    def shortcuts(self) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+4")]

    def menus(self) -> list[QMenu]:
        return [self.menu]

    def toolbar_actions(self) -> list[QAction | None]:
        return [self.users_action]

    def start(self) -> None:
        self.calls.append("start")

    def activate(self) -> None:
        self.calls.append("activate")

    def refresh(self) -> None:
        self.calls.append("refresh")

    def poll(self) -> None:
        self.calls.append("poll")

    def data_changed(self, tables: frozenset[str]) -> None:
        self.calls.append("changed:" + ",".join(sorted(tables)))

    def shut_down(self) -> None:
        self.calls.append("shut down")


@pytest.fixture
def make_admin_window(
    qtbot: QtBot, make_context: Callable[..., UiContext], ui_settings: UiSettings
) -> Iterator[Callable[[Actor], MainWindow]]:
    windows: list[MainWindow] = []

    def make(actor: Actor) -> MainWindow:
        kinds = (*(kind for kind in WORKSPACES if kind.key != Administration.key), Administration)
        window = MainWindow(make_context(actor), ui_settings, kinds)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def _toolbar(window: MainWindow) -> list[str]:
    return [a.text() for a in window.toolbar.actions() if not a.isSeparator()]


def _focus(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_switcher_brings_each_workspace_with_its_menus_and_keys(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    window = make_window(world.clerk1)
    _focus(qtbot, window)
    assert list(window.switch_actions) == ["inbox", "delivery"]
    assert window.stack.current is window.workspaces["inbox"]
    assert window.switch_actions["inbox"].isChecked()
    assert _menus(window) == ["&File", "&Case", "&Selection", "&View", "&Help"]
    view_menu = [a.text() for a in window.view_menu.actions() if not a.isSeparator()]
    assert view_menu == ["&Inbox and cases", "&Delivery and portal", "&Search"]
    assert _toolbar(window)[:4] == [
        "&Inbox and cases",
        "&Delivery and portal",
        "&Refresh",
        "&Fetch from portal",
    ]
    assert "&Take case" in _toolbar(window)
    window.inbox.select_case(case_id)

    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.stack.current is window.workspaces["delivery"]
    assert window.delivery.isVisible() and not window.inbox.isVisible()
    assert window.switch_actions["delivery"].isChecked()
    assert _menus(window) == ["&File", "&View", "&Help"]
    assert "&Take case" not in _toolbar(window)
    assert window.windowTitle() == "Rathaus Backoffice"
    # The inbox's keys rest while it is hidden: Ctrl+U takes no case.
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert world.casework.queries.get_case(world.clerk1, case_id).row.assignee_id is None

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.current is window.workspaces["inbox"]
    assert _menus(window) == ["&File", "&Case", "&Selection", "&View", "&Help"]
    assert window.windowTitle().endswith("– Rathaus Backoffice")
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert world.casework.queries.get_case(world.clerk1, case_id).row.assignee_id == (
        world.clerk1.user_id
    )


def test_the_portal_button_and_a_waiting_message_lead_across_workspaces(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    with world.db.write() as session:
        session.add(
            OutboxMessage(
                case_id=case_id,
                kind="portal_decision",
                channel="fit-connect",
                payload={},
                idempotency_key="test:waiting",
                state="pending",
                attempts=0,
                next_attempt_at=world.clock.now,
                created_at=world.clock.now,
            )
        )
    window = make_window(world.clerk1)
    qtbot.mouseClick(window.sync_status.state_button, Qt.MouseButton.LeftButton)
    assert window.stack.current is window.workspaces["delivery"]
    model = window.delivery.outbox_model
    assert model.rowCount() == 1
    window.delivery.outbox_table.doubleClicked.emit(model.index(0, 0))
    assert window.stack.current is window.workspaces["inbox"]
    assert window.case_view.case_id == case_id


def test_a_workspace_is_offered_only_to_the_roles_it_allows(
    qtbot: QtBot, world: World, make_admin_window: Callable[[Actor], MainWindow]
) -> None:
    clerk = make_admin_window(world.clerk1)
    assert list(clerk.switch_actions) == ["inbox", "delivery"]
    assert "administration" not in clerk.workspaces

    admin = make_admin_window(world.admin)
    assert list(admin.switch_actions) == ["inbox", "delivery", "dashboard", "administration"]
    workspace = admin.workspaces["administration"]
    assert isinstance(workspace, Administration)
    assert workspace.calls == ["start"]
    assert "&Administration" not in _menus(admin)
    _focus(qtbot, admin)
    qtbot.keyClick(
        admin, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "users" not in workspace.calls  # hidden: its keys rest

    admin.switch_actions["administration"].trigger()
    assert _menus(admin) == ["&File", "&Administration", "&View", "&Help"]
    assert _toolbar(admin)[-1] == "Users…"
    qtbot.keyClick(
        admin, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert workspace.calls[-2:] == ["activate", "users"]
    workspace.calls.clear()
    admin.refresh_action.trigger()  # F5: the current workspace reads again, the others look
    admin.refresh_timer.timeout.emit()
    admin.sync.finished.emit(SyncOutcome())  # a sync ended
    assert workspace.calls == [
        "refresh",
        "poll",
        "changed:cases,outbox_messages,submissions,sync_states",
    ]
    admin.shut_down()
    assert workspace.calls[-1] == "shut down"

    admin.switch_actions["inbox"].trigger()
    assert "&Administration" not in _menus(admin)
    assert "Users…" not in _toolbar(admin)


def test_the_inbox_and_delivery_workspaces_are_there_for_every_role(world: World) -> None:
    for actor in (world.clerk1, world.lead, world.admin):
        assert InboxWorkspace.allowed(actor) and DeliveryWorkspace.allowed(actor)
