"""Hostile submissions through the real intake, the real simulator over HTTP, both databases.

Issue 13: one submission must never stop the sync. Each hostile case gets exactly one
decision, the right one, and the good submissions around it go through in the same run;
failures of ours (a decision that cannot be signed, a store the database refuses) are
held in the quarantine, listed by the delivery overview, skipped by later syncs, and
taken in once retried.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from sqlalchemy import select, text

from backoffice.portal.keys import SubscriberKeys
from backoffice.portal.protocol import Problem
from backoffice.services.actor import SYSTEM
from backoffice.services.delivery import DeliveryService
from backoffice.services.errors import NotFound
from backoffice.services.quarantine import QuarantineService
from backoffice.services.subscriber import KeyCrypto
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from backoffice.store.models import Attachment as AttachmentRow
from backoffice.store.models import Case, QuarantineEntry, SubmissionRecord
from tests.integration.conftest import World
from tests.integration.services.hostile import (
    Attachment,
    Citizen,
    Desk,
    Sent,
    decisions_of,
    good_form,
    make_desk,
    truncate,
)
from tests.unit.portal.helpers import session_keys

DEEP = b"[" * 100_000 + b"]" * 100_000
ACCEPT = "https://schema.fitko.de/fit-connect/events/accept-submission"
REJECT = "https://schema.fitko.de/fit-connect/events/reject-submission"


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate()


@pytest.fixture
def sim(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    simulator = Simulator(
        keys=simulator_keys, subscriber_jwks=session_keys().export_public_jwks(), seed=3
    ).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def citizen(sim: Simulator) -> Iterator[Citizen]:
    sender = Citizen(sim)
    yield sender
    sender.close()


@pytest.fixture
def desk(sim: Simulator, world: World) -> Iterator[Desk]:
    made = make_desk(sim, world.db, session_keys(), world.clock)
    yield made
    made.client.close()


def _form(**applicant: Any) -> dict[str, Any]:
    form = good_form()
    form["applicant"].update(applicant)
    return form


def _with_data(raw: bytes) -> dict[str, Any]:
    return {"data": raw}


def _records(world: World) -> dict[str, SubmissionRecord]:
    with world.db.read() as session:
        return {r.submission_id: r for r in session.scalars(select(SubmissionRecord))}


#: name → (what to send, the expected decision: None to accept, else (problem, instance)).
HOSTILE: dict[str, tuple[Callable[[], dict[str, Any]], tuple[Problem, str] | None]] = {
    "deep-data": (
        lambda: _with_data(b'{"applicant": ' + DEEP + b"}"),
        (Problem.SYNTAX_VIOLATION, "data"),
    ),
    "deep-metadata": (
        lambda: {"metadata": b'{"publicServiceType": ' + DEEP + b"}"},
        (Problem.SYNTAX_VIOLATION, "metadata"),
    ),
    "nan-in-data": (
        lambda: _with_data(json.dumps(_form()).encode()[:-1] + b', "x": {"n": NaN}}'),
        (Problem.SYNTAX_VIOLATION, "data"),
    ),
    "lone-surrogate": (
        lambda: _with_data(json.dumps(_form(given_name="\ud800")).encode()),
        (Problem.SYNTAX_VIOLATION, "data"),
    ),
    "huge-fields": (
        # a 2 MB value where the form allows anything, a name, a type and an id far too long
        lambda: {
            "data": json.dumps(
                {**_form(), "extra": {"note": "Ä" * 1_000_000}}, ensure_ascii=False
            ).encode(),
            "attachments": [
                Attachment(
                    content=b"\x00\x01 no known type",
                    filename="N" * 20_000 + ".pdf",
                    mime_type="application/" + "x" * 5_000,
                )
            ],
        },
        None,
    ),
    "odd-unicode": (
        lambda: {
            "data": json.dumps(
                _form(
                    given_name="A\u202enna\u0000\u2028\u200b\U0001f436",
                    family_name="Mu\u0308ller\u0007\x1b]0;x\x07",
                )
            ).encode(),
            "attachments": [Attachment(filename="Rechnung\u202efdp.exe")],
        },
        None,
    ),
    "path-tricks": (
        lambda: {
            "attachments": [
                Attachment(filename="../../../../tmp/escaped-13.pdf"),
                Attachment(filename="/etc/cron.d/evil.pdf"),
                Attachment(filename="C:\\Windows\\System32\\con.pdf"),
                Attachment(filename=".."),
            ]
        },
        None,
    ),
    "attachment-hash": (
        lambda: {"attachments": [Attachment(declared_hash=hashlib.sha512(b"other").hexdigest())]},
        (Problem.HASH_MISMATCH, "attachment"),
    ),
    "truncated-metadata-jwe": (
        lambda: {"spoil": truncate("metadata")},
        (Problem.ENCRYPTION_ISSUE, "metadata"),
    ),
    "truncated-attachment-jwe": (
        lambda: {"attachments": [a := Attachment()], "spoil": truncate(a.attachment_id)},
        (Problem.ENCRYPTION_ISSUE, "attachment"),
    ),
}


def test_each_hostile_submission_gets_one_decision_and_the_sync_goes_on(
    world: World, sim: Simulator, citizen: Citizen, desk: Desk
) -> None:
    first_good = citizen.send()
    sent: dict[str, tuple[Sent, Mapping[str, Any]]] = {}
    for name, (make, _) in HOSTILE.items():
        options: Mapping[str, Any] = make()
        sent[name] = (citizen.send(**options), options)
    last_good = citizen.send()

    report = desk.intake.sync(SYSTEM, sim.destination_id)

    assert report.error is None and report.skipped == [] and report.quarantined == 0
    expected_accepts = 2 + sum(1 for _, outcome in HOSTILE.values() if outcome is None)
    records = _records(world)
    assert (report.accepted, report.rejected) == (
        expected_accepts,
        len(sent) + 2 - expected_accepts,
    ), [(n, records[i.submission_id].problem_detail) for n, (i, _) in sent.items()]
    for good in (first_good, last_good):
        assert decisions_of(sim, good) == [ACCEPT]
    for name, (item, options) in sent.items():
        outcome = HOSTILE[name][1]
        assert decisions_of(sim, item) == [ACCEPT if outcome is None else REJECT], name
        record = records[item.submission_id]
        if outcome is None:
            assert record.outcome == "accepted", (name, record.problem_detail)
            continue
        problem, instance = outcome
        if instance == "attachment":
            instance = f"attachment:{options['attachments'][0].attachment_id}"
        assert (record.outcome, record.problem_type, record.problem_instance) == (
            "rejected",
            problem.value,
            instance,
        ), name
    with world.db.read() as session:
        names = [a.safe_name for a in session.scalars(select(AttachmentRow))]
        stored = {c.submission_id: c for c in session.scalars(select(Case))}
    assert names and all("/" not in n and "\\" not in n and ".." not in n for n in names)
    assert all(len(n) <= 120 and "\u202e" not in n for n in names)
    odd = stored[sent["odd-unicode"][0].submission_id]
    assert "\x00" not in odd.applicant_name and "\x1b" not in odd.applicant_name
    # A second run finds nothing left: nothing waits behind a bad one.
    again = desk.intake.sync(SYSTEM, sim.destination_id)
    assert (again.listed, again.accepted, again.rejected, again.quarantined) == (0, 0, 0, 0)


class FailingSigner(KeyCrypto):
    """Our keys, with a signing failure for the submissions named (the HSM is gone, say)."""

    def __init__(self, keys: SubscriberKeys, jwks: Callable[[], Any], failing: set[str]) -> None:
        super().__init__(keys, jwks)
        self.failing = failing

    def accept_event(
        self, destination_id: str, submission_id: str, case_id: str, tags: Mapping[str, Any]
    ) -> str:
        if submission_id in self.failing:
            raise OSError(5, "signing device not responding")
        return super().accept_event(destination_id, submission_id, case_id, tags)


@pytest.mark.expect_log_warning(r"held in the quarantine \(sign\)")
def test_a_decision_that_cannot_be_signed_is_held_until_retried(
    world: World, sim: Simulator, citizen: Citizen, desk: Desk
) -> None:
    before, held, after = citizen.send(), citizen.send(), citizen.send()
    signer = FailingSigner(session_keys(), desk.client.get_jwks, {held.submission_id})
    desk.intake._crypto = signer

    report = desk.intake.sync(SYSTEM, sim.destination_id)

    assert (report.accepted, report.quarantined, report.error) == (2, 1, None)
    assert decisions_of(sim, before) == decisions_of(sim, after) == [ACCEPT]
    assert decisions_of(sim, held) == []  # nothing sent, nothing blamed on the citizen
    (entry,) = DeliveryService(world.db).overview(world.clerk1).quarantined
    assert (entry.submission_id, entry.stage, entry.state, entry.attempts) == (
        held.submission_id,
        "sign",
        "held",
        1,
    )
    assert "OSError" in entry.error and "signing device" in entry.error
    # Later syncs (of any desktop) leave it alone while it is held.
    again = desk.intake.sync(SYSTEM, sim.destination_id)
    assert (again.listed, again.already_known, again.quarantined) == (1, 1, 0)
    assert decisions_of(sim, held) == []

    quarantine = QuarantineService(world.db, world.clock)
    quarantine.retry(world.clerk1, held.submission_id)
    (waiting,) = quarantine.entries(world.clerk1)
    assert (waiting.state, waiting.retry_requested_by) == ("retry", "Petra Sommer")
    with pytest.raises(NotFound):
        quarantine.retry(world.clerk1, held.submission_id)  # released already
    desk.intake.sync(SYSTEM, sim.destination_id)  # still failing: held again
    (entry,) = quarantine.entries(world.clerk1)
    assert (entry.state, entry.attempts) == ("held", 2)

    signer.failing.clear()  # the device is back
    assert quarantine.retry_all(world.clerk1) == 1
    last = desk.intake.sync(SYSTEM, sim.destination_id)
    assert (last.accepted, last.quarantined) == (1, 0)
    assert decisions_of(sim, held) == [ACCEPT]
    assert DeliveryService(world.db).overview(world.clerk1).quarantined == []
    assert _records(world)[held.submission_id].outcome == "accepted"


def _refuse_cases_named(world: World, name: str) -> Callable[[], None]:
    """A trigger that makes the database refuse one applicant's case; returns its removal."""
    with world.db.engine.begin() as connection:
        if world.db.is_sqlite:
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_case BEFORE INSERT ON cases "
                    f"WHEN NEW.applicant_name LIKE '%{name}%' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"IF NEW.applicant_name LIKE '%{name}%' THEN "
                    "RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_case BEFORE INSERT ON cases "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_case()"
                )
            )

    def remove() -> None:
        with world.db.engine.begin() as connection:
            connection.execute(
                text("DROP TRIGGER refuse_case" + ("" if world.db.is_sqlite else " ON cases"))
            )

    return remove


