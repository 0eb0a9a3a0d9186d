"""``--json`` of ``backoffice cases list|show``: stable field names for scripts.

The field names below are an interface: add fields, never rename or remove one. Times
are ISO 8601 with their offset (Berlin time, e.g. ``2026-11-25T14:03:00+01:00``), dates
``YYYY-MM-DD``; citizen text is a JSON string, escaped so that it is inert in a terminal
(:func:`backoffice.cli.output.print_json`). The epilogs are the --help texts.
"""

from __future__ import annotations

from typing import Any

from backoffice.domain.forms import unknown_fields
from backoffice.domain.status import Status
from backoffice.services.casework.records import CaseDetail
from backoffice.services.queries import CaseRow

from .output import iso_time

LIST_EPILOG = """\
--json prints one object: {"total": cases matching the filter, "cases": [...]}; each case
has id, file_number, service, applicant_name, received_at, due_date, paused, overdue,
status, assignee ({"id", "name"} or null), attachment_count, version (for
--expect-version), portal_case_id (the portal's caseId, or null), reply_channel
(fitConnect, eMail, ... or postal). Times: ISO 8601 with offset (Europe/Berlin); dates
YYYY-MM-DD. Citizen text is a JSON string. Field names are stable.
Plain output: times in Europe/Berlin; control and bidi characters in citizen text are
shown as markers like ⟨U+001B⟩, line breaks in one-line values as ⏎."""

SHOW_EPILOG = """\
--json prints one object with every field of `cases list --json` (among them
portal_case_id, the portal's caseId, and reply_channel), and: service
({"key", "name_de", "name_en", "template_version"}), applicant_email, submission_id,
destination_id, auth_level, payment_state, paused_since, closed_at,
remaining_working_days, form_data (as received, with fields the service's form does
not know; only NUL stored as U+FFFD and values over 100,000 characters cut),
unknown_fields (paths ["group", "field"] of those),
attachments [{"id", "original_name", "safe_name", "media_type", "size", "sha512",
"verification" (ok, unknown_type, type_mismatch, damaged), "verification_detail"}],
history [{"seq", "at", "actor", "kind", "payload"}], notices [{"kind", "actor", "at",
"payload"}], allowed_status_changes, has_certificate, checklist [{"key", "label_de",
"label_en", "required_before" (statuses), "ticked", "ticked_at", "ticked_by" ({"login",
"name"} or null)}] (empty: the service has none). Times: ISO 8601 with offset
(Europe/Berlin). Field names are stable.
Plain output: times in Europe/Berlin; fields the service's form does not know are listed
under "other fields"; control and bidi characters in citizen text are shown as markers
like ⟨U+202E⟩."""


def row_json(row: CaseRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "file_number": row.file_number,
        "service": row.service_key,
        "applicant_name": row.applicant_name,
        "received_at": iso_time(row.received_at),
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "paused": row.paused,
        "overdue": row.overdue,
        "status": row.status.value,
        "assignee": (
            {"id": row.assignee_id, "name": row.assignee_name}
            if row.assignee_id is not None
            else None
        ),
        "attachment_count": row.attachment_count,
        "version": row.version,
        "portal_case_id": row.portal_case_id,
        "reply_channel": row.reply_channel,
    }


def detail_json(detail: CaseDetail) -> dict[str, Any]:
    template = detail.template
    return {
        **row_json(detail.row),
        "service": {
            "key": template.key,
            "name_de": template.name.de,
            "name_en": template.name.en,
            "template_version": template.version,
        },
        # The case's own channel (the row's is the same column, read in the same query).
        "reply_channel": detail.reply_channel,
        "applicant_email": detail.applicant_email,
        "submission_id": detail.submission_id,
        "destination_id": detail.destination_id,
        "auth_level": detail.auth_level,
        "payment_state": detail.payment_state,
        "paused_since": detail.paused_since.isoformat() if detail.paused_since else None,
        "closed_at": iso_time(detail.closed_at),
        "remaining_working_days": detail.remaining_working_days,
        "form_data": detail.form_data,
        "unknown_fields": [list(path) for path in unknown_fields(template, detail.form_data)],
        "attachments": [
            {
                "id": a.id,
                "original_name": a.original_name,
                "safe_name": a.safe_name,
                "media_type": a.media_type,
                "size": a.size,
                "sha512": a.sha512,
                "verification": a.verification,
                "verification_detail": a.verification_detail,
            }
            for a in detail.attachments
        ],
        "history": [
            {
                "seq": e.seq,
                "at": iso_time(e.at),
                "actor": e.actor_name,
                "kind": e.kind,
                "payload": e.payload,
            }
            for e in detail.history
        ],
        "notices": [
            {"kind": n.kind, "actor": n.actor_name, "at": iso_time(n.at), "payload": n.payload}
            for n in detail.notices
        ],
        "allowed_status_changes": [t.target.value for t in detail.allowed_transitions],
        "has_certificate": detail.has_certificate,
        "checklist": [
            {
                "key": e.key,
                "label_de": e.label.de,
                "label_en": e.label.en,
                "required_before": [s.value for s in Status if s in e.required_before],
                "ticked": e.ticked,
                "ticked_at": iso_time(e.ticked_at),
                "ticked_by": (
                    {"login": e.ticked_by_login, "name": e.ticked_by} if e.ticked else None
                ),
            }
            for e in detail.checklist
        ],
    }
