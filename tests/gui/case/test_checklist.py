"""The case view's checklist: ticking in the window, and the status change it unlocks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.documents import DocumentService
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from tests.gui.conftest import World

ITEMS = ["entitlement_checked", "identity_checked", "register_entry_found", "fee_received"]


def _view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, actor: Actor
) -> CaseView:
    context = make_context(actor)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    return view


def _plain(tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def _ready_to_complete(world: World) -> int:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    DocumentService(world.db, clock=world.clock).generate(world.clerk1, case_id)
    return case_id


def test_ticking_the_checklist_makes_the_completion_possible(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _ready_to_complete(world)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    tabs = view.tabs
    assert tabs.isTabVisible(tabs.indexOf(view.checklist))
    assert tabs.tabText(tabs.indexOf(view.checklist)) == "Checklist (0/4)"
    assert list(view.checklist.boxes) == ITEMS
    fee = view.checklist.boxes["fee_received"]
    assert fee.text() == "Fee received or free of charge" and not fee.isChecked()
    assert _plain(fee.toolTip()) == "Not ticked yet"
    complete = view.transition_buttons[Status.COMPLETED]
    assert not complete.isEnabled()
    tip = _plain(complete.toolTip())
    assert "tick on the checklist: Applicant's entitlement checked" in tip
    assert "Fee received or free of charge." in tip
    assert "Complete” after ticking on the checklist" in view.action_hint.text()
    assert view.offer is not None and view.offer.finish is None  # the checklist first

    with qtbot.waitSignal(view.case_shown):
        fee.click()

    fee = view.checklist.boxes["fee_received"]
    assert fee.isChecked()
    assert _plain(fee.toolTip()).startswith("Ticked by Petra Sommer on ")
    assert tabs.tabText(tabs.indexOf(view.checklist)) == "Checklist (1/4)"
    assert view.detail is not None
    assert "fee_received" not in {e.key for e in view.detail.checklist_missing(Status.COMPLETED)}
    assert (
        view.history.entries[0].title.text()
        == "Petra Sommer ticked “Fee received or free of charge”"
    )
    for key in ITEMS[:-1]:
        with qtbot.waitSignal(view.case_shown):
            view.checklist.boxes[key].click()

    assert view.transition_buttons[Status.COMPLETED].isEnabled()
    assert "checklist" not in view.action_hint.text()
    assert view.offer is not None and view.offer.finish is not None
    # Unticking blocks it again.
    with qtbot.waitSignal(view.case_shown):
        view.checklist.boxes["identity_checked"].click()
    assert not view.transition_buttons[Status.COMPLETED].isEnabled()
    assert world.casework.queries.get_case(world.clerk1, case_id).checklist[1].ticked is False


def test_only_whoever_works_the_case_can_tick(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _ready_to_complete(world)
    view = _view(qtbot, make_context, world, world.clerk2)
    view.show_case(case_id)
    assert not any(box.isEnabled() for box in view.checklist.boxes.values())
    assert view.checklist.hint.text() == "Only whoever works on the case can tick its checklist."
    # A service without a checklist shows no such tab.
    other = world.add_case("death_certificate")
    with qtbot.waitSignal(view.case_shown):
        view.show_case(other)
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.checklist))
