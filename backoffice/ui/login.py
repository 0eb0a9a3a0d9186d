"""Choosing who works, where the program does not know (demo mode): a short list of users.

The list shows the active users with their role; the arrow keys, typing the first
letters of a name, Enter and Escape are enough. The users are read in the task
runner; Cancel ends the program.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.roles import Role
from backoffice.services.users import UserInfo, UserService
from backoffice.ui.errors import describe_error
from backoffice.ui.tasks import TaskRunner
from backoffice.ui.texts import plain_tooltip, role_name
from backoffice.ui.widgets import heading_font, muted, plain_label

USER_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_ROLE_ORDER = {Role.CLERK: 0, Role.TEAM_LEAD: 1, Role.ADMINISTRATOR: 2}


class LoginDialog(QDialog):
    """Pick one of the active users; :meth:`chosen` is the pick once accepted."""

    def __init__(
        self,
        users: UserService,
        runner: TaskRunner,
        preselect: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._preselect = preselect
        self.setWindowTitle(self.tr("Sign in – Rathaus Backoffice"))
        self.setMinimumWidth(420)
        title = plain_label(self.tr("Who is working?"), self)
        title.setFont(heading_font(self.font(), 1.25))
        intro = muted(
            plain_label(
                self.tr(
                    "Demo mode: choose the person you work as. What you may do depends on the role."
                ),
                self,
                wrap=True,
            )
        )
        self.user_list = QListWidget(self)
        self.user_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.user_list.setUniformItemSizes(True)
        self.user_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.user_list.currentItemChanged.connect(lambda *_: self._update_button())
        self.status = muted(plain_label(self.tr("Loading users…"), self, wrap=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.user_list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update_button()
        runner.run(users.list, done=self._loaded, failed=self._failed, owner=self, name="users")

    def _loaded(self, users: list[UserInfo]) -> None:
        active = sorted(
            (u for u in users if u.active),
            key=lambda u: (_ROLE_ORDER.get(u.role, 9), u.display_name.casefold()),
        )
        self.user_list.clear()
        for user in active:
            item = QListWidgetItem(f"{user.display_name} – {role_name(user.role)}")
            item.setData(USER_ROLE, user)
            item.setToolTip(plain_tooltip(self.tr("Login: {login}").format(login=user.login)))
            self.user_list.addItem(item)
            if user.login == self._preselect:
                self.user_list.setCurrentItem(item)
        if self.user_list.currentItem() is None and self.user_list.count():
            self.user_list.setCurrentRow(0)
        self.status.setVisible(not active)
        self.status.setText(self.tr("There is no active user."))
        self.user_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_button()

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("The users could not be read.") + " " + describe_error(error))
        self.status.show()

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> UserInfo | None:
        item = self.user_list.currentItem()
        user = item.data(USER_ROLE) if item is not None else None
        return user if isinstance(user, UserInfo) else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()


__all__ = ["LoginDialog"]
