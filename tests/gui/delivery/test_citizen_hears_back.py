"""The demo's path for the citizen, end to end: an application arrives from the portal
simulator, a clerk finishes it in the window (certificate and completion notice), the
window's outbox sends the reply, and the citizen's page at the simulator shows the message
with the certificate, as JSON and as the HTML page."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from html import escape

import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.app import portal_services
from backoffice.domain.status import Status
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.message import KIND
from backoffice.services.outbox import OutboxDispatcher, OutboxState
from backoffice.services.subscriber import KeyCrypto
from backoffice.store.models import Case, Document, OutboxMessage
from backoffice.ui.case.finish import FinishDialog
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import Portal, World


def _message(world: World, case_id: int) -> OutboxMessage | None:
    with world.db.read() as session:
        return session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case_id, OutboxMessage.kind == KIND
            )
        ).first()


def test_a_finished_case_reaches_the_citizens_portal_page(
    qtbot: QtBot,
    world: World,
    make_portal: Callable[..., Portal],
    make_window: Callable[..., MainWindow],
    subscriber_keys: SubscriberKeys,
) -> None:
    portal = make_portal(attachments=0)
    sim = portal.simulator
    # A certificate order without a checklist: "finish" is offered at once.
    sim.generate(8, service="marriage_certificate")
    assert portal.services.open_intake is not None
    with portal.services.open_intake() as intake:
        report = intake.sync(SYSTEM, sim.destination_id)
    assert report.error is None and report.accepted == 8
    with world.db.read() as session:
        case = session.scalars(
            select(Case).where(Case.reply_channel == "fitConnect").order_by(Case.id)
        ).first()
    assert case is not None and case.portal_case_id is not None
    case_id, portal_case_id, file_number = case.id, case.portal_case_id, case.file_number

    client = SubscriberClient(
        sim.base_url,
        sim.token_url,
        ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        timeouts=Timeouts(connect=2, read=10, body=10),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
        sleep=lambda _: None,
    )

    @contextmanager
    def open_outbox() -> Iterator[OutboxDispatcher]:  # as Backoffice.outbox() over the portal
        yield portal_services(
            world.db,
            CatalogueService(world.db),
            client,
            KeyCrypto(subscriber_keys, client.get_jwks),
            clock=world.clock,
        ).outbox

    try:
        window = make_window(
            world.clerk1, services=replace(portal.services, open_outbox=open_outbox)
        )
        window.open_case(case_id)
        view = window.case_view
        qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.id == case_id)
        qtbot.waitUntil(lambda: view.finish_action.isEnabled())
        view.finish_action.trigger()  # Finish: take, start, certificate, preview
        qtbot.waitUntil(lambda: isinstance(view.dialog, FinishDialog), timeout=20_000)
        dialog = view.dialog
        assert isinstance(dialog, FinishDialog)
        qtbot.waitUntil(lambda: dialog.ok_button.isEnabled())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # Complete and send
        qtbot.waitUntil(
            lambda: view.detail is not None and view.detail.row.status is Status.COMPLETED
        )
        # Nobody runs `outbox send`: the window sends soon after its own change.
        qtbot.waitUntil(
            lambda: (m := _message(world, case_id)) is not None and m.state == OutboxState.SENT,
            timeout=30_000,
        )
    finally:
        client.close()

    with world.db.read() as session:
        (certificate,) = session.scalars(
            select(Document).where(Document.case_id == case_id, Document.kind == "certificate")
        ).all()
        pdf = bytes(certificate.pdf)
    page = requests.get(f"{sim.root_url}/portal/cases/{portal_case_id}", timeout=10).json()
    (reply,) = page["replies"]
    received = reply["received"]
    assert reply["state"] == "accepted" and received is not None
    assert received["status"] == "COMPLETED"
    assert received["reference"] == file_number
    assert "ausgestellt" in received["message"]  # the template's completion text
    (attachment,) = received["attachments"]
    assert attachment["filename"] == f"Eheurkunde {file_number}.pdf"
    assert attachment["sha512"] == hashlib.sha512(pdf).hexdigest()

    html = requests.get(sim.portal_url, timeout=10).text
    assert escape(received["message"]) in html
    assert f"Anlagen: {escape(attachment['filename'])}" in html
