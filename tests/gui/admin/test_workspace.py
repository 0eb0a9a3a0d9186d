"""The administration workspace: offered to administrators, one tab per page they may use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backoffice.domain.roles import Permission
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.services_page import ServicesPage
from backoffice.ui.admin.workspace import AdministrationWorkspace
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World


class Recording(AdminPage):
    key = "recording"
    permission = Permission.MANAGE_USERS
    tables = frozenset({"users"})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.calls: list[str] = []

    def title(self) -> str:
        return "Recording"

    def refresh(self) -> None:
        self.calls.append("refresh")

    def shut_down(self) -> None:
        self.calls.append("shut down")


class Other(Recording):
    key = "other"

    def title(self) -> str:
        return "Other"


def test_the_workspace_is_offered_to_administrators_only(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    assert AdministrationWorkspace.allowed(world.admin)
    assert not AdministrationWorkspace.allowed(world.lead)
    assert not AdministrationWorkspace.allowed(world.clerk1)
    assert "administration" not in make_window(world.lead).workspaces
    admin = make_window(world.admin)
    admin.switch_actions["administration"].trigger()
    assert admin.stack.current is admin.workspaces["administration"]
    assert admin.windowTitle() == "Rathaus Backoffice"


def test_pages_load_when_first_shown_and_follow_changes(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.admin)
    context = window.workspaces["inbox"]._ctx
    workspace = AdministrationWorkspace(
        context, window.workspaces["inbox"]._shell, None, pages=(Recording, Other)
    )
    qtbot.addWidget(workspace)
    first, second = workspace.pages["recording"], workspace.pages["other"]
    assert isinstance(first, Recording) and isinstance(second, Recording)
    assert [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())] == [
        "Recording",
        "Other",
    ]
    assert first.calls == [] and second.calls == []  # nothing is read before it is shown
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.activate()
    assert first.calls == ["refresh"]
    workspace.show_page("other")
    assert second.calls == ["refresh"]
    workspace.refresh()  # F5: the current page only
    assert first.calls == ["refresh"] and second.calls == ["refresh", "refresh"]
    workspace.data_changed(frozenset({"users"}))  # the shown page reads again, the other later
    assert second.calls[-1] == "refresh" and len(second.calls) == 3
    assert first.calls == ["refresh"]
    workspace.show_page("recording")
    assert first.calls == ["refresh", "refresh"]
    workspace.data_changed(frozenset({"cases"}))  # not what the pages show
    assert first.calls == ["refresh", "refresh"]
    workspace.shut_down()
    assert first.calls[-1] == "shut down" and second.calls[-1] == "shut down"


def test_a_page_is_shown_only_with_its_permission(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(world.lead)
    shell = window.workspaces["inbox"]._shell
    workspace = AdministrationWorkspace(make_context(world.lead), shell, None, pages=(Recording,))
    qtbot.addWidget(workspace)
    assert workspace.pages == {}


def test_edit_on_the_services_page_opens_one_editor_per_service(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.admin)
    window.switch_actions["administration"].trigger()
    workspace = window.workspaces["administration"]
    assert isinstance(workspace, AdministrationWorkspace)
    page = workspace.pages["services"]
    assert isinstance(page, ServicesPage)
    page.select_service("dog_tax_registration")
    page.edit_button.click()
    editor = workspace.editors["dog_tax_registration"]
    qtbot.waitExposed(editor)
    assert editor.key == "dog_tax_registration"
    page.edit_button.click()  # the same service: the open editor comes to the front
    assert list(workspace.editors) == ["dog_tax_registration"]
    with qtbot.waitSignal(editor.saved):
        editor.save()
    qtbot.waitUntil(lambda: page.services_model.rowCount() > 0)
    drafts = workspace.pages["services"].administration.templates.drafts(world.admin)
    assert [d.key for d in drafts] == ["dog_tax_registration"]
    editor.close()
    assert workspace.editors == {}
