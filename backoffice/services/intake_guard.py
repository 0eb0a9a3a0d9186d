"""What intake does when one submission fails in a way no check foresaw.

The rule: one submission never stops the sync. Its own defects are rejected
(:mod:`.intake_checks`); a failure of ours is held in the quarantine
(:mod:`.quarantine`), so that no decision blames the citizen for it and no later
sync trips over the same submission again. Holding it is a database write as
well; if even that fails (the database is gone), the submission is skipped for
this run, as a transient failure would be, and the sync goes on.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from backoffice.portal.errors import ResponseTooLarge
from backoffice.portal.models import SubmissionRef
from backoffice.portal.protocol import Instance, Problem
from backoffice.store.database import Database
from backoffice.store.models import SubmissionRecord

from .intake_checks import Held, Rejected, describe
from .quarantine import Hold, hold

log = logging.getLogger(__name__)


class Unsigned(Exception):
    """The decision could not be signed (its cause is the reason): nothing can be sent."""


class _Report(Protocol):
    skipped: list[tuple[str, str]]
    already_known: int


def too_large(exc: ResponseTooLarge) -> Rejected:
    """The portal's submission document is beyond our bound: its metadata or data is."""
    return Rejected(
        Problem.TECHNICAL_ERROR,
        Instance.SUBMISSION,
        f"the submission is larger than we accept: {exc}"[:500],
    )


def hold_submission(
    db: Database,
    item: SubmissionRef,
    service: str | None,
    held: Held,
    now: datetime,
    report: _Report,
) -> int:
    """Hold one submission in the quarantine; 1 if it is held now, else 0 (counted elsewhere)."""
    what = Hold(
        item.submission_id,
        item.case_id,
        item.destination_id,
        service[:255] if service else None,
        held.stage,
        held.error,
    )
    try:
        with db.write() as session:
            hold(session, what, now)
    except IntegrityError:
        report.already_known += 1  # decided (or held) meanwhile, by another desktop
        return 0
    except Exception as exc:  # even the quarantine cannot be written: try again next run
        log.warning("submission %s could not be held", what.submission_id, exc_info=True)
        report.skipped.append((what.submission_id, f"not held ({describe(exc)}): {held.error}"))
        return 0
    log.warning(
        "submission %s held in the quarantine (%s): %s", what.submission_id, held.stage, held.error
    )
    return 1


def is_recorded(db: Database, submission_id: str) -> bool:
    """True if the submission has a record: decided (or held) by someone; False also when
    the database cannot say (holding it then fails the same way, and it is skipped)."""
    try:
        with db.read() as session:
            found = session.scalar(
                select(SubmissionRecord.id).where(SubmissionRecord.submission_id == submission_id)
            )
    except SQLAlchemyError:
        return False
    return found is not None


__all__ = ["Unsigned", "hold_submission", "is_recorded", "too_large"]
