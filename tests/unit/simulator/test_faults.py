"""Fault rules: parsing, matching, counting, rates; the expectation table is complete."""

from __future__ import annotations

import pytest

from backoffice.portal.protocol import Instance, Problem
from backoffice.simulator.faults import (
    EXPECTED,
    Expected,
    FaultBoard,
    FaultKind,
    FaultRule,
    SubmissionFault,
)


def test_every_submission_fault_has_an_expected_problem() -> None:
    assert set(EXPECTED) == set(SubmissionFault)
    expected = Expected.for_fault(SubmissionFault.ATTACHMENT_HASH, "a1")
    assert (expected.problem, expected.instance) == (Problem.HASH_MISMATCH, "attachment:a1")
    assert Expected.for_fault(None, None).accept
    assert Expected.for_fault(SubmissionFault.DATA_HASH, None).instance == Instance.DATA


def test_rules_from_the_command_line() -> None:
    rule = FaultRule.from_spec("error:rate=0.25,status=502,count=3,method=get,after=yes")
    assert (rule.kind, rule.rate, rule.status, rule.count, rule.method, rule.after) == (
        FaultKind.ERROR,
        0.25,
        502,
        3,
        "GET",
        True,
    )
    assert FaultRule.from_spec("duplicate").path == "/v1/submissions"
    assert FaultRule.from_spec("slow:delay=2").delay == 2.0
    for bad in ("explode", "error:status=404", "slow:rate=2", "error:rate", "drop:colour=red"):
        with pytest.raises(ValueError):
            FaultRule.from_spec(bad)


def test_count_path_and_method() -> None:
    board = FaultBoard(
        [
            FaultRule(FaultKind.ERROR, count=2, path="/v1/submissions/*", method="GET"),
            FaultRule(FaultKind.SLOW, delay=0.5, path="/v1/*"),
            FaultRule(FaultKind.DUPLICATE, path="/v1/submissions"),
        ]
    )
    listing = board.decide("GET", "/v1/submissions")
    assert listing.action is None and listing.duplicate and listing.delay == 0.5
    assert board.decide("POST", "/v1/submissions/x").action is None
    assert board.decide("GET", "/v1/submissions/x").action is not None
    assert board.decide("GET", "/v1/submissions/x").action is not None
    assert board.decide("GET", "/v1/submissions/x").action is None
    assert board.decide("GET", "/token").delay == 0
    board.clear()
    assert board.decide("GET", "/v1/submissions") == board.decide("GET", "/v1/x")


def test_rate_is_seeded() -> None:
    def hits(seed: int) -> list[bool]:
        board = FaultBoard([FaultRule(FaultKind.DROP, rate=0.3)], seed=seed)
        return [board.decide("GET", "/v1/x").action is not None for _ in range(200)]

    assert hits(1) == hits(1)
    assert 30 < sum(hits(1)) < 90
