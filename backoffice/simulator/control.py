"""The control endpoint (``/_control/…``, loopback only): tests switch faults on and off, make
submissions with a chosen defect, read what the simulator expects and what was decided.

    GET    /_control/faults              {"rules": [...]}
    POST   /_control/faults              {"rules": [rule, ...], "replace": true}  (or one rule)
    DELETE /_control/faults
    POST   /_control/submissions         {"count": 1, "fault": "data-hash", "service": "…",
                                          "attachments": 2, "attachmentSize": 200000}
    GET    /_control/submissions         expected and actual decision per generated submission
    POST   /_control/follow-ups          {"caseId": "…", "message": "…", "attachments": 1,
                                          "files": [{"filename", "mimeType", "content"}],
                                          "fault": "attachment-hash"}: the citizen answers
                                          on an existing case (``content`` base64)
    POST   /_control/revoke-tokens       every issued access token becomes invalid
    GET    /_control/info                what ``--info`` writes
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .auth import Tokens
from .faults import FaultBoard, FaultRule, SubmissionFault
from .generator import ChosenFile
from .state import ApiError

LOOPBACK = ("127.0.0.1", "::1")


@dataclass
class ControlDesk:
    faults: FaultBoard
    tokens: Tokens
    generate: Callable[..., list[dict[str, Any]]]
    outcomes: Callable[[], list[dict[str, Any]]]
    info: Callable[[], dict[str, Any]]
    follow_up: Callable[..., dict[str, Any]] | None = None

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

    def make_follow_up(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        if self.follow_up is None:
            raise ApiError(404, "this simulator sends no follow-ups")
        case_id, message = body.get("caseId"), body.get("message", "")
        if not isinstance(case_id, str) or not isinstance(message, str):
            raise ApiError(422, "a follow-up needs a caseId and a message (strings)")
        try:
            files = tuple(_chosen(item) for item in body.get("files") or [])
            fault = SubmissionFault(body["fault"]) if body.get("fault") else None
            made = self.follow_up(
                case_id,
                message,
                attachments=int(body.get("attachments", 1)),
                files=files,
                fault=fault,
            )
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise ApiError(422, f"cannot send this follow-up: {exc}") from None
        return {"submission": made}

    def revoke(self) -> dict[str, Any]:
        return {"revoked": self.tokens.revoke_all()}


def _chosen(item: Any) -> ChosenFile:
    if not isinstance(item, dict):
        raise ValueError("each file is an object with filename, mimeType and content")
    return ChosenFile(
        filename=str(item["filename"]),
        media_type=str(item.get("mimeType", "application/pdf")),
        content=base64.b64decode(str(item["content"]), validate=True),
        purpose=str(item.get("purpose", "attachment")),
    )
