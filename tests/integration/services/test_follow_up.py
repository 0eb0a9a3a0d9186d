"""The citizen answers a query: a follow-up submission on the same caseId (issue 9).

The simulator sends it over its control endpoint on loopback, the real intake fetches it
over HTTP and links it to the case on SQLite and PostgreSQL: no second case, its
attachments on the case, the pause of the deadline ended, the clerk told, once only.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from backoffice.domain.deadlines import WorkingCalendar, local_date
from backoffice.domain.status import Status
from backoffice.portal.protocol import Problem
from backoffice.services.actor import SYSTEM
from backoffice.services.casework import CaseDetail
from backoffice.services.queries import CaseFilter
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.faults import FaultKind, FaultRule
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from backoffice.store.models import Attachment, Case, Notice, SubmissionRecord
from tests.integration.conftest import World
from tests.integration.services.hostile import Desk, make_desk
from tests.unit.portal.helpers import session_keys

SERVICE = "birth_certificate"
ANSWER = "Anbei die fehlende Geburtsurkunde der Mutter.\nMit freundlichen Grüßen"


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate(reply_keys=1)


@pytest.fixture
def sim(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    simulator = Simulator(
        keys=simulator_keys,
        subscriber_jwks=session_keys().export_public_jwks(),
        seed=5,
        attachments=1,
        zip_share=0.0,
    ).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def desk(sim: Simulator, world: World) -> Iterator[Desk]:
    made = make_desk(sim, world.db, session_keys(), world.clock)
    yield made
    made.client.close()


def follow_up(sim: Simulator, case_id: str, **body: Any) -> dict[str, Any]:
    """The citizen answers, through the simulator's control endpoint (HTTP on loopback)."""
    answer = requests.post(
        f"{sim.control_url}/follow-ups", json={"caseId": case_id, **body}, timeout=30
    )
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()["submission"]
    return made


def sync(desk: Desk, sim: Simulator) -> Any:
    report = desk.intake.sync(SYSTEM, sim.destination_id)
    assert report.error is None and report.skipped == [], report
    return report


def queried_case(
    world: World, sim: Simulator, desk: Desk, *, claim: bool = True
) -> tuple[int, str]:
    """One application taken in, claimed by clerk1 (else worked on by the team lead
    without claiming it), worked on and queried the next day."""
    generated = sim.generate(1, service=SERVICE)[0]
    assert sync(desk, sim).accepted == 1
    with world.db.read() as session:
        case_id = session.scalar(select(Case.id).where(Case.portal_case_id == generated.case_id))
    assert case_id is not None
    commands = world.casework.commands
    who = world.clerk1 if claim else world.lead
    version = commands.claim(who, case_id).version if claim else 1
    row = commands.change_status(who, case_id, version, Status.IN_PROGRESS, notify=False)
    world.clock.advance(days=1)  # Wednesday
    commands.change_status(
        who,
        case_id,
        row.version,
        Status.WAITING_FOR_CITIZEN,
        message="Bitte reichen Sie die Geburtsurkunde der Mutter nach.",
        notify=False,
    )
    return case_id, generated.case_id


def detail(world: World, case_id: int) -> CaseDetail:
    return world.casework.queries.get_case(world.lead, case_id)


