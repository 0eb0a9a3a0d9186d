"""The FIT-Connect reply handler against the portal simulator over real HTTP, on SQLite and
PostgreSQL: what the citizen's portal page shows afterwards is what the clerk sent."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from sqlalchemy import select

from backoffice.app import portal_services
from backoffice.domain.citizen_messages import Channel
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.services.actor import SYSTEM
from backoffice.services.audit import EventKind
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.message import ROUTES, Recipient
from backoffice.services.outbox import MAX_ATTEMPTS, OutboxDispatcher
from backoffice.services.outbox.reply import ReplyHandler
from backoffice.services.subscriber import KeyCrypto
from backoffice.simulator.crypto import SimulatorKeys, generate_rsa, public_jwk
from backoffice.simulator.server import Simulator
from backoffice.store.models import Case, SubmissionRecord
from tests.integration.conftest import World
from tests.unit.portal.helpers import session_keys

from .helpers import (
    certificate,
    dispatcher,
    give_up,
    history,
    lose_sent_mark,
    message,
    queue,
    row,
)

ROUTE = ROUTES[Channel.FIT_CONNECT]
#: The submit call's path: a reply id and nothing after it (not an attachment upload).
SUBMIT_PATH = "/v1/replies/????????-????-????-????-????????????"


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate(reply_keys=1)


@pytest.fixture
def sim(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    simulator = Simulator(
        keys=simulator_keys,
        subscriber_jwks=session_keys().export_public_jwks(),
        seed=5,
        attachments=0,
    ).start()
    yield simulator
    simulator.stop()


def _client(sim: Simulator, read_timeout: float) -> SubscriberClient:
    return SubscriberClient(
        sim.base_url,
        sim.token_url,
        ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        timeouts=Timeouts(connect=2, read=read_timeout, body=10),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
        sleep=lambda _: None,
    )


@pytest.fixture
def client(sim: Simulator) -> Iterator[SubscriberClient]:
    # Generous: on a busy machine the simulator's RSA work can take a second.
    made = _client(sim, read_timeout=10)
    yield made
    made.close()


@dataclass(frozen=True)
class PortalCase:
    case_id: int
    portal_case_id: str
    reply_channel: str
    recipient: Recipient


@pytest.fixture
def cases(world: World, sim: Simulator, client: SubscriberClient) -> dict[str, list[PortalCase]]:
    """Birth certificate applications pulled from the simulator by the real intake, by the
    reply channel their citizens chose."""
    sim.generate(8, service="birth_certificate")
    intake = portal_services(
        world.db,
        CatalogueService(world.db),
        client,
        KeyCrypto(session_keys(), client.get_jwks),
        clock=world.clock,
    ).intake
    report = intake.sync(SYSTEM, sim.destination_id)
    assert report.error is None and report.accepted == 8
    found: dict[str, list[PortalCase]] = {}
    with world.db.read() as session:
        for case, record in session.execute(
            select(Case, SubmissionRecord)
            .join(SubmissionRecord, SubmissionRecord.case_id == Case.id)
            .order_by(Case.id)
        ):
            metadata = record.received_metadata or {}
            channel = metadata.get("replyChannel", {}).get("fitConnect", {})
            recipient = Recipient(
                name=case.applicant_name,
                portal_case_id=case.portal_case_id,
                destination_id=case.destination_id,
                reply_key=channel.get("encryptionKey"),
            )
            found.setdefault(case.reply_channel, []).append(
                PortalCase(case.id, case.portal_case_id or "", case.reply_channel, recipient)
            )
    assert len(found.get("fitConnect", [])) >= 2 and found.get("eMail")
    return found


def _dispatcher(world: World, client: SubscriberClient) -> OutboxDispatcher:
    return dispatcher(world, {ROUTE: ReplyHandler(world.db, client, world.clock)})


def _set_faults(sim: Simulator, *rules: dict[str, Any]) -> None:
    answer = requests.post(f"{sim.control_url}/faults", json={"rules": list(rules)}, timeout=5)
    answer.raise_for_status()


def _replies(sim: Simulator, portal_case_id: str) -> list[dict[str, Any]]:
    view = requests.get(f"{sim.root_url}/portal/cases/{portal_case_id}", timeout=5).json()
    return list(view["replies"])


def _received(sim: Simulator, portal_case_id: str) -> list[dict[str, Any]]:
    """What the citizen has been given: the replies their portal opened and accepted."""
    return [r["received"] for r in _replies(sim, portal_case_id) if r["received"] is not None]


def _announced(world: World, case_id: int) -> list[dict[str, Any]]:
    return [e.payload for e in history(world, case_id) if e.kind == EventKind.REPLY_ANNOUNCED]


def test_the_status_message_and_the_certificate_reach_the_citizens_portal(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    document_id, pdf = certificate(world, case.case_id)
    citizen = message(
        world, case.case_id, Channel.FIT_CONNECT, case.recipient, document_ids=(document_id,)
    )
    message_id = queue(world, citizen)

    report = _dispatcher(world, client).send_due()

    assert (report.sent, report.failed, report.retried) == (1, 0, 0), report.errors
    assert row(world, message_id).state == "sent"
    (received,) = _received(sim, case.portal_case_id)
    assert received["status"] == "COMPLETED"
    assert received["statusDetails"] == "Abgeschlossen"
    assert received["additionalInformation"] == citizen.additional_information
    assert received["message"] == citizen.body  # as typed: markup is the portal's to escape
    assert received["reference"] == citizen.file_number
    (attachment,) = received["attachments"]
    assert attachment["filename"] == f"Geburtsurkunde {citizen.file_number}.pdf"
    assert attachment["mimeType"] == "application/pdf"
    assert attachment["size"] == len(pdf)
    assert attachment["sha512"] == hashlib.sha512(pdf).hexdigest()
    (announced,) = _announced(world, case.case_id)
    assert announced["outbox_id"] == message_id
    assert announced["reply_id"] == _replies(sim, case.portal_case_id)[0]["replyId"]
    assert history(world, case.case_id)[-1].kind == EventKind.MESSAGE_SENT


def test_a_message_without_documents_and_without_a_status_change(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][1]
    citizen = message(
        world, case.case_id, Channel.FIT_CONNECT, case.recipient, status=None, citizen_status=None
    )
    queue(world, citizen)
    assert _dispatcher(world, client).send_due().sent == 1
    (received,) = _received(sim, case.portal_case_id)
    assert received["status"] == "RECEIVED"  # the case as it stands
    assert received["attachments"] == []


def test_a_reply_the_citizens_portal_rejects_is_refused_with_its_reason(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    stranger = public_jwk(generate_rsa(2048), key_ops=("wrapKey",), alg="RSA-OAEP-256")
    recipient = Recipient(
        name=case.recipient.name, portal_case_id=case.portal_case_id, reply_key=stranger
    )
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, recipient))

    report = _dispatcher(world, client).send_due()

    assert report.failed == 1
    failed = row(world, message_id)
    assert failed.state == "failed"
    assert failed.last_error is not None
    assert "rejected the reply" in failed.last_error
    assert "Entschlüsselungsfehler" in failed.last_error  # the portal's words
    assert _received(sim, case.portal_case_id) == []
    assert [r["state"] for r in _replies(sim, case.portal_case_id)] == ["rejected"]
    assert history(world, case.case_id)[-1].kind == EventKind.MESSAGE_FAILED


@pytest.mark.parametrize("target", ["email-case", "unknown-case", "no-key", "bad-key"])
def test_what_the_portal_or_the_metadata_refuse_is_refused_at_once(
    world: World,
    sim: Simulator,
    client: SubscriberClient,
    cases: dict[str, list[PortalCase]],
    target: str,
) -> None:
    fit = cases["fitConnect"][0]
    email = cases["eMail"][0]
    key = fit.recipient.reply_key
    recipient, expected = {
        # the portal: 422, the citizen did not choose this channel
        "email-case": (
            Recipient(name="x", portal_case_id=email.portal_case_id, reply_key=key),
            "the portal refused the reply: the portal answered 422",
        ),
        # the portal: 404
        "unknown-case": (
            Recipient(name="x", portal_case_id=str(uuid.uuid4()), reply_key=key),
            "the portal refused the reply: the portal answered 404",
        ),
        "no-key": (
            Recipient(name="x", portal_case_id=fit.portal_case_id, reply_key=None),
            "the submission gave no key for replies",
        ),
        "bad-key": (
            Recipient(
                name="x",
                portal_case_id=fit.portal_case_id,
                reply_key=public_jwk(generate_rsa(1024), key_ops=("wrapKey",), alg="RSA-OAEP-256"),
            ),
            "fewer than 2048",
        ),
    }[target]
    message_id = queue(world, message(world, fit.case_id, Channel.FIT_CONNECT, recipient))

    assert _dispatcher(world, client).send_due().failed == 1

    failed = row(world, message_id)
    assert (failed.state, failed.attempts) == ("failed", 1)
    assert failed.last_error is not None and expected in failed.last_error
    assert _received(sim, fit.portal_case_id) == _received(sim, email.portal_case_id) == []


def test_a_server_error_is_retried_and_then_sent_once(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, case.recipient))
    outbox = _dispatcher(world, client)
    _set_faults(sim, {"kind": "error", "status": 503, "path": "/v1/replies", "method": "POST"})

    assert outbox.send_due().retried == 1
    waiting = row(world, message_id)
    assert (waiting.state, waiting.attempts) == ("pending", 1)
    assert waiting.last_error is not None and "503" in waiting.last_error
    assert outbox.send_due().retried == 0  # backing off: not due yet

    _set_faults(sim)
    world.clock.advance(minutes=2)
    assert outbox.send_due().sent == 1
    assert len(_received(sim, case.portal_case_id)) == 1


def test_a_timeout_is_retried_and_the_citizen_gets_the_message_once(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    """The announcement times out on our side but arrives: that reply stays empty, never
    submitted (the residual risk the handler documents); the citizen receives one message."""
    case = cases["fitConnect"][0]
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, case.recipient))
    _set_faults(sim, {"kind": "slow", "delay": 1.5, "count": 1, "path": "/v1/replies"})
    impatient = _client(sim, read_timeout=0.5)
    try:
        assert _dispatcher(world, impatient).send_due().retried == 1
    finally:
        impatient.close()
    error = row(world, message_id).last_error
    assert error is not None and "did not answer in time" in error

    world.clock.advance(minutes=2)
    assert _dispatcher(world, client).send_due().sent == 1
    assert len(_received(sim, case.portal_case_id)) == 1


def test_a_crash_after_the_announcement_continues_the_same_reply(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    document_id, _pdf = certificate(world, case.case_id)
    citizen = message(
        world, case.case_id, Channel.FIT_CONNECT, case.recipient, document_ids=(document_id,)
    )
    message_id = queue(world, citizen)
    outbox = _dispatcher(world, client)
    _set_faults(sim, {"kind": "error", "status": 502, "path": SUBMIT_PATH, "method": "PUT"})

    assert outbox.send_due().retried == 1
    (open_reply,) = _replies(sim, case.portal_case_id)
    assert open_reply["state"] == "announced"

    _set_faults(sim)
    world.clock.advance(minutes=2)
    assert outbox.send_due().sent == 1
    (reply,) = _replies(sim, case.portal_case_id)  # the same one, not a second
    assert reply["replyId"] == open_reply["replyId"] and reply["state"] == "accepted"
    assert len(_announced(world, case.case_id)) == 1
    assert row(world, message_id).state == "sent"


def test_a_reply_submitted_whose_answer_was_lost_is_not_sent_again(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, case.recipient))
    outbox = _dispatcher(world, client)
    # The portal takes the submission, then the answer is lost (every time, retries too).
    _set_faults(
        sim, {"kind": "error", "status": 500, "after": True, "path": SUBMIT_PATH, "method": "PUT"}
    )
    assert outbox.send_due().retried == 1
    assert len(_received(sim, case.portal_case_id)) == 1  # it did arrive

    _set_faults(sim)
    world.clock.advance(minutes=2)
    assert outbox.send_due().sent == 1
    assert len(_replies(sim, case.portal_case_id)) == 1
    assert row(world, message_id).state == "sent"


def test_a_crash_before_the_sent_mark_sends_nothing_twice(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, case.recipient))
    outbox = _dispatcher(world, client)
    assert outbox.send_due().sent == 1
    lose_sent_mark(world, message_id)

    assert outbox.send_due().sent == 1  # recognised as delivered
    assert len(_replies(sim, case.portal_case_id)) == 1
    assert len(_announced(world, case.case_id)) == 1
    assert row(world, message_id).state == "sent"


def test_a_portal_that_keeps_failing_is_given_up_on(
    world: World, sim: Simulator, client: SubscriberClient, cases: dict[str, list[PortalCase]]
) -> None:
    case = cases["fitConnect"][0]
    message_id = queue(world, message(world, case.case_id, Channel.FIT_CONNECT, case.recipient))
    _set_faults(sim, {"kind": "error", "status": 503, "path": "/v1/replies", "method": "POST"})

    assert give_up(world, _dispatcher(world, client), message_id) == MAX_ATTEMPTS

    failed = row(world, message_id)
    assert failed.state == "failed" and failed.attempts == MAX_ATTEMPTS
    assert failed.last_error is not None
    assert failed.last_error.startswith(f"gave up after {MAX_ATTEMPTS} attempts")
    assert history(world, case.case_id)[-1].kind == EventKind.MESSAGE_FAILED
    assert _replies(sim, case.portal_case_id) == []
