"""The team figures against small hand-counted data sets, on SQLite and PostgreSQL.

Every case is made through the real services (intake's register_case, claim, change_status)
with the test clock set to the moment of each step. "Today" is Tuesday 10 March 2026
(09:00 in Berlin); there is no public holiday in North Rhine-Westphalia between 2 February
and 17 March 2026, so working days are Monday to Friday. Working days before today
(age = working days in (receipt, today]):
Tue 3 Mar = 5, Mon 2 Mar = 6, Tue 24 Feb = 10, Mon 23 Feb = 11, Tue 10 Feb = 20, Mon 9 Feb = 21.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.figures import AgeBand
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.queries import CaseFilter, DateSpan
from backoffice.services.workload import Dashboard, ServiceFigures, WorkloadService, export
from backoffice.store.models import AdminEvent
from tests.integration.conftest import World

A = "birth_certificate"  # 5 working days to process
B = "dog_tax_registration"  # 10 working days to process
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def at(day: int, month: int = 3, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


class Steps:
    """Drives one case through the real commands, moving the test clock for each step."""

    def __init__(self, world: World, actor: Actor) -> None:
        self.world = world
        self.actor = actor

    def case(self, service: str, received: datetime, *steps: tuple[datetime, Status]) -> int:
        world = self.world
        world.clock.now = received
        case_id = world.add_case(service, received_at=received)
        if not steps:
            return case_id
        version = world.casework.commands.claim(self.actor, case_id).version
        for moment, target in steps:
            world.clock.now = moment
            message = "Bitte Nachweis senden." if target is Status.WAITING_FOR_CITIZEN else None
            version = world.casework.commands.change_status(
                self.actor, case_id, version, target, message=message
            ).version
        return case_id


def workload(world: World) -> WorkloadService:
    return WorkloadService(world.db, WorkingCalendar(), world.clock)


def figures_of(dashboard: Dashboard, key: str) -> ServiceFigures:
    return next(s for s in dashboard.services if s.service_key == key)


def values(figures: ServiceFigures) -> dict[str, object]:
    return {
        "by_age": {band.value: figures.open_by_age[band].value for band in AgeBand},
        "open": figures.open_total.value,
        "overdue": figures.overdue.value,
        "inflow": [w.inflow.value for w in figures.weeks],
        "closed": [w.closed.value for w in figures.weeks],
        "median": figures.lead_time_median.value,
        "p90": figures.lead_time_p90.value,
        "lead_cases": figures.lead_time_cases.value,
        "pace": figures.pace_per_day.value,
        "breaches": figures.forecast_breaches.value,
    }


def test_every_figure_against_a_hand_counted_data_set(world: World) -> None:
    s = Steps(world, world.clerk1)
    # Service A, open. Due = receipt + 5 working days.
    s.case(A, at(10, hour=7))  # a1: age 0 (0-5), due Tue 17 Mar
    s.case(A, at(3))  # a2: age 5 (0-5), due Tue 10 Mar = today: not overdue
    s.case(A, at(2, hour=23).replace(minute=30))  # a6: 00:30 on 3 Mar in Berlin: as a2
    s.case(A, at(2))  # a3: age 6 (6-10), due Mon 9 Mar: overdue
    s.case(A, at(23, 2))  # a4: age 11 (11-20), due Mon 2 Mar: overdue
    s.case(  # a5: age 21 (over 20), waiting for the citizen: no running deadline
        A, at(9, 2), (at(9, 2, 10), Status.IN_PROGRESS), (at(10, 2), Status.WAITING_FOR_CITIZEN)
    )
    # Service A, closed (withdrawn needs neither document nor message).
    s.case(A, at(2, 2), (at(2, 2, 10), Status.IN_PROGRESS), (at(9, 2), Status.WITHDRAWN))
    # c1: lead time (2 Feb, 9 Feb] = 5 working days; closed before the pace weeks.
    s.case(
        A,
        at(16, 2),
        (at(16, 2, 10), Status.IN_PROGRESS),
        (at(18, 2), Status.WAITING_FOR_CITIZEN),
        (at(25, 2), Status.IN_PROGRESS),
        (at(27, 2), Status.WITHDRAWN),
    )
    # c2: (16 Feb, 27 Feb] = 9 working days, of which (18 Feb, 25 Feb] = 5 waiting: 4.
    s.case(A, at(2), (at(5), Status.WITHDRAWN))  # c3: (2 Mar, 5 Mar] = 3
    s.case(A, at(4), (at(9), Status.WITHDRAWN))  # c4: (4 Mar, 9 Mar] = 3
    # Service B, open. Due = receipt + 10 working days.
    s.case(B, at(24, 2))  # b1: age 10, due Tue 10 Mar
    s.case(B, at(25, 2))  # b2: age 9, due Wed 11 Mar
    s.case(B, at(25, 2))  # b5: age 9, due Wed 11 Mar
    s.case(B, at(27, 2))  # b3: age 7, due Fri 13 Mar
    s.case(B, at(2))  # b4: age 6, due Mon 16 Mar
    for _ in range(20):  # closed Mon 9 Mar, lead (2 Mar, 9 Mar] = 5 each
        s.case(B, at(2), (at(9), Status.WITHDRAWN))
    world.clock.now = NOW
    service = workload(world)
    service.set_policy(world.admin, 1, "DV 2026/3")  # one clerk did all: allow groups of 1

    board = service.dashboard(world.lead, weeks=6, horizon_days=5)

    assert board.today == date(2026, 3, 10)
    assert board.period_start == date(2026, 2, 2)  # six Mondays: 2 Feb .. 9 Mar
    assert [w.week_start for w in board.totals.weeks] == [
        date(2026, 2, 2),
        date(2026, 2, 9),
        date(2026, 2, 16),
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert board.horizon == date(2026, 3, 17)
    # Only services with cases are listed.
    assert [f.service_key for f in board.services] == [A, B]
    # Pace weeks: 10 Feb .. 9 Mar, 20 working days. A closed c2, c3, c4 in them: 3 / 20.
    # Forecast A (pace 0.15): queue by due date a4, a3 (overdue, first), then a2 and a6
    # (due today: one working day) and a1 (due 17 Mar: 6 working days); the third case is
    # done after ceil(3 / 0.15) = 20 working days: a2, a6 and a1 all breach.
    assert values(figures_of(board, A)) == {
        "by_age": {"0-5": 3, "6-10": 1, "11-20": 1, "over_20": 1},
        "open": 6,
        "overdue": 2,
        "inflow": [1, 1, 1, 1, 5, 1],  # c1; a5; c2; a4; a2 a3 a6 c3 c4; a1
        "closed": [0, 1, 0, 1, 1, 1],  # c1 9 Feb; c2 27 Feb; c3 5 Mar; c4 9 Mar
        "median": 3.5,  # [3, 3, 4, 5]
        "p90": 5.0,  # nearest rank: ceil(0.9 * 4) = 4th value
        "lead_cases": 4,
        "pace": 0.15,
        "breaches": 3,
    }
    # Forecast B (pace 20 / 20 = 1 a day): b1 (due 10 Mar, 1 working day) is 1st: done on
    # day 1; b2 and b5 (11 Mar, 2 days) are 2nd and 3rd: b5 breaches; b3 (13 Mar, 4 days) is
    # 4th, b4 (16 Mar, 5 days) is 5th: both in time.
    assert values(figures_of(board, B)) == {
        "by_age": {"0-5": 0, "6-10": 5, "11-20": 0, "over_20": 0},
        "open": 5,
        "overdue": 0,
        "inflow": [0, 0, 0, 4, 21, 0],
        "closed": [0, 0, 0, 0, 0, 20],
        "median": 5.0,
        "p90": 5.0,
        "lead_cases": 20,
        "pace": 1.0,
        "breaches": 1,
    }
    # Totals over both: lead times [3, 3, 4] and 21 fives: median of the 12th and 13th = 5.
    assert values(board.totals) == {
        "by_age": {"0-5": 3, "6-10": 6, "11-20": 1, "over_20": 1},
        "open": 11,
        "overdue": 2,
        "inflow": [1, 1, 1, 5, 26, 1],
        "closed": [0, 1, 0, 1, 1, 21],
        "median": 5.0,
        "p90": 5.0,
        "lead_cases": 24,
        "pace": 1.15,
        "breaches": 4,
    }
    assert board.totals.service_key is None and not board.totals.suppressed
    # The assignment list: who holds open cases (a5, the only claimed open case), by name.
    assert [(a.login, a.open_cases) for a in board.assignments] == [("clerk1", 1)]


def test_every_figure_drills_down_to_the_cases_it_counts(world: World) -> None:
    s = Steps(world, world.clerk1)
    s.case(A, at(3))
    s.case(A, at(2))
    s.case(A, at(23, 2))
    s.case(A, at(9, 2))
    s.case(A, at(2), (at(5), Status.WITHDRAWN))
    s.case(B, at(9), (at(9, hour=10), Status.IN_PROGRESS))
    world.clock.now = NOW
    service = workload(world)
    service.set_policy(world.admin, 1, "DV 2026/3")
    board = service.dashboard(world.lead, weeks=3, horizon_days=5)
    queries = world.casework.queries
    for figures in (*board.services, board.totals):
        cells = [
            *figures.open_by_age.values(),
            figures.open_total,
            figures.overdue,
            *(w.inflow for w in figures.weeks),
            *(w.closed for w in figures.weeks),
            figures.lead_time_cases,
        ]
        for cell in cells:
            assert cell.value == queries.count_cases(world.lead, cell.filter), cell
    a = figures_of(board, A)
    assert a.open_by_age[AgeBand.DAYS_6_10].filter == CaseFilter(
        services=frozenset({A}),
        open_only=True,
        received=DateSpan(date(2026, 2, 24), date(2026, 3, 2)),
    )
    assert a.open_by_age[AgeBand.OVER_20].filter.received == DateSpan(None, date(2026, 2, 9))
    assert a.forecast_breaches.filter.due == DateSpan(date(2026, 3, 10), date(2026, 3, 17))


def _staff(world: World, count: int) -> list[Actor]:
    clerks = [world.clerk1, world.clerk2]
    for n in range(3, count + 1):
        clerks.append(world.users.add(SYSTEM, f"clerk{n}", f"Clerk {n}", Role.CLERK).as_actor())
    return clerks[:count]


@pytest.mark.parametrize(("staff", "suppressed"), [(4, True), (5, False)])
def test_a_service_with_fewer_than_five_staff_is_suppressed(
    world: World, staff: int, suppressed: bool
) -> None:
    # Service A: each clerk worked on one case (claimed and closed it this week). Service B:
    # five clerks hold one open case each, so B is shown in both runs.
    clerks = _staff(world, 5)
    for clerk in clerks[:staff]:
        Steps(world, clerk).case(A, at(9), (at(9, hour=10), Status.WITHDRAWN))
    for clerk in clerks:
        Steps(world, clerk).case(B, at(9), (at(9, hour=10), Status.IN_PROGRESS))
    world.clock.now = NOW
    board = workload(world).dashboard(world.lead, weeks=2)
    a, b = figures_of(board, A), figures_of(board, B)
    assert board.policy.min_staff == 5
    assert a.suppressed is suppressed and not b.suppressed
    cells = [*a.open_by_age.values(), a.open_total, a.overdue, a.lead_time_median]
    cells += [a.pace_per_day, a.forecast_breaches, *(w.closed for w in a.weeks)]
    if suppressed:
        # Suppressed is marked, never 0, and A is left out of the totals.
        assert all(c.suppressed and c.value is None and not c.shown for c in cells)
        assert board.totals.open_total.value == 5  # B's five open cases only
        assert board.totals.weeks[-1].closed.value == 0
        assert board.totals.open_total.filter.services == frozenset({B})
        assert board.totals.name_en == "Total of the services shown"
        assert board.suppressed_services == 1
    else:
        assert a.weeks[-1].closed.value == 5 and a.lead_time_median.value == 0.0
        assert board.totals.open_total.value == 5
        assert board.totals.weeks[-1].closed.value == 5
        assert board.totals.open_total.filter.services == frozenset()
        assert board.suppressed_services == 0


def test_the_team_lead_counts_only_by_working_on_cases(world: World) -> None:
    # Four clerks work on A; the team lead only reassigns one case: still four staff.
    clerks = _staff(world, 4)
    ids = [Steps(world, c).case(A, at(9), (at(9, hour=10), Status.IN_PROGRESS)) for c in clerks]
    world.casework.commands.assign(world.lead, ids[0], "clerk2")
    world.clock.now = NOW
    board = workload(world).dashboard(world.lead)
    assert figures_of(board, A).suppressed
    # Everything suppressed: the totals of no service are suppressed too, not 0.
    assert board.totals.suppressed and board.totals.open_total.value is None


def test_only_an_administrator_changes_the_policy_and_it_is_audited(world: World) -> None:
    service = workload(world)
    assert service.policy(world.lead).min_staff == 5
    with pytest.raises(PermissionDenied):
        service.set_policy(world.lead, 3, "DV 1")
    with pytest.raises(InvalidInput, match="agreement"):
        service.set_policy(world.admin, 3, "   ")
    policy = service.set_policy(world.admin, 3, "Dienstvereinbarung 2026/3 § 4")
    assert (policy.min_staff, policy.changed_by) == (3, "admin")
    assert service.policy(world.lead).agreement == "Dienstvereinbarung 2026/3 § 4"
    service.set_policy(world.admin, 5, None)
    with world.db.read() as session:
        # The administration trail holds every administrative change (users, templates, …).
        events = session.scalars(
            select(AdminEvent)
            .where(AdminEvent.kind == "council_policy_changed")
            .order_by(AdminEvent.id)
        ).all()
        assert [(e.kind, e.actor_id, e.payload["to"]["min_staff"]) for e in events] == [
            ("council_policy_changed", world.admin.user_id, 3),
            ("council_policy_changed", world.admin.user_id, 5),
        ]
        assert events[1].payload["from"] == {
            "min_staff": 3,
            "agreement": "Dienstvereinbarung 2026/3 § 4",
        }


def test_a_clerk_cannot_see_the_figures(world: World) -> None:
    with pytest.raises(PermissionDenied):
        workload(world).dashboard(world.clerk1)
    with pytest.raises(PermissionDenied):
        workload(world).policy(world.clerk1)
    with pytest.raises(InvalidInput):
        workload(world).dashboard(world.lead, weeks=0)


def test_an_empty_database_has_no_figures(world: World) -> None:
    board = workload(world).dashboard(world.lead)
    assert board.services == ()
    assert board.totals.open_total.value == 0 and not board.totals.suppressed
    assert board.totals.lead_time_median.value is None  # nothing measured, not 0


def test_exports_keep_the_suppression_and_defuse_formulas(world: World, tmp_path: Path) -> None:
    from tests.unit.documents import pdf as pdf_tools

    hostile = world.users.add(SYSTEM, "hostile", '=HYPERLINK("http://x")', Role.CLERK)
    clerks = _staff(world, 5)
    for clerk in clerks[:4]:  # A: four staff, suppressed
        Steps(world, clerk).case(A, at(9), (at(9, hour=10), Status.IN_PROGRESS))
    for clerk in [*clerks, hostile.as_actor()]:  # B: six staff, shown
        Steps(world, clerk).case(B, at(9), (at(9, hour=10), Status.IN_PROGRESS))
    world.clock.now = NOW
    board = workload(world).dashboard(world.lead, weeks=2)

    text = export.dashboard_csv(board)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(export.CSV_HEADER)
    a_rows = [r for r in rows if r[0] == A]
    assert a_rows and all(r[3] == "suppressed" for r in a_rows)
    assert ["total", "open_by_age", "all", "6"] in rows  # B's six open cases only
    assert [B, "open_by_age", "0-5", "6"] in rows
    assert ["", "open_per_assignee", '\'=HYPERLINK("http://x")', "1"] in rows
    # A lead time with no closed case is empty, not 0 and not "suppressed".
    assert [B, "lead_time_median", "working days", ""] in rows

    pdf = export.dashboard_pdf(board, "de")
    pdf_tools.require_poppler()
    assert pdf_tools.pages(pdf, tmp_path) == 1
    words = pdf_tools.text(pdf, tmp_path)
    assert "Teamkennzahlen" in words and "unterdrückt" in words
    assert "Summe der angezeigten Dienste" in words
