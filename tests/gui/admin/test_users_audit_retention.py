"""The users, audit and retention pages of the administration workspace: what they show,
that changes reach the services and the administration's trail, that refusals are shown
and change nothing, and that only administrators get them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.services.documents import DocumentService
from backoffice.store.models import AdminEvent, Attachment, Case, CaseEvent, DeletionRecord
from backoffice.ui.admin.audit_page import AuditPage
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.retention_page import RetentionPage
from backoffice.ui.admin.users_page import AddUserDialog, RoleDialog, UsersPage
from backoffice.ui.admin.workspace import PAGES, AdministrationWorkspace
from backoffice.ui.context import UiContext
from backoffice.ui.main_window import MainWindow
from tests.gui.conftest import World

P = TypeVar("P", bound=AdminPage)


def _page(qtbot: QtBot, kind: type[P], context: UiContext) -> P:
    page = kind(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activate()
    return page


def _admin_kinds(world: World) -> list[tuple[str, str]]:
    """The administration's trail, newest first, as (kind, subject)."""
    with world.db.read() as session:
        rows = session.execute(
            select(AdminEvent.kind, AdminEvent.subject).order_by(AdminEvent.seq.desc())
        ).all()
    return [(kind, subject) for kind, subject in rows]


def _select(page: UsersPage, login: str) -> None:
    page.select(login)
    user = page.selected_user()
    assert user is not None and user.login == login


# -- users ----------------------------------------------------------------------------------


def test_add_change_role_deactivate_reactivate_through_the_page(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    page = _page(qtbot, UsersPage, make_context(world.admin))
    assert [u.login for u in page.users] == ["admin", "clerk1", "clerk2", "lead"]
    assert page.model.index(0, 2).data() == "Administrator"
    assert page.model.index(1, 4).data() not in ("", "—")  # added: a recorded change

    page.add_user()
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.login_edit.setText("m.weber")
    dialog.name_edit.setText("  Maria   Weber ")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.TEAM_LEAD.value))
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert page.dialog is None
    added = world.users.by_login("m.weber")
    assert (added.display_name, added.role) == ("Maria Weber", Role.TEAM_LEAD)
    chosen = page.selected_user()
    assert chosen is not None and chosen.login == "m.weber"
    assert "Maria Weber (m.weber) was added as Team lead." in page.message_bar.text

    page.change_role()
    role_dialog = page.dialog
    assert isinstance(role_dialog, RoleDialog) and not role_dialog.ok_button.isEnabled()
    role_dialog.role_combo.setCurrentIndex(role_dialog.role_combo.findData(Role.CLERK.value))
    role_dialog.ok_button.click()
    assert world.users.by_login("m.weber").role is Role.CLERK

    page.deactivate()
    box = page.dialog
    assert isinstance(box, QMessageBox) and "Maria Weber (m.weber)" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert world.users.by_login("m.weber").active  # cancelled: nothing happened
    page.deactivate()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Deactivate").click()
    (weber,) = [u for u in world.users.list() if u.login == "m.weber"]
    assert not weber.active  # never deleted
    shown = page.selected_user()
    assert shown is not None and not shown.active and page.reactivate_button.isEnabled()
    assert page.model.index(page.users.index(shown), 3).data() == "deactivated"
    page.reactivate()
    assert world.users.by_login("m.weber").active
    assert _admin_kinds(world)[:4] == [
        ("user_reactivated", "m.weber"),
        ("user_deactivated", "m.weber"),
        ("user_role_changed", "m.weber"),
        ("user_added", "m.weber"),
    ]


