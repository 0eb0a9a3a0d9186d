"""Shapes of the delivery service's answers become typed values or InvalidResponse."""

from __future__ import annotations

import pytest

from backoffice.portal.errors import InvalidResponse
from backoffice.portal.models import (
    parse_destination,
    parse_event_log,
    parse_jwks,
    parse_submission,
    parse_submission_page,
)

S = "0f5e5b87-3a43-4a3c-bb8e-0b5f4f1a7c22"
C = "b2c7a1e0-55d1-4b8c-8f0e-6a1d2c3b4e33"
D = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"
A = "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e44"

SUBMISSION = {
    "submissionId": S,
    "caseId": C,
    "destinationId": D,
    "serviceType": {"name": "Gewerbeanmeldung", "identifier": "urn:de:fim:leika:leistung:1"},
    "attachments": [A],
    "encryptedMetadata": "a.b.c.d.e",
    "encryptedData": "f.g.h.i.j",
}


def test_submission() -> None:
    submission = parse_submission(SUBMISSION)
    assert submission.attachment_ids == (A,)
    assert submission.service_type.identifier == "urn:de:fim:leika:leistung:1"
    assert submission.encrypted_data == "f.g.h.i.j"
    assert "a.b.c" not in repr(submission)  # the long JWE strings stay out of logs


def test_submission_without_data_or_attachments() -> None:
    document = {k: v for k, v in SUBMISSION.items() if k not in ("encryptedData", "attachments")}
    submission = parse_submission(document)
    assert submission.encrypted_data is None
    assert submission.attachment_ids == ()


@pytest.mark.parametrize(
    "change",
    [
        {"submissionId": "../../etc"},
        {"caseId": None},
        {"attachments": ["not-a-uuid"]},
        {"attachments": "x"},
        {"encryptedMetadata": ""},
        {"encryptedData": 5},
        {"serviceType": "x"},
        {"serviceType": {"name": "x"}},
    ],
)
def test_submission_shape_errors(change: dict) -> None:
    with pytest.raises(InvalidResponse):
        parse_submission(SUBMISSION | change)


def test_page() -> None:
    page = parse_submission_page(
        {
            "count": 1,
            "offset": 0,
            "totalCount": 1,
            "submissions": [{"submissionId": S, "caseId": C, "destinationId": D}],
        }
    )
    assert page.submissions[0].submission_id == S


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"count": 0, "offset": 0, "totalCount": 0},
        {"count": -1, "offset": 0, "totalCount": 0, "submissions": []},
        {"count": True, "offset": 0, "totalCount": 0, "submissions": []},
        {"count": 1, "offset": 0, "totalCount": 1, "submissions": [{"submissionId": S}]},
    ],
)
def test_page_shape_errors(document: object) -> None:
    with pytest.raises(InvalidResponse):
        parse_submission_page(document)


def test_destination() -> None:
    destination = parse_destination(
        {
            "destinationId": D,
            "status": "active",
            "encryptionKid": "kid-1",
            "metadataVersions": ["1.0.0"],
            "services": [
                {
                    "identifier": "urn:de:fim:leika:leistung:1",
                    "submissionSchemas": [{"schemaUri": "urn:x", "mimeType": "application/json"}],
                    "regions": ["DE05315000"],
                    "replyChannels": {"eMail": {}, "fitConnect": {}},
                }
            ],
        }
    )
    assert destination.services[0].reply_channels == ("eMail", "fitConnect")
    assert destination.metadata_versions == ("1.0.0",)


def test_event_log_and_jwks() -> None:
    assert parse_event_log({"eventLog": ["a.b.c"]}) == ("a.b.c",)
    assert parse_event_log({"eventLog": []}) == ()
    with pytest.raises(InvalidResponse):
        parse_event_log({"eventLog": [1]})
    assert parse_jwks({"keys": [{"kty": "RSA"}]}) == {"keys": [{"kty": "RSA"}]}
    with pytest.raises(InvalidResponse):
        parse_jwks({"keys": "none"})


def test_an_answer_nested_a_thousand_levels_is_an_invalid_response_not_a_crash() -> None:
    from backoffice.portal.http import Body, Response

    answer = Response(200, {"Content-Type": "application/json"}, Body(b"[" * 5_000 + b"]" * 5_000))
    with pytest.raises(InvalidResponse, match="not JSON"):
        answer.json()
