"""Property: whatever one submission holds, the sync decides it once or holds it, and goes on.

Random and hostile metadata, form data and attachments (Hypothesis) go through the
simulator's sender API over HTTP and then through the real intake into a real SQLite
file. After every sync:

- no exception came out of the sync, and it reports no error;
- the submission has exactly one decision at the simulator (accept or reject), or
  exactly one entry in the quarantine and no decision;
- nothing was written outside the data folder (the test's other folders, the working
  directory, and no file named like a hostile attachment name anywhere we can see).

Budget: the ``intake-ci`` profile (the default) runs 30 derandomized examples, about
ten seconds; ``INTAKE_HYPOTHESIS_PROFILE=intake-explore`` runs 300 with fresh randomness
for a longer look. Neither keeps an example database (nothing written to the checkout).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService, read_catalogue
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from backoffice.store.migrate import upgrade
from backoffice.store.models import QuarantineEntry, SubmissionRecord
from tests.integration.services.hostile import (
    PDF,
    Attachment,
    Citizen,
    Desk,
    Sent,
    decisions_of,
    good_form,
    make_desk,
)
from tests.unit.portal.helpers import session_keys

_COMMON: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}
settings.register_profile("intake-ci", max_examples=30, derandomize=True, **_COMMON)
settings.register_profile("intake-explore", max_examples=300, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("INTAKE_HYPOTHESIS_PROFILE", "intake-ci"))

#: Marks every hostile file name, so that a file written under it would be found.
TOKEN = "hostile13"

# -- what a hostile portal may send -----------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def dumped(draw: st.DrawFn, values: st.SearchStrategy[Any] = json_values) -> bytes:
    """JSON as a careless portal writes it: NaN, lone surrogates (escaped or as raw bytes)."""
    text = json.dumps(draw(values), ensure_ascii=draw(st.booleans()), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def nested(draw: st.DrawFn) -> bytes:
    depth = draw(st.sampled_from([31, 33, 999, 1_001, 100_000]))
    open_, close = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
    inner = open_ * depth + "1" + close * depth
    if draw(st.booleans()):
        inner = inner[: -depth // 2]  # unbalanced
    return inner.encode()


@st.composite
def form_data(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["good"] * 3 + ["mutated"] * 3 + ["value", "bytes", "nested"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "nested":
        return b'{"applicant": ' + draw(nested()) + b"}"
    if kind == "value":
        return draw(dumped())
    form = good_form(draw(st.integers(0, 1_000)))
    if kind == "mutated":
        group = draw(st.sampled_from([*form, "extra"]))
        target = form.setdefault(group, {})
        if isinstance(target, dict):
            hostile_text = st.text(st.characters(codec="utf-8", exclude_categories=()))
            target[draw(st.sampled_from(["given_name", "family_name", "note", ""]))] = draw(
                hostile_text | hostile_text.map(lambda t: t * 1_000) | json_values
            )
    return draw(dumped(st.just(form)))


filenames = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            f"../../../../tmp/{TOKEN}.pdf",
            f"/tmp/{TOKEN}.pdf",
            f"..\\..\\{TOKEN}.pdf",
            f"C:\\Windows\\{TOKEN}.pdf",
            f"~/{TOKEN}.pdf",
            f"{TOKEN}\u202efdp.exe",
            f"{TOKEN}\x00.pdf",
            "CON",
            "..",
            "",
        ]
    ),
    st.integers(0, 5_000).map(lambda n: f"{TOKEN}" + "N" * n + ".pdf"),
)


@st.composite
def attachments(draw: st.DrawFn) -> list[Attachment]:
    made = []
    for _ in range(draw(st.integers(0, 3))):
        content = draw(st.sampled_from([PDF, b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b""]))
        if draw(st.booleans()):
            content = draw(st.binary(max_size=300))
        made.append(
            Attachment(
                content=content,
                filename=draw(filenames),
                mime_type=draw(
                    st.sampled_from(
                        ["application/pdf", "image/png", "text/html", "application/x-" + TOKEN]
                    )
                    | st.sampled_from(["application/" + "x" * 500, "a/b\n", "pdf"])
                ),
                declared_hash=draw(st.none() | st.binary(min_size=1, max_size=8).map(_sha512)),
            )
        )
    return made


def _sha512(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()


@dataclass
class Plan:
    data: bytes
    attachments: list[Attachment]
    metadata: str  # "good", "patched", "value", "bytes", "nested"
    metadata_bytes: bytes | None
    patch: tuple[tuple[str, ...], Any] | None
    spoil: str | None  # "metadata", "data", "attachment" or None
    zip_: bool


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    data = draw(form_data())
    files = draw(attachments())
    kind = draw(st.sampled_from(["good"] * 4 + ["patched"] * 2 + ["value", "bytes", "nested"]))
    raw = None
    if kind == "bytes":
        raw = draw(st.binary(max_size=200))
    elif kind == "nested":
        raw = draw(nested())
    elif kind == "value":
        raw = draw(dumped())
    patch = None
    if kind == "patched":
        path = draw(
            st.sampled_from(
                [
                    ("publicServiceType",),
                    ("publicServiceType", "identifier"),
                    ("contentStructure", "data"),
                    ("contentStructure", "data", "submissionSchema", "schemaUri"),
                    ("contentStructure", "attachments"),
                    ("replyChannel",),
                    ("paymentInformation",),
                    ("authenticationInformation",),
                    ("extra",),
                ]
            )
        )
        patch = (path, draw(json_values))
    spoil = draw(st.sampled_from([None] * 6 + ["metadata", "data", "attachment"]))
    return Plan(data, files, kind, raw, patch, spoil, draw(st.booleans()))


def _patched(path: tuple[str, ...], value: Any) -> Any:
    def apply(document: dict[str, Any]) -> dict[str, Any]:
        target: Any = document
        for key in path[:-1]:
            if not isinstance(target, dict):
                return document
            target = target.setdefault(key, {})
        if isinstance(target, dict):
            target[path[-1]] = value
        return document

    return apply


def _spoiler(plan: Plan) -> Any:
    if plan.spoil is None:
        return None
    part = plan.spoil
    if part == "attachment":
        if not plan.attachments:
            return None
        part = plan.attachments[0].attachment_id

    def spoil(which: str, jwe: str) -> str:
        if which != part:
            return jwe
        head, key, iv, ciphertext, tag = jwe.split(".")
        return ".".join([head, key[::-1], iv, ciphertext[: len(ciphertext) // 3], tag])

    return spoil


# -- the world it runs in ----------------------------------------------------------------------


@dataclass
class Bench:
    root: Path
    data_dir: Path
    sim: Simulator
    citizen: Citizen
    desk: Desk
    db: Database


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    root = tmp_path_factory.mktemp("property")
    data_dir = root / "data"
    data_dir.mkdir()
    (root / "cwd").mkdir()
    db = Database(f"sqlite:///{data_dir / 'backoffice.sqlite3'}")
    upgrade(db)
    CatalogueService(db).install(read_catalogue(), SYSTEM)
    sim = Simulator(
        keys=SimulatorKeys.generate(), subscriber_jwks=session_keys().export_public_jwks(), seed=5
    ).start()
    citizen = Citizen(sim)
    desk = make_desk(sim, db, session_keys(), lambda: datetime.now(UTC))
    try:
        yield Bench(root, data_dir, sim, citizen, desk, db)
    finally:
        desk.client.close()
        citizen.close()
        sim.stop()
        db.dispose()


def _outside_data(root: Path) -> set[str]:
    """Every file and folder under the test's root but outside its data folder."""
    return {str(p) for p in root.rglob("*") if not p.is_relative_to(root / "data")}


