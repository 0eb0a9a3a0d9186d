"""Roles and what each may do. Services check these; the UI only hides what they refuse."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    TEAM_LEAD = "team_lead"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    VIEW_CASES = "view_cases"
    CLAIM_CASE = "claim_case"
    WORK_OWN_CASES = "work_own_cases"  # status changes, documents, messages on one's own cases
    ADD_NOTE = "add_note"
    ASSIGN_CASES = "assign_cases"  # assign, reassign, take over, release another's claim
    WORK_ANY_CASE = "work_any_case"  # status changes on cases held by someone else
    VIEW_WORKLOAD = "view_workload"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_USERS = "manage_users"
    MANAGE_PORTAL = "manage_portal"
    RUN_SYNC = "run_sync"


_CLERK = frozenset(
    {
        Permission.VIEW_CASES,
        Permission.CLAIM_CASE,
        Permission.WORK_OWN_CASES,
        Permission.ADD_NOTE,
        Permission.RUN_SYNC,
    }
)
_TEAM_LEAD = _CLERK | {Permission.ASSIGN_CASES, Permission.WORK_ANY_CASE, Permission.VIEW_WORKLOAD}
_ADMINISTRATOR = _TEAM_LEAD | {
    Permission.MANAGE_TEMPLATES,
    Permission.MANAGE_USERS,
    Permission.MANAGE_PORTAL,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _CLERK,
    Role.TEAM_LEAD: frozenset(_TEAM_LEAD),
    Role.ADMINISTRATOR: frozenset(_ADMINISTRATOR),
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]
