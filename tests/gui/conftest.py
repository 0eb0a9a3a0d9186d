"""Fixtures for the interface tests (pytest-qt, offscreen, SQLite).

- ``world``: the populated database of tests/integration (users clerk1, clerk2, lead,
  admin; the catalogue; ``add_case``; a settable clock), here always on SQLite.
- ``runner``: the synchronous task runner (results delivered before ``run`` returns);
  ``thread_runner``: the real one, shut down after the test.
- ``make_context(actor, language=...)``: what a panel is built with.
- ``ui_settings``: interface settings in a file of the test, periodic refresh off.
- ``qm_dir`` (session): the translations, compiled once per test session from the
  ``.ts`` sources by the same function the program calls at start.
- ``german``: German translators installed for one test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from backoffice.services.actor import Actor
from backoffice.services.catalogue import CatalogueService
from backoffice.ui.app import build_context
from backoffice.ui.context import UiContext
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import SyncTaskRunner, TaskRunner
from backoffice.ui.translations import ensure_compiled, install_translators, remove_translators
from tests.integration import conftest as integration
from tests.integration.conftest import Clock, World

__all__ = ["Clock", "World"]

# The populated database of the integration tests, as fixtures here too.
db = integration.db
world = integration.world


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """GUI tests run on SQLite only (the services are tested on both databases)."""
    return f"sqlite:///{tmp_path / 'gui.sqlite3'}"


@pytest.fixture(scope="session")
def true_guard(qapp: QApplication) -> TrueRefcountGuard:
    """PySide6 6.12.0's emit() drops references to True (see backoffice.ui.pyside_fixes);
    without repair a long test session would end in a fatal interpreter error."""
    guard = TrueRefcountGuard()
    guard.start()
    return guard


@pytest.fixture(autouse=True)
def _repair_true_refcount(true_guard: TrueRefcountGuard) -> Iterator[None]:
    yield
    true_guard.top_up()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[SyncTaskRunner]:
    sync = SyncTaskRunner()
    yield sync
    assert sync.pending == 0, "a task was left undelivered"
    sync.shutdown()


@pytest.fixture
def thread_runner(qapp: QApplication) -> Iterator[TaskRunner]:
    threaded = TaskRunner(max_threads=2)
    yield threaded
    threaded.shutdown()  # no worker outlives its test
    qapp.processEvents()


@pytest.fixture
def make_context(world: World, runner: SyncTaskRunner) -> Callable[..., UiContext]:
    def make(
        actor: Actor, *, language: str = "en", task_runner: TaskRunner | None = None
    ) -> UiContext:
        return build_context(
            world.casework,
            world.users,
            CatalogueService(world.db),
            actor,
            language,
            task_runner or runner,
        )

    return make


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    settings = UiSettings.at(tmp_path / "ui.ini")
    settings.refresh_seconds = 0
    return settings


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_compiled(tmp_path_factory.mktemp("qm"))


@pytest.fixture
def german(qapp: QApplication, qm_dir: Path) -> Iterator[list[QTranslator]]:
    translators = install_translators(qapp, "de", qm_dir)
    yield translators
    remove_translators(qapp, translators)


#: Qt messages that say nothing about our code: the offscreen platform has no window
#: system to pass size limits, stacking or keyboard grabs to, and says so each time.
OFFSCREEN_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",  # popup menus
    r"This plugin does not support grabbing the keyboard",  # popup menus
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))
