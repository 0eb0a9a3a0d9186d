"""Intake: pull every waiting submission of a destination, check it, store it once, confirm it.

For each submission, in one transaction: the case (or, if a check failed, only
the record of the rejection), its attachments, its first audit entry, the
intake record (unique per ``submissionId``) and an outbox row holding the signed
accept or reject event. The event is sent after the commit; a crash anywhere
leaves either nothing (the submission is fetched again next time) or a stored
submission whose confirmation the outbox sends later. A submission that is
stored already is never downloaded again, whoever stored it.

A submission on the ``caseId`` of a case we have is the citizen's answer: instead of a
second case, the same transaction links it to that case (:mod:`.follow_up`).

Transient failures (timeouts, 5xx, truncated or garbled answers) skip the
submission for this run; it is still listed next time. Only the submission's
own defects lead to a rejection.

While one submission is decrypted, checked and stored, a second thread downloads
the next one and sends the decision of the previous one (:class:`_PortalThread`):
the portal's answer time overlaps with our work. It reads one submission ahead,
with attachments up to :data:`READ_AHEAD_BYTES`; larger ones are downloaded when
the check asks for them. A failure of the read-ahead surfaces exactly where the
download would have failed without it. Portal calls are made one at a time (one
HTTP session); all database work stays on the sync thread.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.roles import Permission
from backoffice.domain.templates import ServiceTemplate
from backoffice.domain.text import sanitise_form_data
from backoffice.portal.errors import (
    InvalidResponse,
    NotFound,
    PortalError,
    ResponseTooLarge,
    TransientError,
)
from backoffice.portal.jose import JweText
from backoffice.portal.models import Submission, SubmissionRef
from backoffice.portal.protocol import Problem
from backoffice.store.blobs import LargeBlobs
from backoffice.store.database import Database
from backoffice.store.models import OutboxMessage, SubmissionRecord, SyncState
from backoffice.store.upsert import insert_for

from .actor import Actor
from .catalogue import CatalogueService
from .errors import storage_errors
from .follow_up import Known, Link, link_follow_up, lock_case, route
from .intake_checks import Accepted, Held, Rejected, check_submission, describe
from .intake_guard import Unsigned, hold_submission, is_recorded, too_large
from .outbox import PORTAL_DECISION, Leased, OutboxDispatcher, OutboxState, Outcome
from .progress import CancelToken, Progress, ProgressCallback, no_progress
from .received_attachments import store_attachments
from .registration import NewCase, register_case, template_row_ids

log = logging.getLogger(__name__)

#: How many submissions of one run an unforeseen failure of the same kind may reject.
UNFORESEEN_LIMIT = 3

#: Attachment bytes (JWE text) read ahead per submission; the rest is read when checked.
READ_AHEAD_BYTES = 8 * 1024 * 1024


class SubscriberApi(Protocol):
    """What intake needs from the delivery service (``portal.client.SubscriberClient``)."""

    def list_submissions(self, destination_id: str) -> Sequence[SubmissionRef]: ...

    def get_submission(self, submission_id: str) -> Submission: ...

    def get_attachment(
        self, submission_id: str, attachment_id: str, max_bytes: int | None = None
    ) -> JweText: ...

    def post_event(self, case_id: str, token: str) -> None: ...

    def get_event_log(self, case_id: str) -> Sequence[str]: ...


class SubscriberCrypto(Protocol):
    """Our keys: decrypt what arrives, sign our decisions, recognise them in an event log."""

    def decrypt(self, compact_jwe: JweText) -> bytes: ...

    def accept_event(
        self, destination_id: str, submission_id: str, case_id: str, tags: Mapping[str, Any]
    ) -> str: ...

    def reject_event(
        self,
        destination_id: str,
        submission_id: str,
        case_id: str,
        problem: Problem,
        instance: str,
        detail: str,
    ) -> str: ...

    def decision_recorded(self, event_log: Sequence[str], token: str) -> bool: ...


@dataclass
class SyncReport:
    destination_id: str
    listed: int = 0
    accepted: int = 0
    rejected: int = 0
    already_known: int = 0
    vanished: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    confirmations_sent: int = 0
    confirmations_waiting: int = 0
    #: Citizen messages (replies, e-mails, letters) the outbox sent after the sync.
    messages_sent: int = 0
    quarantined: int = 0
    cancelled: bool = False
    error: str | None = None
    #: Of the accepted: answers linked to a case we have (follow-ups), not new cases.
    follow_ups: int = 0

    def as_counts(self) -> dict[str, Any]:
        return {
            "listed": self.listed,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "already_known": self.already_known,
            "vanished": self.vanished,
            "skipped": len(self.skipped),
            "confirmations_sent": self.confirmations_sent,
            "confirmations_waiting": self.confirmations_waiting,
            "messages_sent": self.messages_sent,
            "quarantined": self.quarantined,
            "cancelled": self.cancelled,
            "follow_ups": self.follow_ups,
        }


class _OneAtATime:
    """The portal client, shared by the sync thread and the read-ahead thread in turn."""

    def __init__(self, api: SubscriberApi) -> None:
        self._api = api
        self._lock = threading.Lock()

    def list_submissions(self, destination_id: str) -> Sequence[SubmissionRef]:
        with self._lock:
            return self._api.list_submissions(destination_id)

    def get_submission(self, submission_id: str) -> Submission:
        with self._lock:
            return self._api.get_submission(submission_id)

    def get_attachment(
        self, submission_id: str, attachment_id: str, max_bytes: int | None = None
    ) -> JweText:
        with self._lock:
            return self._api.get_attachment(submission_id, attachment_id, max_bytes)

    def post_event(self, case_id: str, token: str) -> None:
        with self._lock:
            self._api.post_event(case_id, token)

    def get_event_log(self, case_id: str) -> Sequence[str]:
        with self._lock:
            return self._api.get_event_log(case_id)


class _Fetched:
    """A downloaded submission and the attachments read with it (text, or the failure)."""

    def __init__(self, api: SubscriberApi, submission: Submission) -> None:
        self._api = api
        self.submission = submission
        self._read: dict[str, JweText | PortalError] = {}

    def read_ahead(self, budget: int) -> None:
        for attachment_id in self.submission.attachment_ids:
            if budget <= 0 or attachment_id in self._read:
                return
            try:
                text = self._api.get_attachment(
                    self.submission.submission_id, attachment_id, budget
                )
            except ResponseTooLarge:
                return  # a large one: read when the check asks for it
            except PortalError as exc:
                self._read[attachment_id] = exc  # raised where the check asks for it
                return
            self._read[attachment_id] = text
            budget -= len(text)

    def attachment(self, attachment_id: str) -> JweText:
        """The attachment's JWE text; raises what its download raised."""
        read = self._read.pop(attachment_id, None)
        if read is None:
            return self._api.get_attachment(self.submission.submission_id, attachment_id)
        if isinstance(read, PortalError):
            raise read
        return read


