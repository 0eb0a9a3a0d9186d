"""The inbox workspace: the case list beside the open case, and the notices about one's cases.

It wires the two panels together (selecting a case opens it; a change made in the
case view updates its row; a case changed elsewhere is read again when the list
shows a new version) and contributes the *Case* menu, the walk through the list
(Ctrl+. / Ctrl+,), the search (Ctrl+F) and the case actions in the toolbar (among them
*Finish*, Ctrl+Shift+E: a selected certificate order is done in two more clicks), and
the *Selection* menu (also the table's context menu): the bulk actions on the
selected cases (:mod:`.bulk`). The
notices ("Sabine took case … from you") are shown above both panels; closing them
dismisses them for good, opening their case marks them seen.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QSplitter, QVBoxLayout, QWidget

from backoffice.services.casework import NoticeInfo
from backoffice.services.queries import CaseFilter
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.errors import describe_error
from backoffice.ui.icons import icon
from backoffice.ui.inbox.bulk import BulkActions
from backoffice.ui.inbox.panel import InboxPanel
from backoffice.ui.shortcuts import ReservedKeys
from backoffice.ui.texts import Tone
from backoffice.ui.widgets import MessageBar
from backoffice.ui.workspace import Shell, Workspace


class InboxWorkspace(Workspace):
    """The inbox and the case; see the module documentation."""

    key = "inbox"

    def __init__(self, context: UiContext, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(context, shell, parent)
        self._notices: list[NoticeInfo] = []
        #: Notices closed here, until the database says so too (their ids).
        self._dismissed: set[int] = set()
        self._subject = ""
        self.inbox = InboxPanel(context, shell.settings, self)
        self.case_view = CaseView(context, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.inbox)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 540])
        self.notice_bar = MessageBar(self)
        self.notice_bar.closed.connect(self._dismiss_notices)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.splitter, 1)
        self._build_actions()
        self.bulk = BulkActions(context, self.inbox, self)
        self.bulk.status_message.connect(self.status_message)
        self.selection_menu = QMenu(self.tr("&Selection"), self)
        self.selection_menu.addActions(self.bulk.actions())
        self.inbox.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.inbox.table.customContextMenuRequested.connect(self._table_menu)

        self.inbox.case_selected.connect(self.case_view.show_case)
        self.case_view.case_changed.connect(self.inbox.case_changed)
        self.case_view.case_changed.connect(lambda _row: self.data_written.emit())
        self.case_view.conflict.connect(self.inbox.mark_conflict)
        self.case_view.status_message.connect(self.status_message)
        self.case_view.case_shown.connect(self._case_shown)
        self.case_view.letter_requested.connect(self.letter_requested)
        self.inbox.model.reloaded.connect(self._reload_case_if_changed)
        splitter = shell.settings.layout("window/splitter")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def _build_actions(self) -> None:
        self.next_action = QAction(icon("go-next"), self.tr("Ne&xt case"), self)
        self.next_action.setShortcuts([QKeySequence("Ctrl+."), QKeySequence("Alt+Down")])
        self.next_action.setToolTip(
            self.tr("Next case in the list ({key})").format(key=_keys(self.next_action))
        )
        self.next_action.triggered.connect(self.inbox.select_next)
        self.previous_action = QAction(icon("go-previous"), self.tr("&Previous case"), self)
        self.previous_action.setShortcuts([QKeySequence("Ctrl+,"), QKeySequence("Alt+Up")])
        self.previous_action.setToolTip(
            self.tr("Previous case in the list ({key})").format(key=_keys(self.previous_action))
        )
        self.previous_action.triggered.connect(self.inbox.select_previous)
        self.search_action = QAction(icon("search"), self.tr("&Search"), self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self.inbox.focus_search)
        case_actions = self.case_view.actions_for_menus()
        # Shortcuts while this workspace is shown, wherever the focus is in the window.
        for action in [self.next_action, self.previous_action, self.search_action, *case_actions]:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        # The search box must not take the case keys (Ctrl+U deletes to the line start).
        self._reserved = ReservedKeys(case_actions, self)
        self._reserved.watch(self.inbox.search)
        self.case_menu = QMenu(self.tr("&Case"), self)
        for action in case_actions:
            self.case_menu.addAction(action)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.next_action)
        self.case_menu.addAction(self.previous_action)

    # -- what the window shows ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("&Inbox and cases")

    def icon(self) -> QIcon:
        return icon("inbox")

    def description(self) -> str:
        return self.tr("The cases, their filters and the open case")

    def shortcuts(self) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+1")]

    def menus(self) -> list[QMenu]:
        return [self.case_menu, self.selection_menu]

    def _table_menu(self, position: QPoint) -> None:
        self.selection_menu.popup(self.inbox.table.viewport().mapToGlobal(position))

    def view_actions(self) -> list[QAction]:
        return [self.search_action]

    def toolbar_actions(self) -> list[QAction | None]:
        view = self.case_view
        return [
            self.previous_action,
            self.next_action,
            None,
            view.claim_action,
            view.status_action,
            view.finish_action,
            view.note_action,
        ]

    def subject(self) -> str:
        return self._subject

    def _case_shown(self, file_number: str) -> None:
        self._subject = file_number
        self.subject_changed.emit(file_number)

    # -- loading ------------------------------------------------------------------------------

    def start(self) -> None:
        self.inbox.start()
        self._load_notices()

    def refresh(self) -> None:
        """New and changed cases, and the open case read again (F5)."""
        self.poll()
        if self.case_view.case_id is not None and self.case_view.dialog is None:
            self.case_view.reload()

    def poll(self) -> None:
        """The open case is read again only if it changed: a clerk reading or typing is not
        disturbed."""
        self.inbox.refresh()
        self._load_notices()

    def data_changed(self, tables: frozenset[str]) -> None:
        self.poll()

    def _load_notices(self) -> None:
        ctx = self._ctx
        ctx.runner.run(
            partial(ctx.notices.unseen, ctx.actor),
            done=self.show_notices,
            failed=lambda _error: None,  # the inbox already reports an unreachable database
            owner=self,
            name="notices",
        )

    def _reload_case_if_changed(self) -> None:
        view = self.case_view
        if view.detail is None or view.dialog is not None or view.busy:
            return
        row = self.inbox.model.row_of(view.detail.row.id)
        listed = self.inbox.model.case_at(row) if row is not None else None
        if listed is not None and listed.version != view.detail.row.version:
            view.reload()

    # -- notices ------------------------------------------------------------------------------

    def show_notices(self, notices: list[NoticeInfo]) -> None:
        self._notices = [n for n in notices if n.id not in self._dismissed]
        if not self._notices:
            self.notice_bar.hide()
            return
        words = self._ctx.vocabulary
        lines = [
            words.notice(n.kind, n.payload, n.actor_name, n.file_number, self._ctx.actor.login)
            for n in self._notices
        ]
        first = self._notices[0]
        self.notice_bar.show_message(
            "\n".join(lines),
            Tone.WARNING,
            action=self.tr("Open {file}").format(file=first.file_number),
            on_action=partial(self._open_noticed, first.case_id),
        )

    def _dismiss_notices(self) -> None:
        """Closing the notices dismisses them for good (in the database, in a worker)."""
        ids = [n.id for n in self._notices]
        self._notices = []
        if not ids:
            return
        self._dismissed.update(ids)
        ctx = self._ctx
        ctx.runner.run(
            partial(ctx.notices.dismiss, ctx.actor, ids),
            failed=lambda error: self.status_message.emit(
                self.tr("The notices could not be dismissed.") + " " + describe_error(error)
            ),
            owner=self,
            write=True,
            name="dismiss notices",
        )

    def _open_noticed(self, case_id: int) -> None:
        self.open_case(case_id)

    def open_case(self, case_id: int) -> bool:
        """Show a case: selected in the inbox if it is listed there, else directly."""
        remaining = [n for n in self._notices if n.case_id != case_id]
        # Opening the case marks its notices as seen (the service does, when it reads it).
        self._dismissed.update(n.id for n in self._notices if n.case_id == case_id)
        if not self.inbox.select_case(case_id):
            self.case_view.show_case(case_id)
        self.show_notices(remaining)
        return True

    def show_cases(self, flt: CaseFilter, label: str) -> bool:
        """List the cases of a filter from another workspace (the dashboard's drill-down)."""
        self.inbox.show_filter(flt, label)
        return True

    def offer_letters(self) -> None:
        self.case_view.messages.offer_letters()

    # -- layout -------------------------------------------------------------------------------

    def save_layout(self) -> None:
        self._shell.settings.set_layout("window/splitter", self.splitter.saveState())
        self.inbox.save_layout()

    def shut_down(self) -> None:
        self.case_view.shut_down()
        self.bulk.printer.shut_down()


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


__all__ = ["InboxWorkspace"]
