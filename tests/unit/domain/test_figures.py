"""The pure arithmetic of the team figures, with hand-worked answers (NRW calendar: no
public holiday between 2 February and 31 March 2026; Good Friday is 3 April)."""

from __future__ import annotations

from datetime import date

import pytest

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.figures import (
    FIGURES,
    AgeBand,
    FigureKey,
    age_band,
    band_receipt_dates,
    describe_markdown,
    forecast_breaches,
    lead_working_days,
    median,
    percentile_nearest_rank,
    week_start,
)

CAL = WorkingCalendar()
TUESDAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, AgeBand.DAYS_0_5),
        (5, AgeBand.DAYS_0_5),
        (6, AgeBand.DAYS_6_10),
        (10, AgeBand.DAYS_6_10),
        (11, AgeBand.DAYS_11_20),
        (20, AgeBand.DAYS_11_20),
        (21, AgeBand.OVER_20),
    ],
)
def test_age_bands_have_inclusive_bounds(age: int, band: AgeBand) -> None:
    assert age_band(age) is band


def test_band_receipt_dates_count_working_days_back() -> None:
    # Age 5 = Tue 3 Mar, 6 = Mon 2 Mar (the weekend of 28 Feb/1 Mar has age 6 too),
    # 10 = Tue 24 Feb, 11 = Mon 23 Feb, 20 = Tue 10 Feb, 21 = Mon 9 Feb.
    assert band_receipt_dates(AgeBand.DAYS_0_5, TUESDAY, CAL) == (date(2026, 3, 3), TUESDAY)
    assert band_receipt_dates(AgeBand.DAYS_6_10, TUESDAY, CAL) == (
        date(2026, 2, 24),
        date(2026, 3, 2),
    )
    assert band_receipt_dates(AgeBand.DAYS_11_20, TUESDAY, CAL) == (
        date(2026, 2, 10),
        date(2026, 2, 23),
    )
    assert band_receipt_dates(AgeBand.OVER_20, TUESDAY, CAL) == (None, date(2026, 2, 9))


def test_lead_time_leaves_out_the_working_days_spent_waiting() -> None:
    # (16 Feb, 27 Feb] = 9 working days; waiting (18 Feb, 25 Feb] = 5 of them.
    assert lead_working_days(date(2026, 2, 16), date(2026, 2, 27), [], CAL) == 9
    pauses = [(date(2026, 2, 18), date(2026, 2, 25))]
    assert lead_working_days(date(2026, 2, 16), date(2026, 2, 27), pauses, CAL) == 4
    # Overlapping pauses count once; a pause still open at closing runs to the closing.
    pauses = [(date(2026, 2, 18), date(2026, 2, 25)), (date(2026, 2, 20), date(2026, 2, 24))]
    assert lead_working_days(date(2026, 2, 16), date(2026, 2, 27), pauses, CAL) == 4
    assert (
        lead_working_days(date(2026, 2, 16), date(2026, 2, 27), [(date(2026, 2, 25), None)], CAL)
        == 7
    )
    assert lead_working_days(TUESDAY, TUESDAY, [], CAL) == 0


def test_median_and_nearest_rank_percentile() -> None:
    assert median([]) is None and percentile_nearest_rank([], 90) is None
    assert median([5, 3, 4, 3]) == 3.5
    assert median([7]) == 7.0
    assert percentile_nearest_rank([3, 3, 4, 5], 90) == 5  # ceil(3.6) = 4th
    assert percentile_nearest_rank(list(range(1, 11)), 90) == 9  # ceil(9.0) = 9th


def test_forecast_counts_cases_the_pace_does_not_reach_in_time() -> None:
    due = [(date(2026, 3, 9), 1), (TUESDAY, 1), (date(2026, 3, 11), 2), (date(2026, 3, 13), 1)]
    # Pace 1/day: queue 9 Mar (overdue, not counted, takes day 1), 10 Mar (day 2 > 1: breach),
    # 11 Mar twice (days 3, 4 > 2: both), 13 Mar (day 5 > 4: breach).
    assert forecast_breaches(due, TUESDAY, 5, 1.0, CAL) == 4
    # Pace 5/day: everything on day 1 or 2 → none.
    assert forecast_breaches(due, TUESDAY, 5, 5.0, CAL) == 0
    # No pace: every case due in the horizon breaches; beyond the horizon nothing counts.
    assert forecast_breaches(due, TUESDAY, 1, 0.0, CAL) == 3  # horizon Wed 11 Mar
    assert week_start(TUESDAY) == date(2026, 3, 9)


def test_every_figure_is_described_once() -> None:
    assert {f.key for f in FIGURES} == set(FigureKey)
    text = describe_markdown(3, "DV 2026/3")
    assert "**3** (service agreement: DV 2026/3)" in text
    for figure in FIGURES:
        assert f"## {figure.title}" in text
