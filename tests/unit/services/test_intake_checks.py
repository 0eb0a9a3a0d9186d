"""The order and outcome of the submission checks (PROTOCOL.md step 4), without network.

The JOSE layer is tested on its own; here a stand-in "JWE" carries its
plaintext base64url-encoded in the fourth segment, so that every check can be
driven precisely.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from backoffice.domain.templates import load_template_text
from backoffice.portal.errors import PortalTimeout, ResponseTooLarge
from backoffice.portal.jose import JweText
from backoffice.portal.models import ServiceType, Submission
from backoffice.portal.protocol import Problem, submission_schema_uri
from backoffice.services.intake_checks import (
    Accepted,
    DecryptionFailed,
    Held,
    Rejected,
    check_submission,
)

ROOT = Path(__file__).parents[3]
TEMPLATE = load_template_text(
    (ROOT / "resources/services/dog_tax_registration.json").read_text("utf-8"), "dog"
)
# The smallest PDF that opens (one empty page; PDFium rebuilds the missing xref table).
PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def fake_jwe(plain: bytes) -> str:
    body = base64.urlsafe_b64encode(plain).decode().rstrip("=")
    return f"hdr.key.iv.{body}.tag{hashlib.sha1(plain).hexdigest()[:6]}"  # noqa: S324


def fake_decrypt(compact_jwe: JweText) -> bytes:
    assert isinstance(compact_jwe, str)  # these tests fetch text, never a spooled file
    parts = compact_jwe.split(".")
    if len(parts) != 5 or parts[0] != "hdr":
        raise DecryptionFailed("not a JWE for our key")
    return base64.urlsafe_b64decode(parts[3] + "=" * (-len(parts[3]) % 4))


def form() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for group in TEMPLATE.field_groups:
        values: dict[str, Any] = {}
        for field in group.fields:
            if not field.required:
                continue
            values[field.key] = {
                "date": "2026-01-31",
                "boolean": False,
                "number": 1,
                "choice": field.options[0][0] if field.options else "x",
            }.get(field.type, "Jö")
        data[group.key] = values
    return data


def build(**changes: Any) -> tuple[dict[str, Any], dict[str, str]]:
    data = json.dumps(form()).encode()
    attachments = {
        str(uuid.uuid4()): (PDF, "application/pdf", "Ausweis.pdf"),
        str(uuid.uuid4()): (PNG, "image/png", "../../Foto\u202e.png"),
    }
    metadata = {
        "publicServiceType": {"identifier": TEMPLATE.leika, "name": "Hundesteuer"},
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                "submissionSchema": {
                    "schemaUri": submission_schema_uri(TEMPLATE.key),
                    "mimeType": "application/json",
                },
            },
            "attachments": [
                {
                    "attachmentId": aid,
                    "mimeType": mime,
                    "filename": name,
                    "purpose": "attachment",
                    "hash": {"type": "sha512", "content": hashlib.sha512(body).hexdigest()},
                }
                for aid, (body, mime, name) in attachments.items()
            ],
        },
        "replyChannel": {"eMail": {"address": "anna@example.org"}},
        "paymentInformation": {
            "transactionReference": "K-1",
            "transactionId": "T-1",
            "paymentMethod": "CREDITCARD",
            "status": "BOOKED",
        },
    }
    fetched = {aid: fake_jwe(body) for aid, (body, _, _) in attachments.items()}
    submission = {
        "submissionId": str(uuid.uuid4()),
        "caseId": str(uuid.uuid4()),
        "serviceType": {"identifier": TEMPLATE.leika, "name": "Hundesteuer"},
        "attachments": list(attachments),
        "encryptedMetadata": fake_jwe(json.dumps(metadata).encode()),
        "encryptedData": fake_jwe(data),
    }
    for key, value in changes.items():
        if key == "metadata":
            metadata = value(copy.deepcopy(metadata))
            submission["encryptedMetadata"] = fake_jwe(json.dumps(metadata).encode())
        else:
            submission[key] = value
    return submission, fetched


def as_submission(raw: dict[str, Any]) -> Submission:
    """The client's parsed form of the JSON the portal sends."""
    return Submission(
        submission_id=raw["submissionId"],
        case_id=raw["caseId"],
        destination_id=str(uuid.UUID(int=1)),
        service_type=ServiceType(
            raw["serviceType"].get("name", ""), raw["serviceType"]["identifier"]
        ),
        attachment_ids=tuple(raw["attachments"]),
        encrypted_metadata=raw["encryptedMetadata"],
        encrypted_data=raw["encryptedData"],
    )


def check(submission: dict[str, Any], fetched: dict[str, str]) -> Accepted | Rejected | Held:
    return check_submission(
        as_submission(submission), fetched.__getitem__, fake_decrypt, {TEMPLATE.leika: TEMPLATE}
    )


def test_a_good_submission_is_accepted_with_tags_and_safe_names() -> None:
    submission, fetched = build()
    result = check(submission, fetched)
    assert isinstance(result, Accepted), result
    assert result.template.key == TEMPLATE.key
    assert result.reply_channel == "eMail" and result.payment_state == "BOOKED"
    assert set(result.authentication_tags["attachments"]) == set(fetched)
    assert result.authentication_tags["metadata"] == submission["encryptedMetadata"].split(".")[-1]
    names = sorted(a.safe_name for a in result.attachments)
    assert names == ["Ausweis.pdf", "Foto.png"]
    assert all(a.verification == "ok" for a in result.attachments)


