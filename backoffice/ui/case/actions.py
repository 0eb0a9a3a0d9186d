"""Which actions the case view offers for a case, for the acting user, right now.

Decided from the case as the service returned it (its ``allowed_transitions``
already reflect the workflow and who may work on it) and the actor's
permissions. The services check again whatever the UI offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import Transition
from backoffice.services.actor import Actor
from backoffice.services.casework import CaseDetail, ChecklistEntry


@dataclass(frozen=True)
class FinishPlan:
    """What "finish" does for a standard certificate order, in this order: take the case
    (it is unassigned), start work on it (it is still "received"; the applicant hears of
    the completion only), create the certificate (there is none yet); then, once the clerk
    has seen the certificate and the message, complete it."""

    claim: bool
    start: bool
    generate: bool
    #: The step that completes the case (in progress → completed).
    complete: Transition

    @property
    def writes_first(self) -> bool:
        """Something is written before the clerk confirms."""
        return self.claim or self.start or self.generate


@dataclass(frozen=True)
class TransitionOffer:
    transition: Transition
    #: Requirements that block it now (empty: it can be done); "checklist": items unticked.
    blocked_by: frozenset[str]
    #: The checklist items it waits for, in the template's order.
    unticked: tuple[ChecklistEntry, ...] = ()

    @property
    def enabled(self) -> bool:
        return not self.blocked_by


@dataclass(frozen=True)
class Offer:
    can_claim: bool
    can_release: bool
    may_assign: bool
    can_assign: bool
    may_note: bool
    #: The certificate can be created now (the service issues one; the actor works the case).
    can_generate: bool
    transitions: tuple[TransitionOffer, ...]
    #: A message to the applicant can be written (the actor works the case).
    can_message: bool
    #: The case can be finished in one go (None: not a standard certificate order now).
    finish: FinishPlan | None
    #: Why there is no status change to offer, as a code: "closed", "claim_first",
    #: "held_by_other" or "" when there are transitions.
    why_none: str


def offer_for(detail: CaseDetail, actor: Actor) -> Offer:
    row = detail.row
    is_open = row.status.is_open
    mine = row.assignee_id is not None and row.assignee_id == actor.user_id
    may_assign = actor.can(Permission.ASSIGN_CASES)
    # What the case does not have yet blocks a step (a document: until one is created).
    missing: frozenset[str] = frozenset() if detail.has_certificate else frozenset({"document"})
    transitions = tuple(
        TransitionOffer(
            t,
            frozenset(t.requires & missing)
            | ({"checklist"} if detail.checklist_missing(t.target) else set()),
            tuple(detail.checklist_missing(t.target)),
        )
        for t in detail.allowed_transitions
    )
    may_work = mine or actor.can(Permission.WORK_ANY_CASE)
    can_claim = (
        is_open
        and row.assignee_id is None
        and actor.user_id is not None
        and actor.can(Permission.CLAIM_CASE)
    )
    if transitions:
        why = ""
    elif not is_open:
        why = "closed"
    elif row.assignee_id is None:
        why = "claim_first"
    else:
        why = "held_by_other"
    return Offer(
        can_claim=can_claim,
        can_release=is_open and row.assignee_id is not None and (mine or may_assign),
        may_assign=may_assign,
        can_assign=may_assign and is_open,
        may_note=actor.can(Permission.ADD_NOTE),
        can_generate=is_open
        and detail.template.certificate is not None
        and actor.user_id is not None
        and actor.can(Permission.WORK_OWN_CASES)
        and may_work,
        transitions=transitions,
        can_message=actor.can(Permission.WORK_OWN_CASES) and may_work,
        finish=_finish_plan(detail, actor, may_work=may_work, can_claim=can_claim),
        why_none=why,
    )


def _finish_plan(
    detail: CaseDetail, actor: Actor, *, may_work: bool, can_claim: bool
) -> FinishPlan | None:
    """The steps of "finish", if the case is a certificate order that can be finished now."""
    row = detail.row
    workflow = detail.template.workflow
    complete = workflow.find(Status.IN_PROGRESS, Status.COMPLETED)
    if (
        complete is None
        or detail.template.certificate is None
        or not row.status.is_open
        or actor.user_id is None
        or not actor.can(Permission.WORK_OWN_CASES)
    ):
        return None
    claim = row.assignee_id is None and can_claim
    if not (may_work or claim):
        return None
    if row.status is Status.RECEIVED:
        start = workflow.find(Status.RECEIVED, Status.IN_PROGRESS)
        if start is None or start.requires:  # a first step that needs words of its own
            return None
    elif row.status is not Status.IN_PROGRESS:
        return None
    if detail.checklist_missing(Status.COMPLETED) or (
        row.status is Status.RECEIVED and detail.checklist_missing(Status.IN_PROGRESS)
    ):
        return None  # the checklist first: the action bar says which items
    return FinishPlan(
        claim=claim,
        start=row.status is Status.RECEIVED,
        generate=not detail.has_certificate,
        complete=complete,
    )
