"""The real intake against the simulator while a draft waits, and after it is published."""

from __future__ import annotations

import copy
from collections.abc import Callable

from sqlalchemy import select

from backoffice.app import portal_services
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService
from backoffice.services.subscriber import KeyCrypto
from backoffice.services.template_versions import TemplateVersions
from backoffice.simulator.server import Simulator
from backoffice.store.models import Case
from tests.integration.conftest import World
from tests.integration.services.test_intake import (  # noqa: F401 - fixtures
    keys,
    make_simulator,
    simulator_keys,
)

KEY = "birth_certificate"


def test_intake_uses_the_live_version_while_a_draft_waits(
    world: World,
    make_simulator: Callable[..., Simulator],  # noqa: F811 - the fixture imported above
    keys: SubscriberKeys,  # noqa: F811
) -> None:
    versions = TemplateVersions(world.db, world.clock)
    draft = copy.deepcopy(dict(world.templates[KEY].raw))
    draft["processing_days"] = 200
    versions.save_draft(world.admin, draft)
    sim = make_simulator()
    sim.generate(2, service=KEY)
    with SubscriberClient(
        sim.base_url,
        sim.token_url,
        ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        timeouts=Timeouts(connect=2, read=2, body=10),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
        sleep=lambda _: None,
    ) as client:
        intake = portal_services(
            world.db,
            CatalogueService(world.db, world.clock),
            client,
            KeyCrypto(keys, client.get_jwks),
            clock=world.clock,
        ).intake
        assert intake.sync(SYSTEM, sim.destination_id).accepted == 2
        versions.publish(world.admin, KEY, versions.today(), end_predecessor=True)
        sim.generate(1, service=KEY)
        assert intake.sync(SYSTEM, sim.destination_id).accepted == 1
    rows = {v.version: v.id for v in versions.versions(world.admin, KEY)}
    with world.db.read() as session:
        cases = session.scalars(select(Case).order_by(Case.id)).all()
        pinned = [c.template_id for c in cases]
        days = [(c.due_date - c.received_at.date()).days for c in cases if c.due_date]
    assert pinned == [rows[1], rows[1], rows[2]]
    assert max(days[:2]) < 200 <= days[2]  # the deadline of the version each arrived under
