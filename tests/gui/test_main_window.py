"""The main window: wiring, shortcuts, status bar, notices, German text, background loading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backoffice.domain.status import Status
from backoffice.ui.inbox.model import Column
from backoffice.ui.main_window import MainWindow
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import World
from tests.gui.test_translations import english_sources
from tests.integration.services.test_approvals import (
    REJECT,
    approvals,
    in_progress,
    install_four_eyes,
)


def test_selecting_a_case_opens_it_and_changes_update_the_list(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    window = make_window(world.clerk1)
    assert window.inbox.select_case(case_id)
    view = window.case_view
    assert view.detail is not None and view.detail.row.id == case_id
    assert window.windowTitle() == f"{view.detail.row.file_number} – Rathaus Backoffice"
    view.claim_action.trigger()
    row = window.inbox.model.row_of(case_id)
    assert row is not None
    model = window.inbox.model
    assert model.data(model.index(row, Column.ASSIGNEE)) == "Petra Sommer"
    assert window.statusBar().currentMessage() == (f"You took case {view.detail.row.file_number}.")
    assert window.inbox.count_of("scope:mine") == 1


def test_the_status_bar_names_the_user_and_role(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.lead)
    assert window.user_label.text() == "Sabine Albrecht · Team lead"
    assert window.user_label.toolTip() == "Signed in as lead"


def test_without_a_portal_fetching_is_not_offered_and_says_why(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.clerk1)
    assert not window.sync_action.isEnabled()
    assert window.sync_action.toolTip() == (
        "The portal connection is not configured. An administrator sets it up with "
        "backoffice portal configure."
    )
    assert not window.sync_now()
    assert window.sync_status.state_button.text() == "Portal: not configured"
    assert window.sync_status.state_button.isVisible()


def test_keyboard_shortcuts(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    ids = [world.add_case("birth_certificate") for _ in range(3)]
    window = make_window(world.clerk1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.inbox.search.hasFocus()
    newest_first = list(reversed(ids))
    qtbot.keyClick(window, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert window.inbox.selected_case_id() == newest_first[0]
    qtbot.keyClick(window, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.case_id == newest_first[1]
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.case_id == newest_first[0]
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert (
        world.casework.queries.get_case(world.clerk1, ids[-1]).row.assignee_id
        == world.clerk1.user_id
    )
    assert window.case_view.status_action.shortcut().toString() == "F2"
    assert window.case_view.status_action.isEnabled()


def test_notices_are_shown_at_start_and_lead_to_the_case(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.assign(world.lead, case_id, "clerk2")
    window = make_window(world.clerk1)
    bar = window.notice_bar
    assert bar.isVisible()
    number = world.casework.queries.get_case(world.lead, case_id).row.file_number
    assert bar.text == f"Sabine Albrecht took case {number} from you and gave it to Thomas Krämer."
    button = next(b for b in bar.findChildren(QAbstractButton) if b.text() == f"Open {number}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.case_view.case_id == case_id
    assert not bar.isVisible()
    window.refresh()  # seen: they do not come back
    assert not bar.isVisible()


def test_the_requester_reads_the_decision_on_their_approval_request(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    install_four_eyes(world)
    service = approvals(world)
    refused_id, v = in_progress(world)
    request = service.request(world.clerk1, refused_id, v, Status.REJECTED, **REJECT)
    service.refuse(world.lead, request.id, "Bitte erst Rückfrage stellen")
    approved_id, v = in_progress(world)
    request = service.request(world.clerk1, approved_id, v, Status.REJECTED, **REJECT)
    service.approve(world.lead, request.id)
    window = make_window(world.clerk1)
    numbers = [
        world.casework.queries.get_case(world.lead, c).row.file_number
        for c in (refused_id, approved_id)
    ]
    assert window.notice_bar.isVisible()
    assert window.notice_bar.text.splitlines() == [
        f"Sabine Albrecht refused your request to move case {numbers[0]} to “Rejected”: "
        "Bitte erst Rückfrage stellen",
        f"Sabine Albrecht approved your request: case {numbers[1]} is now “Rejected”.",
    ]


def test_closing_the_notices_dismisses_them_for_good(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.assign(world.lead, case_id, "clerk2")
    window = make_window(world.clerk1)
    assert window.notice_bar.isVisible()
    window.notice_bar.dismiss()  # the ✕
    assert world.casework.notices.unseen(world.clerk1) == []
    window.refresh()
    assert not window.notice_bar.isVisible()
    again = make_window(world.clerk1)  # the next start: still gone
    assert not again.notice_bar.isVisible()


def test_refresh_brings_new_cases_and_keeps_the_open_case(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    first = world.add_case("birth_certificate")
    window = make_window(world.clerk1)
    window.inbox.select_case(first)
    world.clock.advance(hours=1)
    newer = world.add_case("dog_tax_registration")
    window.refresh_action.trigger()
    assert window.inbox.model.case_ids() == [newer, first]
    assert window.inbox.selected_case_id() == first
    assert window.case_view.case_id == first


def test_nothing_is_loaded_on_the_gui_thread(
    qtbot: QtBot,
    world: World,
    make_window: Callable[..., MainWindow],
    thread_runner: TaskRunner,
) -> None:
    for _ in range(3):
        world.add_case("birth_certificate")
    window = make_window(world.clerk1, task_runner=thread_runner)
    # start() returned at once; the data arrives from the workers.
    assert window.inbox.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.inbox.model.rowCount() == 3)
    qtbot.waitUntil(lambda: window.inbox.count_of("scope:all") == 3)
    window.inbox.select_next()
    qtbot.waitUntil(lambda: window.case_view.detail is not None)
    window.case_view.claim_action.trigger()
    qtbot.waitUntil(lambda: window.inbox.count_of("scope:mine") == 1)
    qtbot.waitUntil(lambda: thread_runner.pending == 0)


def test_the_german_window_speaks_german(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow], german: object
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    window = make_window(world.clerk1, language="de")
    window.inbox.select_case(case_id)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Datei", "&Fall", "&Auswahl", "&Ansicht", "&Hilfe"]
    model = window.inbox.model
    assert model.headerData(Column.FILE_NUMBER, Qt.Orientation.Horizontal) == "Aktenzeichen"
    assert model.data(model.index(0, Column.SERVICE)) == "Geburtsurkunde"
    assert model.data(model.index(0, Column.STATUS)) == "In Bearbeitung"
    assert model.data(model.index(0, Column.RECEIVED)) == "10.03.2026"
    assert window.inbox.scope_buttons["mine"].text() == "Meine  1"
    assert window.inbox.count_label.text() == "1 Fall"
    assert window.user_label.text() == "Petra Sommer · Sachbearbeitung"
    assert window.sync_status.state_button.text() == "Portal: nicht eingerichtet"
    assert window.switch_actions["delivery"].text() == "&Zustellung und Portal"
    view = window.case_view
    assert view.header.status_badge.text() == "In Bearbeitung"
    assert view.header.identity_badge.text() == "nicht identifiziert"
    assert view.transition_buttons[Status.WAITING_FOR_CITIZEN].text() == "Rückfrage stellen…"
    assert view.tabs.tabText(0) == "Antrag"
    assert view.tabs.tabText(view.tabs.indexOf(view.documents)) == "Dokumente (0)"
    assert view.certificate_action.text() == "&Bescheinigung erstellen"
    assert view.form.values[("applicant", "given_name")].parent() is not None
    assert "Strg+U" in view.claim_action.toolTip()
    # No English interface text anywhere in the German window.
    english = english_sources()
    shown = _visible_texts(window)
    leftovers = sorted(text for text in shown if text in english)
    assert leftovers == []
    # Qt's own texts come from Qt's German translation.
    view.start_transition(Status.WITHDRAWN)
    assert view.dialog is not None
    buttons = [b.text() for b in view.dialog.findChildren(QAbstractButton)]
    assert "&Abbrechen" in buttons or "Abbrechen" in buttons
    view.dialog.reject()


def _visible_texts(window: MainWindow) -> set[str]:
    texts: set[str] = set()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.add(widget.text().replace("&", ""))
        if widget.toolTip():
            texts.add(widget.toolTip())
    for action in window.findChildren(type(window.refresh_action)):
        texts.add(action.text().replace("&", ""))
        texts.add(action.toolTip())
    model = window.inbox.model
    texts.update(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
    texts.discard("")
    return texts


def test_polling_reloads_the_open_case_only_when_it_changed(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    window = make_window(world.clerk1)
    window.inbox.select_case(case_id)
    view = window.case_view
    view.notes.editor.setPlainText("Halbfertige Notiz")
    shown = view.detail
    window.refresh_timer.timeout.emit()  # nothing changed: the panel stays as it is
    assert view.detail is shown
    world.casework.commands.change_status(world.lead, case_id, 2, Status.IN_PROGRESS)
    window.refresh_timer.timeout.emit()  # changed elsewhere: read again
    assert view.detail is not shown
    assert view.detail is not None and view.detail.row.status is Status.IN_PROGRESS
    assert view.notes.editor.toPlainText() == "Halbfertige Notiz"  # the draft survives
    window.refresh_action.trigger()  # F5 reads the case again in any case
    assert view.notes.editor.toPlainText() == "Halbfertige Notiz"


def test_ctrl_u_takes_the_case_even_from_the_search_box(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow]
) -> None:
    case_id = world.add_case("birth_certificate")
    window = make_window(world.clerk1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.inbox.select_case(case_id)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.inbox.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "Geburt")
    qtbot.keyClick(search, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    # The line edit's own Ctrl+U (delete to the start of the line) does not win.
    assert search.text() == "Geburt"
    assert world.casework.queries.get_case(world.clerk1, case_id).row.assignee_id == (
        world.clerk1.user_id
    )
    # Once the case is mine, the key still means "take case" (now disabled): the text stays.
    qtbot.keyClick(search, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "Geburt"
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert search.text() == "Gebur"  # other editing keys are the line edit's


def test_times_are_berlin_time_and_say_so(
    qtbot: QtBot, world: World, make_window: Callable[..., MainWindow], german: object
) -> None:
    world.clock.now = datetime(2026, 7, 1, 10, 5, tzinfo=UTC)  # summer: UTC+2 in Berlin
    case_id = world.add_case("birth_certificate")
    window = make_window(world.clerk1, language="de")
    window.inbox.select_case(case_id)
    note = "Zeiten in deutscher Zeit (Europe/Berlin)"
    model = window.inbox.model
    header_tip = model.headerData(
        Column.RECEIVED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert note in header_tip
    tooltip = model.data(model.index(0, Column.RECEIVED), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "01.07.2026, 12:05 (Berlin)"
    view = window.case_view
    assert "eingegangen 01.07.2026, 12:05" in view.header.subtitle.text()
    assert note in view.header.subtitle.toolTip()
    entry = view.history.entries[0]
    assert entry.when.text() == "01.07.2026, 12:05" and entry.when.toolTip() == note
    delivery = window.delivery.rejected_model
    assert delivery.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == note
