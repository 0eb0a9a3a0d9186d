"""The outbox: messages queued in a business transaction, sent afterwards by one dispatcher.

``dispatcher`` holds the mechanism (queue, lease, send, back-off, give up); each other
module is the handler of one route (kind and channel).
"""

from .dispatcher import (
    BACKOFF_MAX,
    BACKOFF_START,
    LEASE,
    MAX_ATTEMPTS,
    AnyHandler,
    Delivered,
    DispatchReport,
    Handler,
    Leased,
    MessageHandler,
    OutboxDispatcher,
    OutboxState,
    Outcome,
    Refused,
    Retry,
    Route,
    backoff,
    queue_message,
)
from .portal_decision import PORTAL_DECISION, PortalDecisionHandler

__all__ = [
    "BACKOFF_MAX",
    "BACKOFF_START",
    "LEASE",
    "MAX_ATTEMPTS",
    "PORTAL_DECISION",
    "AnyHandler",
    "Delivered",
    "DispatchReport",
    "Handler",
    "Leased",
    "MessageHandler",
    "OutboxDispatcher",
    "OutboxState",
    "Outcome",
    "PortalDecisionHandler",
    "Refused",
    "Retry",
    "Route",
    "backoff",
    "queue_message",
]
