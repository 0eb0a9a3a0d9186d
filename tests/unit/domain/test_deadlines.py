"""Working-day deadlines: calendar, pauses, overdue, time zones.

Every concrete date below was checked against a 2026/2027 calendar and the `holidays`
library (NW 2026: 1 Jan Thu, 3 Apr Fri Karfreitag, 6 Apr Mon Ostermontag, 1 May Fri,
14 May Thu Himmelfahrt, 25 May Mon Pfingstmontag, 4 Jun Thu Fronleichnam, 3 Oct Sat,
1 Nov Sun, 25 Dec Fri, 26 Dec Sat).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from holidays.countries.germany import Germany

from backoffice.domain.deadlines import (
    BERLIN,
    STATE_CODES,
    Deadline,
    WorkingCalendar,
    compute_deadline,
    is_overdue,
    local_date,
    pauses_from_history,
    today_local,
)
from backoffice.domain.status import Status

NW = WorkingCalendar()
BE = WorkingCalendar("BE")
BY = WorkingCalendar("BY")


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def utc(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- the calendar -----------------------------------------------------------------------


def test_nw_holidays_2026_match_the_product_issue() -> None:
    assert NW.holidays_in(2026) == {
        d(1, 1), d(4, 3), d(4, 6), d(5, 1), d(5, 14), d(5, 25),
        d(6, 4), d(10, 3), d(11, 1), d(12, 25), d(12, 26),
    }  # fmt: skip


def test_default_state_is_nrw_and_codes_are_case_insensitive() -> None:
    assert NW.state == "NW"
    assert WorkingCalendar("nw") == NW
    assert hash(WorkingCalendar(" nw ")) == hash(NW)
    assert WorkingCalendar("by") == BY != NW
    assert len(STATE_CODES) == 16
    assert "Augsburg" not in STATE_CODES


def test_state_codes_are_the_states_the_holidays_library_knows() -> None:
    states = {code for code in Germany.subdivisions if len(code) == 2 and code.isupper()}
    assert tuple(sorted(states)) == STATE_CODES


@pytest.mark.parametrize("code", ["XX", "", "DE", "Augsburg", "NRW"])
def test_unknown_state_code_names_the_valid_ones(code: str) -> None:
    with pytest.raises(ValueError, match="valid codes are") as excinfo:
        WorkingCalendar(code)
    message = str(excinfo.value)
    for valid in ("BB", "BE", "BW", "BY", "NW", "TH"):
        assert valid in message


def test_is_working_day() -> None:
    assert NW.is_working_day(d(4, 2))  # Thursday before Easter
    assert not NW.is_working_day(d(4, 3))  # Karfreitag
    assert not NW.is_working_day(d(4, 4))  # Saturday
    assert not NW.is_working_day(d(4, 5))  # Sunday
    assert not NW.is_working_day(d(4, 6))  # Ostermontag
    assert NW.is_working_day(d(12, 24))  # Heiligabend is no public holiday
    assert NW.is_working_day(d(12, 31))
    assert not NW.is_working_day(d(6, 4))  # Fronleichnam in NW ...
    assert BE.is_working_day(d(6, 4))  # ... but not in Berlin
    assert not BY.is_working_day(d(1, 6))  # Heilige Drei Könige in Bavaria ...
    assert NW.is_working_day(d(1, 6))  # ... not in NRW


def test_add_working_days_zero_returns_start_even_on_a_sunday() -> None:
    assert NW.add_working_days(d(3, 8), 0) == d(3, 8)


def test_add_working_days_rejects_negative_n() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        NW.add_working_days(d(3, 2), -1)


def test_working_days_in_may_2026() -> None:
    # 21 weekdays, minus 1 May, Himmelfahrt and Pfingstmontag.
    assert NW.working_days_between(d(4, 30), d(5, 31)) == 18
    assert BE.working_days_between(d(4, 30), d(5, 31)) == 18


def test_working_days_in_2026_per_state() -> None:
    # 261 weekdays; NW loses 8 to holidays on weekdays, Berlin 7 (no Fronleichnam,
    # Frauentag 8 March is a Sunday).
    assert NW.working_days_between(date(2025, 12, 31), d(12, 31)) == 253
    assert BE.working_days_between(date(2025, 12, 31), d(12, 31)) == 254


def test_working_days_between_is_half_open_and_signed() -> None:
    assert NW.working_days_between(d(3, 2), d(3, 2)) == 0
    assert NW.working_days_between(d(3, 2), d(3, 3)) == 1  # (Mon, Tue]
    assert NW.working_days_between(d(3, 6), d(3, 9)) == 1  # (Fri, Mon]
    assert NW.working_days_between(d(3, 6), d(3, 8)) == 0  # (Fri, Sun]
    assert NW.working_days_between(d(3, 9), d(3, 6)) == -1


def test_calendar_agrees_with_brute_force_over_three_years() -> None:
    for calendar, code in ((NW, "NW"), (BE, "BE")):
        hol = Germany(subdiv=code, years=range(2025, 2029))
        day, end = date(2025, 1, 1), date(2027, 12, 31)
        while day <= end:
            expected = day.weekday() < 5 and day not in hol
            assert calendar.is_working_day(day) is expected, day
            nxt = day + timedelta(days=1)
            while not (nxt.weekday() < 5 and nxt not in hol):
                nxt += timedelta(days=1)
            assert calendar.add_working_days(day, 1) == nxt, day
            for n in (0, 1, 7, 40):
                assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n
            day += timedelta(days=1)


def test_counts_stay_consistent_when_the_tables_grow_backwards() -> None:
    calendar = WorkingCalendar("NW")
    assert calendar.add_working_days(d(6, 1), 1) == d(6, 2)  # tables cover 2026 only
    assert calendar.working_days_between(date(2024, 12, 31), d(12, 31)) == 251 + 253
    fresh = WorkingCalendar("NW")
    assert fresh.working_days_between(d(12, 31), date(2024, 12, 31)) == -(251 + 253)


def test_calendar_can_be_shared_between_threads() -> None:
    calendar = WorkingCalendar("SN")
    starts = [date(1995 + i % 30, 1 + i % 12, 1 + i % 28) for i in range(300)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda s: calendar.add_working_days(s, 30), starts))
    sequential = WorkingCalendar("SN")
    assert parallel == [sequential.add_working_days(s, 30) for s in starts]


def test_years_without_holiday_data_are_refused() -> None:
    with pytest.raises(ValueError, match="No holiday data"):
        NW.is_working_day(date(1985, 5, 1))
    with pytest.raises(ValueError, match="No holiday data"):
        NW.working_days_between(date(2026, 1, 1), date(2200, 1, 1))


def test_tables_grow_backwards_and_forwards() -> None:
    calendar = WorkingCalendar("HH")
    assert calendar.add_working_days(d(3, 2), 1) == d(3, 3)
    assert calendar.add_working_days(date(2020, 3, 2), 1) == date(2020, 3, 3)
    # Far ahead in one step: 1000 working days need several more years of tables.
    far = calendar.add_working_days(d(1, 1), 1000)
    assert calendar.working_days_between(d(1, 1), far) == 1000
    assert calendar.add_working_days(d(3, 2), 1) == d(3, 3)


# --- due dates without pauses ------------------------------------------------------------


def due(
    received: date, days: int, calendar: WorkingCalendar = NW, *pauses: tuple[date, date | None]
) -> date | None:
    return compute_deadline(received, days, list(pauses), received, calendar).due


def test_receipt_on_friday_counts_from_monday() -> None:
    assert due(d(1, 9), 1) == d(1, 12)
    assert due(d(1, 9), 5) == d(1, 16)


@pytest.mark.parametrize("received", [d(1, 9), d(1, 10), d(1, 11)])
def test_receipt_on_the_weekend_equals_receipt_on_friday(received: date) -> None:
    assert due(received, 1) == d(1, 12)
    assert due(received, 10) == d(1, 23)


def test_receipt_on_a_holiday() -> None:
    assert due(d(1, 1), 1) == d(1, 2)  # Neujahr (Thu) -> Friday
    assert due(d(4, 3), 1) == d(4, 7)  # Karfreitag -> Tuesday after Ostermontag


def test_easter() -> None:
    assert due(d(4, 2), 1) == d(4, 7)  # Karfreitag and Ostermontag skipped
    assert due(d(4, 2), 2) == d(4, 8)
    assert due(d(4, 2), 1, BE) == d(4, 7)  # both are holidays everywhere


def test_fronleichnam_in_nrw_but_not_in_berlin() -> None:
    assert due(d(6, 3), 1) == d(6, 5)
    assert due(d(6, 3), 1, BE) == d(6, 4)


def test_christmas_and_new_year_across_the_year_boundary() -> None:
    assert due(d(12, 23), 1) == d(12, 24)
    assert due(d(12, 23), 3) == d(12, 29)  # 24, (25 holiday, 26-27 weekend) 28, 29
    assert due(d(12, 29), 3) == date(2027, 1, 4)  # 30, 31, (1 Jan Fri, weekend) 4 Jan
    assert due(d(12, 23), 10) == date(2027, 1, 8)
    assert due(d(12, 23), 10, BY) == date(2027, 1, 11)  # 6 Jan is a holiday in Bavaria


def test_processing_days_one_and_zero() -> None:
    assert due(d(3, 2), 1) == d(3, 3)
    assert due(d(3, 8), 0) == d(3, 8)


def test_a_due_date_is_always_a_working_day() -> None:
    for offset in range(0, 400, 3):
        received = date(2025, 11, 1) + timedelta(days=offset)
        for days in (1, 2, 5, 20):
            result = due(received, days)
            assert result is not None and NW.is_working_day(result)


# --- pauses -----------------------------------------------------------------------------

# Received Monday 2 March 2026, 10 working days: 3-6 March (4), 9-13 (5), 16 March (10).
RECEIVED = d(3, 2)
DAYS = 10


def test_reference_due_date() -> None:
    assert due(RECEIVED, DAYS) == d(3, 16)


def test_pause_removes_the_working_days_after_its_start_up_to_its_end() -> None:
    # (Wed 4, Fri 6] = Thu 5 and Fri 6.
    assert due(RECEIVED, DAYS, NW, (d(3, 4), d(3, 6))) == d(3, 18)


def test_pause_within_a_weekend_changes_nothing() -> None:
    assert due(RECEIVED, DAYS, NW, (d(3, 7), d(3, 8))) == d(3, 16)


def test_pause_over_a_weekend_costs_only_the_working_day_it_ends_on() -> None:
    assert due(RECEIVED, DAYS, NW, (d(3, 6), d(3, 9))) == d(3, 17)  # (Fri, Mon] = Monday


def test_pause_over_easter_costs_one_working_day() -> None:
    # Received 1 Apr, 3 days: 2, 7, 8 April. Paused (2, 7]: only 7 April was a working day.
    assert due(d(4, 1), 3) == d(4, 8)
    assert due(d(4, 1), 3, NW, (d(4, 2), d(4, 7))) == d(4, 9)


def test_pause_starting_and_ending_on_the_same_day_changes_nothing() -> None:
    assert due(RECEIVED, DAYS, NW, (d(3, 4), d(3, 4))) == d(3, 16)


def test_pause_starting_on_the_day_of_receipt() -> None:
    assert due(RECEIVED, DAYS, NW, (d(3, 2), d(3, 3))) == d(3, 17)


def test_several_pauses_in_any_order() -> None:
    first, second = (d(3, 4), d(3, 6)), (d(3, 10), d(3, 12))  # 2 + 2 working days
    assert due(RECEIVED, DAYS, NW, first, second) == d(3, 20)
    assert due(RECEIVED, DAYS, NW, second, first) == d(3, 20)


def test_overlapping_and_touching_pauses_count_once() -> None:
    # Union (4, 9] = Thu 5, Fri 6, Mon 9.
    assert due(RECEIVED, DAYS, NW, (d(3, 4), d(3, 6)), (d(3, 5), d(3, 9))) == d(3, 19)
    assert due(RECEIVED, DAYS, NW, (d(3, 4), d(3, 6)), (d(3, 6), d(3, 9))) == d(3, 19)


def test_pause_starting_on_or_after_the_due_date_does_not_move_it() -> None:
    assert due(RECEIVED, DAYS, NW, (d(3, 16), d(3, 20))) == d(3, 16)
    assert due(RECEIVED, DAYS, NW, (d(3, 17), d(3, 20))) == d(3, 16)
    # ... while one starting the working day before still costs what it covers.
    assert due(RECEIVED, DAYS, NW, (d(3, 13), d(3, 20))) == d(3, 23)


def test_open_pause_has_no_due_date_and_freezes_the_remaining_days() -> None:
    # Counted before the wait: 3 and 4 March.
    result = compute_deadline(RECEIVED, DAYS, [(d(3, 4), None)], d(4, 30), NW)
    assert result == Deadline(due=None, paused=True, remaining_working_days=8, overdue=False)


def test_open_pause_after_closed_pauses() -> None:
    # Counted: 3, 4, (5-6 paused), 9, 10 -> 4 days used before the open pause.
    pauses = [(d(3, 4), d(3, 6)), (d(3, 10), None)]
    result = compute_deadline(RECEIVED, DAYS, pauses, d(3, 20), NW)
    assert result == Deadline(due=None, paused=True, remaining_working_days=6, overdue=False)


def test_open_pause_after_an_expired_deadline_reports_the_deficit() -> None:
    result = compute_deadline(RECEIVED, DAYS, [(d(3, 18), None)], d(3, 25), NW)
    assert result == Deadline(due=None, paused=True, remaining_working_days=-2, overdue=False)


def test_open_pause_on_the_day_of_receipt() -> None:
    result = compute_deadline(RECEIVED, DAYS, [(RECEIVED, None)], RECEIVED, NW)
    assert result == Deadline(due=None, paused=True, remaining_working_days=10, overdue=False)


def test_resumed_case_counts_relative_to_today() -> None:
    pauses = [(d(3, 4), d(3, 6))]  # due 18 March (Wed)
    assert compute_deadline(RECEIVED, DAYS, pauses, d(3, 16), NW) == Deadline(
        due=d(3, 18), paused=False, remaining_working_days=2, overdue=False
    )
    assert compute_deadline(RECEIVED, DAYS, pauses, d(3, 18), NW) == Deadline(
        due=d(3, 18), paused=False, remaining_working_days=0, overdue=False
    )
    assert compute_deadline(RECEIVED, DAYS, pauses, d(3, 19), NW) == Deadline(
        due=d(3, 18), paused=False, remaining_working_days=-1, overdue=True
    )


def test_overdue_on_the_weekend_after_a_friday_due_date() -> None:
    pauses = [(d(3, 4), d(3, 6)), (d(3, 10), d(3, 12))]  # due Friday 20 March
    saturday = compute_deadline(RECEIVED, DAYS, pauses, d(3, 21), NW)
    assert saturday == Deadline(due=d(3, 20), paused=False, remaining_working_days=0, overdue=True)
    monday = compute_deadline(RECEIVED, DAYS, pauses, d(3, 23), NW)
    assert monday.remaining_working_days == -1 and monday.overdue


def test_closed_case_has_no_deadline() -> None:
    closed = Deadline(due=None, paused=False, remaining_working_days=0, overdue=False)
    assert compute_deadline(RECEIVED, DAYS, [], d(12, 1), NW, closed=True) == closed
    assert compute_deadline(RECEIVED, DAYS, [(d(3, 4), None)], d(12, 1), NW, closed=True) == closed


def test_invalid_input() -> None:
    with pytest.raises(ValueError, match="processing_days"):
        compute_deadline(RECEIVED, -1, [], RECEIVED, NW)
    with pytest.raises(ValueError, match="processing_days"):
        compute_deadline(RECEIVED, -1, [], RECEIVED, NW, closed=True)
    with pytest.raises(ValueError, match="before it starts"):
        compute_deadline(RECEIVED, DAYS, [(d(3, 6), d(3, 4))], RECEIVED, NW)
    with pytest.raises(ValueError, match="before the receipt"):
        compute_deadline(RECEIVED, DAYS, [(d(3, 1), d(3, 4))], RECEIVED, NW)
    with pytest.raises(TypeError, match="local_date"):
        compute_deadline(utc(3, 2, 9), DAYS, [], RECEIVED, NW)
    with pytest.raises(TypeError, match="local_date"):
        compute_deadline(RECEIVED, DAYS, [], utc(3, 2, 9), NW)
    with pytest.raises(TypeError, match="local_date"):
        compute_deadline(RECEIVED, DAYS, [(utc(3, 4, 9), None)], RECEIVED, NW)


# --- overdue ----------------------------------------------------------------------------


def test_is_overdue_is_strictly_after_the_due_date() -> None:
    assert not is_overdue(None, d(3, 16))
    assert not is_overdue(d(3, 16), d(3, 15))
    assert not is_overdue(d(3, 16), d(3, 16))
    assert is_overdue(d(3, 16), d(3, 17))


# --- time zones and history -------------------------------------------------------------


def test_today_local_and_local_date_use_berlin_time() -> None:
    assert today_local(utc(3, 6, 22, 59)) == d(3, 6)  # 23:59 CET
    assert today_local(utc(3, 6, 23, 0)) == d(3, 7)  # midnight CET
    assert today_local(utc(3, 31, 21, 59)) == d(3, 31)  # 23:59 CEST (DST since 29 March)
    assert today_local(utc(3, 31, 22, 0)) == d(4, 1)
    assert local_date(utc(3, 31, 22, 0), tz=UTC) == d(3, 31)
    assert isinstance(today_local(), date)
    assert today_local(datetime(2026, 3, 6, 23, 30, tzinfo=BERLIN)) == d(3, 6)


def test_naive_datetimes_are_rejected_by_the_helpers() -> None:
    with pytest.raises(ValueError, match="aware"):
        today_local(datetime(2026, 3, 6, 12, 0))
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2026, 3, 6, 12, 0))


def test_pauses_from_history() -> None:
    history = [
        (utc(3, 2, 8), Status.RECEIVED),
        (utc(3, 2, 9), Status.IN_PROGRESS),
        (utc(3, 4, 10), Status.WAITING_FOR_CITIZEN),
        (utc(3, 6, 23, 30), Status.IN_PROGRESS),  # 00:30 on 7 March in Germany
        (utc(3, 10, 7), Status.WAITING_FOR_CITIZEN),
    ]
    assert pauses_from_history(history) == [(d(3, 4), d(3, 7)), (d(3, 10), None)]
    assert pauses_from_history(history, tz=UTC) == [(d(3, 4), d(3, 6)), (d(3, 10), None)]


def test_pauses_from_history_edge_cases() -> None:
    assert pauses_from_history([]) == []
    assert pauses_from_history([(utc(3, 2, 8), Status.RECEIVED)]) == []
    same_day = [
        (utc(3, 4, 8), Status.WAITING_FOR_CITIZEN),
        (utc(3, 4, 14), Status.IN_PROGRESS),
    ]
    assert pauses_from_history(same_day) == [(d(3, 4), d(3, 4))]
    repeated_then_rejected = [
        (utc(3, 4, 8), Status.WAITING_FOR_CITIZEN),
        (utc(3, 5, 8), Status.WAITING_FOR_CITIZEN),
        (utc(3, 9, 8), Status.REJECTED),
    ]
    assert pauses_from_history(repeated_then_rejected) == [(d(3, 4), d(3, 9))]
    plus_two = timezone(timedelta(hours=2))
    summer = [
        (utc(6, 30, 22, 30), Status.WAITING_FOR_CITIZEN),  # 00:30 CEST on 1 July
        (datetime(2026, 7, 3, 9, 0, tzinfo=plus_two), Status.IN_PROGRESS),
    ]
    assert pauses_from_history(summer) == [(d(7, 1), d(7, 3))]
    raw_strings = [(utc(3, 4, 8), "waiting_for_citizen"), (utc(3, 5, 8), "in_progress")]
    assert pauses_from_history(raw_strings) == [(d(3, 4), d(3, 5))]  # type: ignore[arg-type]


def test_pauses_from_history_rejects_naive_and_unordered_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        pauses_from_history([(datetime(2026, 3, 4, 8), Status.WAITING_FOR_CITIZEN)])
    with pytest.raises(ValueError, match="chronological"):
        pauses_from_history(
            [(utc(3, 5, 8), Status.WAITING_FOR_CITIZEN), (utc(3, 4, 8), Status.IN_PROGRESS)]
        )


def test_history_to_deadline_end_to_end() -> None:
    history = [
        (utc(3, 2, 8), Status.RECEIVED),
        (utc(3, 3, 8), Status.IN_PROGRESS),
        (utc(3, 4, 10), Status.WAITING_FOR_CITIZEN),
        (utc(3, 6, 12), Status.IN_PROGRESS),
        (utc(3, 10, 10), Status.WAITING_FOR_CITIZEN),
        (utc(3, 12, 12), Status.IN_PROGRESS),
    ]
    received = local_date(history[0][0])
    result = compute_deadline(received, DAYS, pauses_from_history(history), d(3, 20), NW)
    assert result == Deadline(due=d(3, 20), paused=False, remaining_working_days=0, overdue=False)
    closed = compute_deadline(
        received,
        DAYS,
        pauses_from_history([*history, (utc(3, 19, 9), Status.COMPLETED)]),
        d(3, 23),
        NW,
        closed=True,
    )
    assert closed.due is None and not closed.overdue
