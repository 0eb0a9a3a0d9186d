"""Render the main window with demo data to PNG files, offscreen (no display needed).

    .venv/bin/python installer/screenshots.py [--out docs/screenshots] [--language de|en]
        [--only all|NAME[,NAME]]

Builds a throwaway SQLite installation with the services (catalogue, demo users,
demo cases, some casework so that the inbox shows every state), fetches a few more
applications from the portal simulator on loopback (with attachments, two of them
defective and rejected, the portal refusing confirmations for a while so that they
wait in the outbox), opens the window as the clerk Petra Sommer at 1400×900 and saves:

- ``inbox.png``: the inbox with a freshly received case open;
- ``case.png``: one of her cases in progress, with its history (a query to the
  applicant, the answer, notes) and a notice;
- ``delivery.png``: the delivery workspace (Ctrl+Shift+D), a rejected submission explained;
- ``attachment.png``: a PDF that came with an application, previewed, with its check;
- ``checklist.png``: the same case's checklist, half ticked (who ticked when in the
  tooltip), the action bar naming the items completing still waits for;
- ``certificate.png``: a case whose certificate has been created and whose checklist is
  ticked (preview, and "Complete" now offered);
- ``message-preview.png``: the status dialog (a query to the applicant) with the preview
  of what the applicant receives;
- ``messages.png``: the messages of a case (waiting, sent, one refused by the mail server,
  sent again as a letter);
- ``finish.png``: "finish" on a certificate order: the certificate beside the completion
  message, before anything is sent.

``--only team`` renders the team lead's pictures, ``--only admin-editor`` the service
template editor (``admin-editor.png``), ``--only print-queue`` the delivery workspace's print
queue (``print-queue.png``: letters to citizens without a digital channel waiting, two
printed, one previewed), ``--only admin-services`` the services page and the difference view
(``admin-services.png``, ``admin-diff.png``), ``--only admin`` the other administration
pages as Jens Hofmann:

- ``admin-users.png``: users and roles (one added, one promoted, one deactivated);
- ``admin-audit.png``: the audit trail: the administration's history, a case's history
  with who opened it and viewed its certificate, and the chains verified intact;
- ``admin-retention.png``: retention periods (one set by its template), three cases due,
  one deleted earlier.

``--only admin-portal`` renders the portal and identity pages (``admin-portal.png``,
``admin-identity.png``). ``--only`` takes several names, comma-separated.

Generating the subscriber keys takes a few seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from backoffice.app import portal_services  # noqa: E402
from backoffice.domain.citizen_messages import Channel  # noqa: E402
from backoffice.domain.roles import Role  # noqa: E402
from backoffice.domain.status import Status  # noqa: E402
from backoffice.portal.auth import ClientCredentials  # noqa: E402
from backoffice.portal.client import SubscriberClient  # noqa: E402
from backoffice.portal.http import RetryPolicy  # noqa: E402
from backoffice.portal.keys import SubscriberKeys, generate_keys  # noqa: E402
from backoffice.services.actor import SYSTEM, Actor  # noqa: E402
from backoffice.services.attachments import AttachmentService  # noqa: E402
from backoffice.services.casework import Casework  # noqa: E402
from backoffice.services.catalogue import CatalogueService, read_catalogue  # noqa: E402
from backoffice.services.citizen.compose import RecipientMissing  # noqa: E402
from backoffice.services.citizen.message import KIND  # noqa: E402
from backoffice.services.citizen.service import CitizenMessages  # noqa: E402
from backoffice.services.delivery import DeliveryService  # noqa: E402
from backoffice.services.demo import add_cases, add_demo_users  # noqa: E402
from backoffice.services.desktop import DesktopServices  # noqa: E402
from backoffice.services.documents import DocumentService  # noqa: E402
from backoffice.services.intake import IntakeService  # noqa: E402
from backoffice.services.print_queue import PrintQueueService  # noqa: E402
from backoffice.services.queries import CaseFilter, CaseRow, CaseSort, SortKey  # noqa: E402
from backoffice.services.subscriber import KeyCrypto  # noqa: E402
from backoffice.services.users import UserService  # noqa: E402
from backoffice.simulator.citizens import fill_form  # noqa: E402
from backoffice.simulator.faults import FaultKind, FaultRule  # noqa: E402
from backoffice.simulator.server import Simulator  # noqa: E402
from backoffice.store.database import Database  # noqa: E402
from backoffice.store.migrate import upgrade  # noqa: E402
from backoffice.store.models import Attachment, Case, OutboxMessage  # noqa: E402
from backoffice.ui.app import build_context  # noqa: E402
from backoffice.ui.case.dialogs import TransitionDialog  # noqa: E402
from backoffice.ui.case.preview import PdfPreview, load_preview  # noqa: E402
from backoffice.ui.inbox.workspace import InboxWorkspace  # noqa: E402
from backoffice.ui.main_window import MainWindow  # noqa: E402
from backoffice.ui.settings import UiSettings  # noqa: E402
from backoffice.ui.tasks import SyncTaskRunner  # noqa: E402
from backoffice.ui.texts import Tone, role_name  # noqa: E402
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


def change_status(
    casework: Casework, actor: Actor, case_id: int, version: int, target: Status, **options: Any
) -> CaseRow:
    """A status change with its message to the applicant; without one where the demo data
    gives the applicant's channel nothing to reach them by (a portal reply with no key)."""
    try:
        return casework.commands.change_status(actor, case_id, version, target, **options)
    except RecipientMissing:
        return casework.commands.change_status(
            actor, case_id, version, target, notify=False, **options
        )


