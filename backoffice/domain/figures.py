"""The team figures: each one defined once, with the plain-language description the staff
council reads (``backoffice report --describe``), and the pure arithmetic behind them.

Staff-council rules (DESIGN.md, "Team figures and the staff council"): aggregates only, no
per-person history and no rankings. A service's figures count staff when fewer than
:data:`DEFAULT_MIN_STAFF` distinct staff members worked on that service in the period
(see :data:`STAFF_RULE`); all of that service's figures are then suppressed, shown as
"suppressed", never as 0, and left out of the totals (which are the totals of the services
shown, so that no suppressed value can be worked out by subtraction).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .deadlines import WorkingCalendar

#: Any figure over fewer staff members than this is suppressed (the default; an
#: administrator may lower it where a service agreement permits, and that is audited).
DEFAULT_MIN_STAFF = 5
#: The smallest group an agreement may allow.
LOWEST_MIN_STAFF = 1
#: "Current pace" is measured over this many weeks before today.
PACE_WEEKS = 4
#: The weekly figures, the lead times and the staff count look back this many weeks unless
#: asked otherwise.
DEFAULT_WEEKS = 8
#: The forecast looks ahead this many working days unless asked otherwise.
DEFAULT_HORIZON_DAYS = 10


class AgeBand(StrEnum):
    """How long an open case has been with us: working days since the day of receipt."""

    DAYS_0_5 = "0-5"
    DAYS_6_10 = "6-10"
    DAYS_11_20 = "11-20"
    OVER_20 = "over_20"

    @property
    def lowest(self) -> int:
        return _BOUNDS[self][0]

    @property
    def highest(self) -> int | None:
        """The band's highest age in working days; None for the open-ended last band."""
        return _BOUNDS[self][1]


_BOUNDS: dict[AgeBand, tuple[int, int | None]] = {
    AgeBand.DAYS_0_5: (0, 5),
    AgeBand.DAYS_6_10: (6, 10),
    AgeBand.DAYS_11_20: (11, 20),
    AgeBand.OVER_20: (21, None),
}


class FigureKey(StrEnum):
    OPEN_BY_AGE = "open_by_age"
    OVERDUE = "overdue"
    INFLOW = "inflow"
    CLOSED = "closed"
    LEAD_TIME_MEDIAN = "lead_time_median"
    LEAD_TIME_P90 = "lead_time_p90"
    PACE = "pace"
    FORECAST_BREACHES = "forecast_breaches"
    OPEN_PER_ASSIGNEE = "open_per_assignee"


@dataclass(frozen=True)
class FigureDefinition:
    key: FigureKey
    title: str
    #: What it counts and from which data, in plain language (English; the council's
    #: Markdown is generated from this).
    counts: str
    #: When it is suppressed.
    suppression: str


STAFF_RULE = (
    "The staff of a service are the distinct user accounts that, in the period, recorded "
    "anything on one of its cases (claimed, assigned, released, changed a status, wrote a "
    "note, created a document), plus those who hold one of its open cases today. Actions "
    "of the program itself (intake, messages sent) do not count. When a service has fewer "
    "staff than the minimum group size (5 unless an administrator recorded a service "
    "agreement that allows a smaller group), every figure of that service is shown as "
    '"suppressed" (never as 0) and the service is left out of every total.'
)

FIGURES: tuple[FigureDefinition, ...] = (
    FigureDefinition(
        FigureKey.OPEN_BY_AGE,
        "Open cases by age",
        "Cases not yet completed, rejected or withdrawn, per service, in four bands of age: "
        "0-5, 6-10, 11-20 and over 20 working days since the day of receipt (Monday to "
        "Friday without the state's public holidays; time waiting for the citizen counts as "
        "age here). From the case list: date of receipt and status.",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.OVERDUE,
        "Overdue",
        "Open cases whose processing deadline (working days after receipt, stopped while "
        "the case waits for the citizen) lay before today, per service. From the case "
        "list: the stored due date.",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.INFLOW,
        "Inflow per week",
        "Cases received per calendar week (Monday to Sunday, Berlin time), per service, for "
        "the weeks of the period. From the case list: time of receipt.",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.CLOSED,
        "Closed per week",
        "Cases completed, rejected or withdrawn per calendar week, per service. From the "
        "case list: time of closing.",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.LEAD_TIME_MEDIAN,
        "Lead time, median",
        "Of the cases closed in the period: the middle value of their lead times, in "
        "working days from the day of receipt to the day of closing, without the working "
        "days they waited for the citizen. From the case list and the status history.",
        "Per service, by the staff rule; empty (not 0) when no case was closed.",
    ),
    FigureDefinition(
        FigureKey.LEAD_TIME_P90,
        "Lead time, 90th percentile",
        "As the median, but the lead time that nine in ten closed cases did not exceed "
        "(nearest-rank method).",
        "Per service, by the staff rule; empty (not 0) when no case was closed.",
    ),
    FigureDefinition(
        FigureKey.PACE,
        "Current pace",
        f"Cases closed per working day over the last {PACE_WEEKS} weeks before today, per "
        "service (closed cases divided by the working days in those weeks).",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.FORECAST_BREACHES,
        "Deadline breaches forecast",
        "Open cases, not yet overdue and not waiting for the citizen, whose deadline falls "
        "within the next N working days and that the service will not reach in time at its "
        "current pace, per service. The forecast assumes the service works its open cases "
        "with a deadline in order of due date (overdue ones first) and closes as many per "
        "working day as its current pace; a case is a breach when its turn comes after its "
        "due date. With no case closed in the pace weeks, every such case counts.",
        "Per service, by the staff rule.",
    ),
    FigureDefinition(
        FigureKey.OPEN_PER_ASSIGNEE,
        "Open cases per person (the assignment list)",
        "For each person who holds open cases today: how many, listed by name (not ranked). "
        "It is the current assignment, as the inbox shows it; nothing from the past, no "
        "completed cases, no speed.",
        "Shown only for people who hold work; no history is kept or shown.",
    ),
)