def _rejected(result: Accepted | Rejected | Held) -> tuple[Problem, str]:
    assert isinstance(result, Rejected), result
    return result.problem, result.instance


def test_each_check_rejects_with_its_problem_and_instance() -> None:
    # metadata does not decrypt
    s, f = build(encryptedMetadata="garbage")
    assert _rejected(check(s, f)) == (Problem.ENCRYPTION_ISSUE, "metadata")
    # metadata is not JSON
    s, f = build(encryptedMetadata=fake_jwe(b"<xml/>"))
    assert _rejected(check(s, f)) == (Problem.SYNTAX_VIOLATION, "metadata")
    # metadata violates the schema
    s, f = build(metadata=lambda m: {**m, "contentStructure": {}})
    assert _rejected(check(s, f)) == (Problem.SCHEMA_VIOLATION, "metadata")
    # service mismatch between envelope and metadata
    s, f = build(serviceType={"identifier": "urn:de:fim:leika:leistung:99999999999999"})
    assert _rejected(check(s, f)) == (Problem.SERVICE_MISMATCH, "metadata")
    # a service we do not offer (both agree)
    other = "urn:de:fim:leika:leistung:11111111111111"
    s, f = build(
        serviceType={"identifier": other},
        metadata=lambda m: {**m, "publicServiceType": {"identifier": other}},
    )
    assert _rejected(check(s, f)) == (Problem.SERVICE_MISMATCH, "submission")
    # an attachment is missing / an extra one is there
    s, f = build()
    missing = s["attachments"].pop(0)
    assert _rejected(check(s, f)) == (Problem.MISSING_ATTACHMENT, f"attachment:{missing}")
    s, f = build()
    s["attachments"].append(str(uuid.uuid4()))
    assert _rejected(check(s, f)) == (Problem.ATTACHMENTS_MISMATCH, "submission")
    # data missing, broken, wrong hash, not JSON, unknown schema, schema-invalid
    s, f = build(encryptedData=None)
    assert _rejected(check(s, f)) == (Problem.MISSING_DATA, "data")
    s, f = build(encryptedData="x.y")
    assert _rejected(check(s, f)) == (Problem.ENCRYPTION_ISSUE, "data")
    s, f = build(encryptedData=fake_jwe(b'{"tampered": true}'))
    assert _rejected(check(s, f)) == (Problem.HASH_MISMATCH, "data")

    def with_data(raw: bytes, uri: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
        def patch(m: dict[str, Any]) -> dict[str, Any]:
            m["contentStructure"]["data"]["hash"]["content"] = hashlib.sha512(raw).hexdigest()
            if uri:
                m["contentStructure"]["data"]["submissionSchema"]["schemaUri"] = uri
            return m

        return build(encryptedData=fake_jwe(raw), metadata=patch)

    assert _rejected(check(*with_data(b"not json"))) == (Problem.SYNTAX_VIOLATION, "data")
    assert _rejected(check(*with_data(b"{}", "urn:x:other:1"))) == (
        Problem.UNSUPPORTED_SCHEMA,
        "data",
    )
    assert _rejected(check(*with_data(b'{"applicant": {}}'))) == (Problem.SCHEMA_VIOLATION, "data")
    # an attachment does not decrypt / has the wrong hash
    s, f = build()
    first = s["attachments"][0]
    f[first] = "broken"
    assert _rejected(check(s, f)) == (Problem.ENCRYPTION_ISSUE, f"attachment:{first}")
    s, f = build()
    f[first := s["attachments"][1]] = fake_jwe(b"%PDF-other")
    assert _rejected(check(s, f)) == (Problem.HASH_MISMATCH, f"attachment:{first}")
    # reply channel and payment method
    s, f = build(metadata=lambda m: {**m, "replyChannel": {"deMail": {"address": "a@b.de"}}})
    assert _rejected(check(s, f)) == (Problem.UNSUPPORTED_REPLY_CHANNEL, "metadata")


def test_rejections_keep_what_arrived() -> None:
    s, f = build(encryptedData=fake_jwe(b"{}"))
    result = check(s, f)
    assert isinstance(result, Rejected)
    assert result.metadata is not None and result.service_identifier == TEMPLATE.leika
    assert result.authentication_tags["data"] == s["encryptedData"].split(".")[-1]


def test_declared_type_not_trusted() -> None:
    exe = b"MZ\x90\x00" + b"\x00" * 60

    def patch(m: dict[str, Any]) -> dict[str, Any]:
        m["contentStructure"]["attachments"][0]["hash"]["content"] = hashlib.sha512(exe).hexdigest()
        m["contentStructure"]["attachments"][0]["filename"] = "Rechnung.pdf.exe"
        return m

    s, f = build(metadata=patch)
    f[s["attachments"][0]] = fake_jwe(exe)
    result = check(s, f)
    assert isinstance(result, Accepted)
    suspicious = next(a for a in result.attachments if a.verification != "ok")
    assert suspicious.verification == "unknown_type"
    assert suspicious.safe_name == "Rechnung.pdf.pdf"


def test_transient_attachment_fetch_errors_propagate() -> None:
    s, _f = build()

    def failing(_: str) -> str:
        raise PortalTimeout("portal.example", "read", 2.0)

    with pytest.raises(PortalTimeout):
        check_submission(as_submission(s), failing, fake_decrypt, {TEMPLATE.leika: TEMPLATE})


# -- bounds, and failures nobody foresaw (issue 13) --------------------------------------------


def with_data(raw: bytes) -> tuple[dict[str, Any], dict[str, str]]:
    """A submission whose form data is ``raw``, with the hash that fits it."""

    def patch(m: dict[str, Any]) -> dict[str, Any]:
        m["contentStructure"]["data"]["hash"]["content"] = hashlib.sha512(raw).hexdigest()
        return m

    return build(encryptedData=fake_jwe(raw), metadata=patch)


def test_deep_nesting_is_a_syntax_violation_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    s, f = build(encryptedMetadata=fake_jwe(b'{"a": ' + deep + b"}"))
    result = check(s, f)
    assert _rejected(result) == (Problem.SYNTAX_VIOLATION, "metadata")
    assert isinstance(result, Rejected) and "nested deeper than 32" in result.detail
    result = check(*with_data(b'{"applicant": ' + deep + b"}"))
    assert _rejected(result) == (Problem.SYNTAX_VIOLATION, "data")


@pytest.mark.parametrize(
    "raw",
    [b'{"n": NaN}', b'{"n": 1e400}', b'{"n": ' + b"7" * 5000 + b"}", b'{"s": "\\udc00"}'],
    ids=["nan", "overflow", "long-number", "lone-surrogate"],
)
def test_values_no_database_can_hold_are_refused(raw: bytes) -> None:
    assert _rejected(check(*with_data(raw))) == (Problem.SYNTAX_VIOLATION, "data")


def test_too_many_attachments_are_refused_before_any_download() -> None:
    s, _f = build()
    s["attachments"] = [str(uuid.uuid4()) for _ in range(201)]
    result = check(s, {})
    assert _rejected(result) == (Problem.TECHNICAL_ERROR, "submission")


@pytest.mark.expect_log_warning(r"failed unexpectedly")
def test_an_unexpected_failure_rejects_as_technical_error_at_the_part_being_checked() -> None:
    s, f = build()
    target = s["attachments"][1]

    def decrypt(compact: JweText) -> bytes:
        if compact == f[target]:
            raise RecursionError("maximum recursion depth exceeded")
        return fake_decrypt(compact)

    result = check_submission(as_submission(s), f.__getitem__, decrypt, {TEMPLATE.leika: TEMPLATE})
    assert _rejected(result) == (Problem.TECHNICAL_ERROR, f"attachment:{target}")
    assert isinstance(result, Rejected) and "RecursionError" in result.detail
    assert result.metadata is not None  # what arrived is kept for the record


@pytest.mark.expect_log_warning(r"failed on our side")
@pytest.mark.parametrize("failure", [MemoryError(), OSError(28, "No space left on device")])
def test_a_failure_on_our_side_is_held_not_blamed_on_the_citizen(failure: Exception) -> None:
    s, f = build()

    def decrypt(compact: JweText) -> bytes:
        if compact == s["encryptedData"]:
            raise failure
        return fake_decrypt(compact)

    result = check_submission(as_submission(s), f.__getitem__, decrypt, {TEMPLATE.leika: TEMPLATE})
    assert isinstance(result, Held), result
    assert result.stage == "check" and type(failure).__name__ in result.error


def test_an_attachment_beyond_the_download_limit_is_rejected() -> None:
    s, f = build()
    big = s["attachments"][0]

    def fetch(attachment_id: str) -> str:
        if attachment_id == big:
            raise ResponseTooLarge("the attachment answer is larger than 536870912 bytes")
        return f[attachment_id]

    result = check_submission(as_submission(s), fetch, fake_decrypt, {TEMPLATE.leika: TEMPLATE})
    assert _rejected(result) == (Problem.TECHNICAL_ERROR, f"attachment:{big}")


def test_attachment_descriptions_are_cut_to_what_is_stored() -> None:
    def patch(m: dict[str, Any]) -> dict[str, Any]:
        m["contentStructure"]["attachments"][0]["mimeType"] = "application/" + "x" * 5000
        m["contentStructure"]["attachments"][0]["filename"] = "a\x00b/../" + "ü" * 1000 + ".pdf"
        return m

    s, f = build(metadata=patch)
    result = check(s, f)
    assert isinstance(result, Accepted), result
    first = next(a for a in result.attachments if a.attachment_id == s["attachments"][0])
    assert len(first.original_name) == 300 and "\x00" not in first.original_name
    assert first.media_type == "application/pdf"  # sniffed; the declared one is not trusted
    assert len(first.verification_detail or "") < 200
    assert "/" not in first.safe_name and "\x00" not in first.safe_name