def test_refusals_are_shown_and_change_nothing(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    page = _page(qtbot, UsersPage, make_context(world.admin))
    before = _admin_kinds(world)

    page.add_user()
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog)
    dialog.login_edit.setText("petra sommer")  # a space: not a login
    dialog.name_edit.setText("Petra Sommer")
    assert not dialog.ok_button.isEnabled()
    assert "may only contain letters" in dialog.login_hint.text()
    dialog.submit()  # even forced: nothing is sent
    dialog.login_edit.setText("clerk1")  # valid, but taken
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert page.dialog is dialog and dialog.isVisible()  # stays open, the input kept
    assert "exists already" in dialog.message_bar.text
    assert dialog.login_edit.text() == "clerk1" and dialog.name_edit.text() == "Petra Sommer"
    assert world.users.by_login("clerk1").display_name == "Petra Sommer"
    dialog.reject()

    _select(page, "admin")
    page.deactivate()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Deactivate").click()
    assert "without an active administrator" in page.message_bar.text
    world.users.add(world.admin, "admin2", "Eva Brandt", Role.ADMINISTRATOR)
    page.refresh()
    _select(page, "admin")
    page.deactivate()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Deactivate").click()
    assert "cannot deactivate your own account" in page.message_bar.text
    assert world.users.by_login("admin").active
    assert _admin_kinds(world)[1:] == before  # only admin2's addition
    assert page.deactivate_button.isEnabled()  # the page is usable again


# -- audit ----------------------------------------------------------------------------------


