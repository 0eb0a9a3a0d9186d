"""Which version of a service template is live: the one rule intake, the catalogue and the
demo share.

A version is live on a day when it is published (or ended: its last day is fixed) and the
day lies in its validity period ``[valid_from, valid_until]`` (both in Europe/Berlin dates,
``valid_until`` inclusive, None open-ended). Drafts are never live. Publishing makes sure
that periods of one service never overlap, so at most one version is live on any day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from backoffice.domain.deadlines import local_date
from backoffice.store.models import ServiceTemplateRow

#: The first version of a service (installed with nothing before it) is valid since this day.
SINCE_ALWAYS = date(2000, 1, 1)


class VersionState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ENDED = "ended"


def berlin_today(now: datetime | None = None) -> date:
    return local_date(now or datetime.now(UTC))


def live_on(day: date) -> ColumnElement[Any]:
    """SQL condition: the template row is live on ``day``."""
    return and_(
        ServiceTemplateRow.state.in_([VersionState.PUBLISHED.value, VersionState.ENDED.value]),
        ServiceTemplateRow.valid_from.is_not(None),
        ServiceTemplateRow.valid_from <= day,
        or_(ServiceTemplateRow.valid_until.is_(None), ServiceTemplateRow.valid_until >= day),
    )
