"""The users and roles of the installation: add, change role or name, deactivate, reactivate.

People sign in with their operating-system login; a user record maps it to a name and a
role. Users are never deleted: a deactivated user can no longer act, and keeps their name in
every history. The service refuses what would lock the installation out (the last active
administrator) and deactivating oneself; the page shows its refusal and changes nothing.
Every change goes into the administration's trail (see the audit page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Permission, Role
from backoffice.services.users import LOGIN_RE, UserInfo
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.page_parts import (
    SubmitDialog,
    current_record,
    describe_refusal,
    fit_columns,
    plain_message,
    record_table,
)
from backoffice.ui.context import UiContext
from backoffice.ui.record_model import Field, RecordModel
from backoffice.ui.texts import Tone, role_name
from backoffice.ui.widgets import MessageBar, muted, plain_label

_INACTIVE = QColor("#808080")


def _role_combo(parent: QWidget, current: Role | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for role in Role:
        combo.addItem(role_name(role), role.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo


class AddUserDialog(SubmitDialog):
    """Login (checked as the service checks it), display name, role."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Add user"), parent)
        self.setObjectName("addUserDialog")
        self.login_edit = QLineEdit(self)
        self.login_edit.setMaxLength(100)
        self.login_edit.setPlaceholderText(self.tr("the operating-system login, e.g. p.sommer"))
        self.login_hint = muted(plain_label("", self, wrap=True))
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("e.g. Petra Sommer"))
        self.role_combo = _role_combo(self, Role.CLERK)
        self.form.addRow(self.tr("&Login"), self.login_edit)
        self.form.addRow("", self.login_hint)
        self.form.addRow(self.tr("&Name"), self.name_edit)
        self.form.addRow(self.tr("&Role"), self.role_combo)
        self.login_edit.textChanged.connect(lambda _t: self._input_changed())
        self.name_edit.textChanged.connect(lambda _t: self._input_changed())
        self._input_changed()

    def login_problem(self) -> str | None:
        login = self.login_edit.text()
        if not login:
            return None
        if not LOGIN_RE.match(login):
            return self.tr("A login may only contain letters, digits and . _ @ - (no spaces).")
        return None

    def _input_changed(self) -> None:
        problem = self.login_problem()
        self.login_hint.setText(
            problem or self.tr("The person signs in with this login; it cannot be changed later.")
        )
        self.login_hint.setStyleSheet("color: #a11;" if problem else "")
        self.update_ok()

    def call(self) -> Callable[[], Any] | None:
        login = self.login_edit.text()
        name = " ".join(self.name_edit.text().split())
        if not login or not name or self.login_problem() is not None:
            return None
        return partial(
            self._ctx.users.add,
            self._ctx.actor,
            login,
            name,
            Role(self.role_combo.currentData()),
        )


