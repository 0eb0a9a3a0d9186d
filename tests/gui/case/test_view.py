"""The case view: trust facts, form data, allowed actions, dialogs, conflicts, notices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGroupBox, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.store.models import Attachment
from backoffice.ui.case.dialogs import AssignDialog, TransitionDialog
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.inbox.model import CASE_ROW_ROLE, Column, InboxModel
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.widgets import plain_label
from tests.gui.conftest import World

HOSTILE = '<b>x</b><img src="file:///etc/passwd"><a href="https://evil.example">klick</a>'


def _view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, actor: Actor
) -> CaseView:
    context = make_context(actor)
    context.vocabulary.templates.update(world.templates)
    context.vocabulary.user_names.update({"clerk1": "Petra Sommer", "clerk2": "Thomas Krämer"})
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    return view


def test_nothing_selected_shows_a_hint(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    view = _view(qtbot, make_context, world, world.clerk1)
    assert view.stack.currentWidget() is view.placeholder
    assert view.placeholder.text() == "Select a case in the list."
    assert not view.claim_action.isEnabled()
    assert not view.status_action.isEnabled()


def test_opening_a_case_shows_trust_form_and_history(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case(
        "birth_certificate",
        form_data={
            "applicant": {
                "given_name": "Jörg",
                "family_name": "Müller",
                "birth_date": "1980-02-29",
            },
            "request": {"certificate_type": "international"},
            "portal_extra": {"note": "not in the template"},
        },
    )
    view = _view(qtbot, make_context, world, world.clerk1)
    with qtbot.waitSignal(view.case_shown) as shown:
        view.show_case(case_id)
    assert view.detail is not None
    assert shown.args == [view.detail.row.file_number]
    assert view.header.file_label.text() == view.detail.row.file_number
    # Not signed in with an identity account, no payment although a fee is due.
    assert view.header.identity_badge.text() == "not identified"
    assert view.header.payment_badge.text() == "no payment"
    assert view.header.status_badge.text() == "Received"
    assert "Birth certificate" in view.header.subtitle.text()
    assert "Jörg Müller" in view.header.subtitle.text()
    # Form data by the template's groups, labels and choice texts in the UI language.
    assert view.form.values[("applicant", "given_name")].text() == "Jörg"
    assert view.form.values[("applicant", "birth_date")].text() == "29 Feb 1980"
    assert (
        view.form.values[("request", "certificate_type")].text()
        == "International (multilingual) birth certificate"
    )
    assert view.form.values[("applicant", "street")].text() == "—"
    assert view.form.values[("", "portal_extra")].text().startswith("{")
    titles = [e.title.text() for e in view.history.entries]
    assert titles == ["Application received"]
    assert _tab(view, view.history) == "History (1)"
    assert _tab(view, view.documents) == "Documents (0)"


def test_a_clerk_takes_a_case_and_sees_its_transitions(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert view.claim_button.isVisible()
    assert view.transition_buttons == {}
    assert view.action_hint.text() == "Take the case to work on it."
    with qtbot.waitSignal(view.case_changed) as changed:
        qtbot.mouseClick(view.claim_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].assignee_id == world.clerk1.user_id
    assert view.detail is not None
    assert view.detail.row.assignee_name == "Petra Sommer"
    assert not view.claim_button.isVisible()
    assert view.release_button.isVisible()
    assert set(view.transition_buttons) == {
        Status.IN_PROGRESS,
        Status.REJECTED,
        Status.WITHDRAWN,
    }
    assert view.transition_buttons[Status.IN_PROGRESS].text() == "Start work"


def test_a_status_change_asks_for_what_the_template_requires(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    qtbot.mouseClick(view.transition_buttons[Status.REJECTED], Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, TransitionDialog)
    qtbot.waitExposed(dialog)
    # The service's text for the status, filled in, is what the applicant reads first;
    # the clerk's words follow it.
    assert dialog.message_edit.toPlainText() == ""
    body = dialog.preview_pane.body.toPlainText()
    assert view.detail is not None and view.detail.row.file_number in body
    assert "{" not in body
    assert not dialog.ok_button.isEnabled()  # the comment is required
    dialog.comment_edit.setPlainText("Keine Berechtigung nach § 62 PStG")
    assert not dialog.ok_button.isEnabled()  # so are the clerk's words to the applicant
    dialog.message_edit.setPlainText("Ihr Antrag wurde abgelehnt.")
    assert dialog.ok_button.isEnabled()
    dialog.message_edit.setPlainText("")
    assert not dialog.ok_button.isEnabled()
    dialog.message_edit.setPlainText("Ihr Antrag wurde abgelehnt.")
    with qtbot.waitSignal(view.case_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert view.dialog is None
    stored = world.casework.queries.get_case(world.clerk1, case_id)
    assert stored.row.status is Status.REJECTED
    change = [h for h in stored.history if h.kind == "status_changed"][-1]
    assert change.payload["comment"] == "Keine Berechtigung nach § 62 PStG"
    assert change.payload["message"] == "Ihr Antrag wurde abgelehnt."
    assert view.detail is not None and view.detail.row.status is Status.REJECTED
    assert view.transition_buttons == {}
    assert view.action_hint.text() == "This case is closed."
    # Newest first: the message to the applicant, then the status change with its comment.
    assert view.history.entries[0].detail.text().startswith("Geburtsurkunde:")
    assert "Keine Berechtigung nach § 62 PStG" in view.history.entries[1].detail.text()


def test_cancelling_the_dialog_changes_nothing(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    view.start_transition(Status.WITHDRAWN)  # closes the case: confirmed in a dialog
    assert isinstance(view.dialog, TransitionDialog)
    view.dialog.reject()
    assert view.dialog is None
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.RECEIVED


def test_a_transition_that_needs_a_document_is_shown_but_not_offered(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    complete = view.transition_buttons[Status.COMPLETED]
    assert not complete.isEnabled()
    assert "needs a generated document" in _plain(complete.toolTip())


def _tab(view: CaseView, page: QWidget) -> str:
    return view.tabs.tabText(view.tabs.indexOf(page))


def _plain(tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_a_concurrent_change_is_explained_and_the_view_reloads(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert view.detail is not None and view.detail.row.version == 2
    # Meanwhile, at her own desk, the team lead starts work on the case.
    world.clock.advance(minutes=5)
    world.casework.commands.change_status(
        world.lead, case_id, 2, Status.IN_PROGRESS, comment="Eilig"
    )
    qtbot.mouseClick(view.transition_buttons[Status.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert isinstance(view.dialog, TransitionDialog)
    with qtbot.waitSignal(view.conflict) as conflict:
        qtbot.mouseClick(view.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert conflict.args == [case_id]
    text = view.message_bar.text
    assert view.message_bar.isVisible()
    assert "Sabine Albrecht changed this case" in text
    assert "Received → In progress" in text
    assert "Eilig" in text
    assert "reloaded" in text
    # Reloaded: what the database holds now, and the actions that fit it.
    assert view.detail is not None
    assert view.detail.row.version == 3
    assert view.detail.row.status is Status.IN_PROGRESS
    assert Status.WAITING_FOR_CITIZEN in view.transition_buttons
    assert world.casework.queries.get_case(world.clerk1, case_id).row.version == 3


def test_releasing_a_case_that_changed_meanwhile_is_refused_and_explained(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk2, case_id)
    view = _view(qtbot, make_context, world, world.lead)
    view.show_case(case_id)
    assert view.detail is not None and view.detail.row.version == 2
    world.casework.commands.change_status(world.clerk2, case_id, 2, Status.IN_PROGRESS)
    with qtbot.waitSignal(view.conflict):
        view.release_action.trigger()
    assert "Thomas Krämer changed this case" in view.message_bar.text
    assert (
        world.casework.queries.get_case(world.lead, case_id).row.assignee_id == world.clerk2.user_id
    )
    assert view.detail is not None and view.detail.row.version == 3  # reloaded


def test_a_change_by_the_system_is_named_as_such(world: World) -> None:
    from backoffice.services.errors import ConcurrentChange
    from backoffice.ui.texts import Vocabulary

    error = ConcurrentChange("x", changed_by=None, current_version=3, changes=[])
    assert Vocabulary("en").conflict(error, None).startswith("the system changed this case")


def test_a_lost_claim_race_names_the_winner(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    world.casework.commands.claim(world.clerk2, case_id)
    view.claim_action.trigger()
    assert view.message_bar.text == "Thomas Krämer took this case just before you."
    assert view.header.assignee_label.text() == "Thomas Krämer"
    assert not view.claim_button.isVisible()


def test_citizen_text_is_shown_literally(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case(
        "birth_certificate",
        form_data={"applicant": {"given_name": HOSTILE, "family_name": "<i>Ü</i>"}},
    )
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    label = view.form.values[("applicant", "given_name")]
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == HOSTILE
    assert HOSTILE in view.header.subtitle.text()
    # Every label of the case view shows plain text.
    for child in view.findChildren(QLabel):
        if child.text():
            assert child.textFormat() == Qt.TextFormat.PlainText, child.text()
    # The inbox cell and its tooltip too.
    model = InboxModel(view._ctx)
    model.set_query(model.case_filter)
    row = model.row_of(case_id)
    assert row is not None
    name = f"{HOSTILE} <i>Ü</i>"
    assert model.data(model.index(row, Column.APPLICANT)) == name
    tooltip = model.data(model.index(row, Column.APPLICANT), Qt.ItemDataRole.ToolTipRole)
    assert _plain(tooltip) == name
    assert model.data(model.index(row, 0), CASE_ROW_ROLE).applicant_name == name


def test_a_plain_label_is_drawn_as_its_characters(qtbot: QtBot) -> None:
    label = plain_label(HOSTILE)
    qtbot.addWidget(label)
    rich = QLabel(HOSTILE)
    qtbot.addWidget(rich)
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(HOSTILE)
    assert rich.sizeHint().width() < label.sizeHint().width()  # markup would hide the tags


def test_a_notice_says_who_took_my_case(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.assign(world.lead, case_id, "clerk2")
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert view.detail is not None
    number = view.detail.row.file_number
    assert view.notice_bar.isVisible()
    assert view.notice_bar.text == (
        f"Sabine Albrecht took case {number} from you and gave it to Thomas Krämer."
    )
    # Seen once: the next time it is gone.
    view.reload()
    assert not view.notice_bar.isVisible()


def test_clerks_are_not_offered_to_assign(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk2, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    assert not view.assign_action.isVisible()
    assert not view.assign_button.isVisible()
    assert not view.claim_button.isVisible()
    assert not view.release_button.isVisible()  # someone else's case
    assert view.transition_buttons == {}
    assert view.action_hint.text() == "Another colleague works on this case."


def test_a_team_lead_assigns_through_a_dialog(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk2, case_id)
    view = _view(qtbot, make_context, world, world.lead)
    view.show_case(case_id)
    assert view.assign_button.isVisible()
    assert view.release_button.isVisible()
    # Team leads may work on any case: the transitions are offered to them.
    assert Status.IN_PROGRESS in view.transition_buttons
    view.assign_action.trigger()
    dialog = view.dialog
    assert isinstance(dialog, AssignDialog)
    assert dialog.chosen_login() == "clerk2"  # the current holder is preselected
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("clerk1"))
    with qtbot.waitSignal(view.case_changed):
        dialog.accept()
    assert (
        world.casework.queries.get_case(world.lead, case_id).row.assignee_id == world.clerk1.user_id
    )
    assert view.header.assignee_label.text() == "Petra Sommer"


def test_notes_are_saved_and_drafts_survive_switching_cases(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    first = world.add_case("birth_certificate")
    second = world.add_case("dog_tax_registration")
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(first)
    view.notes.editor.setPlainText("Rückruf am Montag")
    view.show_case(second)
    assert view.notes.editor.toPlainText() == ""
    view.show_case(first)
    assert view.notes.editor.toPlainText() == "Rückruf am Montag"
    with qtbot.waitSignal(view.status_message):
        qtbot.mouseClick(view.notes.save_button, Qt.MouseButton.LeftButton)
    assert view.notes.editor.toPlainText() == ""
    assert _tab(view, view.notes) == "Notes (1)"
    assert view.notes.timeline.entries[0].detail.text() == "Rückruf am Montag"
    assert world.casework.queries.get_case(world.clerk1, first).history[-1].kind == "note_added"


def test_attachments_are_listed_with_their_check_shown_prominently(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    with world.db.write() as session:
        session.add(
            Attachment(
                case_id=case_id,
                original_name=HOSTILE + ".pdf",
                safe_name="anlage-1.pdf",
                media_type="image/png",  # as intake stores it: the type the content has
                size=123_456,
                sha512="0" * 128,
                content=b"%PDF-1.7",
                verification="type_mismatch",
                verification_detail="declared application/pdf, content is image/png",
            )
        )
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    tree = view.attachments.tree
    assert tree.topLevelItemCount() == 1
    item = tree.topLevelItem(0)
    assert item is not None
    assert item.text(0) == HOSTILE + ".pdf"
    assert item.text(2) == "123.5 kB"
    assert item.text(3) == "file type differs from its declaration"
    assert "content is image/png" in _plain(item.toolTip(3))
    section = view.attachments
    assert section.current() is not None  # the first is selected: its check shows
    view.tabs.setCurrentWidget(section)
    assert section.check.isVisible()
    assert section.check.textFormat() == Qt.TextFormat.PlainText
    assert section.check.text().startswith(
        "Check of anlage-1.pdf: file type differs from its declaration"
    )
    assert "Be careful with this file" in section.check.text()
    assert section.preview_button.isEnabled() and section.save_button.isEnabled()
    assert _tab(view, section) == "Attachments (1)"
    # Nothing was read yet: only asking for the preview reads (and records) the content.
    assert [e.kind for e in world.casework.queries.get_case(world.clerk1, case_id).history] == [
        "received"
    ]
    section.preview()
    assert section.pane.currentWidget() is section.pane.message
    assert "damaged or not what it claims to be" in section.pane.message.text()
    kinds = [e.kind for e in world.casework.queries.get_case(world.clerk1, case_id).history]
    assert kinds == ["received", "attachment_viewed"]


@pytest.mark.parametrize("missing", [True, False])
def test_a_case_that_cannot_be_opened_says_so(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext], missing: bool
) -> None:
    view = _view(qtbot, make_context, world, world.clerk1)
    case_id = 999 if missing else world.add_case("birth_certificate")
    view.show_case(case_id)
    if missing:
        assert view.stack.currentWidget() is view.placeholder
        assert "could not be opened" in view.placeholder.text()
        assert not view.claim_action.isEnabled()
    else:
        assert view.stack.currentWidget() is not view.placeholder


def test_walking_through_cases_keeps_the_previous_one_until_the_next_arrives(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    first = world.add_case("birth_certificate")
    second = world.add_case("dog_tax_registration")
    context = make_context(world.clerk1, task_runner=thread_runner)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.show()
    view.show_case(first)
    assert view.stack.currentWidget() is view.placeholder  # nothing to show yet
    qtbot.waitUntil(lambda: view.detail is not None)
    view.show_case(second)
    # Loading happens in a worker; meanwhile the first case stays, its actions disabled.
    assert view.stack.currentWidget() is not view.placeholder
    assert view.detail is not None and view.detail.row.id == first
    assert view.busy and not view.claim_action.isEnabled()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.id == second)
    assert view.claim_action.isEnabled()


def test_the_status_shortcut_offers_the_allowed_transitions(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    view.status_action.trigger()
    menu = view.findChild(QMenu)
    assert menu is not None
    qtbot.waitExposed(menu)
    entries = {a.text(): a.isEnabled() for a in menu.actions()}
    assert entries == {
        "Ask the applicant…": True,
        "Complete…": False,  # needs a document
        "Reject…": True,
        "Record withdrawal…": True,
    }
    next(a for a in menu.actions() if a.text() == "Ask the applicant…").trigger()
    menu.close()
    assert isinstance(view.dialog, TransitionDialog)
    assert view.dialog.message_edit is not None
    view.dialog.reject()


def test_return_in_the_status_menu_picks_the_first_possible_change(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    view.status_action.trigger()  # F2
    menu = view.findChild(QMenu)
    assert menu is not None
    qtbot.waitExposed(menu)
    first = next(a for a in menu.actions() if a.isEnabled())
    assert first.text() == "Start work"
    assert menu.activeAction() is first  # no arrow key needed
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    # Every status change tells the applicant: the preview comes first, Return confirms.
    dialog = view.dialog
    assert isinstance(dialog, TransitionDialog)
    qtbot.waitExposed(dialog)
    assert dialog.ok_button.isDefault() and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.row.status is Status.IN_PROGRESS
    )
    assert world.casework.queries.get_case(world.clerk1, case_id).row.status is Status.IN_PROGRESS


def test_a_long_unbroken_name_is_fully_readable(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    name = "Maximiliane" * 9 + "X"  # 100 characters, no space to wrap at
    assert len(name) == 100
    case_id = world.add_case("birth_certificate", form_data={"applicant": {"given_name": name}})
    view = _view(qtbot, make_context, world, world.clerk1)
    view.resize(520, 800)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None)
    # The form: the whole name, wrapped inside the visible width (nothing clipped).
    value = view.form.values[("applicant", "given_name")]
    assert value.text() == name
    qtbot.waitUntil(lambda: value.width() > 0)
    visible = view.form.viewport().width()
    assert value.mapTo(view.form.viewport(), value.rect().topRight()).x() <= visible
    assert value.height() >= 2 * value.fontMetrics().lineSpacing()  # it wrapped
    assert value.fontMetrics().horizontalAdvance(name) > visible  # (it had to)
    # The header: shortened so that the panel does not widen, whole in the tooltip.
    subtitle = view.header.subtitle
    assert name not in subtitle.text() and name[:20] in subtitle.text()
    assert name in _plain(subtitle.toolTip())
    assert subtitle.minimumSizeHint().width() <= view.width()
    assert view.header.width() <= view.width()


def test_fields_the_template_does_not_know_are_shown_apart_and_bounded(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext], german: object
) -> None:
    unknown = {f"feld_{n:02}": f"Wert {n}" for n in range(45)}
    case_id = world.add_case(
        "birth_certificate",
        form_data={
            "applicant": {"given_name": "Jörg", "nickname": HOSTILE},
            "portal_extra": {"tracking": "x" * 10_000},
            **unknown,
        },
    )
    view = _view(qtbot, make_context, world, world.clerk1)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None)
    box = view.form.findChild(QWidget, "unknownFields")
    assert isinstance(box, QGroupBox) and box.isVisible()
    assert box.title() == "Weitere Angaben (nicht im Formular der Vorlage)"
    # A field beside the template's, in a known group, is listed here (not in its group).
    nickname = view.form.values[("applicant", "nickname")]
    assert nickname.parent() is box
    assert nickname.text() == HOSTILE and nickname.textFormat() == Qt.TextFormat.PlainText
    names = [w.text() for w in box.findChildren(QLabel) if w.text()]
    assert "applicant › nickname" in names
    # Bounded: a long value is cut (and says how much), and at most 40 entries are shown.
    tracking = view.form.values[("", "portal_extra")].text()
    assert len(tracking) < 4100 and tracking.endswith("weitere Zeichen)")
    assert len([k for k in view.form.values if k[0] == "" or k[1] == "nickname"]) == 40
    assert "… und 7 weitere" in names