def _visible_hostile_files() -> set[str]:
    places = [Path("/tmp"), Path.home(), Path.cwd(), Path("/")]
    found: set[str] = set()
    for place in places:
        try:
            found.update(str(p) for p in place.iterdir() if TOKEN in p.name)
        except OSError:
            continue
    return found


@PROFILE
@given(plan=plans())
def test_one_submission_gets_one_decision_or_one_quarantine_entry(
    bench: Bench, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bench.root / "cwd")
    outside_before = _outside_data(bench.root)
    hostile_before = _visible_hostile_files()
    sent: Sent = bench.citizen.send(
        data=plan.data,
        attachments=plan.attachments,
        metadata=plan.metadata_bytes,
        patch_metadata=_patched(*plan.patch) if plan.patch else None,
        spoil=_spoiler(plan),
        zip_=plan.zip_,
    )

    report = bench.desk.intake.sync(SYSTEM, bench.sim.destination_id)  # must not raise

    assert report.error is None, report.error
    assert report.skipped == [], report.skipped
    decisions = decisions_of(bench.sim, sent)
    with bench.db.read() as session:
        record = session.scalar(
            select(SubmissionRecord).where(SubmissionRecord.submission_id == sent.submission_id)
        )
        held = session.scalars(
            select(QuarantineEntry).where(QuarantineEntry.submission_id == sent.submission_id)
        ).all()
    assert record is not None, "neither decided nor held"
    event(f"{record.outcome} {record.problem_type or ''} {(record.problem_instance or '')[:10]}")
    if record.outcome == "quarantined":
        assert decisions == [] and len(held) == 1, (decisions, held)
    else:
        assert len(decisions) == 1 and held == [], (decisions, record.problem_detail)
        assert ("accept" in decisions[0]) == (record.outcome == "accepted")
    outside_after = _outside_data(bench.root)
    assert outside_after == outside_before, outside_after - outside_before
    assert _visible_hostile_files() == hostile_before


def test_the_profile_is_reproducible_in_ci() -> None:
    """CI runs the derandomized profile: the same examples every run, within the budget."""
    profile = settings.get_profile("intake-ci")
    assert profile.derandomize and profile.database is None
    assert profile.max_examples <= 50 and profile.deadline is None
