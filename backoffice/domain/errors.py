"""Errors raised by domain rules.

They carry a machine-readable ``code`` and the values needed to explain them;
the user interface turns codes into translated text, the command line prints
``str(error)`` (English, one line).
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a rule was violated. ``code`` names the rule."""

    code = "domain_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class TemplateError(DomainError):
    """A service template is invalid; names the template and the field."""

    code = "template_invalid"

    def __init__(self, template: str, field: str, problem: str) -> None:
        super().__init__(
            f"service template {template!r}, field {field!r}: {problem}",
            template=template,
            field=field,
            problem=problem,
        )
        self.template = template
        self.field = field
        self.problem = problem


class TransitionError(DomainError):
    """A status change is not allowed (or lacks what the template requires)."""

    code = "transition_not_allowed"


class RequirementMissing(TransitionError):
    """The transition is allowed but needs a comment, document or message."""

    code = "transition_requirement_missing"


class ChecklistIncomplete(RequirementMissing):
    """The transition needs checklist items ticked that are not; ``details["items"]`` lists
    them as ``{"key", "de", "en"}`` (in the template's order)."""

    code = "checklist_incomplete"
