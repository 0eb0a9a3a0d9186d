"""Typed errors of the use cases.

``code`` is stable; the UI translates it, the command line prints ``str()``.
"""

from __future__ import annotations

from typing import Any

from backoffice.domain.errors import DomainError


class ServiceError(DomainError):
    code = "service_error"


class NotFound(ServiceError):
    code = "not_found"


class PermissionDenied(ServiceError):
    code = "permission_denied"


class InvalidInput(ServiceError):
    code = "invalid_input"


class ClaimConflict(ServiceError):
    """Someone else holds the case (a claim lost the race, or it was claimed before)."""

    code = "claim_conflict"


class ConcurrentChange(ServiceError):
    """The case changed since the caller read it (optimistic lock)."""

    code = "concurrent_change"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.changed_by: str | None = details.get("changed_by")
        self.current_version: int | None = details.get("current_version")
        self.changes: list[dict[str, Any]] = details.get("changes", [])
