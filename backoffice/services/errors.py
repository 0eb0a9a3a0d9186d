"""Typed errors of the use cases.

``code`` is stable; the UI translates it, the command line prints ``str()``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError, SQLAlchemyError

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


class StorageError(ServiceError):
    """The database failed; the operation did not take place (its transaction was rolled back).

    ``unavailable``: the database could not be reached or was busy (worth trying again);
    otherwise it reported an error of its own. Services raise this instead of the driver's or
    SQLAlchemy's exceptions, so that no caller (the window, the command line) needs to know
    which storage engine is behind them.
    """

    code = "storage_error"

    def __init__(self, message: str, *, unavailable: bool) -> None:
        super().__init__(message, unavailable=unavailable)
        self.unavailable = unavailable
        if unavailable:
            self.code = "storage_unavailable"


_Service = TypeVar("_Service", bound=type)


def storage_errors(cls: _Service) -> _Service:
    """Class decorator: every public method of a service raises :class:`StorageError` for a
    database failure instead of SQLAlchemy's exception (chained, for the log)."""
    for name, attribute in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(attribute):
            continue
        setattr(cls, name, _translating(attribute))
    return cls


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with storage_failures():
            return method(*args, **kwargs)

    return wrapper


@contextmanager
def storage_failures() -> Iterator[None]:
    """Turn SQLAlchemy's exceptions raised inside the block into :class:`StorageError`."""
    try:
        yield
    except OperationalError as exc:
        raise StorageError(_first_line(exc.orig or exc), unavailable=True) from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"{type(exc).__name__}: {_first_line(exc)}", unavailable=False) from exc


def _first_line(exc: object) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
