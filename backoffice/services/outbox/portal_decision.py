"""The portal decision: our signed accept or reject event for a submission, sent to the portal.

Intake queues it in the transaction that stores the submission; this handler posts it.
The portal answers 409 when the case has a decision already: if the event log holds ours,
it arrived (a crash after sending, before the mark); if it holds another, we are refused.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from backoffice.portal.errors import AlreadyDecided, InvalidEvent, PortalError, TransientError

from .dispatcher import Delivered, Refused, Retry, Route

log = logging.getLogger(__name__)

#: Portal decisions go to the delivery service over FIT-Connect.
PORTAL_DECISION = Route("portal_decision", "fit-connect")


class EventApi(Protocol):
    """What sending a decision needs from the delivery service."""

    def post_event(self, case_id: str, token: str) -> None: ...

    def get_event_log(self, case_id: str) -> Sequence[str]: ...


class DecisionLog(Protocol):
    """Recognises our own decision in a case's event log."""

    def decision_recorded(self, event_log: Sequence[str], token: str) -> bool: ...


class PortalDecisionHandler:
    """Outbox handler for :data:`PORTAL_DECISION` messages."""

    def __init__(self, api: EventApi, crypto: DecisionLog) -> None:
        self._api = api
        self._crypto = crypto

    def __call__(self, payload: Mapping[str, Any]) -> None:
        case_id = str(payload["portal_case_id"])
        token = str(payload["token"])
        try:
            self._api.post_event(case_id, token)
        except AlreadyDecided:
            try:
                log_entries = self._api.get_event_log(case_id)
            except TransientError as exc:
                raise Retry(
                    f"decision already recorded? cannot read the event log: {exc}"
                ) from None
            if self._crypto.decision_recorded(log_entries, token):
                raise Delivered() from None
            raise Refused(
                "the portal has recorded a different decision for this submission"
            ) from None
        except InvalidEvent as exc:
            raise Refused(f"the portal refused our confirmation: {exc}") from None
        except TransientError as exc:
            raise Retry(str(exc), getattr(exc, "retry_after", None)) from None
        except PortalError as exc:
            raise Retry(str(exc)) from None