def definition(key: FigureKey) -> FigureDefinition:
    return next(f for f in FIGURES if f.key is key)


def describe_markdown(min_staff: int = DEFAULT_MIN_STAFF, agreement: str | None = None) -> str:
    """Every figure in plain language, as Markdown for the staff council."""
    lines = [
        "# Team figures: what each one counts",
        "",
        "The team lead's dashboard, `backoffice report` and its CSV and PDF exports show only "
        "the figures below. They are totals over groups of cases; no figure names a person "
        "except the current assignment list, and no history per person is kept or shown.",
        "",
        "## Suppression",
        "",
        STAFF_RULE,
        "",
        f"Minimum group size in force: **{min_staff}**"
        + (f" (service agreement: {agreement})." if agreement else "."),
        "",
        "Totals are the totals of the services shown.",
        "",
    ]
    for figure in FIGURES:
        lines += [
            f"## {figure.title}",
            "",
            figure.counts,
            "",
            f"Suppressed: {figure.suppression}",
            "",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------------------


def age_band(age_working_days: int) -> AgeBand:
    for band in AgeBand:
        highest = band.highest
        if highest is None or age_working_days <= highest:
            return band
    raise AssertionError("unreachable")  # pragma: no cover


def band_receipt_dates(
    band: AgeBand, today: date, calendar: WorkingCalendar
) -> tuple[date | None, date]:
    """The dates of receipt (Berlin, inclusive) of the cases in ``band`` on ``today``:
    (earliest or None for "no limit", latest)."""
    latest = _latest_receipt_with_age(band.lowest, today, calendar)
    highest = band.highest
    if highest is None:
        return None, latest
    earliest = _latest_receipt_with_age(highest + 1, today, calendar) + timedelta(days=1)
    return earliest, latest


def _latest_receipt_with_age(age: int, today: date, calendar: WorkingCalendar) -> date:
    """The latest date of receipt whose age on ``today`` is at least ``age``."""
    if age <= 0:
        return today
    day = today
    while calendar.working_days_between(day, today) < age:
        day -= timedelta(days=1)
    return day


def week_start(day: date) -> date:
    """The Monday of the calendar week of ``day``."""
    return day - timedelta(days=day.weekday())


def lead_working_days(
    received: date,
    closed: date,
    pauses: Iterable[tuple[date, date | None]],
    calendar: WorkingCalendar,
) -> int:
    """Working days in (received, closed] minus those spent waiting for the citizen (the
    days in (start, end] of each pause, cut to the same span, overlaps counted once)."""
    total = calendar.working_days_between(received, closed) if closed > received else 0
    spans = sorted((max(start, received), min(end or closed, closed)) for start, end in pauses)
    paused = 0
    reached = received
    for start, end in spans:
        start = max(start, reached)
        if end > start:
            paused += calendar.working_days_between(start, end)
            reached = end
    return max(0, total - paused)


def median(values: Sequence[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile_nearest_rank(values: Sequence[int], percent: float) -> int | None:
    """The smallest value that at least ``percent`` % of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def forecast_breaches(
    due_counts: Sequence[tuple[date, int]],
    today: date,
    horizon_days: int,
    pace_per_day: float,
    calendar: WorkingCalendar,
) -> int:
    """How many cases due in [today, horizon] miss their deadline at ``pace_per_day``.

    ``due_counts``: open, running cases per due date (overdue ones included: they are first
    in the queue). The k-th case in due order is closed on working day ceil(k / pace),
    counting today as day 1 when it is a working day; it breaches when that is later than
    the working days from today to its due date, both included.
    """
    horizon = calendar.add_working_days(today, horizon_days)
    position = 0
    breaches = 0
    for due, count in sorted(due_counts):
        if due > horizon:
            break
        if due >= today:
            # Cases k = position+1 … position+count: ceil(k / pace) > capacity exactly when
            # k > capacity * pace (with no pace, every k).
            capacity = calendar.working_days_between(today - timedelta(days=1), due)
            in_time = math.floor(capacity * pace_per_day + 1e-9) if pace_per_day > 0 else 0
            breaches += max(0, position + count - max(position, in_time))
        position += count  # overdue ones take their places in the queue, uncounted
    return breaches
