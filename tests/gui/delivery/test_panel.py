"""The delivery panel: rejected submissions explained, the outbox, the syncs — as plain text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.services.actor import SYSTEM
from backoffice.services.quarantine import Hold, hold
from backoffice.store.models import OutboxMessage, SubmissionRecord
from backoffice.ui.context import UiContext
from backoffice.ui.delivery.panel import DeliveryPanel
from backoffice.ui.record_model import RECORD_ROLE
from tests.gui.conftest import Portal, World

HOSTILE = '<b>kaputt</b><img src="file:///etc/passwd">'


def _panel(qtbot: QtBot, context: UiContext, world: World) -> DeliveryPanel:
    context.vocabulary.templates.update(world.templates)
    panel = DeliveryPanel(context)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    return panel


def test_a_rejected_submission_is_listed_and_explained(
    qtbot: QtBot,
    world: World,
    make_portal: Callable[..., Portal],
    make_context: Callable[..., UiContext],
) -> None:
    portal = make_portal()
    (broken,) = portal.simulator.generate(1, fault="data-hash", service="birth_certificate")
    portal.simulator.generate(1)
    assert portal.services.open_intake is not None
    with portal.services.open_intake() as intake:
        report = intake.sync(SYSTEM, portal.simulator.destination_id)
    assert (report.accepted, report.rejected) == (1, 1)

    panel = _panel(qtbot, make_context(world.clerk1, services=portal.services), world)
    panel.refresh()
    model = panel.rejected_model
    assert model.rowCount() == 1
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row == [
        "10 Mar 2026, 09:00",
        "Birth certificate",
        "Checksum does not match",
        "form data",
        "The SHA-512 checksum of the data differs.",
        broken.submission_id,
    ]
    assert panel.tabs.tabText(0) == "Rejected (1)"
    assert panel.tabs.tabText(1) == "Outbox (0)"  # the rejection was confirmed to the portal
    panel.rejected_table.selectRow(0)
    text = panel.rejected_detail.toPlainText()
    assert text.startswith("Checksum does not match\nThe content does not match the checksum")
    assert "Part: form data" in text
    assert f"Submission: {broken.submission_id}" in text
    assert "No case was created." in text
    # Syncs: when and with what result.
    syncs = panel.sync_model
    assert syncs.rowCount() == 1
    assert syncs.data(syncs.index(0, 3)) == "1 new, 1 rejected, 0 postponed"
    assert syncs.data(syncs.index(0, 4)) == "—"


def test_waiting_and_failed_messages_show_attempts_and_errors_literally(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    now = world.clock.now
    with world.db.write() as session:
        for n, (state, error) in enumerate([("pending", "timeout"), ("failed", HOSTILE)]):
            session.add(
                OutboxMessage(
                    case_id=case_id,
                    kind="portal_decision",
                    channel="fit-connect",
                    payload={},
                    idempotency_key=f"test:{n}",
                    state=state,
                    attempts=3 + n,
                    next_attempt_at=now + timedelta(minutes=5),
                    last_error=error,
                    created_at=now,
                )
            )
    panel = _panel(qtbot, make_context(world.clerk1), world)
    opened: list[int] = []
    panel.open_case.connect(opened.append)
    panel.refresh()
    model = panel.outbox_model
    ModelTester(None).check(model)
    assert model.rowCount() == 2
    rows = [[model.data(model.index(r, c)) for c in range(6)] for r in range(2)]
    file_number = world.casework.queries.get_case(world.clerk1, case_id).row.file_number
    assert rows[0] == [
        file_number,
        "Confirmation to the portal",
        "waiting",
        "3",
        "10 Mar 2026, 09:05",
        "timeout",
    ]
    assert rows[1][2:] == ["failed for good", "4", "none (a person must look at it)", HOSTILE]
    assert model.data(model.index(1, 2), Qt.ItemDataRole.ForegroundRole) is not None
    tooltip = model.data(model.index(1, 5), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;kaputt" in tooltip  # escaped: shown as the characters it is
    assert model.data(model.index(1, 0), RECORD_ROLE).case_id == case_id
    panel.outbox_table.doubleClicked.emit(model.index(1, 0))
    assert opened == [case_id]
    assert panel.tabs.tabText(1) == "Outbox (2)"


def test_a_held_submission_is_listed_explained_and_released_by_retry(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    submission_id = "0b6a2c53-6f1d-4c0e-9d47-1f0c8a1e2b3c"
    leika = world.templates["birth_certificate"].leika
    with world.db.write() as session:
        hold(
            session,
            Hold(submission_id, "c" * 36, "d" * 36, leika, "sign", HOSTILE),
            world.clock.now,
        )
    panel = _panel(qtbot, make_context(world.clerk1), world)
    panel.refresh()
    tab = panel.quarantine
    ModelTester(None).check(tab.model)
    assert panel.tabs.tabText(3) == "Held (1)"
    row = [tab.model.data(tab.model.index(0, c)) for c in range(tab.model.columnCount())]
    assert row == [
        "10 Mar 2026, 09:00",
        "Birth certificate",
        "signing the decision",
        "held",
        "1",
        HOSTILE,  # the recorded error, literally
        submission_id,
    ]
    assert not tab.retry_button.isEnabled()  # nothing chosen yet
    tab.table.selectRow(0)
    assert tab.detail.toPlainText().startswith(
        f"Held at: signing the decision\nError: {HOSTILE}\nAttempts: 1"
    )
    assert tab.retry_button.isEnabled()

    qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)

    assert tab.model.data(tab.model.index(0, 3)) == "retry at the next fetch"
    assert not tab.retry_button.isEnabled()  # released already
    assert "Retry asked for by Petra Sommer at " in tab.detail.toPlainText()
    with world.db.read() as session:
        assert session.scalar(select(SubmissionRecord.id)) is None  # the next sync takes it
