"""Casework: reading cases (queries), changing them (commands), and clerks' notices.

Each use case checks the actor's permission, runs in one transaction and writes its audit
entries in that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.store.database import Database

from .checklist import ChecklistEntry
from .commands import MAX_COMMENT_CHARS, MAX_NOTE_CHARS, CaseCommands
from .notices import CaseNotices
from .queries import CaseQueries
from .records import AttachmentInfo, CaseDetail, HistoryEntry, NoticeInfo

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_NOTE_CHARS",
    "AttachmentInfo",
    "CaseCommands",
    "CaseDetail",
    "CaseNotices",
    "CaseQueries",
    "Casework",
    "ChecklistEntry",
    "HistoryEntry",
    "NoticeInfo",
]


@dataclass(frozen=True)
class Casework:
    """The three casework services on one database, as the composition root builds them."""

    queries: CaseQueries
    commands: CaseCommands
    notices: CaseNotices

    @classmethod
    def build(
        cls,
        db: Database,
        calendar: WorkingCalendar | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Casework:
        calendar = calendar or WorkingCalendar()
        options: dict[str, Any] = {"calendar": calendar}
        if clock is not None:
            options["clock"] = clock
        return cls(
            CaseQueries(db, **options), CaseCommands(db, **options), CaseNotices(db, **options)
        )
