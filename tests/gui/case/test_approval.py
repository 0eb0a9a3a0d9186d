"""Four-eyes sign-off on the case: the requester sees the step waiting; a second person
with the right role approves or refuses it; nothing moves before."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.domain.templates import parse_template
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.catalogue import CatalogueService
from backoffice.ui.case.dialogs import TransitionDialog
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.bulk_dialogs import ReasonDialog
from tests.gui.conftest import World


@pytest.fixture
def four_eyes(world: World) -> int:
    """A birth certificate version whose rejection from in_progress needs approval, and a
    case of it that clerk1 works on."""
    raw = copy.deepcopy(dict(world.templates["birth_certificate"].raw))
    for transition in raw["workflow"]["transitions"]:
        if (transition["from"], transition["to"]) == ("in_progress", "rejected"):
            transition["requires"] = [*transition.get("requires", []), "approval"]
    CatalogueService(world.db).install([parse_template(raw, "four eyes")], SYSTEM)
    case_id = world.add_case("birth_certificate")
    version = world.casework.commands.claim(world.clerk1, case_id).version
    world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    return case_id


def _view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, actor: Actor, case_id: int
) -> CaseView:
    context = make_context(actor)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    with qtbot.waitSignal(view.case_shown):
        view.show_case(case_id)
    return view


def _status(world: World, case_id: int) -> Status:
    return world.casework.queries.get_case(world.lead, case_id).row.status


def test_the_requester_waits_and_a_team_lead_approves(
    qtbot: QtBot, world: World, four_eyes: int, make_context: Callable[..., UiContext]
) -> None:
    clerk = _view(qtbot, make_context, world, world.clerk1, four_eyes)
    assert clerk.approval.isHidden()
    clerk.start_transition(Status.REJECTED)
    dialog = clerk.dialog
    assert isinstance(dialog, TransitionDialog)
    dialog.comment_edit.setPlainText("Nicht zuständig")
    dialog.message_edit.setPlainText("Bitte wenden Sie sich an Ihr Standesamt.")
    with qtbot.waitSignal(clerk.case_shown):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _status(world, four_eyes) is Status.IN_PROGRESS  # nothing moved yet
    panel = clerk.approval
    assert panel.isVisible()
    assert panel.text.text().startswith("Waiting for approval: you asked on")
    assert "“In progress” to “Issue refused”" in panel.text.text()  # the template’s label
    assert "Comment: Nicht zuständig" in panel.detail.text()
    assert panel.withdraw_button.isVisible()
    assert not panel.approve_button.isVisible()

    lead = _view(qtbot, make_context, world, world.lead, four_eyes)
    panel = lead.approval
    assert panel.text.text().startswith("Approval needed: Petra Sommer asked on")
    assert panel.approve_button.isVisible() and panel.refuse_button.isVisible()
    assert not panel.withdraw_button.isVisible()
    with qtbot.waitSignal(lead.case_shown):
        qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    assert _status(world, four_eyes) is Status.REJECTED
    assert panel.isHidden()
    kinds = [entry.kind for entry in lead.detail.history] if lead.detail else []
    assert any("approv" in kind for kind in kinds)


def test_a_refusal_needs_a_reason_and_leaves_the_case(
    qtbot: QtBot, world: World, four_eyes: int, make_context: Callable[..., UiContext]
) -> None:
    clerk = _view(qtbot, make_context, world, world.clerk1, four_eyes)
    assert clerk.detail is not None
    clerk.approval.request(
        four_eyes, clerk.detail.row.version, Status.REJECTED, "Nicht zuständig", "Bitte …"
    )
    lead = _view(qtbot, make_context, world, world.lead, four_eyes)
    lead.approval.ask_refusal()
    dialog = lead.approval.dialog
    assert isinstance(dialog, ReasonDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setPlainText("Zuständigkeit ist gegeben")
    with qtbot.waitSignal(lead.case_shown):
        dialog.ok_button.click()
    assert lead.approval.isHidden()
    assert _status(world, four_eyes) is Status.IN_PROGRESS
    # A clerk who did not ask sees that it waits, and no buttons.
    clerk.approval.request(
        four_eyes, clerk.detail.row.version, Status.REJECTED, "Nicht zuständig", "Bitte …"
    )
    other = _view(qtbot, make_context, world, world.clerk2, four_eyes)
    assert other.approval.text.text().endswith("a team lead decides.")
    assert not other.approval.approve_button.isVisible()
