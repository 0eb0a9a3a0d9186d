"""Fixtures for tests against real databases (SQLite file and throwaway PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.roles import Role
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.casework import Casework
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.services.registration import NewCase, register_case, template_row_for
from backoffice.services.users import UserService
from backoffice.simulator.citizens import fill_form
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from tests.fakes import Clock


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    upgrade(database)
    yield database
    database.dispose()


@dataclass
class World:
    db: Database
    clock: Clock
    casework: Casework
    users: UserService
    templates: dict[str, ServiceTemplate]
    clerk1: Actor
    clerk2: Actor
    lead: Actor
    admin: Actor
    add_case: Callable[..., int]


@pytest.fixture
def world(db: Database) -> World:
    catalogue = CatalogueService(db)
    catalogue.install(read_catalogue(), SYSTEM)
    users = UserService(db)
    clerk1 = users.add(SYSTEM, "clerk1", "Petra Sommer", Role.CLERK).as_actor()
    clerk2 = users.add(SYSTEM, "clerk2", "Thomas Krämer", Role.CLERK).as_actor()
    lead = users.add(SYSTEM, "lead", "Sabine Albrecht", Role.TEAM_LEAD).as_actor()
    admin = users.add(SYSTEM, "admin", "Jens Hofmann", Role.ADMINISTRATOR).as_actor()
    # A Tuesday morning in Berlin, far from public holidays.
    clock = Clock(datetime(2026, 3, 10, 8, 0, tzinfo=UTC))
    templates = {t.key: t for t in catalogue.current()}
    rng = random.Random(7)
    calendar = WorkingCalendar()

    def add_case(
        service: str = "birth_certificate",
        received_at: datetime | None = None,
        form_data: dict | None = None,
        submission_id: str | None = None,
    ) -> int:
        template = templates[service]
        with db.write() as session:
            row = template_row_for(session, service)
            assert row is not None
            case = register_case(
                session,
                template,
                row.id,
                NewCase(
                    received_at=received_at or clock.now,
                    form_data=(
                        form_data if form_data is not None else fill_form(dict(template.raw), rng)
                    ),
                    submission_id=submission_id,
                ),
                calendar,
            )
            return case.id

    return World(
        db,
        clock,
        Casework.build(db, calendar, clock),
        users,
        templates,
        clerk1,
        clerk2,
        lead,
        admin,
        add_case,
    )