def test_the_audit_page_lists_the_history_and_verifies_the_chains(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    world.users.change_role(world.admin, "clerk2", Role.TEAM_LEAD)
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.queries.get_case(world.clerk2, case_id)  # a read
    with world.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        file_number = case.file_number
    page = _page(qtbot, AuditPage, make_context(world.admin))
    first = page.admin_model.index(0, 0)
    assert page.admin_model.index(0, 2).data() == "Role changed"
    assert page.admin_model.index(0, 1).data() == "admin"
    assert page.admin_model.index(0, 4).data() == "Clerk → Team lead"
    assert first.data() not in ("", None)
    assert len(page.entries) == len(_admin_kinds(world))  # the catalogue, four users, a role

    page.file_edit.setText(file_number.lower())
    page.show_case()
    assert page.shown_case is not None
    titles = [line.title for line in page.shown_case.lines]
    assert titles[:2] == ["Application received", "Petra Sommer took the case"]
    assert "Opened the case" in titles
    (read,) = [line for line in page.shown_case.lines if line.read]
    assert read.who == "Thomas Krämer"
    assert "intact" in page.case_bar.text
    with qtbot.waitSignal(page.open_case_requested) as opened:
        page.case_table.doubleClicked.emit(page.case_model.index(0, 0))
    assert opened.args == [case_id]

    page.verify()
    assert page.report is not None and page.report.intact
    assert "Intact: 1 case chain(s)" in page.verify_bar.text
    assert page.verify_button.isEnabled() and not page.progress.isVisible()

    with world.db.write() as session:  # somebody edits the trail behind the program's back
        session.execute(
            update(AdminEvent).where(AdminEvent.seq == 2).values(subject="somebody else")
        )
        session.execute(
            update(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.seq == 2)
            .values(payload={"forged": True})
        )
    page.verify()
    assert page.report is not None and not page.report.intact
    text = page.verify_bar.text
    assert "damaged" in text
    assert f"Case {file_number}, entry 2" in text
    assert "administration's trail, entry 2: content was changed" in text
    page.show_case(file_number)
    assert "broken" in page.case_bar.text


def test_a_missing_file_number_is_said(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    page = _page(qtbot, AuditPage, make_context(world.admin))
    page.file_edit.setText("GEB-1999-000001")
    page.show_case()
    assert page.shown_case is None and "No case with this file number" in page.case_bar.text


def test_verification_runs_in_a_worker_and_can_be_stopped(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: object,
) -> None:
    for _ in range(3):
        world.add_case()
    page = _page(qtbot, AuditPage, make_context(world.admin, task_runner=thread_runner))
    qtbot.waitUntil(lambda: len(page.entries) == len(_admin_kinds(world)))
    page.verify()
    assert page.progress.isVisible() and not page.verify_button.isEnabled()
    qtbot.waitUntil(lambda: page.report is not None)
    assert page.report is not None and page.report.intact and page.report.cases_checked == 3
    assert not page.progress.isVisible()


# -- retention ------------------------------------------------------------------------------


def _closed_case(world: World) -> int:
    case_id = world.add_case("birth_certificate")
    data = b"%PDF-1.4 scan"
    with world.db.write() as session:
        session.add(
            Attachment(
                case_id=case_id,
                original_name="Ausweis.pdf",
                safe_name="Ausweis.pdf",
                media_type="application/pdf",
                size=len(data),
                sha512=hashlib.sha512(data).hexdigest(),
                content=data,
                verification="ok",
            )
        )
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    DocumentService(world.db, world.clock).generate(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 3, Status.COMPLETED)
    return case_id


def test_the_retention_page_deletes_due_cases_only_after_confirmation(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    old, other = _closed_case(world), _closed_case(world)
    open_case = world.add_case()
    world.clock.advance(days=365 * 10 + 5)
    page = _page(qtbot, RetentionPage, make_context(world.admin))
    assert page.state is not None
    assert {p.service_key for p in page.state.periods} == set(world.templates)
    assert page.periods_model.index(0, 2).data() == "10 year(s)"
    assert page.periods_model.index(0, 3).data() == "the default"
    assert [d.case_id for d in page.state.due] == [old, other]
    assert page.delete_button.text() == "&Delete 2 case(s)…" and page.delete_button.isEnabled()
    with qtbot.waitSignal(page.open_case_requested) as opened:
        page.due_table.selectRow(0)
        page.due_table.doubleClicked.emit(page.due_model.index(0, 0))
    assert opened.args == [old]

    page.confirm_deletion()
    box = page.confirmation
    assert isinstance(box, QMessageBox) and box.text() == "Delete 2 case(s) for good?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    with world.db.read() as session:
        assert session.get(Case, old) is not None  # not confirmed: nothing deleted

    page.confirm_deletion()
    box = page.confirmation
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Delete 2 case(s)").click()
    assert "2 case(s) deleted." in page.message_bar.text
    with world.db.read() as session:
        assert session.get(Case, old) is None and session.get(Case, other) is None
        assert session.get(Case, open_case) is not None
        records = session.scalars(select(DeletionRecord)).all()
    assert len(records) == 2
    assert page.state is not None and page.state.due == [] and len(page.state.deletions) == 2
    assert page.deleted_model.index(0, 6).data() == "admin"
    assert page.delete_button.text() == "Nothing is due" and not page.delete_button.isEnabled()
    assert _admin_kinds(world)[0] == ("retention_run", "2 case(s) deleted")


# -- who gets the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["lead", "clerk1"])
def test_team_leads_and_clerks_get_none_of_these_pages(
    qtbot: QtBot,
    world: World,
    who: str,
    make_context: Callable[..., UiContext],
    make_window: Callable[..., MainWindow],
) -> None:
    actor = getattr(world, who)
    for kind in (UsersPage, AuditPage, RetentionPage):
        assert not kind.allowed(actor)
    window = make_window(actor)
    assert "administration" not in window.workspaces
    shell = window.workspaces["inbox"]._shell
    workspace = AdministrationWorkspace(make_context(actor), shell, None, pages=PAGES)
    qtbot.addWidget(workspace)
    assert workspace.pages == {}


def test_the_administrator_gets_them_as_tabs(
    world: World, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(world.admin)
    workspace = window.workspaces["administration"]
    assert isinstance(workspace, AdministrationWorkspace)
    assert {"users", "audit", "retention"} <= set(workspace.pages)
    window.switch_actions["administration"].trigger()
    workspace.show_page("audit")
    page = workspace.pages["audit"]
    assert isinstance(page, AuditPage) and page.entries  # loaded when shown
    assert page.admin_table.isVisible()
