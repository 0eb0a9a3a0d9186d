"""Two desktops on one PostgreSQL database: the window hears the other's changes at once
(LISTEN/NOTIFY), without its periodic look at the database (which is off here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from backoffice.services.casework import Casework
from backoffice.services.desktop import DesktopServices
from backoffice.store.changes import ChangeListener
from backoffice.store.database import Database
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World

WAIT_MS = 10_000


@pytest.fixture
def database_url(postgres_url: str) -> str:
    """This module runs on PostgreSQL: SQLite has no change notifications."""
    return postgres_url


@pytest.fixture
def other_desktop(postgres_url: str) -> Iterator[Database]:
    database = Database(postgres_url)
    yield database
    database.dispose()


def test_another_clerks_claim_shows_without_polling(
    qtbot: QtBot,
    world: World,
    desktop_services: DesktopServices,
    make_window: Callable[..., MainWindow],
    other_desktop: Database,
) -> None:
    case_id = world.add_case("birth_certificate")
    listeners: list[ChangeListener] = []

    def watch(on_change: Callable[[frozenset[str]], None]) -> ChangeListener:
        listeners.append(ChangeListener(world.db, on_change).start())
        return listeners[-1]

    window = make_window(world.clerk1, services=replace(desktop_services, watch_changes=watch))
    qtbot.waitUntil(lambda: bool(listeners))
    assert listeners[0].wait_listening(WAIT_MS / 1000)
    assert not window.refresh_timer.isActive()
    model = window.inbox.model

    def assignee() -> str | None:
        row = model.row_of(case_id)
        listed = model.case_at(row) if row is not None else None
        return listed.assignee_name if listed is not None else None

    assert assignee() is None
    Casework.build(other_desktop, clock=world.clock).commands.claim(world.clerk2, case_id)
    qtbot.waitUntil(lambda: assignee() == "Thomas Krämer", timeout=WAIT_MS)

    window.shut_down()  # stops listening
    assert not listeners[0].wait_listening(0)