def count(world: World, model: Any, *where: Any) -> int:
    with world.db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_an_answer_is_linked_to_its_case_ends_the_pause_and_tells_the_clerk(
    world: World, sim: Simulator, desk: Desk
) -> None:
    case_id, portal_case_id = queried_case(world, sim, desk)
    before = detail(world, case_id)
    assert before.row.status is Status.WAITING_FOR_CITIZEN and before.row.due_date is None
    template = world.templates[SERVICE]
    calendar = WorkingCalendar()
    received = local_date(before.row.received_at)
    due_without_pause = calendar.add_working_days(received, template.processing_days)

    world.clock.advance(days=5)  # Monday 16 March: Thu, Fri, Mon were paused
    sent = follow_up(sim, portal_case_id, message=ANSWER, attachments=1)
    assert sent["caseId"] == portal_case_id
    listed = [s for s in desk.client.list_submissions(sim.destination_id)]
    assert [s.case_id for s in listed if s.submission_id == sent["submissionId"]] == [
        portal_case_id
    ]
    report = sync(desk, sim)
    assert report.accepted == 1 and report.follow_ups == 1 and report.rejected == 0

    decision = sim.decision(sent["submissionId"])
    assert decision is not None and decision.accepted  # accepted at the portal
    assert count(world, Case) == 1  # no second case
    after = detail(world, case_id)
    assert after.row.status is Status.IN_PROGRESS
    assert after.row.due_date == calendar.add_working_days(due_without_pause, 3)
    assert after.paused_since is None
    assert len(after.attachments) == 2 and after.row.attachment_count == 2
    new = after.attachments[-1]
    assert new.media_type == "application/pdf" and new.verification == "ok"
    answered = [e for e in after.history if e.kind == "citizen_answered"]
    assert len(answered) == 1
    assert answered[0].payload["text"] == ANSWER
    assert answered[0].payload["attachments"] == [new.original_name]
    assert answered[0].actor_name is None
    resumed = next(e for e in after.history if e.seq > answered[0].seq)
    assert resumed.kind == "status_changed" and resumed.payload["to"] == "in_progress"
    assert resumed.payload["answer"] == sent["submissionId"]
    with world.db.read() as session:
        record = session.scalars(
            select(SubmissionRecord).where(SubmissionRecord.submission_id == sent["submissionId"])
        ).one()
        assert record.outcome == "accepted" and record.case_id == case_id
    # The clerk who holds it is told, and the inbox marks it as answered until she acts.
    notices = world.casework.notices.unseen(world.clerk1)
    assert [(n.case_id, n.kind) for n in notices] == [(case_id, "citizen_answered")]
    assert world.casework.notices.unseen(world.clerk2) == []
    page = world.casework.queries.list_cases(world.clerk1, CaseFilter())
    assert [r.answered for r in page.rows] == [True]
    world.casework.commands.add_note(world.clerk1, case_id, "Urkunde geprüft.")
    page = world.casework.queries.list_cases(world.clerk1, CaseFilter())
    assert [r.answered for r in page.rows] == [False]
    # The citizen sees the answer at the portal as a second submission of the case.
    view = sim.citizen_view(portal_case_id)
    assert [s["followUp"] for s in view["submissions"]] == [False, True]
    assert view["submissions"][1]["decision"]["accepted"] is True
    # And the history is still one unbroken chain.
    assert world.casework.queries.verify_history(world.lead, case_id) is None


def test_the_same_answer_fetched_again_links_once(world: World, sim: Simulator, desk: Desk) -> None:
    """Stored, but the accept does not reach the portal: listed again, linked once."""
    case_id, portal_case_id = queried_case(world, sim, desk)
    sim.faults.set(
        [FaultRule(FaultKind.ERROR, path="/v1/cases/*/events", method="POST", status=503)]
    )
    sent = follow_up(sim, portal_case_id, message="Hier die Unterlagen.", attachments=2)
    first = desk.intake.sync(SYSTEM, sim.destination_id)
    assert first.follow_ups == 1 and first.confirmations_waiting == 1
    assert sim.state(sent["submissionId"]) == "submitted"  # still listed
    again = desk.intake.sync(SYSTEM, sim.destination_id)
    assert again.already_known == 1 and again.accepted == 0 and again.follow_ups == 0
    sim.faults.clear()
    world.clock.advance(hours=2)  # the confirmation is due again
    last = sync(desk, sim)
    assert last.accepted == 0 and last.confirmations_waiting == 0
    decision = sim.decision(sent["submissionId"])
    assert decision is not None and decision.accepted
    assert count(world, Attachment, Attachment.case_id == case_id) == 3
    answered = [e for e in detail(world, case_id).history if e.kind == "citizen_answered"]
    assert len(answered) == 1
    assert count(world, Notice, Notice.case_id == case_id) == 1
    assert count(world, Case) == 1


def test_an_answer_on_a_closed_case_is_recorded_without_reopening_it(
    world: World, sim: Simulator, desk: Desk
) -> None:
    case_id, portal_case_id = queried_case(world, sim, desk, claim=False)
    commands = world.casework.commands
    version = detail(world, case_id).row.version
    commands.change_status(
        world.lead,
        case_id,
        version,
        Status.REJECTED,
        comment="Frist verstrichen",
        message="Ihr Antrag wird abgelehnt.",
        notify=False,
    )
    sent = follow_up(sim, portal_case_id, message="Entschuldigung, hier noch die Urkunde.")
    report = sync(desk, sim)
    assert report.follow_ups == 1
    decision = sim.decision(sent["submissionId"])
    assert decision is not None and decision.accepted
    # Nobody holds it: the team lead is told, the clerks are not.
    assert [n.kind for n in world.casework.notices.unseen(world.lead)] == ["citizen_answered"]
    assert world.casework.notices.unseen(world.clerk1) == []
    after = detail(world, case_id)
    assert after.row.status is Status.REJECTED and after.row.due_date is None
    assert [e.kind for e in after.history if e.kind in ("citizen_answered", "status_changed")][
        -1
    ] == "citizen_answered"
    assert len(after.attachments) == 2
    assert [n.kind for n in after.notices] == ["citizen_answered"]  # seen on opening it


