"""The window sends what the clerks decided: the outbox is looked at soon after a change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.app import outbox_handlers
from backoffice.domain.status import Status
from backoffice.services.desktop import DesktopServices
from backoffice.services.outbox import OutboxDispatcher, OutboxState
from backoffice.store.models import Document, OutboxMessage
from backoffice.ui.delivery.outbox import SOON_MS, OutboxSender
from backoffice.ui.tasks import SyncTaskRunner
from tests.integration.conftest import World

APPLICANT = {
    "applicant": {
        "given_name": "Jörg",
        "family_name": "Müller",
        "street": "Am Markt",
        "house_number": "3",
        "postal_code": "48143",
        "city": "Musterstadt",
    }
}


def test_a_status_change_leaves_as_a_letter_soon(
    qtbot: QtBot, world: World, desktop_services: DesktopServices, runner: SyncTaskRunner
) -> None:
    @contextmanager
    def open_outbox() -> Iterator[OutboxDispatcher]:
        yield OutboxDispatcher(world.db, outbox_handlers(world.db, clock=world.clock), world.clock)

    services = replace(desktop_services, open_outbox=open_outbox, outbox_interval_seconds=3600)
    sender = OutboxSender(services, runner)
    case_id = world.add_case(form_data=APPLICANT)
    version = world.casework.commands.claim(world.clerk1, case_id).version
    world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)

    sender.start()
    assert sender.timer.remainingTime() > 60_000  # the next regular look is far off
    with qtbot.waitSignal(sender.finished, timeout=10_000) as sent:
        sender.send_soon()  # the window changed something: look within a second or two
    assert sent.args[0].sent == 1
    with world.db.read() as session:
        (message,) = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id))
        letters = list(session.scalars(select(Document).where(Document.kind == "letter")))
    assert message.state == OutboxState.SENT
    assert [d.outbox_message_id for d in letters] == [message.id]  # in the print queue
    sender.shut_down()
    assert not sender.timer.isActive() and not sender.enabled


def test_without_an_outbox_the_sender_does_nothing(
    qtbot: QtBot, desktop_services: DesktopServices, runner: SyncTaskRunner
) -> None:
    sender = OutboxSender(desktop_services, runner)
    sender.start()
    sender.send_soon()
    sender.send_now()
    assert not sender.enabled and not sender.timer.isActive()


class HeldRunner(SyncTaskRunner):
    """Runs a task only when the test lets it: a run of the sender that takes a while."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Any] = []

    def _start(self, job: Any) -> None:
        self.held.append(job)

    def finish_all(self) -> None:
        while self.held:
            super()._start(self.held.pop(0))


def test_a_change_during_a_run_is_sent_soon_not_at_the_next_regular_look(
    qtbot: QtBot, world: World, desktop_services: DesktopServices
) -> None:
    @contextmanager
    def open_outbox() -> Iterator[OutboxDispatcher]:
        yield OutboxDispatcher(world.db, outbox_handlers(world.db, clock=world.clock), world.clock)

    runner = HeldRunner()
    services = replace(desktop_services, open_outbox=open_outbox, outbox_interval_seconds=30)
    sender = OutboxSender(services, runner)
    sender.start()
    sender.send_now()  # a regular look begins and takes its time
    assert len(runner.held) == 1
    sender.send_soon()  # meanwhile the clerk changes a status
    # SOON_MS, give or take the coarse timer's slack; far below the 30 s of a regular look
    assert sender.timer.remainingTime() <= 2 * SOON_MS

    runner.finish_all()  # the run ends before the nudge is due

    assert sender.timer.isActive() and sender.timer.remainingTime() <= 2 * SOON_MS  # still soon
    sender.shut_down()
