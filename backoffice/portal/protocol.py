"""Protocol constants shared by the subscriber client and the portal simulator.

This module is the only code the simulator shares with ``backoffice.portal``.
Everything PROTOCOL.md marks *(unconfirmed)* lives here, in one place, so it
can be corrected once: the SET payload schema URI, the problem type URIs, the
reply paths and the auto-reject periods.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

# -- JOSE ---------------------------------------------------------------------------------------
JWE_ALG: Final = "RSA-OAEP-256"
JWE_ENC: Final = "A256GCM"
JWS_ALG: Final = "PS512"
RSA_BITS: Final = 4096
SET_TYPE: Final = "secevent+jwt"
JOSE_MEDIA_TYPE: Final = "application/jose"
PROBLEM_MEDIA_TYPE: Final = "application/problem+json"
#: Upper bound for `zip: DEF` decompression of one JWE payload (decompression bombs).
MAX_DECOMPRESSED_BYTES: Final = 64 * 1024 * 1024

# -- Authentication -----------------------------------------------------------------------------
TOKEN_MAX_SECONDS: Final = 1800
GRANT_TYPE: Final = "client_credentials"

# -- Paths (relative to the API root ``…/v1``) ---------------------------------------------------
SUBMISSIONS: Final = "/submissions"
SUBMISSION: Final = "/submissions/{submission_id}"
SUBMISSION_ATTACHMENT: Final = "/submissions/{submission_id}/attachments/{attachment_id}"
CASE_EVENTS: Final = "/cases/{case_id}/events"
DESTINATION: Final = "/destinations/{destination_id}"
DESTINATION_KEYS: Final = "/destinations/{destination_id}/keys"
DESTINATION_KEY: Final = "/destinations/{destination_id}/keys/{kid}"
#: Served at the host root, not under /v1.
JWKS_PATH: Final = "/.well-known/jwks.json"
# Reply paths mirror submissions (unconfirmed).
REPLIES: Final = "/replies"
REPLY: Final = "/replies/{reply_id}"
REPLY_ATTACHMENT: Final = "/replies/{reply_id}/attachments/{attachment_id}"
REPLY_EVENTS: Final = "/replies/{reply_id}/events"

PAGE_LIMIT_MAX: Final = 500
PAGE_LIMIT_DEFAULT: Final = 100

# -- Security event tokens ----------------------------------------------------------------------
#: SET payload schema URI (exact version unconfirmed; keep configurable).
SET_SCHEMA: Final = "https://schema.fitko.de/fit-connect/set-payload/1.2.0/set-payload.schema.json"
EVENT_BASE: Final = "https://schema.fitko.de/fit-connect/events/"


class Event(StrEnum):
    CREATE_SUBMISSION = EVENT_BASE + "create-submission"
    SUBMIT_SUBMISSION = EVENT_BASE + "submit-submission"
    ACCEPT_SUBMISSION = EVENT_BASE + "accept-submission"
    REJECT_SUBMISSION = EVENT_BASE + "reject-submission"
    DELETE_SUBMISSION = EVENT_BASE + "delete-submission"


# -- Problems in reject events (type URIs unconfirmed: this one table) --------------------------
PROBLEM_BASE: Final = "https://schema.fitko.de/fit-connect/events/problems/"


class Problem(StrEnum):
    ENCRYPTION_ISSUE = "encryption-issue"
    SYNTAX_VIOLATION = "syntax-violation"
    SCHEMA_VIOLATION = "schema-violation"
    UNSUPPORTED_SCHEMA = "unsupported-schema"
    HASH_MISMATCH = "hash-mismatch"
    MISSING_DATA = "missing-data"
    MISSING_ATTACHMENT = "missing-attachment"
    ATTACHMENTS_MISMATCH = "attachments-mismatch"
    SERVICE_MISMATCH = "service-mismatch"
    UNSUPPORTED_REPLY_CHANNEL = "unsupported-reply-channel"
    UNSUPPORTED_PAYMENT_METHOD = "unsupported-payment-method"
    TECHNICAL_ERROR = "technical-error"

    @property
    def uri(self) -> str:
        return PROBLEM_BASE + self.value


#: German titles for the problems (the portal shows them to the citizen).
PROBLEM_TITLES: Final[dict[Problem, str]] = {
    Problem.ENCRYPTION_ISSUE: "Entschlüsselungsfehler",
    Problem.SYNTAX_VIOLATION: "Syntax-Fehler",
    Problem.SCHEMA_VIOLATION: "Schema-Fehler",
    Problem.UNSUPPORTED_SCHEMA: "Schema nicht unterstützt",
    Problem.HASH_MISMATCH: "Prüfsumme stimmt nicht",
    Problem.MISSING_DATA: "Fachdaten fehlen",
    Problem.MISSING_ATTACHMENT: "Anlage fehlt",
    Problem.ATTACHMENTS_MISMATCH: "Anlagen stimmen nicht überein",
    Problem.SERVICE_MISMATCH: "Leistung stimmt nicht überein",
    Problem.UNSUPPORTED_REPLY_CHANNEL: "Rückkanal nicht unterstützt",
    Problem.UNSUPPORTED_PAYMENT_METHOD: "Zahlart nicht unterstützt",
    Problem.TECHNICAL_ERROR: "Technischer Fehler",
}


class Instance:
    """Values of a problem's ``instance``: which part of the submission failed."""

    METADATA: Final = "metadata"
    DATA: Final = "data"
    SUBMISSION: Final = "submission"

    @staticmethod
    def attachment(attachment_id: str) -> str:
        return f"attachment:{attachment_id}"


