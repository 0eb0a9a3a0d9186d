"""Which actions the case view offers for a case, for the acting user, right now.

Decided from the case as the service returned it (its ``allowed_transitions``
already reflect the workflow and who may work on it) and the actor's
permissions. The services check again whatever the UI offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.domain.roles import Permission
from backoffice.domain.templates import Transition
from backoffice.services.actor import Actor
from backoffice.services.casework import CaseDetail


@dataclass(frozen=True)
class TransitionOffer:
    transition: Transition
    #: Requirements that block it now (empty: it can be done).
    blocked_by: frozenset[str]

    @property
    def enabled(self) -> bool:
        return not self.blocked_by

    @property
    def needs_dialog(self) -> bool:
        """Ask for a comment or message — and confirm any step that closes the case."""
        return bool(self.transition.requires & {"comment", "message"}) or not (
            self.transition.target.is_open
        )


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
        TransitionOffer(t, frozenset(t.requires & missing)) for t in detail.allowed_transitions
    )
    may_work = mine or actor.can(Permission.WORK_ANY_CASE)
    if transitions:
        why = ""
    elif not is_open:
        why = "closed"
    elif row.assignee_id is None:
        why = "claim_first"
    else:
        why = "held_by_other"
    return Offer(
        can_claim=is_open
        and row.assignee_id is None
        and actor.user_id is not None
        and actor.can(Permission.CLAIM_CASE),
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
        why_none=why,
    )
