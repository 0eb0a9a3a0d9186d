"""What the portal connection reports, in the clerk's words: problems, outbox, syncs.

The services and the portal package return codes and one-line English technical
texts; here they become translated titles, explanations and advice (context
``PortalTexts``). Technical texts that cannot be translated are shown as they
are, as plain text, marked as technical detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.domain.errors import DomainError
from backoffice.portal.errors import (
    AuthenticationFailed,
    PortalConfigError,
    PortalError,
    TlsError,
    TransientError,
)
from backoffice.portal.protocol import Instance, Problem

if TYPE_CHECKING:  # the intake module (the portal stack) is loaded with the first sync
    from backoffice.services.intake import SyncReport


def problem_name(code: str | None) -> str:
    """The title of a rejection reason (a :class:`Problem` value)."""
    names = {
        Problem.ENCRYPTION_ISSUE: QCoreApplication.translate(
            "PortalTexts", "Could not be decrypted"
        ),
        Problem.SYNTAX_VIOLATION: QCoreApplication.translate(
            "PortalTexts", "Not readable (syntax error)"
        ),
        Problem.SCHEMA_VIOLATION: QCoreApplication.translate(
            "PortalTexts", "Incomplete or malformed data"
        ),
        Problem.UNSUPPORTED_SCHEMA: QCoreApplication.translate(
            "PortalTexts", "Form version not supported"
        ),
        Problem.HASH_MISMATCH: QCoreApplication.translate("PortalTexts", "Checksum does not match"),
        Problem.MISSING_DATA: QCoreApplication.translate("PortalTexts", "Form data missing"),
        Problem.MISSING_ATTACHMENT: QCoreApplication.translate("PortalTexts", "Attachment missing"),
        Problem.ATTACHMENTS_MISMATCH: QCoreApplication.translate(
            "PortalTexts", "Attachments do not match"
        ),
        Problem.SERVICE_MISMATCH: QCoreApplication.translate(
            "PortalTexts", "Service not offered or mismatched"
        ),
        Problem.UNSUPPORTED_REPLY_CHANNEL: QCoreApplication.translate(
            "PortalTexts", "Reply channel not supported"
        ),
        Problem.UNSUPPORTED_PAYMENT_METHOD: QCoreApplication.translate(
            "PortalTexts", "Payment method not supported"
        ),
        Problem.TECHNICAL_ERROR: QCoreApplication.translate("PortalTexts", "Technical error"),
    }
    try:
        return names[Problem(code or "")]
    except ValueError:
        return code or QCoreApplication.translate("PortalTexts", "unknown")


def problem_explanation(code: str | None) -> str:
    """What a rejection reason means for the clerk who is asked about it."""
    texts = {
        Problem.ENCRYPTION_ISSUE: QCoreApplication.translate(
            "PortalTexts",
            "The application was encrypted for a key this office does not have. The portal "
            "or the applicant's software may use an old key of ours.",
        ),
        Problem.SYNTAX_VIOLATION: QCoreApplication.translate(
            "PortalTexts", "Part of the application was not readable data."
        ),
        Problem.SCHEMA_VIOLATION: QCoreApplication.translate(
            "PortalTexts",
            "Part of the application does not have the structure the service expects "
            "(a required entry is missing or has the wrong form).",
        ),
        Problem.UNSUPPORTED_SCHEMA: QCoreApplication.translate(
            "PortalTexts", "The application uses a form version this program does not know."
        ),
        Problem.HASH_MISMATCH: QCoreApplication.translate(
            "PortalTexts",
            "The content does not match the checksum it was sent with: it was damaged or "
            "changed on the way.",
        ),
        Problem.MISSING_DATA: QCoreApplication.translate(
            "PortalTexts", "The application arrived without its form data."
        ),
        Problem.MISSING_ATTACHMENT: QCoreApplication.translate(
            "PortalTexts", "The application announces an attachment that did not arrive."
        ),
        Problem.ATTACHMENTS_MISMATCH: QCoreApplication.translate(
            "PortalTexts", "The application carries attachments it does not describe."
        ),
        Problem.SERVICE_MISMATCH: QCoreApplication.translate(
            "PortalTexts",
            "The application is for a service this office does not offer here, or names "
            "two different services.",
        ),
        Problem.UNSUPPORTED_REPLY_CHANNEL: QCoreApplication.translate(
            "PortalTexts",
            "The applicant asked for answers through a channel this office cannot use.",
        ),
        Problem.UNSUPPORTED_PAYMENT_METHOD: QCoreApplication.translate(
            "PortalTexts", "The payment method is not accepted."
        ),
        Problem.TECHNICAL_ERROR: QCoreApplication.translate(
            "PortalTexts", "A technical error occurred while checking the application."
        ),
    }
    try:
        return texts[Problem(code or "")]
    except ValueError:
        return ""


def instance_name(instance: str | None, *, short: bool = False) -> str:
    """Which part of the submission failed (a problem's ``instance``); ``short``: an
    attachment's id cut to its first characters (for a table column)."""
    if not instance:
        return "—"
    if instance.startswith("attachment:"):
        attachment_id = instance.removeprefix("attachment:")
        if short and len(attachment_id) > 9:
            attachment_id = attachment_id[:8] + "…"
        return QCoreApplication.translate("PortalTexts", "attachment {id}").format(id=attachment_id)
    names = {
        Instance.METADATA: QCoreApplication.translate("PortalTexts", "envelope (metadata)"),
        Instance.DATA: QCoreApplication.translate("PortalTexts", "form data"),
        Instance.SUBMISSION: QCoreApplication.translate("PortalTexts", "submission as a whole"),
    }
    return names.get(instance, instance)


_UNDESCRIBED = "the metadata describes an attachment the submission does not have"


def _known_details() -> dict[str, str]:
    """Fixed technical details of the intake checks that have a translation."""
    return {
        "SHA-512 of the data does not match": QCoreApplication.translate(
            "PortalTexts", "The SHA-512 checksum of the data differs."
        ),
        "the submission carries no form data": QCoreApplication.translate(
            "PortalTexts", "There is no form data."
        ),
        "SHA-512 of the attachment does not match": QCoreApplication.translate(
            "PortalTexts", "The SHA-512 checksum of the attachment differs."
        ),
        "form data larger than 5 MB": QCoreApplication.translate(
            "PortalTexts", "The form data is larger than 5 MB."
        ),
        "only JSON form data is supported": QCoreApplication.translate(
            "PortalTexts", "Only JSON form data is supported."
        ),
        "metadata is not an object": QCoreApplication.translate(
            "PortalTexts", "The metadata is not a JSON object."
        ),
        _UNDESCRIBED: QCoreApplication.translate(
            "PortalTexts", "The metadata describes an attachment the submission does not have."
        ),
    }


def problem_detail(detail: str | None) -> str:
    """The check's own words: translated where the text is one we know, else as it is."""
    if not detail:
        return ""
    return _known_details().get(detail, detail)


def outbox_kind(kind: str) -> str:
    names = {
        "portal_decision": QCoreApplication.translate("PortalTexts", "Confirmation to the portal"),
        "status_message": QCoreApplication.translate("PortalTexts", "Message to the applicant"),
    }
    return names.get(kind, kind)


def outbox_state(state: str) -> str:
    names = {
        "pending": QCoreApplication.translate("PortalTexts", "waiting"),
        "failed": QCoreApplication.translate("PortalTexts", "failed for good"),
        "sent": QCoreApplication.translate("PortalTexts", "sent"),
    }
    return names.get(state, state)


class PortalTexts(QObject):
    """The counted texts of this module (same translation context as the others).

    ``pyside6-lupdate`` recognises plural forms only in ``self.tr(text, "", n)``, not in
    ``QCoreApplication.translate(…, n)``; written that way, ``translations update`` would
    turn them into singular entries.
    """

    def new_applications(self, n: int) -> str:
        return self.tr("%n new application(s)", "", n)

    def answers(self, n: int) -> str:
        return self.tr("%n answer(s) from applicants", "", n)

    def rejected(self, n: int) -> str:
        return self.tr("%n rejected", "", n)

    def postponed(self, n: int) -> str:
        return self.tr("%n postponed", "", n)


def sync_summary(reports: Sequence[SyncReport]) -> str:
    """One line for the status bar: "3 new applications, 1 rejected"."""
    answers = sum(r.follow_ups for r in reports)
    accepted = sum(r.accepted for r in reports) - answers  # new cases only
    rejected = sum(r.rejected for r in reports)
    skipped = sum(len(r.skipped) for r in reports)
    counted = PortalTexts()
    parts = []
    if accepted:
        parts.append(counted.new_applications(accepted))
    if answers:
        parts.append(counted.answers(answers))
    if rejected:
        parts.append(counted.rejected(rejected))
    if skipped:
        parts.append(counted.postponed(skipped))
    if not parts:
        parts.append(QCoreApplication.translate("PortalTexts", "no new applications"))
    text = ", ".join(parts)
    if any(r.cancelled for r in reports):
        text = QCoreApplication.translate("PortalTexts", "Stopped: {summary}").format(summary=text)
    return text


def failure_advice(error: BaseException | None) -> str:
    """What to do about a failed sync, from the kind of error (None: only a report text)."""
    from backoffice.portal.keys import KeyFileError  # jwcrypto: after a sync, not at the start

    if isinstance(error, AuthenticationFailed):
        return QCoreApplication.translate(
            "PortalTexts",
            "The portal did not accept this office's credentials. An administrator should "
            "check the client id and secret (backoffice portal configure) and test the "
            "connection (backoffice portal test).",
        )
    if isinstance(error, TlsError):
        return QCoreApplication.translate(
            "PortalTexts",
            "The portal's certificate was not accepted. Ask the IT department to check the "
            "portal address and the trusted certificates.",
        )
    if isinstance(error, PortalConfigError | KeyFileError):
        return QCoreApplication.translate(
            "PortalTexts",
            "The portal connection is not set up completely. An administrator can set it "
            "up with backoffice portal configure and backoffice keys generate, and test it "
            "with backoffice portal test.",
        )
    if isinstance(error, TransientError) or error is None:
        return QCoreApplication.translate(
            "PortalTexts",
            "Nothing is lost: applications stay at the portal until they have been fetched. "
            "Try again in a few minutes; the program also tries by itself. If the problem "
            "persists, an administrator can test the connection with backoffice portal test.",
        )
    if isinstance(error, PortalError):
        return QCoreApplication.translate(
            "PortalTexts",
            "The portal answered in a way the program did not expect. Nothing is lost; if it "
            "happens again, an administrator can test the connection with backoffice portal "
            "test and look at the log file.",
        )
    if isinstance(error, DomainError):
        return QCoreApplication.translate(
            "PortalTexts", "Your role may not do this; ask a team lead or an administrator."
        )
    return QCoreApplication.translate(
        "PortalTexts",
        "Nothing is lost. Check the network connection to the database and try again; "
        "if it happens again, send the log file to your IT support.",
    )


__all__ = [
    "failure_advice",
    "instance_name",
    "outbox_kind",
    "outbox_state",
    "problem_detail",
    "problem_explanation",
    "problem_name",
    "sync_summary",
]
