"""What the applicant hears: the preview in the status dialog, the case's messages, writing
to the applicant, a failed message sent another way, and refusals that lose nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.domain.citizen_messages import Channel
from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.casework import Casework
from backoffice.services.citizen.message import KIND
from backoffice.services.desktop import DesktopServices
from backoffice.services.outbox import OutboxState
from backoffice.store.database import Database
from backoffice.store.models import Case, OutboxMessage
from backoffice.ui.case.dialogs import TransitionDialog
from backoffice.ui.case.message_dialogs import RerouteDialog, WriteMessageDialog
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from tests.gui.conftest import World
from tests.integration.services.test_citizen_messages import _applicant, _with_channel

HOSTILE = '<b>Bitte</b> <img src="file:///etc/passwd"> {file_number}'


def _view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, actor: Actor, **kw: Any
) -> CaseView:
    context = make_context(actor, **kw)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.show()
    return view


def _held(world: World, form_data: dict[str, Any] | None = None) -> int:
    case_id = world.add_case(form_data=form_data or _applicant())
    world.casework.commands.claim(world.clerk1, case_id)
    return case_id


def _messages(world: World, case_id: int) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id, OutboxMessage.kind == KIND)
                .order_by(OutboxMessage.id)
            )
        )


def _dialog(view: CaseView, target: Status) -> TransitionDialog:
    view.start_transition(target)
    dialog = view.dialog
    assert isinstance(dialog, TransitionDialog)
    return dialog


# -- the preview in the status dialog ---------------------------------------------------------


def test_the_dialog_previews_what_the_applicant_receives_as_they_type(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    pane = dialog.preview_pane
    assert view.detail is not None
    file_number = view.detail.row.file_number
    assert pane.channel.text() == "letter by post"
    assert pane.recipient.text() == "Jörg Müller-Lüdenscheidt, Am Markt 3, 48143 Musterstadt"
    assert pane.subject.text() == f"Geburtsurkunde: In Bearbeitung ({file_number})"
    assert file_number in pane.body.toPlainText() and "{" not in pane.body.toPlainText()
    assert pane.attachments.text() == "nothing"
    assert not pane.problems.isVisible() and dialog.ok_button.isEnabled()
    # The clerk's words appear below the service's text once they stop typing; citizen
    # data and clerk text are plain text, a placeholder in them is not filled.
    with qtbot.waitSignal(dialog.loader.loaded, timeout=2000):
        dialog.message_edit.setPlainText(HOSTILE)
        assert dialog.loader.pending
    assert pane.body.toPlainText().endswith(HOSTILE)
    for label in (pane.channel, pane.recipient, pane.subject, pane.attachments, pane.problems):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert pane.body.isReadOnly()
    with qtbot.waitSignal(view.case_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [queued] = _messages(world, case_id)
    assert queued.payload["body"] == pane.body.toPlainText()  # what was shown is what goes


def test_confirming_before_the_preview_caught_up_waits_for_it(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    dialog.message_edit.setPlainText("Wir melden uns in einer Woche.")
    assert dialog.loader.pending
    with qtbot.waitSignal(view.case_changed):
        dialog.accept()  # the newest words are read first, then the change goes through
    assert dialog.preview_pane.body.toPlainText().endswith("Wir melden uns in einer Woche.")
    [queued] = _messages(world, case_id)
    assert queued.payload["body"].endswith("Wir melden uns in einer Woche.")


def test_an_empty_placeholder_blocks_the_change(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    with world.db.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.file_number = " "  # the service's text names {file_number}
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    pane = dialog.preview_pane
    assert pane.problems.isVisible()
    assert "{file_number}" in pane.problems.text() and "no value" in pane.problems.text()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.without_message.isVisibleTo(dialog)  # only for a missing address
    dialog.message_edit.setPlainText("Trotzdem?")
    dialog.accept()
    assert view.dialog is dialog  # not accepted
    dialog.reject()
    assert _messages(world, case_id) == []


def test_a_missing_address_offers_the_change_without_a_message(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world, {"applicant": {"given_name": "Ana", "family_name": "B"}})
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    assert "no complete postal address" in dialog.preview_pane.problems.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.without_message.isVisibleTo(dialog)
    assert not dialog.without_note.isVisibleTo(dialog)
    dialog.without_message.setChecked(True)
    assert dialog.ok_button.isEnabled() and not dialog.notify()
    assert "another channel afterwards" in dialog.without_note.text()
    assert dialog.without_note.isVisibleTo(dialog)
    assert not dialog.preview_pane.body.isEnabled()  # greyed: it will not be sent
    messages: list[str] = []
    view.status_message.connect(messages.append)
    with qtbot.waitSignal(view.case_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.IN_PROGRESS
    assert _messages(world, case_id) == []
    assert messages[-1].endswith("status changed, without a message to the applicant.")


def test_a_status_told_before_is_sent_again_only_when_asked(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    commands = world.casework.commands
    version = commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS).version
    commands.change_status(
        world.clerk1, case_id, version, Status.WAITING_FOR_CITIZEN, message="Ausweis fehlt."
    )
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    assert dialog.resend.isVisibleTo(dialog) and not dialog.resend.isChecked()
    assert "told about this status before" in dialog.preview_pane.state.text()
    assert dialog.ok_button.isEnabled() and not dialog.send_again()
    with qtbot.waitSignal(view.case_changed):
        dialog.accept()
    assert len(_messages(world, case_id)) == 2  # nothing new was sent
    # Back to the query and once more into work, this time asking for the message again.
    assert view.detail is not None
    commands.change_status(
        world.clerk1,
        case_id,
        view.detail.row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Noch einmal: Ausweis fehlt.",
    )
    view.reload()
    dialog = _dialog(view, Status.IN_PROGRESS)
    dialog.resend.setChecked(True)
    assert dialog.send_again() and dialog.preview_pane.body.isEnabled()
    with qtbot.waitSignal(view.case_changed):
        dialog.accept()
    assert [m.payload["status"] for m in _messages(world, case_id)][-1] == "in_progress"
    assert len(_messages(world, case_id)) == 4


# -- refusals ----------------------------------------------------------------------------------


def test_a_change_refused_at_the_last_moment_keeps_the_clerks_words(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    dialog.comment_edit.setPlainText("Unterlagen vollständig")
    dialog.message_edit.setPlainText("Wir melden uns.")
    qtbot.waitUntil(lambda: not dialog.loader.pending)
    # Meanwhile the address is gone (an administrator corrected the record): refused.
    with world.db.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.form_data = {"applicant": {"given_name": "Jörg", "family_name": "M"}}
    dialog.accept()
    qtbot.waitUntil(lambda: view.message_bar.isVisible() and not view.busy)
    assert "cannot be reached by this channel" in view.message_bar.text
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.RECEIVED
    assert _messages(world, case_id) == []
    again = _dialog(view, Status.IN_PROGRESS)
    assert again.comment_edit.toPlainText() == "Unterlagen vollständig"
    assert again.message_edit.toPlainText() == "Wir melden uns."
    assert again.without_message.isVisibleTo(again)
    again.reject()


def test_an_unreachable_database_refuses_the_change_and_says_so(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    desktop_services: DesktopServices,
    tmp_path: Path,
) -> None:
    case_id = _held(world)
    broken = Database(f"sqlite:///{tmp_path / 'missing' / 'folder' / 'x.sqlite3'}")
    casework = replace(world.casework, commands=Casework.build(broken).commands)
    services = replace(desktop_services, casework=casework)
    view = _view(qtbot, make_context, world, world.clerk1, services=services)
    view.show_case(case_id)
    dialog = _dialog(view, Status.IN_PROGRESS)
    dialog.message_edit.setPlainText("Wir melden uns.")
    dialog.accept()
    qtbot.waitUntil(lambda: view.message_bar.isVisible() and not view.busy)
    assert "database cannot be reached" in view.message_bar.text
    assert _messages(world, case_id) == []
    again = _dialog(view, Status.IN_PROGRESS)
    assert again.message_edit.toPlainText() == "Wir melden uns."
    again.reject()


# -- the case's messages -----------------------------------------------------------------------


def test_the_case_lists_its_messages_and_a_failed_one_goes_another_way(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    _with_channel(world, case_id, {"eMail": {"address": "citizen@example.net"}})
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    section = view.messages
    assert view.tabs.tabText(view.tabs.indexOf(section)) == "Messages (1)"
    item = section.tree.topLevelItem(0)
    assert item is not None
    assert [item.text(c) for c in (0, 1, 2)] == ["e-mail", "waiting", "In progress"]
    assert item.text(3).startswith("Birth certificate") or item.text(3).startswith("Geburts")
    assert item.text(4) == "10 Mar 2026, 09:00"  # queued, Berlin time (08:00 UTC)
    assert item.text(5) == "—"
    assert not section.reroute_button.isEnabled()
    # The SMTP server refused the recipient: the outbox gave up on it.
    [failed] = _messages(world, case_id)
    with world.db.write() as session:
        row = session.get(OutboxMessage, failed.id)
        assert row is not None
        row.state = OutboxState.FAILED
        row.attempts = 1
        row.last_error = "550 mailbox unavailable"
    view.reload()
    item = section.tree.topLevelItem(0)
    assert item is not None and item.text(1) == "failed"
    assert item.text(6) == "550 mailbox unavailable"
    assert section.reroute_button.isEnabled()
    qtbot.mouseClick(section.reroute_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, RerouteDialog)
    assert [dialog.channel_combo.itemText(i) for i in range(dialog.channel_combo.count())] == [
        "portal reply",
        "letter by post",
    ]
    # The portal has no key for this applicant: that channel cannot be chosen.
    dialog.channel_combo.setCurrentIndex(0)
    assert "no key for replies" in dialog.preview_pane.problems.text()
    assert not dialog.ok_button.isEnabled()
    dialog.channel_combo.setCurrentIndex(1)
    assert dialog.preview_pane.recipient.text().endswith("48143 Musterstadt")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(view.case_shown):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    states = [(m.channel, m.state) for m in _messages(world, case_id)]
    assert states == [("email", "failed"), ("post", "pending")]
    assert view.tabs.currentWidget() is section
    assert section.tree.topLevelItemCount() == 2
    newest = section.tree.topLevelItem(0)
    assert newest is not None and (newest.text(0), newest.text(1)) == ("letter by post", "waiting")
    assert view.tabs.tabText(view.tabs.indexOf(section)) == "Messages (2)"


def test_the_clerk_writes_to_the_applicant_with_a_preview(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert view.message_action.isEnabled()
    view.message_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, WriteMessageDialog)
    assert dialog.channel() is Channel.POST  # the submission asked for no other
    assert not dialog.ok_button.isEnabled()  # nothing written yet
    assert "preview appears here" in dialog.preview_pane.state.text()
    with qtbot.waitSignal(dialog.loader.loaded, timeout=2000):
        dialog.text_edit.setPlainText("Guten Tag, bitte rufen Sie uns an.")
    assert dialog.preview_pane.body.toPlainText() == "Guten Tag, bitte rufen Sie uns an."
    assert "Nachricht" in dialog.preview_pane.subject.text()
    # By e-mail: the form's address.
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("email"))
    assert dialog.preview_pane.channel.text() == "e-mail"
    assert "joerg@example.org" in dialog.preview_pane.recipient.text()
    with qtbot.waitSignal(view.case_shown):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [sent] = _messages(world, case_id)
    assert sent.channel == "email" and sent.payload["status"] is None
    assert sent.payload["clerk_text"] == "Guten Tag, bitte rufen Sie uns an."
    item = view.messages.tree.topLevelItem(0)
    assert item is not None and item.text(2) == "(message)"


def test_only_whoever_works_the_case_writes_to_the_applicant(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    view = _view(qtbot, make_context, world, world.clerk2)
    view.show_case(case_id)
    assert not view.message_action.isEnabled()
    assert not view.messages.write_button.isEnabled()


def test_a_posted_message_offers_its_letter_once_a_print_queue_listens(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = _held(world)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    [queued] = _messages(world, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    section = view.messages
    assert section.detail.text().startswith("Geburtsurkunde: In Bearbeitung")
    assert not section.letter_button.isVisibleTo(section)  # no letter made yet, no queue
    section.messages[queued.id] = replace(section.messages[queued.id], letter_id=77)
    section.offer_letters()
    assert section.letter_button.isVisibleTo(section)
    with qtbot.waitSignal(view.letter_requested) as requested:
        qtbot.mouseClick(section.letter_button, Qt.MouseButton.LeftButton)
    assert requested.args == [77]
