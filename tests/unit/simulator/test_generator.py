"""Drafted submissions: metadata valid against schema 1.0.0, each defect exactly as named."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

import jsonschema
import pytest
from jwcrypto import jwk

from backoffice.portal import protocol
from backoffice.simulator.catalogue import load_metadata_schema, load_services
from backoffice.simulator.faults import SubmissionFault
from backoffice.simulator.generator import Draft, GenerationOptions, make_draft

SERVICES = load_services()
VALIDATOR = jsonschema.Draft202012Validator(load_metadata_schema())


def draft(index: int, key: jwk.JWK, fault: SubmissionFault | None = None, **options: Any) -> Draft:
    return make_draft(
        index,
        SERVICES[index % len(SERVICES)],
        random.Random(index),
        GenerationOptions(**options),
        (key,),
        SERVICES,
        fault,
    )


def test_clean_drafts_are_valid(small_key: jwk.JWK) -> None:
    channels = set()
    for index in range(60):
        made = draft(index, small_key)
        metadata = json.loads(made.metadata_bytes)
        assert VALIDATOR.is_valid(metadata), list(VALIDATOR.iter_errors(metadata))
        assert metadata["publicServiceType"]["identifier"] == made.service.identifier
        assert made.service_type == made.service.service_type()
        content = metadata["contentStructure"]
        assert made.data is not None
        assert content["data"]["hash"]["content"] == hashlib.sha512(made.data).hexdigest()
        assert content["data"]["submissionSchema"]["schemaUri"] == protocol.submission_schema_uri(
            made.service.key
        )
        assert [a["attachmentId"] for a in content["attachments"]] == made.listed
        assert 0 <= len(made.listed) <= 3
        for attachment, described in zip(made.attachments, content["attachments"], strict=True):
            assert described["hash"]["content"] == attachment.sha512
        channels.add(made.reply_channel)
        if made.reply_channel == "fitConnect":
            key = metadata["replyChannel"]["fitConnect"]["encryptionKey"]
            assert key["kid"] == small_key.thumbprint() and "d" not in key
        assert made.expected.accept
    assert channels == {"eMail", "fitConnect", None}


def test_fixed_count_and_size(small_key: jwk.JWK) -> None:
    made = draft(3, small_key, attachments=2, attachment_size=100_000)
    assert [abs(len(a.content) - 100_000) <= 64 for a in made.attachments] == [True, True]


@pytest.mark.parametrize("fault", list(SubmissionFault))
def test_each_fault_is_one_defect(small_key: jwk.JWK, fault: SubmissionFault) -> None:
    made = draft(5, small_key, fault, attachments=2)
    assert made.fault is fault and not made.expected.accept
    if made.expected.instance and made.expected.instance.startswith("attachment:"):
        assert made.target is not None and made.expected.instance.endswith(made.target)
    schema_valid = True
    try:
        schema_valid = VALIDATOR.is_valid(json.loads(made.metadata_bytes))
    except ValueError:
        assert fault is SubmissionFault.METADATA_NOT_JSON
    assert schema_valid == (fault is not SubmissionFault.METADATA_SCHEMA)


def test_schema_faults_vary(small_key: jwk.JWK) -> None:
    for index in range(8):
        made = draft(index, small_key, SubmissionFault.METADATA_SCHEMA)
        assert not VALIDATOR.is_valid(json.loads(made.metadata_bytes))
