"""The clerk sees the applicant's answer: notice, history, attachments, inbox marker (issue 9).

The answer is real: a follow-up submission the simulator sends on the case's caseId,
fetched by the real intake over HTTP on loopback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import SYSTEM
from backoffice.services.queries import CaseFilter
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.model import Column, InboxModel
from tests.gui.conftest import Portal, World

ANSWER = "Anbei die Kopie meines Personalausweises.\n<b>Mit freundlichen Grüßen</b>"


def _answered_case(world: World, portal: Portal) -> int:
    sim = portal.simulator
    open_intake = portal.services.open_intake
    assert open_intake is not None
    generated = sim.generate(1, service="birth_certificate")[0]
    with open_intake() as intake:
        assert intake.sync(SYSTEM, sim.destination_id).accepted == 1
    page = world.casework.queries.list_cases(world.lead, CaseFilter())
    case_id = page.rows[0].id
    commands = world.casework.commands
    version = commands.claim(world.clerk1, case_id).version
    row = commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS, notify=False)
    commands.change_status(
        world.clerk1,
        case_id,
        row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte reichen Sie eine Kopie Ihres Personalausweises nach.",
        notify=False,
    )
    world.clock.advance(days=2)
    sim.follow_up(generated.case_id, ANSWER, attachments=1)
    with open_intake() as intake:
        assert intake.sync(SYSTEM, sim.destination_id).follow_ups == 1
    return case_id


def _tab(view: CaseView, page: QWidget) -> str:
    return view.tabs.tabText(view.tabs.indexOf(page))


def test_the_case_view_shows_the_answer_and_its_attachment(
    qtbot: QtBot,
    world: World,
    make_portal: Callable[..., Portal],
    make_context: Callable[..., UiContext],
    tmp_path: Path,
) -> None:
    case_id = _answered_case(world, make_portal())
    context = make_context(world.clerk1)
    context.vocabulary.templates.update(world.templates)
    # The inbox marks it until someone acts on it.
    model = InboxModel(context)
    model.set_query(CaseFilter())
    assert model.data(model.index(0, Column.MARKERS)) == "answered"

    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(760, 820)
    view.show()
    with qtbot.waitSignal(view.case_shown):
        view.show_case(case_id)
    assert view.detail is not None
    number = view.detail.row.file_number
    assert view.notice_bar.isVisible()
    assert view.notice_bar.text == f"The applicant answered on case {number}."
    assert view.header.status_badge.text() == "In progress"
    titles = [entry.title.text() for entry in view.history.entries]
    assert "The applicant answered" in titles
    entry = view.history.entries[titles.index("The applicant answered")]
    # The citizen's words as plain text (the markup stays characters), then the file.
    assert ANSWER in entry.detail.text()
    assert "New attachments: Nachgereichte_Unterlagen.pdf" in entry.detail.text()
    assert entry.detail.textFormat().name == "PlainText"
    assert _tab(view, view.attachments) == "Attachments (2)"
    view.tabs.setCurrentWidget(view.history)
    view.grab().save(str(tmp_path / "answer.png"))
    # Seen once: the notice is gone on the next opening.
    view.reload()
    assert not view.notice_bar.isVisible()
