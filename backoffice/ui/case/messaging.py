"""Messages to the applicant from the case view: write one, send a failed one another way.

Each opens its dialog with the preview for the case (:mod:`.message_dialogs`); confirmed,
the message is queued in the task runner (the outbox sends it) and the case is read again,
so that its *Messages* tab lists it. A refusal (no address on that channel, an empty
placeholder, the case taken by someone else, the database unreachable) takes the case
view's error road; nothing is queued then.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from backoffice.domain.citizen_messages import Channel
from backoffice.domain.status import Status
from backoffice.services.citizen.service import MessageInfo, MessagePreview
from backoffice.ui.case.message_dialogs import FetchFor, RerouteDialog, WriteMessageDialog
from backoffice.ui.case.message_preview import PreviewFetch
from backoffice.ui.context import UiContext

if TYPE_CHECKING:
    from backoffice.ui.case.view import CaseView


class MessagingFlow(QObject):
    """See the module documentation."""

    def __init__(self, context: UiContext, view: CaseView) -> None:
        super().__init__(view)
        self._ctx = context
        self._view = view

    def _previews(
        self, case_id: int, status: Status | None, fixed_text: str | None = None
    ) -> FetchFor:
        """The preview of a message on a channel, for the clerk's text (or ``fixed_text``:
        a message sent again says what it said)."""
        ctx = self._ctx

        def fetch_for(channel: Channel) -> PreviewFetch:
            def fetch(text: str) -> MessagePreview:
                words = fixed_text if fixed_text is not None else text
                return ctx.citizen.preview(ctx.actor, case_id, status, words, channel)

            return fetch

        return fetch_for

    def _allowed(self) -> bool:
        view = self._view
        return (
            view.detail is not None
            and view.offer is not None
            and view.offer.can_message
            and not view.busy
        )

    def write(self) -> None:
        """A free message: written, previewed on the channel chosen, then queued."""
        view = self._view
        if not self._allowed() or view.detail is None:
            return
        detail = view.detail
        case_id = detail.row.id
        dialog = WriteMessageDialog(
            detail.row.file_number,
            self._ctx.runner,
            self._previews(case_id, None),
            Channel.for_reply_channel(detail.reply_channel),
            view,
        )
        dialog.accepted.connect(
            lambda: self._send(
                partial(
                    self._ctx.citizen.send_message,
                    self._ctx.actor,
                    case_id,
                    dialog.text(),
                    dialog.channel(),
                ),
                case_id,
            )
        )
        view.open_dialog(dialog)

    def reroute(self, info: MessageInfo) -> None:
        """A failed message, sent again by another channel (its words as they were)."""
        view = self._view
        if not self._allowed() or view.detail is None:
            return
        case_id = view.detail.row.id
        status = Status(info.status) if info.status else None
        dialog = RerouteDialog(
            info, self._ctx.runner, self._previews(case_id, status, info.clerk_text), view
        )
        dialog.accepted.connect(
            lambda: self._send(
                partial(self._ctx.citizen.reroute, self._ctx.actor, info.id, dialog.channel()),
                case_id,
            )
        )
        view.open_dialog(dialog)

    def _send(self, fn: Callable[[], int], case_id: int) -> None:
        view = self._view
        view.set_busy(True)
        view.tabs.setCurrentWidget(view.messages)
        self._ctx.runner.run(
            fn,
            done=lambda _id: self._sent(case_id),
            failed=view.action_failed,
            owner=view,
            write=True,
            name="message to the applicant",
        )

    def _sent(self, case_id: int) -> None:
        self._view.status_message.emit(self.tr("The message to the applicant is queued."))
        self._view.after_action(case_id)


__all__ = ["MessagingFlow"]
