"""History entries of `cases show` in words, for every kind of event."""

from __future__ import annotations

from datetime import UTC, datetime

from backoffice.cli.case_text import describe_event
from backoffice.services.audit import EventKind
from backoffice.services.casework.records import HistoryEntry

AT = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


def entry(kind: str, **payload: object) -> HistoryEntry:
    return HistoryEntry(1, AT, "Petra Sommer", kind, dict(payload))


def test_every_kind_of_event_has_words() -> None:
    for kind in EventKind:
        first, *_ = describe_event(entry(kind.value))
        assert first != f"Petra Sommer: {kind.value}", kind  # not the fallback


def test_payloads_are_said_not_dumped() -> None:
    lines = describe_event(
        entry(
            "status_changed",
            **{"from": "received", "to": "in_progress", "version": 3},
            comment="Unterlagen\r\nvollständig",
            message="Wir bearbeiten\x1b[31m Ihren Antrag.",
        )
    )
    assert lines == [
        "Petra Sommer changed the status: received → in_progress",
        "comment: Unterlagen",
        "vollständig",
        "message to the applicant: Wir bearbeiten⟨U+001B⟩[31m Ihren Antrag.",
    ]
    assert describe_event(entry("assigned", **{"from": "anna", "to": "karl"})) == [
        "Petra Sommer moved the case from anna to karl"
    ]
    assert describe_event(entry("new_kind", detail={"a": 1})) == [
        "Petra Sommer: new_kind",
        'detail: {"a": 1}',
    ]
