"""What the simulated delivery service holds, in memory: one destination, submissions, cases,
event logs, decisions and replies. One lock guards it all; heavy work (encryption, signing)
happens outside the lock.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from jwcrypto import jwk

from backoffice.portal import protocol

from .blobs import Blob, BlobStore
from .catalogue import Service
from .crypto import SimulatorKeys, sign_set
from .faults import Expected
from .generator import Draft


class ApiError(Exception):
    """An answer other than success: becomes an RFC 7807 problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: str = "about:blank",
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type_
        self.title = title
        self.headers = headers or {}
        self.extra = extra


class State(StrEnum):
    ANNOUNCED = "announced"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


@dataclass
class Decision:
    accepted: bool
    problems: list[dict[str, Any]]
    token: str
    at: float

    def as_dict(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "problems": self.problems, "at": iso(self.at)}


@dataclass
class Submission:
    submission_id: str
    case_id: str
    destination_id: str
    service_type: dict[str, str]
    announced: list[str]
    state: State
    origin: str  # "generated" or "sender"
    created_at: float = field(default_factory=time.time)
    submitted_at: float | None = None
    sealed: bool = True
    attachments: dict[str, Blob] = field(default_factory=dict)
    unavailable: set[str] = field(default_factory=set)
    encrypted_metadata: str | None = None
    encrypted_data: str | None = None
    tags: dict[str, Any] | None = None
    draft: Draft | None = None
    decision: Decision | None = None

    @property
    def pickable(self) -> bool:
        return self.sealed and self.state is State.SUBMITTED

    @property
    def expected(self) -> Expected | None:
        return self.draft.expected if self.draft else None


@dataclass
class CaseFile:
    case_id: str
    destination_id: str
    submissions: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    citizen_name: str | None = None
    citizen_email: str | None = None
    service_name: str | None = None
    reply_channel: str | None = None
    reply_key: jwk.JWK | None = None


@dataclass
class Reply:
    reply_id: str
    case_id: str
    announced: list[str]
    state: State = State.ANNOUNCED
    created_at: float = field(default_factory=time.time)
    submitted_at: float | None = None
    attachments: dict[str, Blob] = field(default_factory=dict)
    encrypted_metadata: str | None = None
    encrypted_data: str | None = None
    events: list[str] = field(default_factory=list)
    received: dict[str, Any] | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)


class Store:
    """The delivery service's memory. Hold ``lock`` while reading or changing the dicts."""

    def __init__(
        self,
        *,
        destination_id: str,
        services: list[Service],
        keys: SimulatorKeys,
        blobs: BlobStore,
        set_schema: str = protocol.SET_SCHEMA,
    ) -> None:
        self.lock = threading.RLock()
        self.destination_id = destination_id
        self.services = services
        self.keys = keys
        self.blobs = blobs
        self.set_schema = set_schema
        self.issuer = "http://127.0.0.1"
        self.encryption_keys: dict[str, jwk.JWK] = {}
        self.current_kid: str | None = None
        self.signing_keys: dict[str, jwk.JWK] = {}
        self.submissions: dict[str, Submission] = {}
        self.listable: dict[str, None] = {}  # ordered set of pickable submission ids
        self.cases: dict[str, CaseFile] = {}
        self.replies: dict[str, Reply] = {}

    @property
    def active(self) -> bool:
        return self.current_kid is not None

    def check_destination(self, destination_id: str) -> None:
        if destination_id != self.destination_id:
            raise ApiError(
                404,
                f"no destination {destination_id}",
                type_=protocol.DESTINATION_NOT_FOUND,
                title="Destination not found",
            )

    def submission(self, submission_id: str) -> Submission:
        found = self.submissions.get(submission_id)
        if found is None:
            raise ApiError(404, f"no submission {submission_id}")
        return found

    def case(self, case_id: str) -> CaseFile:
        found = self.cases.get(case_id)
        if found is None:
            raise ApiError(404, f"no case {case_id}")
        return found

    def new_case(self, case_id: str | None = None) -> CaseFile:
        case = CaseFile(case_id or str(uuid.uuid4()), self.destination_id)
        self.cases[case.case_id] = case
        return case

    def own_event(self, subject: str, case_id: str, event: str, payload: dict[str, Any]) -> str:
        """A SET signed by the delivery service (or the citizen portal it plays)."""
        return sign_set(
            {
                "$schema": self.set_schema,
                "jti": str(uuid.uuid4()),
                "iss": self.issuer,
                "iat": int(time.time()),
                "sub": subject,
                "txn": protocol.set_txn(case_id),
                "events": {event: payload},
            },
            self.keys.signing,
        )

    def mark_submitted(self, submission: Submission) -> None:
        submission.state = State.SUBMITTED
        submission.submitted_at = submission.submitted_at or time.time()
        if submission.pickable:
            self.listable[submission.submission_id] = None
