"""Roles, permissions and who is acting: every write the dashboard can trigger checks them here."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

from core.identity import login_name

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")  # each role has the permissions of the ones before
Via = Literal["cli", "password", "oidc", "local"]  # how the actor was identified
VIAS: tuple[Via, ...] = ("cli", "password", "oidc", "local")


class Permission(str, enum.Enum):
    """What an actor may do; ROLE_PERMISSIONS says which role has which."""

    BROWSE = "browse"
    EXPORT = "export"
    IMPORT = "import"  # survey import and systems load
    ROLLBACK = "rollback"  # survey and systems batches
    EDIT_JOURNEY_MAP = "edit_journey_map"
    REFRESH = "refresh"
    MANAGE_ACTIONS = "manage_actions"  # the action register and review meetings
    MANAGE_USERS = "manage_users"
    READ_AUDIT = "read_audit"
    SETTINGS = "settings"


_VIEWER = frozenset({Permission.BROWSE, Permission.EXPORT})
_EDITOR = _VIEWER | {
    Permission.IMPORT,
    Permission.ROLLBACK,
    Permission.EDIT_JOURNEY_MAP,
    Permission.REFRESH,
    Permission.MANAGE_ACTIONS,
}
_ADMIN = _EDITOR | {Permission.MANAGE_USERS, Permission.READ_AUDIT, Permission.SETTINGS}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "viewer": _VIEWER,
    "editor": frozenset(_EDITOR),
    "admin": frozenset(_ADMIN),
}


class PermissionDeniedError(PermissionError):
    """The actor's role does not allow the operation."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, the local single user, or the command line."""

    name: str
    role: Role
    via: Via

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; use one of {', '.join(ROLES)}")
        if self.via not in VIAS:
            raise ValueError(f"unknown sign-in kind {self.via!r}")
        if not self.name or not self.name.strip():
            raise ValueError("an actor needs a name")

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


def require(actor: Actor | None, permission: Permission) -> Actor:
    """Return the actor when its role has `permission`, else raise PermissionDeniedError."""
    if not isinstance(actor, Actor):
        raise PermissionDeniedError(f"{permission.value}: nobody is signed in")
    if not actor.can(permission):
        raise PermissionDeniedError(f"{permission.value}: not allowed for {actor.name} (role {actor.role})")
    return actor


def cli_actor() -> Actor:
    """The command line: the OS login name, role admin (whoever can write the database file owns
    it; the CLIs open the file directly, so no role could be enforced against them anyway)."""
    return Actor(login_name(), "admin", "cli")


def local_actor() -> Actor:
    """The single user of a dashboard in auth mode none (bound to loopback only)."""
    return Actor(login_name(), "admin", "local")