class RoleDialog(SubmitDialog):
    def __init__(self, context: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Change role"), parent)
        self.setObjectName("roleDialog")
        self.user = user
        self.role_combo = _role_combo(self, user.role)
        self.form.addRow(self.tr("User"), plain_label(f"{user.display_name} ({user.login})", self))
        self.form.addRow(self.tr("&Role"), self.role_combo)
        self.role_combo.currentIndexChanged.connect(lambda _i: self.update_ok())
        self.update_ok()

    def call(self) -> Callable[[], Any] | None:
        role = Role(self.role_combo.currentData())
        if role is self.user.role:
            return None
        return partial(self._ctx.users.change_role, self._ctx.actor, self.user.login, role)


class RenameDialog(SubmitDialog):
    def __init__(self, context: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Change name"), parent)
        self.setObjectName("renameDialog")
        self.user = user
        self.name_edit = QLineEdit(user.display_name, self)
        self.name_edit.setMaxLength(200)
        self.form.addRow(self.tr("Login"), plain_label(user.login, self))
        self.form.addRow(self.tr("&Name"), self.name_edit)
        self.name_edit.textChanged.connect(lambda _t: self.update_ok())
        self.update_ok()

    def call(self) -> Callable[[], Any] | None:
        name = " ".join(self.name_edit.text().split())
        if not name or name == self.user.display_name:
            return None
        return partial(self._ctx.users.rename, self._ctx.actor, self.user.login, name)


class UsersPage(AdminPage):
    """See the module documentation."""

    key = "users"
    permission = Permission.MANAGE_USERS
    tables = frozenset({"users", "admin_events"})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        words = context.vocabulary
        self.users: list[UserInfo] = []
        #: The open dialog or confirmation (tests press its buttons).
        self.dialog: SubmitDialog | QMessageBox | None = None
        self._busy = False
        self._select_after: str | None = None
        intro = muted(
            plain_label(
                self.tr(
                    "People sign in with their operating-system login. Users are never "
                    "deleted: a deactivated user can no longer work, and their name stays in "
                    "every history."
                ),
                self,
                wrap=True,
            )
        )

        def grey(user: UserInfo) -> QColor | None:
            return None if user.active else _INACTIVE

        self.model = RecordModel(
            [
                Field(self.tr("Login"), lambda u: u.login, colour=grey),
                Field(self.tr("Name"), lambda u: u.display_name, colour=grey),
                Field(self.tr("Role"), lambda u: role_name(u.role), colour=grey),
                Field(
                    self.tr("Active"),
                    lambda u: self.tr("yes") if u.active else self.tr("deactivated"),
                    colour=grey,
                ),
                Field(
                    self.tr("Last change"),
                    lambda u: words.datetime(u.last_change),
                    colour=grey,
                    header_tooltip=self.tr("As recorded in the administration's trail (Berlin)"),
                ),
            ],
            self,
        )
        self.table = record_table(self.model, self)
        self.table.setObjectName("usersTable")
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.table.doubleClicked.connect(self._double_clicked)

        self.add_button = QPushButton(self.tr("&Add user…"), self)
        self.add_button.clicked.connect(self.add_user)
        self.role_button = QPushButton(self.tr("Change &role…"), self)
        self.role_button.clicked.connect(self.change_role)
        self.rename_button = QPushButton(self.tr("Change &name…"), self)
        self.rename_button.clicked.connect(self.rename)
        self.deactivate_button = QPushButton(self.tr("&Deactivate…"), self)
        self.deactivate_button.setToolTip(
            self.tr("The user can no longer work; their name stays in every history")
        )
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reactivate_button = QPushButton(self.tr("Reac&tivate"), self)
        self.reactivate_button.clicked.connect(self.reactivate)
        self.message_bar = MessageBar(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for button in (
            self.role_button,
            self.rename_button,
            self.deactivate_button,
            self.reactivate_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Users and roles")

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._ctx.runner.run(
            self._ctx.users.list, done=self._listed, failed=self._failed, owner=self, name="users"
        )

    def _listed(self, users: list[UserInfo]) -> None:
        chosen = self.selected_user()
        wanted = self._select_after or (chosen.login if chosen is not None else None)
        self._select_after = None
        self.users = users
        self.model.set_records(users)
        fit_columns(self.table)
        if wanted is not None:
            self.select(wanted)
        self._update_buttons()

    def selected_user(self) -> UserInfo | None:
        record = current_record(self.table)
        return record if isinstance(record, UserInfo) else None

    def select(self, login: str) -> None:
        for row, user in enumerate(self.users):
            if user.login == login:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        free = not self._busy
        self.role_button.setEnabled(free and user is not None)
        self.rename_button.setEnabled(free and user is not None)
        self.deactivate_button.setEnabled(free and user is not None and user.active)
        self.reactivate_button.setEnabled(free and user is not None and not user.active)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.change_role()

    # -- changes ------------------------------------------------------------------------------

    def _open(self, dialog: SubmitDialog, done: Callable[[Any], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(done)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: object) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def add_user(self) -> None:
        self._open(AddUserDialog(self._ctx, self), self._added)

    def _added(self, user: UserInfo) -> None:
        self._changed(
            self.tr("{name} ({login}) was added as {role}.").format(
                name=user.display_name, login=user.login, role=role_name(user.role)
            ),
            user.login,
        )

    def change_role(self) -> None:
        user = self.selected_user()
        if user is not None and not self._busy:
            self._open(RoleDialog(self._ctx, user, self), self._role_changed)

    def _role_changed(self, user: UserInfo) -> None:
        self._changed(
            self.tr("{name} is now {role}.").format(
                name=user.display_name, role=role_name(user.role)
            ),
            user.login,
        )

    def rename(self) -> None:
        user = self.selected_user()
        if user is not None and not self._busy:
            self._open(RenameDialog(self._ctx, user, self), self._renamed)

    def _renamed(self, user: UserInfo) -> None:
        self._changed(
            self.tr("{login} is now called {name}.").format(
                login=user.login, name=user.display_name
            ),
            user.login,
        )

    def deactivate(self) -> None:
        user = self.selected_user()
        if user is None or not user.active or self._busy:
            return
        box = QMessageBox(self)
        plain_message(box)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Deactivate user"))
        box.setText(
            self.tr("Deactivate {name} ({login})?").format(name=user.display_name, login=user.login)
        )
        box.setInformativeText(
            self.tr(
                "They can no longer work with the program. Nothing is deleted: their name "
                "stays in every history, and you can reactivate them later. Cases they hold "
                "stay with them until a team lead moves them."
            )
        )
        yes = box.addButton(self.tr("Deactivate"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self._run_change(
                    partial(self._ctx.users.deactivate, self._ctx.actor, user.login),
                    self.tr("{name} is deactivated."),
                )
                if button is yes
                else None
            )
        )
        box.finished.connect(lambda _r: self._closed(box))
        self.dialog = box
        box.open()

    def reactivate(self) -> None:
        user = self.selected_user()
        if user is None or user.active or self._busy:
            return
        self._run_change(
            partial(self._ctx.users.reactivate, self._ctx.actor, user.login),
            self.tr("{name} is active again."),
        )

    def _run_change(self, call: Callable[[], UserInfo], message: str) -> None:
        self._busy = True
        self._update_buttons()

        def done(user: UserInfo) -> None:
            self._busy = False
            self._changed(message.format(name=user.display_name), user.login)

        self._ctx.runner.run(
            call, done=done, failed=self._failed, owner=self, write=True, name="user change"
        )

    def _changed(self, message: str, login: str) -> None:
        self.message_bar.show_message(message, Tone.GOOD)
        self.status_message.emit(message)
        self._select_after = login
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self._update_buttons()
        self.message_bar.show_message(describe_refusal(error), Tone.BAD)


__all__ = ["AddUserDialog", "RenameDialog", "RoleDialog", "UsersPage"]