def test_a_hostile_attachment_in_an_answer_is_checked_like_any_other(
    world: World, sim: Simulator, desk: Desk
) -> None:
    case_id, portal_case_id = queried_case(world, sim, desk)
    version = detail(world, case_id).row.version
    # A wrong hash: the whole answer is rejected, the case stays as it was.
    bad = follow_up(sim, portal_case_id, message="x", attachments=1, fault="attachment-hash")
    report = sync(desk, sim)
    assert report.rejected == 1 and report.follow_ups == 0
    decision = sim.decision(bad["submissionId"])
    assert decision is not None and not decision.accepted
    assert decision.problems[0]["type"].endswith(Problem.HASH_MISMATCH.value)
    unchanged = detail(world, case_id)
    assert unchanged.row.status is Status.WAITING_FOR_CITIZEN
    assert unchanged.row.version == version and len(unchanged.attachments) == 1
    # A file name that climbs out of folders, with a type it is not, and a bidi trick.
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()
    hostile = "../../..\\Windows\\system32\\evil\u202etxt.pdf"
    follow_up(
        sim,
        portal_case_id,
        message="\u202eAntwort\x1b[31m",
        attachments=0,
        files=[{"filename": hostile, "mimeType": "application/pdf", "content": png}],
    )
    assert sync(desk, sim).follow_ups == 1
    after = detail(world, case_id)
    added = after.attachments[-1]
    assert added.verification == "type_mismatch" and added.media_type == "image/png"
    assert "/" not in added.safe_name and "\\" not in added.safe_name
    assert ".." not in added.safe_name and "\u202e" not in added.safe_name
    entry = [e for e in after.history if e.kind == "citizen_answered"][-1]
    assert "\u202e" not in json.dumps(entry.payload["attachments"], ensure_ascii=False)
    assert after.row.status is Status.IN_PROGRESS


def test_an_answer_on_a_case_we_do_not_have_is_rejected_with_a_reason(
    world: World, sim: Simulator, desk: Desk
) -> None:
    # The application was rejected at intake (its data does not fit the form): no case.
    refused = sim.generate(1, service=SERVICE, fault="data-schema")[0]
    assert sync(desk, sim).rejected == 1
    sent = follow_up(sim, refused.case_id, message="Hier die Nachreichung.")
    report = sync(desk, sim)
    assert report.rejected == 1 and report.accepted == 0
    decision = sim.decision(sent["submissionId"])
    assert decision is not None and not decision.accepted
    problem = decision.problems[0]
    assert problem["type"].endswith(Problem.UNSUPPORTED_SCHEMA.value)
    assert problem["instance"] == "data" and "new application" in problem["detail"]
    assert count(world, Case) == 0


def test_the_simulator_refuses_an_answer_on_a_case_it_does_not_know(sim: Simulator) -> None:
    answer = requests.post(
        f"{sim.control_url}/follow-ups",
        json={"caseId": "4b0c9e1e-0000-4000-8000-000000000000", "message": "?"},
        timeout=10,
    )
    assert answer.status_code == 422 and "no case" in answer.json()["detail"]


def test_the_simulator_refuses_a_file_that_is_not_base64(
    world: World, sim: Simulator, desk: Desk
) -> None:
    case_id, portal_case_id = queried_case(world, sim, desk)
    answer = requests.post(
        f"{sim.control_url}/follow-ups",
        json={"caseId": portal_case_id, "files": [{"filename": "a.pdf", "content": "§§§"}]},
        timeout=10,
    )
    assert answer.status_code == 422 and "cannot send this follow-up" in answer.json()["detail"]
    assert sync(desk, sim).listed == 0  # nothing was sent
    assert detail(world, case_id).row.status is Status.WAITING_FOR_CITIZEN


def test_two_desktops_fetching_the_same_answers_link_each_once(
    world: World, sim: Simulator, desk: Desk, database_url: str
) -> None:
    case_id, portal_case_id = queried_case(world, sim, desk)
    sent = [follow_up(sim, portal_case_id, message=f"Teil {i}") for i in range(4)]
    sim.generate(4, service=SERVICE)  # new applications in between
    other_db = Database(database_url)
    other = make_desk(sim, other_db, session_keys(), world.clock)
    try:
        barrier = threading.Barrier(2)

        def run(which: Desk) -> None:
            barrier.wait()
            which.intake.sync(SYSTEM, sim.destination_id)

        threads = [threading.Thread(target=run, args=(d,)) for d in (desk, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for which in (desk, other):  # what one desktop could not confirm, the other does
            which.intake.sync(SYSTEM, sim.destination_id)
    finally:
        other.client.close()
        other_db.dispose()
    assert count(world, Case) == 5
    answered = [e for e in detail(world, case_id).history if e.kind == "citizen_answered"]
    assert sorted(e.payload["text"] for e in answered) == [f"Teil {i}" for i in range(4)]
    assert count(world, Attachment, Attachment.case_id == case_id) == 1 + 4
    assert all(sim.decision(s["submissionId"]) for s in sent)
