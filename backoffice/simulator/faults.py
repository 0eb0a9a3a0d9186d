"""How the simulator misbehaves: defects built into single submissions, and faults of the transport.

Submission faults (:class:`SubmissionFault`) are built into one generated submission; each
submission carries at most one, so the subscriber must reject it with exactly one problem at
one place. :data:`EXPECTED` is the one table of what that problem and place (``instance``) are;
it follows the check order of PROTOCOL.md.

Request faults (:class:`FaultRule`) disturb answers on the wire: a server error, a rate limit,
a slow or dropped answer, a body cut short, a submission listed twice. A rule fires on the
requests its ``path`` pattern and ``method`` match, with probability ``rate`` and at most
``count`` times; rules can be set at start and changed at runtime (``/_control/faults``).
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from backoffice.portal.protocol import Instance, Problem


class SubmissionFault(StrEnum):
    METADATA_GARBAGE = "metadata-garbage-jwe"
    METADATA_WRONG_KEY = "metadata-wrong-key"
    METADATA_NOT_JSON = "metadata-not-json"
    METADATA_SCHEMA = "metadata-schema"
    SERVICE_MISMATCH = "service-mismatch"
    SERVICE_NOT_OFFERED = "service-not-offered"
    ATTACHMENT_MISSING = "attachment-missing"
    ATTACHMENT_EXTRA = "attachment-extra"
    DATA_MISSING = "data-missing"
    DATA_GARBAGE = "data-garbage-jwe"
    DATA_WRONG_KEY = "data-wrong-key"
    DATA_HASH = "data-hash"
    DATA_NOT_JSON = "data-not-json"
    DATA_UNSUPPORTED_SCHEMA = "data-unsupported-schema"
    DATA_SCHEMA = "data-schema"
    ATTACHMENT_GARBAGE = "attachment-garbage-jwe"
    ATTACHMENT_WRONG_KEY = "attachment-wrong-key"
    ATTACHMENT_HASH = "attachment-hash"
    ATTACHMENT_UNAVAILABLE = "attachment-unavailable"
    REPLY_CHANNEL = "unsupported-reply-channel"

    @property
    def needs_attachment(self) -> bool:
        return self.value.startswith("attachment-") and self is not SubmissionFault.ATTACHMENT_EXTRA


ATTACHMENT = "attachment"  # placeholder in EXPECTED: ``attachment:{id}`` of the faulty file

#: The rejection each fault must produce: (problem, instance). One table, one place.
EXPECTED: dict[SubmissionFault, tuple[Problem, str]] = {
    SubmissionFault.METADATA_GARBAGE: (Problem.ENCRYPTION_ISSUE, Instance.METADATA),
    SubmissionFault.METADATA_WRONG_KEY: (Problem.ENCRYPTION_ISSUE, Instance.METADATA),
    SubmissionFault.METADATA_NOT_JSON: (Problem.SYNTAX_VIOLATION, Instance.METADATA),
    SubmissionFault.METADATA_SCHEMA: (Problem.SCHEMA_VIOLATION, Instance.METADATA),
    # serviceType of the submission ≠ publicServiceType of the metadata
    SubmissionFault.SERVICE_MISMATCH: (Problem.SERVICE_MISMATCH, Instance.METADATA),
    # both agree, on a service this destination does not offer
    SubmissionFault.SERVICE_NOT_OFFERED: (Problem.SERVICE_MISMATCH, Instance.SUBMISSION),
    # the metadata describes an attachment the submission does not list
    SubmissionFault.ATTACHMENT_MISSING: (Problem.MISSING_ATTACHMENT, ATTACHMENT),
    # the submission lists an attachment the metadata does not describe
    SubmissionFault.ATTACHMENT_EXTRA: (Problem.ATTACHMENTS_MISMATCH, Instance.SUBMISSION),
    SubmissionFault.DATA_MISSING: (Problem.MISSING_DATA, Instance.DATA),
    SubmissionFault.DATA_GARBAGE: (Problem.ENCRYPTION_ISSUE, Instance.DATA),
    SubmissionFault.DATA_WRONG_KEY: (Problem.ENCRYPTION_ISSUE, Instance.DATA),
    SubmissionFault.DATA_HASH: (Problem.HASH_MISMATCH, Instance.DATA),
    SubmissionFault.DATA_NOT_JSON: (Problem.SYNTAX_VIOLATION, Instance.DATA),
    SubmissionFault.DATA_UNSUPPORTED_SCHEMA: (Problem.UNSUPPORTED_SCHEMA, Instance.DATA),
    # form data missing a required field of the service's form schema
    SubmissionFault.DATA_SCHEMA: (Problem.SCHEMA_VIOLATION, Instance.DATA),
    SubmissionFault.ATTACHMENT_GARBAGE: (Problem.ENCRYPTION_ISSUE, ATTACHMENT),
    SubmissionFault.ATTACHMENT_WRONG_KEY: (Problem.ENCRYPTION_ISSUE, ATTACHMENT),
    SubmissionFault.ATTACHMENT_HASH: (Problem.HASH_MISMATCH, ATTACHMENT),
    # listed and described, but the download answers 404 (unconfirmed: a real delivery
    # service keeps what was uploaded)
    SubmissionFault.ATTACHMENT_UNAVAILABLE: (Problem.MISSING_ATTACHMENT, ATTACHMENT),
    SubmissionFault.REPLY_CHANNEL: (Problem.UNSUPPORTED_REPLY_CHANNEL, Instance.METADATA),
}


@dataclass(frozen=True)
class Expected:
    """What the subscriber should decide about one generated submission."""

    accept: bool
    problem: Problem | None = None
    instance: str | None = None
    fault: SubmissionFault | None = None

    @classmethod
    def for_fault(cls, fault: SubmissionFault | None, target: str | None) -> Expected:
        if fault is None:
            return cls(accept=True)
        problem, instance = EXPECTED[fault]
        if instance == ATTACHMENT:
            assert target is not None
            instance = Instance.attachment(target)
        return cls(accept=False, problem=problem, instance=instance, fault=fault)

    def as_dict(self) -> dict[str, Any]:
        return {
            "accept": self.accept,
            "problem": self.problem.value if self.problem else None,
            "problemType": self.problem.uri if self.problem else None,
            "instance": self.instance,
            "fault": self.fault.value if self.fault else None,
        }


# -- request faults -------------------------------------------------------------------------------


class FaultKind(StrEnum):
    ERROR = "error"  # a 5xx answer (``status``)
    RATE_LIMIT = "rate-limit"  # 429 with RateLimit-* headers (``reset`` seconds)
    SLOW = "slow"  # wait ``delay`` seconds, then answer normally
    DROP = "drop"  # close the connection without an answer
    TRUNCATE = "truncate"  # Content-Length larger than the body that is sent
    DUPLICATE = "duplicate"  # the submission list names one submission twice


_DEFAULT_PATH = {FaultKind.DUPLICATE: "/v1/submissions"}


@dataclass
class FaultRule:
    kind: FaultKind
    rate: float = 1.0
    count: int | None = None  # fire at most this often; None: no limit
    path: str = "/v1/*"  # fnmatch pattern on the request path
    method: str | None = None
    status: int = 503
    delay: float = 1.0
    reset: int = 1
    after: bool = False  # error/drop: only after the request has taken effect
    fired: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        self.kind = FaultKind(self.kind)
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if self.count is not None and self.count < 0:
            raise ValueError("count must not be negative")
        if self.kind is FaultKind.ERROR and not 500 <= self.status <= 599:
            raise ValueError("an error fault answers with a 5xx status")
        if self.delay < 0 or self.reset < 0:
            raise ValueError("delay and reset must not be negative")
        if self.method:
            self.method = self.method.upper()

    @classmethod
    def from_dict(cls, raw: Any) -> FaultRule:
        if not isinstance(raw, dict) or "kind" not in raw:
            raise ValueError("a fault rule is an object with at least 'kind'")
        known = {"kind", "rate", "count", "path", "method", "status", "delay", "reset", "after"}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"unknown fault rule keys: {', '.join(sorted(unknown))}")
        values = dict(raw)
        kind = FaultKind(values.pop("kind"))
        values.setdefault("path", _DEFAULT_PATH.get(kind, "/v1/*"))
        try:
            return cls(kind=kind, **values)
        except TypeError as exc:
            raise ValueError(str(exc)) from None

    @classmethod
    def from_spec(cls, spec: str) -> FaultRule:
        """``kind[:key=value,...]``, e.g. ``error:rate=0.1,status=502`` (command line)."""
        kind, _, rest = spec.partition(":")
        raw: dict[str, Any] = {"kind": kind.strip()}
        for item in filter(None, (part.strip() for part in rest.split(","))):
            key, sep, value = item.partition("=")
            if not sep:
                raise ValueError(f"{item!r}: expected key=value")
            raw[key.strip()] = _parse_value(key.strip(), value.strip())
        return cls.from_dict(raw)

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method != method:
            return False
        return fnmatch.fnmatchcase(path, self.path)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kind"] = self.kind.value
        return out


def _parse_value(key: str, value: str) -> Any:
    if key in ("rate", "delay"):
        return float(value)
    if key in ("count", "status", "reset"):
        return int(value)
    if key == "after":
        return value.lower() in ("1", "true", "yes")
    return value


@dataclass(frozen=True)
class Decision:
    """What the transport does to one request."""

    delay: float = 0.0
    action: FaultRule | None = None
    duplicate: bool = False


class FaultBoard:
    """The request fault rules in force; thread-safe, seeded."""

    def __init__(self, rules: list[FaultRule] | None = None, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rules = list(rules or [])
        self._rng = random.Random(seed)  # noqa: S311 - reproducible faults, not security

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def set(self, rules: list[FaultRule], *, replace: bool = True) -> None:
        with self._lock:
            self._rules = [*([] if replace else self._rules), *rules]

    def clear(self) -> None:
        self.set([])

    def decide(self, method: str, path: str) -> Decision:
        delay, action, duplicate = 0.0, None, False
        with self._lock:
            for rule in self._rules:
                if rule.count is not None and rule.fired >= rule.count:
                    continue
                if not rule.matches(method, path):
                    continue
                if rule.kind is FaultKind.DUPLICATE and method != "GET":
                    continue
                if action is not None and rule.kind not in (FaultKind.SLOW, FaultKind.DUPLICATE):
                    continue
                if rule.rate < 1.0 and self._rng.random() >= rule.rate:
                    continue
                rule.fired += 1
                if rule.kind is FaultKind.SLOW:
                    delay += rule.delay
                elif rule.kind is FaultKind.DUPLICATE:
                    duplicate = True
                else:
                    action = rule
        return Decision(delay, action, duplicate)