class _PortalThread:
    """The thread that talks to the portal while the sync thread works: it downloads
    submission i + 1 while submission i is checked and stored, and sends the decisions."""

    def __init__(self, api: SubscriberApi, items: Sequence[SubmissionRef]) -> None:
        self._api = api
        self._items = items
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="intake-portal")
        self._next: Future[_Fetched] | None = None

    def take(self, index: int) -> _Fetched:
        """Submission ``index`` (raises what downloading it raised); starts the next one."""
        current = self._next if self._next is not None else self._download(index)
        self._next = self._download(index + 1) if index + 1 < len(self._items) else None
        return current.result()

    def send(self, outbox: OutboxDispatcher, decision: Leased) -> Future[Outcome]:
        return self._executor.submit(outbox.deliver, decision)

    def close(self) -> None:
        """Drop the download nobody will take; let the decisions on their way finish."""
        if self._next is not None:
            self._next.cancel()
        self._executor.shutdown(wait=True)

    def _download(self, index: int) -> Future[_Fetched]:
        return self._executor.submit(self._fetch, self._items[index].submission_id)

    def _fetch(self, submission_id: str) -> _Fetched:
        fetched = _Fetched(self._api, self._api.get_submission(submission_id))
        fetched.read_ahead(READ_AHEAD_BYTES)
        return fetched


