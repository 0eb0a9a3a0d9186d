"""End to end against the portal simulator: register keys, list, fetch, decrypt, decide.

Only the portal package is used here (no store, no services): this is the client's contract
with the simulator, PROTOCOL.md steps 1–6.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from backoffice.portal import errors, jose, protocol
from backoffice.portal import keys as keys_module
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy
from backoffice.portal.keys import SubscriberKeys
from backoffice.portal.models import Submission
from backoffice.portal.validation import first_metadata_error
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from tests.fakes import FakeInstallation, run_portal_command


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    """The simulator's own RSA keys, made once for the module (a fresh simulator per test)."""
    return SimulatorKeys.generate()


@pytest.fixture
def simulator(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    sim = Simulator(seed=7, attachments=2, zip_share=0.5, keys=simulator_keys).start()
    yield sim
    sim.stop()


@pytest.fixture
def client(simulator: Simulator) -> Iterator[SubscriberClient]:
    credentials = ClientCredentials(
        simulator.subscriber.client_id, simulator.subscriber.client_secret
    )
    with SubscriberClient(
        simulator.base_url,
        simulator.token_url,
        credentials,
        retry=RetryPolicy(attempts=3, backoff=0.05),
    ) as made:
        yield made


@dataclass
class Opened:
    submission: Submission
    metadata: dict[str, Any]
    data: bytes | None
    attachments: dict[str, bytes]
    tags: jose.Accept


def _open(client: SubscriberClient, keys: SubscriberKeys, submission_id: str) -> Opened:
    """Steps 2–4 of PROTOCOL.md (without the service checks, which belong to intake)."""
    submission = client.get_submission(submission_id)
    decrypt = lambda token: jose.decrypt(token, keys.encryption, keys.encryption_kid)  # noqa: E731
    metadata = json.loads(decrypt(submission.encrypted_metadata))
    data = decrypt(submission.encrypted_data) if submission.encrypted_data else None
    attachments = {}
    attachment_tags = {}
    for attachment_id in submission.attachment_ids:
        token = client.get_attachment(submission.submission_id, attachment_id)
        attachments[attachment_id] = decrypt(token)
        attachment_tags[attachment_id] = jose.authentication_tag(token)
    tags = jose.Accept(
        jose.authentication_tag(submission.encrypted_metadata),
        jose.authentication_tag(submission.encrypted_data) if submission.encrypted_data else None,
        attachment_tags,
    )
    return Opened(submission, metadata, data, attachments, tags)


def _sign(keys: SubscriberKeys, opened: Opened, decision: jose.Accept | jose.Reject) -> str:
    return jose.sign_set(
        keys.signing,
        decision,
        destination_id=opened.submission.destination_id,
        submission_id=opened.submission.submission_id,
        case_id=opened.submission.case_id,
    )


def test_accept_one_submission(
    simulator: Simulator, client: SubscriberClient, subscriber_keys: SubscriberKeys
) -> None:
    client.register_keys(simulator.destination_id, subscriber_keys.export_public_jwks())
    destination = client.get_destination(simulator.destination_id)
    assert destination.encryption_kid == subscriber_keys.encryption_kid
    (generated,) = simulator.generate(1)
    assert generated.expected.accept

    refs = client.list_submissions(simulator.destination_id)
    assert [r.submission_id for r in refs] == [generated.submission_id]

    opened = _open(client, subscriber_keys, generated.submission_id)
    assert first_metadata_error(opened.metadata) is None
    structure = opened.metadata["contentStructure"]
    assert opened.data is not None
    assert hashlib.sha512(opened.data).hexdigest() == structure["data"]["hash"]["content"]
    listed = {a["attachmentId"]: a["hash"]["content"] for a in structure["attachments"]}
    assert listed.keys() == opened.attachments.keys() == set(generated.attachment_ids)
    for attachment_id, content in opened.attachments.items():
        assert hashlib.sha512(content).hexdigest() == listed[attachment_id]
    assert (
        opened.metadata["publicServiceType"]["identifier"]
        == opened.submission.service_type.identifier
    )

    accept = _sign(subscriber_keys, opened, opened.tags)
    client.post_event(generated.case_id, accept)

    assert simulator.mismatches() == []
    decision = simulator.decision(generated.submission_id)
    assert decision is not None and decision.accepted
    assert client.list_submissions(simulator.destination_id) == []
    with pytest.raises(errors.AlreadyDecided):
        client.post_event(generated.case_id, accept)
    with pytest.raises(errors.NotFound):
        client.get_submission(generated.submission_id)

    # Step 6: every SET of the case verifies, the delivery service's against its JWKS.
    log = client.get_event_log(generated.case_id)
    assert accept in log
    keyset = {"keys": client.get_jwks()["keys"] + [subscriber_keys.export_public_jwks()["keys"][1]]}
    events = [jose.set_event(jose.verify_set(entry, keyset))[0] for entry in log]
    assert events[-1] == protocol.Event.ACCEPT_SUBMISSION
    assert protocol.Event.SUBMIT_SUBMISSION in events


def test_reject_a_submission_with_a_wrong_hash(
    simulator: Simulator, client: SubscriberClient, subscriber_keys: SubscriberKeys
) -> None:
    client.register_keys(simulator.destination_id, subscriber_keys.export_public_jwks())
    (generated,) = simulator.generate(1, fault="data-hash")
    opened = _open(client, subscriber_keys, generated.submission_id)
    expected = opened.metadata["contentStructure"]["data"]["hash"]["content"]
    assert opened.data is not None
    assert hashlib.sha512(opened.data).hexdigest() != expected
    reason = jose.RejectReason(
        protocol.Problem.HASH_MISMATCH, protocol.Instance.DATA, "SHA-512 der Fachdaten"
    )
    client.post_event(generated.case_id, _sign(subscriber_keys, opened, jose.Reject([reason])))
    assert simulator.mismatches() == []
    decision = simulator.decision(generated.submission_id)
    assert decision is not None and not decision.accepted


def test_wrong_tags_are_refused(
    simulator: Simulator, client: SubscriberClient, subscriber_keys: SubscriberKeys
) -> None:
    client.register_keys(simulator.destination_id, subscriber_keys.export_public_jwks())
    (generated,) = simulator.generate(1)
    opened = _open(client, subscriber_keys, generated.submission_id)
    wrong = jose.Accept("not-the-tag", opened.tags.data_tag, opened.tags.attachment_tags)
    with pytest.raises(errors.InvalidEvent):
        client.post_event(generated.case_id, _sign(subscriber_keys, opened, wrong))


def test_compressed_submissions_decrypt(
    simulator_keys: SimulatorKeys, subscriber_keys: SubscriberKeys
) -> None:
    sim = Simulator(seed=3, zip_share=1.0, attachments=1, keys=simulator_keys).start()
    try:
        sim_client = SubscriberClient(
            sim.base_url,
            sim.token_url,
            ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        )
        with sim_client:
            sim_client.register_keys(sim.destination_id, subscriber_keys.export_public_jwks())
            (generated,) = sim.generate(1)
            assert generated.compressed
            opened = _open(sim_client, subscriber_keys, generated.submission_id)
            assert opened.data is not None and opened.attachments
    finally:
        sim.stop()


# -- the commands, against the simulator ---------------------------------------------------------


def test_configure_register_and_test(
    simulator: Simulator,
    subscriber_keys: SubscriberKeys,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    installation = FakeInstallation(tmp_path / "data")
    monkeypatch.setattr(keys_module, "generate_keys", lambda: subscriber_keys)
    monkeypatch.setattr("sys.stdin", io.StringIO(simulator.subscriber.client_secret + "\n"))
    run_portal_command(
        installation,
        "portal",
        "configure",
        "--base-url",
        simulator.base_url,
        "--token-url",
        simulator.token_url,
        "--destination",
        simulator.destination_id,
        "--client-id",
        simulator.subscriber.client_id,
    )
    run_portal_command(installation, "keys", "generate")
    assert run_portal_command(installation, "keys", "register") == 0
    assert f"destination {simulator.destination_id}: registered" in capsys.readouterr().out
    assert run_portal_command(installation, "portal", "test") == 0
    out = capsys.readouterr().out
    assert "ok   token" in out
    assert f"ok   destination {simulator.destination_id}: active" in out
