"""``backoffice cases show``: one case as readable ``key: value`` lines.

Times are Berlin wall-clock time, and the output says so once at the top; history entries
are said in words (who did what), not as stored payloads; form fields the service's
template does not know are shown in a section of their own, so that nothing the citizen
sent is hidden. Every value goes through the one rule for citizen text
(:func:`backoffice.domain.text.visible_text`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from backoffice.domain.forms import unknown_fields
from backoffice.domain.status import Status
from backoffice.domain.templates import FieldDef, ServiceTemplate
from backoffice.domain.text import visible_text
from backoffice.services.casework.records import CaseDetail, HistoryEntry

from .output import TIME_ZONE_NAME, local_time, print_fields

#: Longest form value shown in full; longer ones are cut (``--json`` has all of it).
MAX_VALUE_CHARS = 2_000
INDENT = "    "
#: Starts the further lines of a multi-line value, so that they never look like a field.
CONTINUED = "| "

VERIFICATION_WORDS = {
    "ok": "in order",
    "verified": "in order",
    "unknown_type": "file type not recognised",
    "type_mismatch": "file type differs from its declaration",
    "damaged": "damaged: the file cannot be opened",
    "unchecked": "not checked",
}


def print_case(detail: CaseDetail) -> None:
    row = detail.row
    template = detail.template
    due = row.due_date.isoformat() if row.due_date else ("paused" if row.paused else "-")
    if row.overdue:
        due += " (overdue)"
    elif detail.remaining_working_days is not None and row.due_date:
        due += f" ({detail.remaining_working_days} working day(s) left)"
    print(f"times in {TIME_ZONE_NAME}")
    print_fields(
        [
            ("case", f"{row.file_number} (id {row.id}, version {row.version})"),
            (
                "service",
                f"{template.name.en} ({template.key}, template version {template.version})",
            ),
            ("status", _status(row.status.value, template)),
            ("assignee", row.assignee_name or "-"),
            ("received", local_time(row.received_at)),
            ("due", due),
            *([("paused since", detail.paused_since.isoformat())] if detail.paused_since else []),
            *([("closed", local_time(detail.closed_at))] if detail.closed_at else []),
            ("applicant", row.applicant_name),
            ("e-mail", detail.applicant_email or "-"),
            ("reply channel", detail.reply_channel),
            ("portal case id", row.portal_case_id or "-"),
            ("submission id", detail.submission_id or "-"),
            ("destination id", detail.destination_id or "-"),
            ("identification", detail.auth_level or "-"),
            ("payment", detail.payment_state or "-"),
        ]
    )
    for group in template.field_groups:
        values = detail.form_data.get(group.key)
        values = values if isinstance(values, Mapping) else {}
        lines = []
        for field in group.fields:
            if field.key in values:
                lines.append((field.label.en, _field_value(field, values[field.key])))
        if lines:
            print(f"{group.label.en}:")
            _print_values(lines)
    other = list(_unknown_values(detail))
    if other:
        print("other fields (not in the service's form):")
        _print_values(other)
    if detail.attachments:
        print("attachments:")
        for a in detail.attachments:
            check = VERIFICATION_WORDS.get(a.verification, a.verification)
            if a.verification_detail:
                check += f" ({a.verification_detail})"
            print(
                INDENT
                + visible_text(
                    f"{a.id}  {a.original_name}  (stored as {a.safe_name}, {a.media_type}, "
                    f"{a.size:,} bytes): {check}"
                )
            )
    print(f"history (times in {TIME_ZONE_NAME}):")
    for entry in detail.history:
        first, *more = describe_event(entry, template)
        print(f"{INDENT}{entry.seq:>3}  {local_time(entry.at)}  {visible_text(first)}")
        for line in more:
            print(f"{INDENT}{'':>3}  {'':16}  {CONTINUED}{line}".rstrip())
    for notice in detail.notices:
        print(
            visible_text(
                f"new for you: {notice.actor_name or 'system'}: {notice.kind} "
                f"({local_time(notice.at)})"
            )
        )
    allowed = ", ".join(t.target.value for t in detail.allowed_transitions) or "none"
    print(f"possible status changes: {allowed}")


def describe_event(entry: HistoryEntry, template: ServiceTemplate | None = None) -> list[str]:
    """One history entry in words: the first line says what happened, further lines add
    comments, messages and notes (each already made visible, line breaks kept as lines)."""
    p = entry.payload
    who = entry.actor_name or "system"
    kind = entry.kind
    details: list[tuple[str, Any]] = []
    if kind == "received":
        title = "application received"
        details = [("file number", p.get("file_number")), ("submission", p.get("submission_id"))]
    elif kind == "claimed":
        title = f"{who} took the case"
    elif kind == "assigned":
        target = p.get("to") or "nobody"
        if p.get("from"):
            title = f"{who} moved the case from {p.get('from')} to {target}"
        else:
            title = f"{who} assigned the case to {target}"
    elif kind == "released":
        title = f"{who} released the case"
    elif kind == "status_changed":
        source = _status(p.get("from"), template)
        target = _status(p.get("to"), template)
        title = f"{who} changed the status: {source} → {target}"
        details = [("comment", p.get("comment")), ("message to the applicant", p.get("message"))]
    elif kind == "note_added":
        title = f"note by {who}"
        details = [("", p.get("text"))]
    elif kind == "document_generated":
        title = f"{who} generated a document: {p.get('kind', '?')}"
        details = [
            ("language", p.get("language")),
            ("verification code", p.get("verification_code")),
        ]
    elif kind == "message_queued":
        title = "message to the applicant queued"
        details = [("kind", p.get("kind")), ("channel", p.get("channel"))]
    elif kind == "message_sent":
        title = f"message sent: {p.get('kind', '?')}"
    elif kind == "message_failed":
        title = f"message could not be sent: {p.get('kind', '?')}"
        details = [("error", p.get("error"))]
    elif kind == "letter_printed":
        title = f"{who} printed the letter"
    elif kind == "reply_announced":
        title = "message opened as a reply at the portal"
        details = [("reply", p.get("reply_id"))]
    elif kind == "citizen_answered":
        title = (
            "the applicant sent the form again"
            if p.get("form_resent")
            else ("the applicant answered")
        )
        names = ", ".join(str(n) for n in p.get("attachments") or [])
        details = [("", p.get("text")), ("new attachments", names)]
    elif kind == "attachment_viewed":
        title = f"{who} opened the attachment {p.get('attachment', '?')}"
        details = [("as", p.get("purpose"))]
    else:
        title = f"{who}: {kind}"
        details = [(key, value) for key, value in p.items()]
    lines = [visible_text(title)]
    for label, value in details:
        if value is None or value == "":
            continue
        text = _plain(value)
        body = visible_text(
            text[:MAX_VALUE_CHARS] + ("…" if len(text) > MAX_VALUE_CHARS else ""), multiline=True
        ).split("\n")
        if label:
            body[0] = f"{label}: {body[0]}"
        lines.extend(body)
    return lines


def _status(code: Any, template: ServiceTemplate | None) -> str:
    try:
        status = Status(code)
    except ValueError:
        return str(code)
    if template is not None and status in template.workflow.labels:
        return f"{template.workflow.labels[status].en} ({status.value})"
    return status.value


def _field_value(field: FieldDef, value: Any) -> str:
    if field.type == "boolean" and isinstance(value, bool):
        return "yes" if value else "no"
    if field.type == "choice":
        for option, label in field.options:
            if option == value:
                return f"{label.en} ({option})"
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "-"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _unknown_values(detail: CaseDetail) -> Iterator[tuple[str, str]]:
    """The values no field of the template shows, by their path (``group.field``)."""
    for path in unknown_fields(detail.template, detail.form_data):
        value: Any = detail.form_data
        for key in path:
            value = value[key]
        yield ".".join(path), _plain(value)


def _print_values(pairs: list[tuple[str, str]]) -> None:
    """Labelled values, one per line; a multi-line value continues indented below."""
    for label, value in pairs:
        cut = (
            value
            if len(value) <= MAX_VALUE_CHARS
            else (
                value[:MAX_VALUE_CHARS] + f"… ({len(value) - MAX_VALUE_CHARS:,} more characters; "
                "`--json` shows all)"
            )
        )
        first, *more = visible_text(cut, multiline=True).split("\n")
        print(f"{INDENT}{visible_text(label)}: {first}".rstrip())
        for line in more:
            print(f"{INDENT}{INDENT}{CONTINUED}{line}".rstrip())
