"""The window's bundle comes with the outbox: what a clerk decided leaves from the desktop
(every 30 s and soon after a change), not only with the next sync ten minutes later."""

from __future__ import annotations

from pathlib import Path

from backoffice.app import Backoffice
from backoffice.domain.citizen_messages import Channel
from backoffice.services.citizen.message import Recipient
from backoffice.services.installation import Installation
from tests.integration.conftest import World

from .helpers import letters, message, queue, row


def test_the_desktop_services_send_the_outbox(world: World, tmp_path: Path) -> None:
    installation = Installation(tmp_path / "data", str(world.db.url))
    installation.prepare()
    services = Backoffice.on(installation, world.db, clock=world.clock).desktop_services()
    assert services.open_outbox is not None and services.outbox_interval_seconds == 30
    case_id = world.add_case()
    recipient = Recipient(name="Jörg Müller", street="Am Markt 3", city="48143 Musterstadt")
    message_id = queue(world, message(world, case_id, Channel.POST, recipient))

    with services.open_outbox() as outbox:  # no portal configured: letters and e-mail
        report = outbox.send_due()

    assert (report.sent, report.failed) == (1, 0), report.errors
    assert row(world, message_id).state == "sent"
    assert [letter.outbox_message_id for letter in letters(world, case_id)] == [message_id]