def populate(db: Database, clock: Clock) -> tuple[Casework, UserService, CatalogueService, int]:
    """Demo users and cases, with casework done so that every state shows up."""
    catalogue = CatalogueService(db)
    catalogue.install(read_catalogue(), SYSTEM)
    users = UserService(db)
    add_demo_users(users, SYSTEM)
    add_cases(db, catalogue.current(), 60, fill_form, seed=4, now=NOW, spread_days=12)
    casework = Casework.build(db, clock=clock)
    petra = users.by_login("sachbearbeitung1").as_actor()
    thomas = users.by_login("sachbearbeitung2").as_actor()
    lead = users.by_login("teamleitung").as_actor()
    cases = casework.queries.list_cases(
        lead, CaseFilter(), CaseSort(SortKey.RECEIVED, descending=False), limit=100
    ).rows
    for i, row in enumerate(cases):
        clock.advance(minutes=3)
        if i % 9 == 4:
            change_status(
                casework,
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
        casework.commands.claim(actor, row.id)
        if i % 5 == 3:
            continue  # taken, not started
        row = change_status(casework, actor, row.id, row.version + 1, Status.IN_PROGRESS)
        if i % 7 == 1:
            change_status(
                casework,
                actor,
                row.id,
                row.version,
                Status.WAITING_FOR_CITIZEN,
                message="Bitte reichen Sie eine Kopie Ihres Personalausweises nach.",
            )
        if i % 4 == 0:
            casework.commands.add_note(
                actor, row.id, "Telefonisch Rücksprache gehalten; Unterlagen folgen."
            )
    # One case with a longer story: a query to the applicant, the answer, notes.
    story = next(c for i, c in reversed(list(enumerate(cases))) if i % 3 == 2 and i % 9 != 4)
    casework.commands.claim(petra, story.id)
    row = change_status(casework, petra, story.id, story.version + 1, Status.IN_PROGRESS)
    clock.advance(minutes=12)
    casework.commands.add_note(
        petra, story.id, "Nachweis des Wohnsitzes fehlt; Rückfrage per Portal."
    )
    clock.advance(minutes=5)
    row = change_status(
        casework,
        petra,
        story.id,
        row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte laden Sie eine aktuelle Meldebescheinigung hoch.",
    )
    clock.advance(minutes=41)
    row = change_status(
        casework, petra, story.id, row.version, Status.IN_PROGRESS, comment="Nachweis eingegangen"
    )
    clock.advance(minutes=9)
    casework.commands.add_note(petra, story.id, "Nachweis geprüft, in Ordnung. Bescheid folgt.")
    # The team lead moves one of Petra's cases to Thomas: Petra gets a notice.
    mine = casework.queries.list_cases(petra, CaseFilter(assignee_id=petra.user_id), limit=5).rows
    if mine:
        casework.commands.assign(lead, mine[-1].id, "sachbearbeitung2")
    return casework, users, catalogue, story.id


@dataclass
class Portal:
    simulator: Simulator
    keys: SubscriberKeys

    @contextmanager
    def open_intake(self, db: Database, clock: Clock) -> Iterator[IntakeService]:
        sim = self.simulator
        client = SubscriberClient(
            sim.base_url,
            sim.token_url,
            ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
            retry=RetryPolicy(attempts=1),
        )
        try:
            yield portal_services(
                db, CatalogueService(db), client, KeyCrypto(self.keys, client.get_jwks), clock=clock
            ).intake
        finally:
            client.close()


def fetch_from_portal(db: Database, clock: Clock) -> Portal:
    """A few applications with attachments through a real sync; two are rejected and the
    portal refuses the confirmations for now, so that they wait in the outbox."""
    keys = generate_keys()
    sim = Simulator(
        subscriber_jwks=keys.export_public_jwks(), seed=21, attachments=2, zip_share=0.0
    ).start()
    portal = Portal(sim, keys)
    sim.generate(2, service="resident_parking_permit")
    sim.generate(2, service="business_registration")
    sim.generate(1, service="dog_tax_registration", fault="data-hash")
    sim.generate(1, service="birth_certificate", fault="attachment-hash")
    with portal.open_intake(db, clock) as intake:
        clock.advance(minutes=20)
        sim.faults.set(
            [FaultRule(kind=FaultKind.ERROR, status=503, path="/v1/cases/*", method="POST")]
        )
        report = intake.sync(SYSTEM, sim.destination_id)
    sim.faults.clear()
    print(f"fetched: {report.accepted} accepted, {report.rejected} rejected")
    return portal


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def settle_rendering(app: QApplication) -> None:
    """Let QtPdf draw its pages (it renders in the background)."""
    for _ in range(40):
        app.processEvents()
        time.sleep(0.01)


def render(out: Path, language: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        db = Database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
        upgrade(db)
        clock = Clock()
        casework, users, catalogue, story = populate(db, clock)
        portal = fetch_from_portal(db, clock)
        petra = users.by_login("sachbearbeitung1").as_actor()
        services = DesktopServices(
            db=db,
            casework=casework,
            users=users,
            catalogue=catalogue,
            documents=DocumentService(db, clock=clock),
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            print_queue=PrintQueueService(db, clock),
            open_intake=lambda: portal.open_intake(db, clock),
            destinations=(portal.simulator.destination_id,),
        )
        pdf_case, pdf_attachment = _with_attachment(db, "application/pdf")
        certified = _certified(casework, services, petra, clock, exclude={pdf_case, story})
        runner = SyncTaskRunner()
        context = build_context(services, petra, language, runner)
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(context, settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)

        written = []
        fresh = casework.queries.list_cases(
            petra, CaseFilter(open_only=True, unassigned=True), limit=3
        )
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

        window.show_delivery()
        window.delivery.rejected_table.selectRow(0)
        settle(app)
        written.append(_grab(window, out / "delivery.png", app))
        window.show_workspace(InboxWorkspace.key)

        inbox_workspace = window.workspaces[InboxWorkspace.key]
        assert isinstance(inbox_workspace, InboxWorkspace)
        inbox_workspace.splitter.setSizes([620, 780])
        view = window.case_view
        window.inbox.scope_buttons["all"].click()
        settle(app)
        window.open_case(pdf_case)
        settle(app)
        view.tabs.setCurrentWidget(view.attachments)
        view.attachments.select(pdf_attachment)
        view.attachments.preview()
        settle_rendering(app)
        written.append(_grab(window, out / "attachment.png", app))

        window.inbox.scope_buttons["mine"].click()
        settle(app)
        window.open_case(certified)
        settle(app)
        view.tabs.setCurrentWidget(view.checklist)
        settle(app)
        written.append(_grab(window, out / "checklist.png", app))
        _tick_all(casework, petra, certified, clock)
        view.reload()
        settle(app)
        view.tabs.setCurrentWidget(view.documents)
        settle_rendering(app)
        written.append(_grab(window, out / "certificate.png", app))

        written.extend(_message_shots(window, app, out, db, clock, story, petra, casework))

        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        portal.simulator.stop()
        db.dispose()
        return written


def _with_attachment(db: Database, media_type: str) -> tuple[int, int]:
    """A case fetched from the portal with an attachment of this type (case id, its id).

    The simulator's PDFs use the standard Helvetica, not embedded: a name with a letter
    outside WinAnsi (Timișoara) shows as a box. Such files are not chosen for the picture.
    """
    with db.read() as session:
        rows = session.execute(
            select(Attachment.case_id, Attachment.id)
            .where(Attachment.media_type == media_type, Attachment.verification == "ok")
            .order_by(Attachment.id)
        ).all()
    attachments = AttachmentService(db)
    for case_id, attachment_id in rows:
        preview = load_preview(attachments.content(SYSTEM, attachment_id).data)
        if isinstance(preview, PdfPreview) and _winansi(preview.document.getAllText(0).text()):
            return case_id, attachment_id
    raise AssertionError(f"the simulator sent no suitable {media_type}")


def _winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _certified(
    casework: Casework,
    services: DesktopServices,
    actor: Actor,
    clock: Clock,
    exclude: set[int],
) -> int:
    """One of Petra's cases in progress, with its certificate created just now."""
    mine = casework.queries.list_cases(
        actor, CaseFilter(assignee_id=actor.user_id, statuses=frozenset({Status.IN_PROGRESS}))
    ).rows
    row = next(r for r in mine if r.id not in exclude and r.service_key == "birth_certificate")
    clock.advance(minutes=4)
    services.documents.generate(actor, row.id)
    for key in ("identity_checked", "fee_received"):  # half the checklist, for its picture
        clock.advance(minutes=1)
        casework.commands.tick_item(actor, row.id, key)
    return row.id


def _tick_all(casework: Casework, actor: Actor, case_id: int, clock: Clock) -> None:
    """Tick what completing the case waits for (the clerk has checked it all)."""
    detail = casework.queries.get_case(actor, case_id)
    for entry in detail.checklist_missing(Status.COMPLETED):
        clock.advance(minutes=1)
        casework.commands.tick_item(actor, case_id, entry.key)


def _message_shots(
    window: MainWindow,
    app: QApplication,
    out: Path,
    db: Database,
    clock: Clock,
    story: int,
    petra: Actor,
    casework: Casework,
) -> list[Path]:
    """The preview in the status dialog, the case's messages, the finish confirmation."""
    written = []
    view = window.case_view
    window.inbox.scope_buttons["mine"].click()
    settle(app)
    window.open_case(story)
    settle(app)
    view.start_transition(Status.WAITING_FOR_CITIZEN)
    dialog = view.dialog
    assert isinstance(dialog, TransitionDialog)
    dialog.message_edit.setPlainText(
        "Bitte laden Sie eine Kopie Ihres Personalausweises (Vorder- und Rückseite) hoch."
    )
    dialog.loader.load_now()
    settle(app)
    written.append(_grab_with(window, dialog, out / "message-preview.png", app))
    dialog.reject()
    settle(app)

    # An application from the portal whose applicant asked for e-mail: started, asked,
    # and what the outbox made of it (its channel handlers are another piece of work, so
    # the outcome is written here): the first mail sent, the second refused by the mail
    # server, then sent again as a letter.
    mailed = _mailed_case(db, casework, petra, clock)
    window.inbox.scope_buttons["mine"].click()
    window.inbox.refresh()
    settle(app)
    window.open_case(mailed)
    settle(app)
    view.tabs.setCurrentWidget(view.messages)
    failed = view.messages.tree.topLevelItem(1)  # newest first: the letter, the refused mail
    assert failed is not None
    view.messages.tree.setCurrentItem(failed)
    settle(app)
    written.append(_grab(window, out / "messages.png", app))

    mine = casework.queries.list_cases(
        petra, CaseFilter(assignee_id=petra.user_id, statuses=frozenset({Status.IN_PROGRESS}))
    ).rows
    row = next(r for r in mine if r.id != story and r.service_key == "birth_certificate")
    _tick_all(casework, petra, row.id, clock)
    window.open_case(row.id)
    settle(app)
    view.finish_action.trigger()
    settle_rendering(app)
    finish = view.dialog
    assert isinstance(finish, TransitionDialog)
    finish.resize(1180, 760)
    settle_rendering(app)
    written.append(_grab_with(window, finish, out / "finish.png", app))
    finish.reject()
    settle(app)
    return written


def _mailed_case(db: Database, casework: Casework, petra: Actor, clock: Clock) -> int:
    with db.read() as session:
        case_id = session.scalars(
            select(Case.id)
            .where(Case.reply_channel == "eMail", Case.assignee_id.is_(None))
            .order_by(Case.id)
        ).first()
    assert case_id is not None, "the simulator sent no application that asks for e-mail"
    commands = casework.commands
    clock.advance(minutes=2)
    row = commands.claim(petra, case_id)
    row = commands.change_status(petra, case_id, row.version, Status.IN_PROGRESS)
    clock.advance(minutes=1)
    _outcome(db, case_id, "sent", clock.now, "")
    clock.advance(minutes=25)
    commands.change_status(
        petra,
        case_id,
        row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte reichen Sie eine aktuelle Meldebescheinigung nach.",
    )
    clock.advance(minutes=1)
    failed = _outcome(
        db,
        case_id,
        "failed",
        None,
        "SMTP 550 5.1.1 recipient address rejected: mailbox unavailable",
    )
    clock.advance(minutes=14)
    CitizenMessages(db, clock).reroute(petra, failed, Channel.POST)
    return case_id


def _outcome(db: Database, case_id: int, state: str, sent_at: datetime | None, error: str) -> int:
    """Mark the case's newest pending message as the outbox would have; its id."""
    with db.write() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.case_id == case_id,
                OutboxMessage.kind == KIND,
                OutboxMessage.state == "pending",
            )
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert row is not None
        row.state, row.sent_at, row.attempts = state, sent_at, 1
        row.last_error = error or None
        return row.id


def _grab_with(window: MainWindow, dialog: QWidget, path: Path, app: QApplication) -> Path:
    """The window with a dialog over its middle, as the clerk sees it."""
    settle(app)
    window.statusBar().clearMessage()
    pixmap = window.grab()
    shown = dialog.grab()
    painter = QPainter(pixmap)
    x = (pixmap.width() - shown.width()) // 2
    y = max(0, (pixmap.height() - shown.height()) // 2)
    painter.fillRect(pixmap.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap(x, y, shown)
    painter.end()
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(f"wrote {path} ({pixmap.width()}×{pixmap.height()})")
    return path


def _grab(window: MainWindow, path: Path, app: QApplication) -> Path:
    settle(app)
    window.statusBar().clearMessage()
    pixmap = window.grab()
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(f"wrote {path} ({pixmap.width()}×{pixmap.height()})")
    return path


# -- the team lead's pictures (issue 10) ---------------------------------------------------


def render_team(out: Path, language: str) -> list[Path]:
    """The team lead's pictures, from weeks of worked demo cases (add_team_history):

    - ``dashboard.png``: the team dashboard (one small service suppressed);
    - ``bulk-result.png``: six cases reassigned at once, one of them closed meanwhile;
    - ``absence.png``: a clerk marked absent with a deputy, her cases moved.
    """
    from backoffice.domain.deadlines import WorkingCalendar
    from backoffice.services.demo import add_team_history
    from backoffice.services.team import TeamServices
    from backoffice.ui.dashboard.workspace import DashboardWorkspace

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-team-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        db = Database(f"sqlite:///{Path(tmp) / 'team.sqlite3'}")
        upgrade(db)
        clock = Clock()
        catalogue = CatalogueService(db)
        catalogue.install(read_catalogue(), SYSTEM)
        users = UserService(db)
        add_demo_users(users, SYSTEM)
        made = add_team_history(db, catalogue.current(), users, fill_form, now=NOW)
        print(f"team history: {made} cases")
        add_cases(db, catalogue.current(), 8, fill_form, seed=5, now=NOW, spread_days=1)
        calendar = WorkingCalendar()
        casework = Casework.build(db, calendar, clock)
        documents = DocumentService(db, clock=clock)
        services = DesktopServices(
            db=db,
            casework=casework,
            users=users,
            catalogue=catalogue,
            documents=documents,
            print_queue=PrintQueueService(db, clock),
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            team=TeamServices.build(db, casework, documents, calendar, clock),
        )
        lead = users.by_login("teamleitung").as_actor()
        runner = SyncTaskRunner()
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(build_context(services, lead, language, runner), settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)
        written = []

        window.show_workspace(DashboardWorkspace.key)
        settle(app)
        written.append(_grab(window, out / "dashboard.png", app))

        written.append(_bulk_result_shot(window, casework, users, out, app))

        window.show_workspace(DashboardWorkspace.key)
        workspace = window.workspaces[DashboardWorkspace.key]
        assert isinstance(workspace, DashboardWorkspace)
        workspace.show_absences()
        dialog = workspace.absence_dialog
        assert dialog is not None
        settle(app)
        dialog.clerk_combo.setCurrentIndex(dialog.clerk_combo.findData("sachbearbeitung3"))
        dialog.deputy_combo.setCurrentIndex(dialog.deputy_combo.findData("sachbearbeitung4"))
        dialog.last_edit.setDate(dialog.first_edit.date().addDays(9))
        dialog.mark_absent()
        settle(app)
        dialog.clerk_combo.setCurrentIndex(dialog.clerk_combo.findData("sachbearbeitung5"))
        dialog.deputy_combo.setCurrentIndex(0)  # shared out by load
        dialog.first_edit.setDate(dialog.first_edit.date().addDays(13))
        dialog.last_edit.setDate(dialog.first_edit.date().addDays(4))
        settle(app)
        written.append(_grab_dialog(window, dialog, out / "absence.png", app))
        dialog.reject()

        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return written


def _bulk_result_shot(
    window: MainWindow, casework: Casework, users: UserService, out: Path, app: QApplication
) -> Path:
    """Six open cases selected and given to Anna Berger; one was withdrawn meanwhile."""
    from PySide6.QtCore import QItemSelectionModel

    window.show_workspace(InboxWorkspace.key)
    inbox = window.inbox
    inbox.scope_buttons["all"].click()
    settle(app)
    selection = inbox.table.selectionModel()
    for row in (1, 2, 4, 5, 7, 8):
        selection.select(
            inbox.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    settle(app)
    chosen = inbox.selected_cases()
    workspace = window.workspaces[InboxWorkspace.key]
    assert isinstance(workspace, InboxWorkspace)
    workspace.bulk.assign()
    dialog = workspace.bulk.dialog
    from backoffice.ui.inbox.bulk_dialogs import AssignManyDialog

    assert isinstance(dialog, AssignManyDialog)
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("sachbearbeitung3"))
    dialog.reason_edit.setPlainText("Ausgleich der Arbeitslast während der Urlaubszeit")
    # Meanwhile a colleague records the withdrawal of one of them.
    gone = chosen[3]
    lead = users.by_login("teamleitung").as_actor()
    casework.commands.change_status(lead, gone.id, gone.version, Status.WITHDRAWN, notify=False)
    dialog.accept()
    settle(app)
    report = workspace.bulk.dialog
    assert report is not None
    path = _grab_dialog(window, report, out / "bulk-result.png", app)
    report.reject()
    return path


def _grab_dialog(window: MainWindow, dialog: QWidget, path: Path, app: QApplication) -> Path:
    """The window with the dialog drawn over its middle, as the team lead sees it."""
    settle(app)
    window.statusBar().clearMessage()
    dialog.adjustSize()
    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    shot = dialog.grab()
    x = (picture.width() - shot.width()) // 2
    y = (picture.height() - shot.height()) // 2
    painter.fillRect(x - 1, y - 1, shot.width() + 2, shot.height() + 2, QColor("#7a8796"))
    painter.drawPixmap(x, y, shot)
    painter.end()
    if not picture.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(f"wrote {path} ({picture.width()}×{picture.height()})")
    return path


# -- the administration's pictures (issue 11) ----------------------------------------------


def render_admin_editor(out: Path, language: str) -> list[Path]:
    """``admin-editor.png``: the service template editor for the birth certificate, a
    message text being rewritten (the check lists what is still missing), and the live
    preview of the sample case's certificate beside it."""
    from backoffice.services.administration import AdministrationServices
    from backoffice.services.identity import IdentityService, TownIdentity
    from backoffice.services.installation import Installation
    from backoffice.ui.admin.editor import TemplateEditor

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-admin-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        url = f"sqlite:///{Path(tmp) / 'admin.sqlite3'}"
        db = Database(url)
        upgrade(db)
        clock = Clock()
        catalogue = CatalogueService(db)
        catalogue.install(read_catalogue(), SYSTEM)
        users = UserService(db)
        add_demo_users(users, SYSTEM)
        admin = users.by_login("admin").as_actor()
        identity = IdentityService(db, clock)
        identity.set(
            admin,
            TownIdentity(
                name="Stadt Musterhausen",
                office="Standesamt",
                street="Markt 1",
                postcode="12345",
                city="Musterhausen",
                signature_line="Die Standesbeamtin",
            ),
        )
        documents = DocumentService(db, clock, identity.letterhead_for)
        installation = Installation(data_dir=Path(tmp) / "data", database_url=url)
        services = DesktopServices(
            db=db,
            casework=Casework.build(db, clock=clock),
            users=users,
            catalogue=catalogue,
            documents=documents,
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            print_queue=PrintQueueService(db, clock),
            administration=AdministrationServices.build(db, installation, identity, clock),
        )
        runner = SyncTaskRunner()
        editor = TemplateEditor(
            build_context(services, admin, language, runner), "birth_certificate"
        )
        editor.resize(*SIZE)
        editor.show()
        settle(app)
        editor.splitter.setSizes([830, 570])
        settle_rendering(app)  # the first preview, of the version as it is
        # A change on its way: a new German text for "completed", the English one not yet
        # written (the check says so; the preview keeps the last version it could draw).
        editor.tabs.setCurrentWidget(editor.messages)
        editor.messages.choose("completed")
        editor.messages.editors["de"].setPlainText(
            "Ihre Geburtsurkunde ist ausgestellt (Aktenzeichen {file_number}). Sie erhalten sie "
            "mit der Post; bei Abholung bringen Sie bitte Ihren Ausweis mit."
        )
        editor.messages.editors["en"].setPlainText("")
        editor.check_now()
        editor.preview_now()
        settle_rendering(app)
        path = out / "admin-editor.png"
        picture = editor.grab()
        if not picture.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        print(f"wrote {path} ({picture.width()}×{picture.height()})")
        editor._confirmed_close = True
        editor.close()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return [path]


# -- the print queue (issue 9) --------------------------------------------------------------


def render_print(out: Path, language: str) -> list[Path]:
    """``print-queue.png``: the demo's letters made by the postal handler, as the outbox
    makes them; a certificate enclosed with one; two printed by Thomas Krämer."""
    from backoffice.services.citizen.message import ROUTES
    from backoffice.services.outbox import OutboxDispatcher
    from backoffice.services.outbox.post import PostHandler
    from backoffice.ui.delivery.workspace import DeliveryWorkspace

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-print-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        db = Database(f"sqlite:///{Path(tmp) / 'print.sqlite3'}")
        upgrade(db)
        clock = Clock()
        casework, users, catalogue, _story = populate(db, clock)
        petra = users.by_login("sachbearbeitung1").as_actor()
        thomas = users.by_login("sachbearbeitung2").as_actor()
        services = DesktopServices(
            db=db,
            casework=casework,
            users=users,
            catalogue=catalogue,
            documents=DocumentService(db, clock=clock),
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            print_queue=PrintQueueService(db, clock),
        )
        # Certificates finished: the completion letters enclose them.
        from backoffice.domain.errors import DomainError

        with db.read() as session:
            by_post = set(
                session.scalars(
                    select(OutboxMessage.case_id).where(OutboxMessage.channel == "post")
                )
            )
        mine = casework.queries.list_cases(
            petra, CaseFilter(assignee_id=petra.user_id, statuses=frozenset({Status.IN_PROGRESS}))
        ).rows
        for row in [r for r in mine if r.id in by_post][:2]:
            clock.advance(minutes=6)
            try:
                services.documents.generate(petra, row.id)
                casework.commands.change_status(petra, row.id, row.version, Status.COMPLETED)
            except DomainError as exc:
                print(f"not finished: {row.file_number}: {exc}")
        outbox = OutboxDispatcher(db, {ROUTES[Channel.POST]: PostHandler(db, clock)}, clock)
        with db.read() as session:
            posted = list(
                session.scalars(
                    select(OutboxMessage.id)
                    .where(OutboxMessage.channel == "post", OutboxMessage.state == "pending")
                    .order_by(OutboxMessage.id)
                )
            )
        for message_id in posted:
            clock.advance(minutes=4)
            outbox.send(message_id)
        queue = services.print_queue
        waiting = queue.waiting(petra)

        print(f"print queue: {len(waiting)} letters")
        clock.advance(minutes=30)
        queue.mark_printed(thomas, [letter.id for letter in waiting[:2]])
        runner = SyncTaskRunner()
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(build_context(services, petra, language, runner), settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)
        window.show_workspace(DeliveryWorkspace.key)
        tab = window.delivery.print_queue
        window.delivery.tabs.setCurrentWidget(tab)
        tab.splitter.setSizes([780, 600])
        settle(app)
        enclosing = next((w for w in waiting[2:] if w.enclosure_ids), waiting[2])
        tab.show_letter(enclosing.id)
        settle_rendering(app)
        written = [_grab(window, out / "print-queue.png", app)]
        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return written


def _admin_draft(raw: dict[str, Any]) -> dict[str, Any]:
    """A realistic draft of the birth certificate: a higher fee, a new form field and a
    reworded completion message."""
    import copy

    draft = copy.deepcopy(raw)
    draft["fee"]["amount"] = "12.00"
    applicant = next(g for g in draft["field_groups"] if g["key"] == "applicant")
    applicant["fields"].append(
        {
            "key": "nationality",
            "label": {"de": "Staatsangehörigkeit", "en": "Nationality"},
            "type": "text",
            "max_length": 60,
        }
    )
    draft["messages"]["completed"]["de"] = (
        "Die beantragte Geburtsurkunde (Aktenzeichen {file_number}) ist ausgestellt und wird "
        "Ihnen mit dem Gebührenbescheid per Post zugesandt."
    )
    return draft


def render_admin_services(out: Path, language: str) -> list[Path]:
    """The administrator's pictures:

    - ``admin-services.png``: the services page (Ctrl+4), the birth certificate with a
      draft that passed the configuration check;
    - ``admin-diff.png``: that draft beside the live version (fee, a new field, a text).
    """
    from backoffice.services.administration import AdministrationServices
    from backoffice.services.identity import IdentityService
    from backoffice.services.installation import Installation
    from backoffice.ui.admin.services_page import ServicesPage
    from backoffice.ui.admin.workspace import AdministrationWorkspace

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-admin-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        url = f"sqlite:///{Path(tmp) / 'admin.sqlite3'}"
        db = Database(url)
        upgrade(db)
        clock = Clock()
        catalogue = CatalogueService(db, clock)
        catalogue.install(read_catalogue(), SYSTEM)
        users = UserService(db)
        add_demo_users(users, SYSTEM)
        add_cases(db, catalogue.current(), 40, fill_form, seed=4, now=NOW, spread_days=12)
        identity = IdentityService(db, clock)
        documents = DocumentService(db, clock, identity.letterhead_for)
        installation = Installation(data_dir=Path(tmp) / "data", database_url=url)
        administration = AdministrationServices.build(db, installation, identity, clock)
        admin = users.by_login("admin").as_actor()
        live = {t.key: t for t in catalogue.current()}
        templates = administration.templates
        templates.save_draft(admin, _admin_draft(dict(live["birth_certificate"].raw)))
        services = DesktopServices(
            db=db,
            casework=Casework.build(db, clock=clock),
            users=users,
            catalogue=catalogue,
            documents=documents,
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            print_queue=PrintQueueService(db, clock),
            administration=administration,
        )
        runner = SyncTaskRunner()
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(build_context(services, admin, language, runner), settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)
        written = []

        window.show_workspace(AdministrationWorkspace.key)
        workspace = window.workspaces[AdministrationWorkspace.key]
        assert isinstance(workspace, AdministrationWorkspace)
        workspace.show_page(ServicesPage.key)
        page = workspace.pages[ServicesPage.key]
        assert isinstance(page, ServicesPage)
        settle(app)
        page.select_service("birth_certificate")
        settle(app)
        page.select_version(2)
        page.check()
        settle(app)
        written.append(_grab(window, out / "admin-services.png", app))

        page.show_differences()
        dialog = page.diff_dialog
        assert dialog is not None
        dialog.resize(1240, 600)
        settle(app)
        written.append(_grab_with(window, dialog, out / "admin-diff.png", app))
        dialog.reject()

        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return written


#: The sets of pictures, by the name ``--only`` takes.
def render_admin_pages(out: Path, language: str) -> list[Path]:
    """Users and roles, and the audit trail, as the administrator (see the module text)."""
    from backoffice.services.administration import AdministrationServices
    from backoffice.services.identity import IdentityService
    from backoffice.services.installation import Installation
    from backoffice.ui.admin.audit_page import AuditPage
    from backoffice.ui.admin.retention_page import RetentionPage
    from backoffice.ui.admin.users_page import UsersPage
    from backoffice.ui.admin.workspace import AdministrationWorkspace

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    with tempfile.TemporaryDirectory(prefix="backoffice-admin-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        url = f"sqlite:///{Path(tmp) / 'admin.sqlite3'}"
        db = Database(url)
        upgrade(db)
        clock = Clock()
        clock.now = NOW - timedelta(days=70)  # the installation, ten weeks ago
        catalogue = CatalogueService(db, clock)
        catalogue.install(read_catalogue(), SYSTEM)
        users = UserService(db, clock)
        add_demo_users(users, SYSTEM)
        admin = users.by_login("admin").as_actor()
        clock.advance(60 * 24 * 20)
        users.add(admin, "k.lindner", "Klaus Lindner", Role.CLERK)
        clock.advance(60 * 24 * 25)
        users.add(admin, "m.weber", "Maria Weber", Role.CLERK)
        clock.advance(60 * 26)
        users.add(admin, "e.brandt", "Eva Brandt", Role.ADMINISTRATOR)
        clock.advance(60 * 24 * 10)
        users.change_role(admin, "sachbearbeitung2", Role.TEAM_LEAD)
        clock.advance(60 * 24 * 4)
        users.deactivate(admin, "k.lindner")
        clock.now = NOW - timedelta(days=3)
        add_cases(db, catalogue.current(), 24, fill_form, seed=9, now=clock.now, spread_days=6)
        casework = Casework.build(db, clock=clock)
        documents = DocumentService(db, clock=clock)
        petra = users.by_login("sachbearbeitung1").as_actor()
        lead = users.by_login("teamleitung").as_actor()
        rows = casework.queries.list_cases(
            lead, CaseFilter(), CaseSort(SortKey.RECEIVED, descending=False), limit=50
        ).rows
        story = next(r for r in rows if r.service_key == "birth_certificate")
        clock.advance(60 * 20)
        casework.commands.claim(petra, story.id)
        clock.advance(12)
        casework.queries.get_case(petra, story.id)
        change_status(casework, petra, story.id, 2, Status.IN_PROGRESS)
        clock.advance(35)
        casework.commands.add_note(petra, story.id, "Geburtsurkunde aus dem Register bestätigt.")
        clock.advance(8)
        certificate = documents.generate(petra, story.id)
        documents.get_pdf(petra, certificate.id)
        clock.advance(60 * 24)
        casework.queries.get_case(lead, story.id)
        clock.advance(3)
        documents.get_pdf(lead, certificate.id)
        _retention_story(db, casework, documents, catalogue, admin, petra, clock)
        clock.now = NOW
        identity = IdentityService(db, clock)
        installation = Installation(data_dir=Path(tmp) / "data", database_url=url)
        services = DesktopServices(
            db=db,
            casework=casework,
            users=users,
            catalogue=catalogue,
            documents=documents,
            print_queue=PrintQueueService(db, clock),
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            administration=AdministrationServices.build(db, installation, identity, clock),
        )
        runner = SyncTaskRunner()
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(build_context(services, admin, language, runner), settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)
        written = []

        window.show_workspace(AdministrationWorkspace.key)
        workspace = window.workspaces[AdministrationWorkspace.key]
        assert isinstance(workspace, AdministrationWorkspace)
        workspace.show_page(UsersPage.key)
        page = workspace.pages[UsersPage.key]
        assert isinstance(page, UsersPage)
        page.refresh()
        page.select("m.weber")
        page.message_bar.show_message(
            page.tr("{name} ({login}) was added as {role}.").format(
                name="Maria Weber", login="m.weber", role=role_name(Role.CLERK)
            ),
            Tone.GOOD,
        )
        settle(app)
        written.append(_grab(window, out / "admin-users.png", app))

        workspace.show_page(AuditPage.key)
        audit = workspace.pages[AuditPage.key]
        assert isinstance(audit, AuditPage)
        audit.show_case(story.file_number)
        audit.verify()
        settle(app)
        written.append(_grab(window, out / "admin-audit.png", app))

        workspace.show_page(RetentionPage.key)
        settle(app)
        written.append(_grab(window, out / "admin-retention.png", app))

        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
        return written


def _retention_story(
    db: Database,
    casework: Casework,
    documents: DocumentService,
    catalogue: CatalogueService,
    admin: Actor,
    clerk: Actor,
    clock: Clock,
) -> None:
    """Dog tax registrations kept 30 years from now on; four birth certificates closed in
    2015, their ten years over (one deleted a month ago, three due)."""
    from sqlalchemy import update

    from backoffice.services.retention import RetentionService
    from backoffice.services.template_versions import TemplateVersions

    versions = TemplateVersions(db, clock)
    dog = next(t for t in catalogue.current() if t.key == "dog_tax_registration")
    raw = dict(dog.raw)
    raw["retention_years"] = 30
    versions.save_draft(admin, raw)
    clock.advance(20)
    versions.publish(admin, dog.key, versions.today(), end_predecessor=True)
    birth = [t for t in catalogue.current() if t.key == "birth_certificate"]
    clock.advance(60)
    before = {row.id for row in _all_cases(casework, admin)}
    add_cases(db, birth, 4, fill_form, seed=12, now=clock.now, spread_days=1)
    old = sorted(row.id for row in _all_cases(casework, admin) if row.id not in before)
    for number, case_id in enumerate(old):
        casework.commands.claim(clerk, case_id)
        change_status(casework, clerk, case_id, 2, Status.IN_PROGRESS)
        documents.generate(clerk, case_id)
        change_status(casework, clerk, case_id, 3, Status.COMPLETED)
        closed = datetime(2015, 2, 3 + 5 * number, 10, 15, tzinfo=UTC)
        with db.write() as session:
            session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(
                    received_at=closed - timedelta(days=9),
                    closed_at=closed,
                    retention_until=closed.date().replace(year=2025),
                    file_number=f"GEB-2015-{17 + 4 * number:06d}",
                )
            )
    clock.advance(60 * 24)
    RetentionService(db, clock).run(admin, confirm=True, only=old[:1])


def _all_cases(casework: Casework, actor: Actor) -> list[CaseRow]:
    return casework.queries.list_cases(actor, CaseFilter(), limit=1000).rows


# -- the administrator's portal and identity pages (issue 11) --------------------------------


def _coat_of_arms() -> bytes:
    """A made-up coat of arms (a shield with a cross) as a PNG, drawn with Qt."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
    from PySide6.QtGui import QImage, QPolygonF

    image = QImage(240, 280, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    shield = QPolygonF(
        [QPointF(12, 12), QPointF(228, 12), QPointF(228, 150), QPointF(120, 268), QPointF(12, 150)]
    )
    painter.setPen(QColor("#0d2c5a"))
    painter.setBrush(QColor("#1f5fa8"))
    painter.drawPolygon(shield)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#f5c518"))
    painter.drawRect(100, 40, 40, 170)
    painter.drawRect(48, 92, 144, 40)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stubs want bytes; PySide6 a str)
    return bytes(data.data())


def render_admin_portal(out: Path, language: str) -> list[Path]:
    """The administrator's pictures:

    - ``admin-portal.png``: Administration → Portal, configured against the simulator,
      keys made and registered, the connection test passed line by line;
    - ``admin-identity.png``: Administration → Identity with a logo, and the live preview
      of a sample certificate.
    """
    import keyring
    import keyring.backend

    from backoffice.domain.deadlines import WorkingCalendar
    from backoffice.services.administration import AdministrationServices
    from backoffice.services.identity import IdentityService, Logo, TownIdentity
    from backoffice.services.installation import Installation
    from backoffice.simulator.crypto import SimulatorKeys
    from backoffice.ui.admin.identity_page import IdentityPage
    from backoffice.ui.admin.portal_page import PortalPage
    from backoffice.ui.admin.workspace import AdministrationWorkspace

    class MemoryKeyring(keyring.backend.KeyringBackend):
        """The client secret and the key passphrase, for this throwaway installation only."""

        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["screenshots"])
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else "en"))
    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    subscriber = generate_keys()
    simulator = Simulator(
        seed=5, keys=SimulatorKeys.generate(), subscriber_jwks=subscriber.export_public_jwks()
    ).start()
    with tempfile.TemporaryDirectory(prefix="backoffice-admin-shots-") as tmp:
        translators = install_translators(app, language, Path(tmp) / "qm")
        url = f"sqlite:///{Path(tmp) / 'admin.sqlite3'}"
        db = Database(url)
        upgrade(db)
        clock = Clock()
        catalogue = CatalogueService(db)
        catalogue.install(read_catalogue(), SYSTEM)
        users = UserService(db)
        add_demo_users(users, SYSTEM)
        admin = users.by_login("admin").as_actor()
        identity = IdentityService(db, clock)
        identity.set(
            admin,
            TownIdentity(
                name="Stadt Musterhausen",
                office="Bürgerbüro",
                street="Marktplatz 1",
                postcode="12345",
                city="Musterhausen",
                signature_line="Der Bürgermeister",
                footer="Bürgerbüro · Marktplatz 1 · 12345 Musterhausen · Mo–Fr 8–12 Uhr",
                logo=Logo.checked(_coat_of_arms()),
            ),
        )
        installation = Installation(data_dir=Path(tmp) / "data", database_url=url)
        calendar = WorkingCalendar()
        casework = Casework.build(db, calendar, clock)
        documents = DocumentService(db, clock, identity.letterhead_for)
        services = DesktopServices(
            db=db,
            casework=casework,
            users=users,
            catalogue=catalogue,
            documents=documents,
            print_queue=PrintQueueService(db, clock),
            attachments=AttachmentService(db),
            delivery=DeliveryService(db),
            citizen=CitizenMessages(db, clock),
            administration=AdministrationServices.build(db, installation, identity, clock),
        )
        runner = SyncTaskRunner()
        settings = UiSettings.at(Path(tmp) / "ui.ini")
        settings.refresh_seconds = 0
        window = MainWindow(build_context(services, admin, language, runner), settings)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(app)
        written = []
        window.show_workspace(AdministrationWorkspace.key)
        workspace = window.workspaces[AdministrationWorkspace.key]
        assert isinstance(workspace, AdministrationWorkspace)

        workspace.show_page(PortalPage.key)
        page = workspace.pages[PortalPage.key]
        assert isinstance(page, PortalPage)
        settle(app)
        for field, text in zip(
            page.form.fields,
            (
                simulator.base_url,
                simulator.token_url,
                simulator.destination_id,
                simulator.subscriber.client_id,
                simulator.subscriber.client_secret,
            ),
            strict=True,
        ):
            field.setText(text)
        page.save()
        page.generate_keys()  # RSA-4096: a few seconds
        page.register_keys()
        page.test_connection()
        page.message.dismiss()
        settle(app)
        written.append(_grab(window, out / "admin-portal.png", app))

        workspace.show_page(IdentityPage.key)
        identity_page = workspace.pages[IdentityPage.key]
        assert isinstance(identity_page, IdentityPage)
        settle(app)
        identity_page.splitter.setSizes([760, 640])
        settle(app)
        identity_page.render_preview()  # at the width it has now (else after a pause)
        settle(app)
        written.append(_grab(window, out / "admin-identity.png", app))

        window.close()
        window.shut_down()
        runner.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        db.dispose()
    simulator.stop()
    keyring.set_keyring(previous_keyring)
    return written


PICTURES = {
    "window": render,
    "team": render_team,
    "admin-editor": render_admin_editor,
    "print-queue": render_print,
    "admin-services": render_admin_services,
    "admin": render_admin_pages,
    "admin-portal": render_admin_portal,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=("de", "en"), default="de")
    parser.add_argument(
        "--only",
        default="all",
        help="which pictures: all, or NAME[,NAME] of " + ", ".join(PICTURES),
    )
    args = parser.parse_args(argv)
    names = list(PICTURES) if args.only == "all" else [n.strip() for n in args.only.split(",")]
    unknown = [name for name in names if name not in PICTURES]
    if unknown:
        parser.error(f"unknown pictures: {', '.join(unknown)}; known: {', '.join(PICTURES)}")
    for name in names:
        PICTURES[name](args.out, args.language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
