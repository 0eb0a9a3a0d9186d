"""The administration as a workspace (Ctrl+4), for the roles that administer something.

One tab per :class:`AdminPage` the actor may use (:data:`PAGES`, in order): the
service templates with their versions, the users and roles, the portal connection
and the town's identity on documents, the audit trail with its verification and the
retention run. A page loads when it is first brought up; F5 reads the current one
again; other desktops' changes reach every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.ui.admin.audit_page import AuditPage
from backoffice.ui.admin.identity_page import IdentityPage
from backoffice.ui.admin.page import AdminPage
from backoffice.ui.admin.portal_page import PortalPage
from backoffice.ui.admin.retention_page import RetentionPage
from backoffice.ui.admin.services_page import ServicesPage
from backoffice.ui.admin.users_page import UsersPage
from backoffice.ui.context import UiContext
from backoffice.ui.icons import icon
from backoffice.ui.workspace import Shell, Workspace

if TYPE_CHECKING:
    from backoffice.ui.admin.editor import TemplateEditor

#: The pages, in tab order; each shown to the roles with its permission.
PAGES: tuple[type[AdminPage], ...] = (
    ServicesPage,
    UsersPage,
    PortalPage,
    IdentityPage,
    AuditPage,
    RetentionPage,
)

#: What any administration page needs (the workspace is offered with one of them).
ADMIN_PERMISSIONS = (Permission.MANAGE_TEMPLATES, Permission.MANAGE_USERS, Permission.MANAGE_PORTAL)


class AdministrationWorkspace(Workspace):
    """The administration pages as tabs; see the module documentation."""

    key = "administration"
    permission = Permission.MANAGE_TEMPLATES

    def __init__(
        self,
        context: UiContext,
        shell: Shell,
        parent: QWidget | None = None,
        pages: tuple[type[AdminPage], ...] | None = None,
    ) -> None:
        super().__init__(context, shell, parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("administrationTabs")
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, AdminPage] = {}
        for kind in PAGES if pages is None else pages:
            if kind.allowed(context.actor):
                page = kind(context, self.tabs)
                page.status_message.connect(self.status_message)
                page.open_case_requested.connect(self.open_case_requested)
                self.tabs.addTab(page, page.icon(), page.title())
                self.pages[page.key] = page
                if isinstance(page, ServicesPage):
                    page.edit_requested.connect(self.edit_template)
        #: The open template editors, by service key (one per service).
        self.editors: dict[str, TemplateEditor] = {}
        self.tabs.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @classmethod
    def allowed(cls, actor: Actor) -> bool:
        return any(actor.can(permission) for permission in ADMIN_PERMISSIONS)

    @property
    def current_page(self) -> AdminPage | None:
        page = self.tabs.currentWidget()
        return page if isinstance(page, AdminPage) else None

    def show_page(self, key: str) -> None:
        """Bring a page to the front (it loads if it has not yet)."""
        page = self.pages.get(key)
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def edit_template(self, key: str) -> None:
        """Open the template editor on a service's draft (or a new one); an editor open on
        that service already comes to the front. A save reads the services page again."""
        editor = self.editors.get(key)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return
        from backoffice.ui.admin.editor import TemplateEditor  # loaded when first needed

        editor = TemplateEditor(self._ctx, key, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._template_saved)
        editor.finished.connect(lambda _result: self._editor_closed(key, editor))
        self.editors[key] = editor
        editor.show()

    def _template_saved(self, _key: str) -> None:
        page = self.pages.get(ServicesPage.key)
        if page is not None:
            page.refresh()

    def _editor_closed(self, key: str, editor: TemplateEditor) -> None:
        if self.editors.get(key) is editor:
            del self.editors[key]

    # -- what the window shows ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("&Administration")

    def icon(self) -> QIcon:
        return icon("administration")

    def description(self) -> str:
        return self.tr("Services and their versions, users, the portal connection, the audit trail")

    def shortcuts(self) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+4")]

    # -- hooks --------------------------------------------------------------------------------

    def activate(self) -> None:
        page = self.current_page
        if page is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
            page.activate()

    def _page_changed(self, _index: int) -> None:
        page = self.current_page
        if page is not None and self.isVisible():
            page.activate()

    def refresh(self) -> None:
        page = self.current_page
        if page is not None:
            page.refresh()

    def data_changed(self, tables: frozenset[str]) -> None:
        for page in self.pages.values():
            page.data_changed(tables)

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()

    def shut_down(self) -> None:
        for editor in list(self.editors.values()):
            editor.done(0)  # stops its timers and workers
        for page in self.pages.values():
            page.shut_down()


__all__ = ["ADMIN_PERMISSIONS", "PAGES", "AdministrationWorkspace"]
