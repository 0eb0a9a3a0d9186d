"""What the portal reports, in words: summaries, problems, advice — in German too."""

from __future__ import annotations

from backoffice.portal.errors import AuthenticationFailed, ConnectionFailure, PortalConnectionError
from backoffice.portal.protocol import Problem
from backoffice.services.intake import SyncReport
from backoffice.ui.portal_texts import (
    failure_advice,
    instance_name,
    problem_detail,
    problem_explanation,
    problem_name,
    sync_summary,
)


def _report(accepted: int = 0, rejected: int = 0, skipped: int = 0) -> SyncReport:
    report = SyncReport("d", accepted=accepted, rejected=rejected)
    report.skipped = [(f"s{i}", "timeout") for i in range(skipped)]
    return report


def test_the_sync_summary_in_german(german: object) -> None:
    assert sync_summary([_report(3, 1)]) == "3 neue Anträge, 1 abgelehnt"
    assert sync_summary([_report(1), _report(0, 0, 2)]) == "1 neuer Antrag, 2 zurückgestellt"
    assert sync_summary([_report()]) == "keine neuen Anträge"
    stopped = _report(2)
    stopped.cancelled = True
    assert sync_summary([stopped]) == "Angehalten: 2 neue Anträge"
    answered = _report(3)
    answered.follow_ups = 1  # an answer on a case we have: no new application
    assert sync_summary([answered]) == "2 neue Anträge, 1 Antwort von Antragstellenden"


def test_every_problem_has_a_german_title_and_explanation(german: object) -> None:
    for problem in Problem:
        assert problem_name(problem.value) != problem.value
        assert problem_explanation(problem.value)
    assert problem_name("urn:something-new") == "urn:something-new"  # unknown: as it came
    assert problem_name(None) == "unbekannt"
    assert instance_name("attachment:a1") == "Anlage a1"
    assert instance_name("data") == "Formulardaten"
    assert problem_detail("SHA-512 of the data does not match") == (
        "Die SHA-512-Prüfsumme der Daten weicht ab."
    )
    assert problem_detail("$.x: 'y' is required") == "$.x: 'y' is required"


def test_advice_depends_on_what_failed() -> None:
    refused = PortalConnectionError("portal.example", ConnectionFailure.REFUSED)
    assert failure_advice(refused).startswith("Nothing is lost")
    assert "client id and secret" in failure_advice(AuthenticationFailed(401))
    assert "database" in failure_advice(OSError("disk"))
