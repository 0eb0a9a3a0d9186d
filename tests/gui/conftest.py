"""Fixtures for the interface tests (pytest-qt, offscreen, SQLite).

- ``world``: the populated database of tests/integration (users clerk1, clerk2, lead,
  admin; the catalogue; ``add_case``; a settable clock), here always on SQLite.
- ``runner``: the synchronous task runner (results delivered before ``run`` returns);
  ``thread_runner``: the real one, shut down after the test.
- ``make_context(actor, language=..., services=...)``: what a panel is built with;
  ``desktop_services``: the bundle on the world's database, the team services included
  (no portal unless given one).
- ``ui_settings``: interface settings in a file of the test, periodic refresh off.
- ``qm_dir`` (session): the translations, compiled once per test session from the
  ``.ts`` sources by the same function the program calls at start.
- ``german``, ``english``: translators installed for one test.
- ``make_portal(**simulator_options)``: a real portal simulator on loopback and the
  desktop services wired to it (``open_intake`` builds a client per sync, as the
  program does); one simulator key set and one subscriber key set per session.
- ``make_window(actor, **context_options)``: the main window, shown and started.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backoffice.app import portal_services
from backoffice.domain.deadlines import WorkingCalendar
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import Actor
from backoffice.services.administration import AdministrationServices
from backoffice.services.attachments import AttachmentService
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.service import CitizenMessages
from backoffice.services.delivery import DeliveryService
from backoffice.services.desktop import DesktopServices
from backoffice.services.documents import DocumentService
from backoffice.services.identity import IdentityService
from backoffice.services.installation import Installation
from backoffice.services.intake import IntakeService
from backoffice.services.print_queue import PrintQueueService
from backoffice.services.subscriber import KeyCrypto
from backoffice.services.team import TeamServices
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from backoffice.ui.app import build_context
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from backoffice.ui.pyside_fixes import TrueRefcountGuard
from backoffice.ui.settings import UiSettings
from backoffice.ui.tasks import SyncTaskRunner, TaskRunner
from backoffice.ui.translations import ensure_compiled, install_translators, remove_translators
from tests.fakes import Clock
from tests.integration import conftest as integration
from tests.integration.conftest import World
from tests.unit.portal.helpers import session_keys

__all__ = ["Clock", "Portal", "World"]

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


@pytest.fixture(autouse=True)
def _widgets_die_in_the_event_loop(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Widgets registered with ``qtbot.addWidget`` are kept referenced until pytest-qt has
    closed them and deleted them through the event loop.

    PySide6 6.12.0 (measured): a top-level widget freed by Python's reference count when
    the test function returns — right after one of its dialogs closed with
    WA_DeleteOnClose — crashed the next event processing in ~QObject. Deleted by Qt
    (deleteLater, or shiboken6.delete) it does not.
    """
    kept: list[QWidget] = []
    register = qtbot.addWidget

    def add_widget(widget: QWidget, **kwargs: object) -> None:
        kept.append(widget)
        register(widget, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qtbot, "addWidget", add_widget)
    yield
    kept.clear()


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
def desktop_services(world: World, tmp_path: Path, database_url: str) -> DesktopServices:
    identity = IdentityService(world.db, world.clock)
    documents = DocumentService(world.db, world.clock, identity.letterhead_for)
    installation = Installation(data_dir=tmp_path / "data", database_url=database_url)
    return DesktopServices(
        db=world.db,
        casework=world.casework,
        users=world.users,
        catalogue=CatalogueService(world.db),
        documents=documents,
        attachments=AttachmentService(world.db),
        delivery=DeliveryService(world.db),
        citizen=CitizenMessages(world.db, world.clock),
        print_queue=PrintQueueService(world.db, world.clock),
        team=TeamServices.build(
            world.db, world.casework, documents, WorkingCalendar(), world.clock
        ),
        administration=AdministrationServices.build(world.db, installation, identity, world.clock),
    )


@pytest.fixture
def make_context(
    desktop_services: DesktopServices, runner: SyncTaskRunner
) -> Callable[..., UiContext]:
    def make(
        actor: Actor,
        *,
        language: str = "en",
        task_runner: TaskRunner | None = None,
        services: DesktopServices | None = None,
    ) -> UiContext:
        return build_context(services or desktop_services, actor, language, task_runner or runner)

    return make


@dataclass
class Portal:
    """A running simulator and the desktop services that fetch from it."""

    simulator: Simulator
    services: DesktopServices


@pytest.fixture(scope="session")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate(reply_keys=1)


@pytest.fixture(scope="session")
def subscriber_keys() -> SubscriberKeys:
    return session_keys()


@pytest.fixture
def make_portal(
    world: World,
    desktop_services: DesktopServices,
    simulator_keys: SimulatorKeys,
    subscriber_keys: SubscriberKeys,
) -> Iterator[Callable[..., Portal]]:
    started: list[Simulator] = []

    def make(first_sync_after_seconds: int = 0, **options: object) -> Portal:
        """A simulator and services connected to it; no first sync at start unless asked."""
        options.setdefault("seed", 5)
        options.setdefault("attachments", 1)
        options.setdefault("zip_share", 0.0)
        sim = Simulator(
            keys=simulator_keys,
            subscriber_jwks=subscriber_keys.export_public_jwks(),
            **options,  # type: ignore[arg-type]
        ).start()
        started.append(sim)

        @contextmanager
        def open_intake() -> Iterator[IntakeService]:
            client = SubscriberClient(
                sim.base_url,
                sim.token_url,
                ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
                timeouts=Timeouts(connect=2, read=5, body=10),
                retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
                sleep=lambda _: None,
            )
            try:
                yield portal_services(
                    world.db,
                    CatalogueService(world.db),
                    client,
                    KeyCrypto(subscriber_keys, client.get_jwks),
                    clock=world.clock,
                ).intake
            finally:
                client.close()

        services = replace(
            desktop_services,
            open_intake=open_intake,
            destinations=(sim.destination_id,),
            first_sync_after_seconds=first_sync_after_seconds,
        )
        return Portal(sim, services)

    yield make
    for sim in started:
        sim.stop()


@pytest.fixture
def make_window(
    qtbot: QtBot, make_context: Callable[..., UiContext], ui_settings: UiSettings
) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(actor: Actor, **kwargs: object) -> MainWindow:
        window = MainWindow(make_context(actor, **kwargs), ui_settings)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


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


@pytest.fixture
def english(qapp: QApplication, qm_dir: Path) -> Iterator[list[QTranslator]]:
    """The English plural forms ("1 case", "2 cases") installed for one test."""
    translators = install_translators(qapp, "en", qm_dir)
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
