"""The control endpoint (``/_control/…``, loopback only): tests switch faults on and off, make
submissions with a chosen defect, read what the simulator expects and what was decided.

    GET    /_control/faults              {"rules": [...]}
    POST   /_control/faults              {"rules": [rule, ...], "replace": true}  (or one rule)
    DELETE /_control/faults
    POST   /_control/submissions         {"count": 1, "fault": "data-hash", "service": "…",
                                          "attachments": 2, "attachmentSize": 200000}
    GET    /_control/submissions         expected and actual decision per generated submission
    POST   /_control/revoke-tokens       every issued access token becomes invalid
    GET    /_control/info                what ``--info`` writes
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .auth import Tokens
from .faults import FaultBoard, FaultRule, SubmissionFault
from .state import ApiError

LOOPBACK = ("127.0.0.1", "::1")


@dataclass
class ControlDesk:
    faults: FaultBoard
    tokens: Tokens
    generate: Callable[..., list[dict[str, Any]]]
    outcomes: Callable[[], list[dict[str, Any]]]
    info: Callable[[], dict[str, Any]]

    def rules(self) -> dict[str, Any]:
        return {"rules": [rule.as_dict() for rule in self.faults.rules()]}

    def set_rules(self, body: Any) -> dict[str, Any]:
        replace = True
        if isinstance(body, dict) and "rules" in body:
            replace = bool(body.get("replace", True))
            raw = body["rules"]
        else:
            raw = body
        raw_rules = raw if isinstance(raw, list) else [raw]
        try:
            rules = [FaultRule.from_dict(item) for item in raw_rules]
        except ValueError as exc:
            raise ApiError(422, f"bad fault rule: {exc}") from None
        self.faults.set(rules, replace=replace)
        return self.rules()

    def clear_rules(self) -> dict[str, Any]:
        self.faults.clear()
        return self.rules()

    def make_submissions(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        try:
            count = int(body.get("count", 1))
            fault = SubmissionFault(body["fault"]) if body.get("fault") else None
            attachments = body.get("attachments")
            size = body.get("attachmentSize")
            made = self.generate(
                count,
                fault=fault,
                service=body.get("service"),
                attachments=int(attachments) if attachments is not None else None,
                attachment_size=int(size) if size is not None else None,
            )
        except (ValueError, KeyError) as exc:
            raise ApiError(422, f"cannot make these submissions: {exc}") from None
        return {"submissions": made}

    def revoke(self) -> dict[str, Any]:
        return {"revoked": self.tokens.revoke_all()}