# -- Submission API problems (delivery service answers, RFC 7807) -------------------------------
API_PROBLEM_BASE: Final = "https://schema.fitko.de/fit-connect/submission-api/problems/"
DESTINATION_NOT_FOUND: Final = API_PROBLEM_BASE + "destination-not-found"
DESTINATION_STATE_INVALID: Final = API_PROBLEM_BASE + "destination-state-invalid"

# -- Metadata ----------------------------------------------------------------------------------
METADATA_SCHEMA_URI: Final = (
    "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json"
)
METADATA_VERSIONS: Final = ("1.0.0",)
#: Reply channels of metadata 1.0.0 (``fitConnect`` arrives with newer metadata versions; the
#: 1.0.0 schema does not forbid it). No reply channel at all means: answer by post.
REPLY_CHANNELS: Final = ("eMail", "deMail", "fink", "elster", "fitConnect")
SUPPORTED_REPLY_CHANNELS: Final = ("eMail", "fitConnect")
SUPPORTED_PAYMENT_METHODS: Final = (
    "GIROPAY",
    "PAYDIRECT",
    "CREDITCARD",
    "PAYPAL",
    "INVOICE",
    "OTHER",
)

# -- Delivery-service timing (from the docs, numbers unconfirmed) -------------------------------
UNCONFIRMED_WARNING_DAYS: Final = 3
UNCONFIRMED_AUTO_REJECT_DAYS: Final = 14


def submission_schema_uri(service_key: str) -> str:
    """The data schema URI our destination announces for a service (our own naming)."""
    return f"urn:rathaus-backoffice:schema:{service_key}:1.0.0"


#: ``submissionSchema.schemaUri`` of a follow-up submission on an existing ``caseId`` (our own
#: naming): the citizen's answer to a query, ``{"message": "…"}``, with its attachments.
FOLLOW_UP_SCHEMA_URI: Final = "urn:rathaus-backoffice:schema:follow-up:1.0.0"
#: Longest message text of a follow-up submission.
FOLLOW_UP_MESSAGE_MAX: Final = 10_000


def set_subject(submission_id: str) -> str:
    return f"submission:{submission_id}"


def set_txn(case_id: str) -> str:
    return f"case:{case_id}"


# -- Addresses ----------------------------------------------------------------------------------
#: The API root is ``{base URL}/v1``; a configured base URL may also end in ``/v1`` already.
API_VERSION_PATH: Final = "/v1"


# -- Destinations and keys ----------------------------------------------------------------------
class DestinationStatus(StrEnum):
    #: No encryption key registered yet: senders cannot submit, nothing is listed.
    CREATED = "created"
    ACTIVE = "active"


#: ``key_ops`` of the public keys a subscriber registers at its destination.
ENCRYPTION_KEY_OPS: Final = ("wrapKey",)
SIGNATURE_KEY_OPS: Final = ("verify",)
DATA_MIME_TYPE: Final = "application/json"

# -- Rate limits ---------------------------------------------------------------------------------
RATE_LIMIT_LIMIT: Final = "RateLimit-Limit"
RATE_LIMIT_REMAINING: Final = "RateLimit-Remaining"
RATE_LIMIT_RESET: Final = "RateLimit-Reset"


# -- Replies (status messages to the citizen; event names mirror submissions, unconfirmed) -------
class ReplyEvent(StrEnum):
    SUBMIT_REPLY = EVENT_BASE + "submit-reply"
    ACCEPT_REPLY = EVENT_BASE + "accept-reply"
    REJECT_REPLY = EVENT_BASE + "reject-reply"


#: ``status`` of a status message (modelled on the federal citizen mailbox; REJECTED is ours).
REPLY_STATUSES: Final = ("RECEIVED", "PROCESSING", "ACTION_REQUIRED", "COMPLETED", "REJECTED")
REPLY_STATUS_DETAILS_MAX: Final = 50
REPLY_ADDITIONAL_INFORMATION_MAX: Final = 100
#: ``submissionSchema.schemaUri`` of a status message (our own naming).
REPLY_SCHEMA_URI: Final = "urn:rathaus-backoffice:schema:status-message:1.0.0"
