"""Documents: creating the certificate in a worker unblocks completing; list, preview, save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.tasks import TaskRunner
from tests.fakes import tick_checklist
from tests.gui.conftest import World


def _view(
    qtbot: QtBot,
    make_context: Callable[..., UiContext],
    world: World,
    actor: Actor,
    **options: object,
) -> CaseView:
    context = make_context(actor, **options)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(760, 900)
    view.show()
    return view


def _in_progress(world: World, actor: Actor) -> int:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(actor, case_id)
    world.casework.commands.change_status(actor, case_id, 2, Status.IN_PROGRESS)
    tick_checklist(world.casework.commands, actor, case_id, world.templates["birth_certificate"])
    return case_id


def _plain(tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_creating_the_certificate_makes_completion_possible(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    case_id = _in_progress(world, world.clerk1)
    view = _view(qtbot, make_context, world, world.clerk1, task_runner=thread_runner)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None and not view.busy)
    complete = view.transition_buttons[Status.COMPLETED]
    assert not complete.isEnabled()
    assert "needs a generated document" in _plain(complete.toolTip())
    assert view.action_hint.text() == "Create the certificate to be able to complete the case."
    assert view.certificate_button.isVisible() and view.certificate_action.isEnabled()
    assert view.documents.empty.isVisibleTo(view.documents)

    messages: list[str] = []
    view.status_message.connect(messages.append)
    qtbot.mouseClick(view.certificate_button, Qt.MouseButton.LeftButton)
    # Busy while the worker renders: said so, and nothing else can be started.
    assert view.generating and view.busy
    assert view.tabs.currentWidget() is view.documents
    assert view.documents.busy_bar.isVisible() and view.documents.busy_label.isVisible()
    assert not view.certificate_action.isEnabled() and not view.claim_action.isEnabled()
    qtbot.waitUntil(lambda: not view.busy and not view.generating, timeout=10_000)
    assert not view.documents.busy_bar.isVisible()

    assert view.detail is not None and view.detail.has_certificate
    assert view.transition_buttons[Status.COMPLETED].isEnabled()
    assert view.action_hint.text() == ""
    documents = view.documents
    qtbot.waitUntil(lambda: len(documents.documents) == 1)
    (document,) = documents.documents
    assert messages[-1] == (
        f"Certificate for {view.detail.row.file_number} created "
        f"(verification code {document.verification_code})."
    )
    item = documents.tree.topLevelItem(0)
    assert item is not None and item.text(0) == "Certificate" and item.text(2) == "Petra Sommer"
    qtbot.waitUntil(lambda: documents.pane.currentWidget() is documents.pane.pdf_view)
    assert documents.pane.page_count == 1
    assert view.tabs.tabText(view.tabs.indexOf(documents)) == "Documents (1)"
    history = [e.title.text() for e in view.history.entries]
    assert history[0] == "Document generated"
    # Completing is now possible, and goes through.
    view.start_transition(Status.COMPLETED)
    assert view.dialog is not None
    view.dialog.accept()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.status is Status.COMPLETED)
    qtbot.waitUntil(lambda: thread_runner.pending == 0)


def test_certificates_are_offered_only_to_whoever_works_the_case(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _in_progress(world, world.clerk2)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert not view.certificate_action.isVisible()
    assert not view.certificate_button.isVisible()
    lead = _view(qtbot, make_context, world, world.lead)
    lead.show_case(case_id)
    assert lead.certificate_action.isEnabled()  # team leads may work on any case
    world.casework.commands.change_status(
        world.lead, case_id, 3, Status.WITHDRAWN, comment="zurück"
    )
    lead.reload()
    assert not lead.certificate_action.isVisible()  # closed: nothing more to issue


def test_a_document_is_saved_where_the_clerk_chooses(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext], tmp_path: Path
) -> None:
    case_id = _in_progress(world, world.clerk1)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    view.certificate_action.trigger()
    documents = view.documents
    assert documents.save_button.isEnabled()
    documents.save_as()
    dialog = documents.file_dialog
    assert dialog is not None
    proposed = Path(dialog.selectedFiles()[0]).name
    assert view.detail is not None
    assert proposed.startswith(view.detail.row.file_number) and proposed.endswith(".pdf")
    target = tmp_path / "bescheinigung.pdf"
    messages: list[str] = []
    view.status_message.connect(messages.append)
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.read_bytes().startswith(b"%PDF-")
    assert messages == [f"Saved as {target}."]
