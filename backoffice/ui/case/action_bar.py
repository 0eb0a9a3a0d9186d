"""The actions of the case view: the actions for menus, toolbar and shortcuts, and the row of
buttons under the case header — what may be done with the case now, and why not, if nothing.

It shows an :class:`~.case_actions.Offer`; what an action does is the case view's
business (it connects to the actions and to :attr:`CaseActionBar.transition_requested`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.actor import Actor
from backoffice.services.casework import ChecklistEntry
from backoffice.ui.case.actions import Offer, TransitionOffer
from backoffice.ui.flow_layout import FlowLayout
from backoffice.ui.icons import icon
from backoffice.ui.texts import (
    Vocabulary,
    escape_mnemonic,
    plain_tooltip,
    requirement_name,
    transition_verb,
)
from backoffice.ui.widgets import muted, plain_label


class CaseActionBar(QWidget):
    """See the module documentation."""

    #: The clerk chose a status change (its target :class:`Status`).
    transition_requested = Signal(object)

    def __init__(
        self, actor: Actor, words: Vocabulary, owner: QObject, parent: QWidget | None = None
    ) -> None:
        """``owner``: the parent of the actions — the case view, whose actions also live in
        the window's menus and toolbar. (Parented to this bar instead, deleting a case view
        after a dialog had been open crashed PySide6 6.12.0 in ~QObject: measured.)"""
        super().__init__(parent)
        self._actor = actor
        self._words = words
        self._offer: Offer | None = None
        self._template: ServiceTemplate | None = None
        self.transition_buttons: dict[Status, QPushButton] = {}
        self._build_actions(owner)
        self.area = QWidget(self)
        self.flow = FlowLayout(self.area, spacing=6)
        self.claim_button = self._tool_button(self.claim_action)
        self.assign_button = self._tool_button(self.assign_action)
        self.release_button = self._tool_button(self.release_action)
        self.certificate_button = self._tool_button(self.certificate_action)
        self.finish_button = self._tool_button(self.finish_action)
        self.hint = muted(plain_label("", self, wrap=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.area)
        layout.addWidget(self.hint)

    def _build_actions(self, owner: QObject) -> None:
        self.claim_action = QAction(icon("case-claim"), self.tr("&Take case"), owner)
        self.claim_action.setShortcut(QKeySequence("Ctrl+U"))
        self.claim_action.setToolTip(
            self.tr("Take this case: you work on it ({key})").format(key=_keys(self.claim_action))
        )
        self.release_action = QAction(icon("case-release"), self.tr("&Release case"), owner)
        self.release_action.setToolTip(self.tr("Give the case back: nobody works on it"))
        self.assign_action = QAction(icon("case-assign"), self.tr("&Assign…"), owner)
        self.assign_action.setToolTip(self.tr("Choose who works on this case"))
        self.status_action = QAction(icon("case-status"), self.tr("Change &status…"), owner)
        self.status_action.setShortcut(QKeySequence("F2"))
        self.status_action.setToolTip(
            self.tr("Move the case to another status ({key})").format(key=_keys(self.status_action))
        )
        self.status_action.triggered.connect(self.show_status_menu)
        self.note_action = QAction(icon("note-add"), self.tr("Add &note"), owner)
        self.note_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.certificate_action = QAction(
            icon("certificate"), self.tr("Create &certificate"), owner
        )
        self.certificate_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.certificate_action.setToolTip(
            self.tr("Create the certificate of this case as a PDF ({key})").format(
                key=_keys(self.certificate_action)
            )
        )
        self.finish_action = QAction(icon("certificate"), self.tr("&Finish…"), owner)
        self.finish_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.finish_action.setToolTip(
            self.tr(
                "Create the certificate, check it and the message, complete the case and "
                "send both to the applicant ({key})"
            ).format(key=_keys(self.finish_action))
        )
        self.message_action = QAction(icon("note-add"), self.tr("&Write to the applicant…"), owner)
        self.message_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.message_action.setToolTip(
            self.tr("A message to the applicant without a status change ({key})").format(
                key=_keys(self.message_action)
            )
        )
        for action in self.actions_for_menus():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def actions_for_menus(self) -> list[QAction]:
        return [
            self.claim_action,
            self.assign_action,
            self.release_action,
            self.status_action,
            self.finish_action,
            self.certificate_action,
            self.message_action,
            self.note_action,
        ]

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self.area)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.flow.addWidget(button)
        return button

    # -- showing an offer ---------------------------------------------------------------------

    def show_offer(self, offer: Offer | None, template: ServiceTemplate | None, busy: bool) -> None:
        """Enable what the offer allows (nothing while ``busy``); rebuild the status buttons."""
        self._offer = offer
        self._template = template
        idle = offer is not None and not busy
        self.claim_action.setEnabled(idle and offer is not None and offer.can_claim)
        self.release_action.setEnabled(idle and offer is not None and offer.can_release)
        self.assign_action.setVisible(
            offer.may_assign if offer else self._actor.can(Permission.ASSIGN_CASES)
        )
        self.assign_action.setEnabled(idle and offer is not None and offer.can_assign)
        enabled = [t for t in offer.transitions if t.enabled] if offer else []
        self.status_action.setEnabled(idle and bool(enabled))
        self.note_action.setVisible(offer.may_note if offer else True)
        self.note_action.setEnabled(idle and offer is not None and offer.may_note)
        self.certificate_action.setVisible(offer is not None and offer.can_generate)
        self.certificate_action.setEnabled(idle and offer is not None and offer.can_generate)
        self.finish_action.setEnabled(idle and offer is not None and offer.finish is not None)
        self.message_action.setEnabled(idle and offer is not None and offer.can_message)
        for button in (
            self.claim_button,
            self.release_button,
            self.assign_button,
            self.certificate_button,
            self.finish_button,
        ):
            action = button.defaultAction()
            button.setVisible(action.isVisible() and action.isEnabled())
        self._rebuild_transition_buttons(offer, busy)

    def _rebuild_transition_buttons(self, offer: Offer | None, busy: bool) -> None:
        for button in self.transition_buttons.values():
            self.flow.removeWidget(button)
            button.hide()  # until the event loop deletes it, it would still be drawn
            button.deleteLater()
        self.transition_buttons = {}
        hint = ""
        if offer is not None and self._template is not None:
            for item in offer.transitions:
                self.transition_buttons[item.transition.target] = self._transition_button(
                    item, busy
                )
            hint = self._why_no_transition(offer)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.area.updateGeometry()

    def _transition_button(self, item: TransitionOffer, busy: bool) -> QPushButton:
        transition = item.transition
        button = QPushButton(
            escape_mnemonic(transition_verb(transition.source, transition.target)), self.area
        )
        target = self._words.status(transition.target, self._template)
        tip = self.tr("New status: {status}").format(status=target)
        others = sorted(item.blocked_by - {"checklist"})
        if others:
            tip += "\n" + self.tr("Not possible yet: needs {what}.").format(
                what=", ".join(requirement_name(r) for r in others)
            )
        if item.unticked:
            tip += "\n" + self.tr("Not possible yet: tick on the checklist: {items}.").format(
                items="; ".join(self._item_label(e) for e in item.unticked)
            )
        button.setToolTip(plain_tooltip(tip))
        button.setEnabled(item.enabled and not busy)
        button.clicked.connect(partial(self._request, transition.target))
        self.flow.addWidget(button)
        return button

    def _item_label(self, entry: ChecklistEntry) -> str:
        return entry.label.get(self._words.language)

    def _why_no_transition(self, offer: Offer) -> str:
        lines = [
            self.tr("“{action}” after ticking on the checklist: {items}.").format(
                action=transition_verb(t.transition.source, t.transition.target).rstrip("…"),
                items="; ".join(self._item_label(e) for e in t.unticked),
            )
            for t in offer.transitions
            if t.unticked
        ]
        if any("document" in t.blocked_by for t in offer.transitions):
            if offer.can_generate:
                lines.append(self.tr("Create the certificate to be able to complete the case."))
            else:
                lines.append(
                    self.tr("Completing needs a certificate, which has not been created yet.")
                )
        if lines:
            return "\n".join(lines)
        if offer.why_none == "closed":
            return self.tr("This case is closed.")
        if offer.why_none == "claim_first":
            return self.tr("Take the case to work on it.")
        if offer.why_none == "held_by_other":
            return self.tr("Another colleague works on this case.")
        return ""

    def _request(self, target: Status) -> None:
        self.transition_requested.emit(target)

    def show_status_menu(self) -> None:
        """The status changes as a menu under the buttons (F2), the first possible one
        active: Return picks it at once, the arrow keys move on."""
        if self._offer is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for item in self._offer.transitions:
            transition = item.transition
            action = menu.addAction(
                escape_mnemonic(transition_verb(transition.source, transition.target))
            )
            action.setEnabled(item.enabled)
            action.triggered.connect(partial(self._request, transition.target))
        menu.popup(self.area.mapToGlobal(QPoint(0, self.area.height())))
        first = next((a for a in menu.actions() if a.isEnabled()), None)
        if first is not None:
            menu.setActiveAction(first)


def _keys(action: QAction) -> str:
    """The action's shortcut as the user reads it (translated: "Strg" in German)."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


__all__ = ["CaseActionBar"]