@dataclass
class _Run:
    """One sync of one destination."""

    destination_id: str
    templates: Mapping[str, ServiceTemplate]
    row_ids: Mapping[str, int]
    report: SyncReport
    portal: _PortalThread
    decisions: list[Future[Outcome]] = field(default_factory=list)
    #: Unforeseen check failures of this run, by what failed where.
    unforeseen: Counter[str] = field(default_factory=Counter)


@storage_errors
class IntakeService:
    def __init__(
        self,
        db: Database,
        api: SubscriberApi,
        crypto: SubscriberCrypto,
        catalogue: CatalogueService,
        outbox: OutboxDispatcher,
        calendar: WorkingCalendar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``outbox`` sends the decisions: it needs a handler for :data:`PORTAL_DECISION`
        that talks to the same delivery service as ``api``."""
        self._db = db
        self._api = _OneAtATime(api)
        self._crypto = crypto
        self._catalogue = catalogue
        self._calendar = calendar or WorkingCalendar()
        self._clock = clock
        self.outbox = outbox

    # -- the run -------------------------------------------------------------------------------

    def sync(
        self,
        actor: Actor,
        destination_id: str,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
    ) -> SyncReport:
        actor.require(Permission.RUN_SYNC)
        report = SyncReport(destination_id)
        started = self._clock()
        # Confirmations a previous run stored but could not send go first.
        self._dispatch(report)
        try:
            progress(Progress(0, 0, "", "listing"))
            listed = _unique(self._api.list_submissions(destination_id))
        except PortalError as exc:
            report.error = str(exc)
            self._record_state(report, started, success=False)
            return report
        report.listed = len(listed)
        known = self._known(s.submission_id for s in listed)
        todo = [s for s in listed if s.submission_id not in known]
        report.already_known = len(listed) - len(todo)
        templates = {t.leika: t for t in self._catalogue.current() if t.active}
        with self._db.read() as session:
            row_ids = template_row_ids(session, templates.values())
        run = _Run(destination_id, templates, row_ids, report, _PortalThread(self._api, todo))
        try:
            for index, item in enumerate(todo):
                progress(Progress(index, len(todo), item.submission_id, "receiving"))
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                self._take(run, index, item)
        finally:
            run.portal.close()
            self._note_decisions(run)
            self.outbox.flush()  # the "sent" marks not yet written with a later submission
        progress(Progress(len(todo), len(todo), "", "confirming"))
        self._dispatch(report)
        self._record_state(report, started, success=report.error is None)
        return report

    def _take(self, run: _Run, index: int, item: SubmissionRef) -> None:
        """Fetch, check and store one submission; whatever it holds, the run goes on
        (decided, skipped for now, or held in the quarantine)."""
        submission_id = item.submission_id
        report = run.report
        portal_case_id, service = item.case_id, None
        result: Accepted | Rejected | Held
        try:
            fetched = run.portal.take(index)
            submission = fetched.submission
            portal_case_id, service = submission.case_id, submission.service_type.identifier
            result = check_submission(
                submission, fetched.attachment, self._crypto.decrypt, run.templates
            )
        except NotFound:
            report.vanished += 1  # decided meanwhile (another desktop) or withdrawn
            return
        except ResponseTooLarge as exc:  # the submission itself: its data or metadata
            result = too_large(exc)
        except (TransientError, InvalidResponse, PortalError) as exc:
            # Transient, or the portal refused or garbled this one: not the citizen's doing.
            report.skipped.append((submission_id, str(exc)))
            log.warning("submission %s skipped for now: %s", submission_id, exc)
            return
        except Exception as exc:  # the portal's answer broke something of ours
            log.warning("submission %s could not be fetched", submission_id, exc_info=True)
            result = Held("fetch", describe(exc))
        ref = SubmissionRef(submission_id, portal_case_id, run.destination_id)
        if isinstance(result, Rejected) and result.unforeseen is not None:
            result = self._guard_unforeseen(run, result, result.unforeseen)
        routed: Accepted | Link | Rejected | Held | Known = result
        if isinstance(result, Accepted):
            routed = self._route(result, submission_id, portal_case_id, run.destination_id)
        if isinstance(routed, Known):
            report.already_known += 1  # another desktop stored it a moment ago
            return
        if isinstance(routed, Held):
            report.quarantined += hold_submission(
                self._db, ref, service, routed, self._clock(), report
            )
            return
        self._note_decisions(run, finished_only=True)  # their marks go with this transaction
        try:
            decision = self._store(
                submission_id, portal_case_id, run.destination_id, routed, run.row_ids
            )
        except IntegrityError as exc:
            if is_recorded(self._db, submission_id):
                report.already_known += 1  # another desktop stored it a moment ago
                return
            failed = Held("store", describe(exc))
        except Unsigned as exc:
            failed = Held("sign", describe(exc.__cause__ or exc))
        except Exception as exc:  # the database refused what we store: ours, not theirs
            log.warning("submission %s could not be stored", submission_id, exc_info=True)
            failed = Held("store", describe(exc))
        else:
            if isinstance(routed, Accepted | Link):
                report.accepted += 1
                report.follow_ups += isinstance(routed, Link)
            else:
                report.rejected += 1
            # Sent by the portal thread while this one goes on with the next submission.
            run.decisions.append(run.portal.send(self.outbox, decision))
            return
        report.quarantined += hold_submission(self._db, ref, service, failed, self._clock(), report)

    def _route(
        self, result: Accepted, submission_id: str, portal_case_id: str, destination_id: str
    ) -> Accepted | Link | Rejected | Held | Known:
        """A new application, or an answer on a case we have (services/follow_up.py)."""
        try:
            with self._db.read() as session:
                return route(session, result, submission_id, portal_case_id, destination_id)
        except Exception as exc:  # the database could not say: ours, not the citizen's
            log.warning("submission on case %s could not be routed", portal_case_id, exc_info=True)
            return Held("check", describe(exc))

    @staticmethod
    def _guard_unforeseen(run: _Run, result: Rejected, what: str) -> Rejected | Held:
        """Reject for an unforeseen failure, but not without end: the same failure in
        more than :data:`UNFORESEEN_LIMIT` submissions of one run is more likely a fault of
        ours than of every citizen's, so the rest are held in the quarantine instead."""
        run.unforeseen[what] += 1
        if run.unforeseen[what] <= UNFORESEEN_LIMIT:
            return result
        log.error("the same unexpected failure again (%s): holding, not rejecting", what)
        return Held(
            "check",
            f"the same unexpected failure ({what}) in {run.unforeseen[what]} submissions of "
            "one sync: held instead of rejected, in case the fault is ours",
        )

    def _note_decisions(self, run: _Run, *, finished_only: bool = False) -> None:
        """Record the outcome of the decisions sent (a "sent" mark waits for the next
        transaction); ``finished_only`` leaves those still on their way."""
        waiting = []
        for future in run.decisions:
            if finished_only and not future.done():
                waiting.append(future)
            elif not future.cancelled():
                outcome = future.result()
                run.report.confirmations_sent += self.outbox.record(outcome, defer=True).sent
        run.decisions = waiting

    # -- storing ---------------------------------------------------------------------------

    def _store(
        self,
        submission_id: str,
        portal_case_id: str,
        destination_id: str,
        routed: Accepted | Link | Rejected,
        row_ids: Mapping[str, int],
    ) -> Leased:
        now = self._clock()
        link = routed if isinstance(routed, Link) else None
        result = routed.accepted if isinstance(routed, Link) else routed
        try:
            if isinstance(result, Accepted):
                token = self._crypto.accept_event(
                    destination_id, submission_id, portal_case_id, result.authentication_tags
                )
            else:
                token = self._crypto.reject_event(
                    destination_id,
                    submission_id,
                    portal_case_id,
                    result.problem,
                    result.instance,
                    result.detail[:500],
                )
        except Exception as exc:
            raise Unsigned() from exc  # no decision without a signature: held
        with self._db.write() as session:
            if link is not None:
                # The case first, before anything else is locked: two desktops linking
                # answers to one case queue here instead of deadlocking further on.
                lock_case(session, link.case_id)
            self.outbox.record_sent(session)
            blobs = LargeBlobs(session)  # a large attachment: no copies of it on SQLite
            case_id = None
            if link is not None:
                link_follow_up(session, link, submission_id, blobs, now, self._calendar)
                case_id = link.case_id
            elif isinstance(result, Accepted):
                case = register_case(
                    session,
                    result.template,
                    row_ids[result.template.key],  # the catalogue listed it
                    NewCase(
                        received_at=now,
                        form_data=result.form_data,
                        submission_id=submission_id,
                        portal_case_id=portal_case_id,
                        destination_id=destination_id,
                        reply_channel=result.reply_channel,
                        auth_level=result.auth_level,
                        payment_state=result.payment_state,
                        attachment_count=len(result.attachments),
                    ),
                    self._calendar,
                )
                case_id = case.id
                store_attachments(session, blobs, case.id, result.attachments)
            session.add(
                SubmissionRecord(
                    submission_id=submission_id,
                    portal_case_id=portal_case_id,
                    destination_id=destination_id,
                    service_identifier=(
                        result.template.leika
                        if isinstance(result, Accepted)
                        else result.service_identifier
                    ),
                    arrived_at=now,
                    outcome="accepted" if isinstance(result, Accepted) else "rejected",
                    case_id=case_id,
                    problem_type=None if isinstance(result, Accepted) else result.problem.value,
                    problem_instance=None if isinstance(result, Accepted) else result.instance,
                    problem_detail=None if isinstance(result, Accepted) else result.detail,
                    received_metadata=sanitise_form_data(result.metadata)
                    if result.metadata
                    else None,
                    attachment_ids=None,
                )
            )
            decision = self.outbox.add(
                session,
                kind=PORTAL_DECISION.kind,
                channel=PORTAL_DECISION.channel,
                payload={
                    "portal_case_id": portal_case_id,
                    "submission_id": submission_id,
                    "decision": "accept" if isinstance(result, Accepted) else "reject",
                    "token": token,
                },
                idempotency_key=f"decision:{submission_id}",
                # An answer's receipt is not written into its case's history (the answer is):
                # recording it would lock the case row inside the outbox's "sent" marks, in
                # the opposite order to the next answer's link on another desktop (deadlock).
                case_id=None if link is not None else case_id,
            )
            blobs.write()
        self.outbox.sent_recorded()
        return decision

    # -- confirming --------------------------------------------------------------------------

    def _dispatch(self, report: SyncReport) -> None:
        result = self.outbox.send_due()
        confirmations = result.sent_of(PORTAL_DECISION.kind)
        report.confirmations_sent += confirmations
        report.messages_sent += result.sent - confirmations
        with self._db.read() as session:
            report.confirmations_waiting = (
                session.scalar(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(
                        OutboxMessage.kind == PORTAL_DECISION.kind,
                        OutboxMessage.state == OutboxState.PENDING,
                    )
                )
                or 0
            )

    # -- bookkeeping ----------------------------------------------------------------------------

    def _known(self, submission_ids: Iterable[str]) -> set[str]:
        ids = [str(s) for s in submission_ids]
        known: set[str] = set()
        with self._db.read() as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                known.update(
                    session.scalars(
                        select(SubmissionRecord.submission_id).where(
                            SubmissionRecord.submission_id.in_(chunk)
                        )
                    )
                )
        return known

    def _record_state(self, report: SyncReport, started: datetime, *, success: bool) -> None:
        values: dict[str, Any] = {
            "last_attempt_at": started,
            "last_error": None if success else report.error,
            "last_counts": report.as_counts(),
        }
        if success:
            values["last_success_at"] = started
        with self._db.write() as session:
            # One atomic upsert: two desktops finishing a sync at once must not collide.
            session.execute(
                insert_for(session, SyncState)
                .values(destination_id=report.destination_id, **values)
                .on_conflict_do_update(index_elements=[SyncState.destination_id], set_=values)
            )


def _unique(items: Iterable[SubmissionRef]) -> list[SubmissionRef]:
    """The list endpoint may name a submission twice; keep the first."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.submission_id not in seen:
            seen.add(item.submission_id)
            unique.append(item)
    return unique


__all__ = ["IntakeService", "SubscriberApi", "SubscriberCrypto", "SyncReport"]