@pytest.mark.expect_log_warning(r"could not be stored", r"held in the quarantine \(store\)")
def test_a_store_the_database_refuses_is_held_and_the_others_are_stored(
    world: World, sim: Simulator, citizen: Citizen, desk: Desk
) -> None:
    remove = _refuse_cases_named(world, "Verweigert")
    good = citizen.send()
    refused = citizen.send(data=json.dumps(_form(family_name="Verweigert")).encode())
    report = desk.intake.sync(SYSTEM, sim.destination_id)
    assert (report.accepted, report.quarantined, report.skipped) == (1, 1, [])
    assert decisions_of(sim, good) == [ACCEPT] and decisions_of(sim, refused) == []
    with world.db.read() as session:
        entry = session.scalars(select(QuarantineEntry)).one()
        assert (
            session.scalar(select(Case).where(Case.submission_id == refused.submission_id)) is None
        )
    assert entry.stage == "store" and "refused by the test" in entry.error
    remove()
    DeliveryService(world.db, world.clock).retry_quarantined(world.clerk2, refused.submission_id)
    assert desk.intake.sync(SYSTEM, sim.destination_id).accepted == 1
    assert decisions_of(sim, refused) == [ACCEPT]


class BuggyDecryptor(KeyCrypto):
    """Our keys, with a bug of ours that fails every decryption the same unforeseen way."""

    def decrypt(self, compact_jwe: Any) -> bytes:
        raise KeyError("a bug of ours, not the citizens'")


@pytest.mark.expect_log_warning(r"failed unexpectedly", r"the same unexpected failure")
def test_the_same_unforeseen_failure_rejects_a_few_then_holds_the_rest(
    world: World, sim: Simulator, citizen: Citizen, desk: Desk
) -> None:
    sent = [citizen.send() for _ in range(5)]
    desk.intake._crypto = BuggyDecryptor(session_keys(), desk.client.get_jwks)

    report = desk.intake.sync(SYSTEM, sim.destination_id)

    assert (report.rejected, report.quarantined, report.error) == (3, 2, None)
    assert sum(decisions_of(sim, s) == [REJECT] for s in sent) == 3
    held = DeliveryService(world.db).overview(world.clerk1).quarantined
    assert len(held) == 2
    assert all(
        "KeyError" in entry.error and "held instead of rejected" in entry.error for entry in held
    )
