"""One "finish" for a standard certificate order: select, Finish, Confirm."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.domain.status import Status
from backoffice.services.citizen.message import KIND
from backoffice.store.models import Document, OutboxMessage
from backoffice.ui.case.finish import FinishDialog, FinishProgressDialog
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import World
from tests.integration.services.test_citizen_messages import _applicant

#: A certificate order without a checklist (the birth certificate's must be ticked before
#: "finish" is offered: tests/gui/case/test_checklist.py).
FINISHED_SERVICE = "marriage_certificate"


def _messages(world: World, case_id: int) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id, OutboxMessage.kind == KIND)
                .order_by(OutboxMessage.id)
            )
        )


def _documents(world: World, case_id: int) -> list[int]:
    with world.db.read() as session:
        return list(session.scalars(select(Document.id).where(Document.case_id == case_id)))


class Clerk:
    """Counts what the clerk does: each click is one action."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.actions = 0

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.actions += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())


def test_select_finish_confirm_is_three_actions(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    # A fresh application nobody has taken yet, as it arrives in the inbox.
    case_id = world.add_case(FINISHED_SERVICE, form_data=_applicant())
    window = make_window(world.clerk1)
    table = window.inbox.table
    row = window.inbox.model.row_of(case_id)
    assert row is not None
    clerk = Clerk(qtbot)
    index = window.inbox.model.index(row, 0)
    clerk.click(table.viewport(), table.visualRect(index).center())  # 1: select the case
    view = window.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.id == case_id)
    assert view.finish_action.isEnabled()
    button = window.toolbar.widgetForAction(view.finish_action)
    assert button is not None and button.isVisible()
    clerk.click(button)  # 2: finish
    dialog = view.dialog
    assert isinstance(dialog, FinishDialog)
    # The certificate is shown beside what the applicant receives, before anything is sent.
    qtbot.waitUntil(lambda: dialog.certificate.currentWidget() is dialog.certificate.pdf_view)
    assert dialog.certificate.page_count == 1
    pane = dialog.preview_pane
    assert pane.channel.text() == "letter by post"
    assert pane.attachments.text().startswith("Certificate ")
    assert "ausgestellt" in pane.body.toPlainText()
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Complete and send"
    clerk.click(dialog.ok_button)  # 3: confirm
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.status is Status.COMPLETED)
    assert clerk.actions == 3
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert detail.row.status is Status.COMPLETED
    assert detail.row.assignee_id == world.clerk1.user_id
    # One message: the completion with the certificate (starting work told nobody).
    [message] = _messages(world, case_id)
    assert message.payload["status"] == "completed"
    assert message.payload["document_ids"] == _documents(world, case_id)
    assert message.channel == "post"


def _case_view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, **kw: Any
) -> CaseView:
    context = make_context(world.clerk1, **kw)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    return view


def test_finish_can_be_cancelled_while_it_waits_and_writes_nothing(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    case_id = world.add_case(FINISHED_SERVICE, form_data=_applicant())
    view = _case_view(qtbot, make_context, world, task_runner=thread_runner)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None and not view.busy)
    # Another write of this desktop is still under way: finish waits for its turn.
    release = threading.Event()
    thread_runner.run(lambda: release.wait(10), write=True, name="earlier write")
    view.finish_action.trigger()
    progress = view.dialog
    assert isinstance(progress, FinishProgressDialog)
    assert progress.cancel_button.isEnabled()
    assert not view.finish_action.isEnabled() and not view.claim_action.isEnabled()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: thread_runner.pending == 0 and not view.busy, timeout=10_000)
    assert not isinstance(view.dialog, FinishDialog)
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert detail.row.assignee_id is None and detail.row.status is Status.RECEIVED
    assert _documents(world, case_id) == [] and _messages(world, case_id) == []


def test_finish_without_an_address_completes_without_a_message_when_chosen(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case(
        FINISHED_SERVICE, form_data={"applicant": {"given_name": "Ana", "family_name": "B"}}
    )
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(
        world.clerk1, case_id, 2, Status.IN_PROGRESS, notify=False
    )
    view = _case_view(qtbot, make_context, world)
    view.show_case(case_id)
    view.finish_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, FinishDialog)
    assert "no complete postal address" in dialog.preview_pane.problems.text()
    assert not dialog.ok_button.isEnabled()
    # Cancelled: the certificate stays, the case stays open; finishing again reuses it.
    dialog.reject()
    assert len(_documents(world, case_id)) == 1
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.IN_PROGRESS
    view.finish_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, FinishDialog)
    assert len(_documents(world, case_id)) == 1
    dialog.without_message.setChecked(True)
    with qtbot.waitSignal(view.case_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.COMPLETED
    assert _messages(world, case_id) == []


def test_a_change_meanwhile_refuses_the_completion_and_says_who(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case(FINISHED_SERVICE, form_data=_applicant())
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    view = _case_view(qtbot, make_context, world)
    view.show_case(case_id)
    view.finish_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, FinishDialog)
    # While the clerk looks at the certificate, the team lead asks the applicant something.
    detail = world.casework.queries.get_case(world.lead, case_id)
    world.casework.commands.change_status(
        world.lead,
        case_id,
        detail.row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte Ausweis nachreichen.",
    )
    with qtbot.waitSignal(view.conflict):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Sabine Albrecht changed this case" in view.message_bar.text
    stored = world.casework.queries.get_case(world.clerk1, case_id)
    assert stored.row.status is Status.WAITING_FOR_CITIZEN
    assert [m.payload["status"] for m in _messages(world, case_id)][-1] == "waiting_for_citizen"


def test_finish_is_offered_only_for_a_certificate_order_one_may_work(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    held = world.add_case(FINISHED_SERVICE, form_data=_applicant())
    world.casework.commands.claim(world.clerk2, held)
    view = _case_view(qtbot, make_context, world)
    view.show_case(held)
    assert view.offer is not None and view.offer.finish is None
    assert not view.finish_action.isEnabled() and not view.finish_button.isVisible()
    free = world.add_case(FINISHED_SERVICE, form_data=_applicant())
    view.show_case(free)
    assert view.offer is not None and view.offer.finish is not None
    plan = view.offer.finish
    assert (plan.claim, plan.start, plan.generate) == (True, True, True)
    assert view.finish_button.isVisible()
