"""Who is acting, and the one place permissions are checked."""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.domain.roles import Permission, Role, has_permission

from .errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    user_id: int | None  # None only for the system (intake, bootstrap)
    login: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"{self.login} ({self.role.value}) may not {permission.value.replace('_', ' ')}",
                permission=permission.value,
                role=self.role.value,
            )


#: Intake and migrations act as the system; it has every permission.
SYSTEM = Actor(user_id=None, login="system", display_name="System", role=Role.ADMINISTRATOR)
