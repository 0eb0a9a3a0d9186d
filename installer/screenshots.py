"""Render the main window with demo data to PNG files, offscreen (no display needed).

    .venv/bin/python installer/screenshots.py [--out docs/screenshots] [--language de|en]

Builds a throwaway SQLite installation with the services (catalogue, demo users,
demo cases, some casework so that the inbox shows every state), opens the window
as the clerk Petra Sommer at 1400×900 and saves:

- ``inbox.png``: the inbox with a freshly received case open;
- ``case.png``: one of her cases in progress, with its history (a query to the
  applicant, the answer, notes) and a notice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backoffice.domain.status import Status  # noqa: E402
from backoffice.services.actor import SYSTEM  # noqa: E402
from backoffice.services.casework import CaseworkService  # noqa: E402
from backoffice.services.catalogue import CatalogueService, read_catalogue  # noqa: E402
from backoffice.services.demo import add_cases, add_demo_users  # noqa: E402
from backoffice.services.queries import CaseFilter, CaseSort, SortKey  # noqa: E402
from backoffice.services.users import UserService  # noqa: E402
from backoffice.simulator.citizens import fill_form  # noqa: E402
from backoffice.store.database import Database  # noqa: E402
from backoffice.store.migrate import upgrade  # noqa: E402
from backoffice.ui.app import build_context  # noqa: E402
from backoffice.ui.main_window import MainWindow  # noqa: E402
from backoffice.ui.settings import UiSettings  # noqa: E402
from backoffice.ui.tasks import SyncTaskRunner  # noqa: E402
from backoffice.ui.translations import install_translators  # noqa: E402

SIZE = (1400, 900)
#: The demo's "now" (a Tuesday morning in Berlin): the same pictures on every run.
NOW = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)


class Clock:
    """The services' clock: NOW, moved on by the demo between actions."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)


def populate(db: Database) -> tuple[CaseworkService, UserService, CatalogueService, int]:
    """Demo users and cases, with casework done so that every state shows up."""
    catalogue = CatalogueService(db)
    catalogue.install(read_catalogue(), SYSTEM)
    users = UserService(db)
    add_demo_users(users, SYSTEM)
    add_cases(db, catalogue.current(), 60, fill_form, seed=4, now=NOW, spread_days=12)
    clock = Clock()
    casework = CaseworkService(db, clock=clock)
    petra = users.by_login("sachbearbeitung1").as_actor()
    thomas = users.by_login("sachbearbeitung2").as_actor()
    lead = users.by_login("teamleitung").as_actor()
    cases = casework.list_cases(
        lead, CaseFilter(), CaseSort(SortKey.RECEIVED, descending=False), limit=100
    ).rows
    for i, row in enumerate(cases):
        clock.advance(minutes=3)
        if i % 9 == 4:
            casework.change_status(
                lead,
                row.id,
                row.version,
                Status.REJECTED,
                comment="Doppelter Antrag",
                message="Ihr Antrag liegt uns bereits vor; dieser zweite Antrag entfällt.",
            )
            continue
        if i % 3 == 2:
            continue  # still waiting for someone to take it
        actor = petra if i % 2 == 0 else thomas
        casework.claim(actor, row.id)
        if i % 5 == 3:
            continue  # taken, not started
        row = casework.change_status(actor, row.id, row.version + 1, Status.IN_PROGRESS)
        if i % 7 == 1:
            casework.change_status(
                actor,
                row.id,
                row.version,
                Status.WAITING_FOR_CITIZEN,
                message="Bitte reichen Sie eine Kopie Ihres Personalausweises nach.",
            )
        if i % 4 == 0:
            casework.add_note(actor, row.id, "Telefonisch Rücksprache gehalten; Unterlagen folgen.")
    # One case with a longer story: a query to the applicant, the answer, notes.
    story = next(c for i, c in reversed(list(enumerate(cases))) if i % 3 == 2 and i % 9 != 4)
    casework.claim(petra, story.id)
    row = casework.change_status(petra, story.id, story.version + 1, Status.IN_PROGRESS)
    clock.advance(minutes=12)
    casework.add_note(petra, story.id, "Nachweis des Wohnsitzes fehlt; Rückfrage per Portal.")
    clock.advance(minutes=5)
    row = casework.change_status(
        petra,
        story.id,
        row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte laden Sie eine aktuelle Meldebescheinigung hoch.",
    )
    clock.advance(minutes=41)
    row = casework.change_status(
        petra, story.id, row.version, Status.IN_PROGRESS, comment="Nachweis eingegangen"
    )
    clock.advance(minutes=9)
    casework.add_note(petra, story.id, "Nachweis geprüft, in Ordnung. Bescheid folgt.")
    # The team lead moves one of Petra's cases to Thomas: Petra gets a notice.
    mine = casework.list_cases(petra, CaseFilter(assignee_id=petra.user_id), limit=5).rows
    if mine:
        casework.assign(lead, mine[-1].id, "sachbearbeitung2")
    return casework, users, catalogue, story.id


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def render(out: Path, language: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        db = Database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
        upgrade(db)
        casework, users, catalogue, story = populate(db)
        petra = users.by_login("sachbearbeitung1").as_actor()
        runner = SyncTaskRunner()
        context = build_context(casework, users, catalogue, petra, language, runner)
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(context, settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)

        written = []
        fresh = casework.list_cases(petra, CaseFilter(open_only=True, unassigned=True), limit=3)
        window.inbox.select_case(fresh.rows[1].id)
        settle(app)
        written.append(_grab(window, out / "inbox.png", app))

        window.inbox.scope_buttons["mine"].click()
        settle(app)
        window.inbox.select_case(story)
        settle(app)
        window.case_view.tabs.setCurrentWidget(window.case_view.history)
        settle(app)
        written.append(_grab(window, out / "case.png", app))

        window.close()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return written


def _grab(window: MainWindow, path: Path, app: QApplication) -> Path:
    settle(app)
    pixmap = window.grab()
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(f"wrote {path} ({pixmap.width()}×{pixmap.height()})")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=("de", "en"), default="de")
    args = parser.parse_args(argv)
    render(args.out, args.language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
