"""Roles of OIDC users: mapped from the e-mail and group claims by a small TOML file.

The file (env CX_AUTH_ROLES_FILE) lists, per role, e-mail addresses, e-mail domains and groups:

    unknown = "refuse"          # or "viewer": the role of a signed-in user who matches nothing
    groups_claim = "groups"     # the ID-token claim holding the user's groups
    [admin]
    emails = ["anna@example.com"]
    [editor]
    groups = ["cx-editors"]
    [viewer]
    domains = ["example.com"]

The highest role that matches wins. An e-mail counts only when the provider does not say it is
unverified (claim email_verified false). Without a file, nobody gets in.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.access import ROLES

MAX_FILE_BYTES = 1 << 20


class RolesConfigError(ValueError):
    """The roles file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class RoleRule:
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RolesConfig:
    rules: dict[str, RoleRule] = field(default_factory=dict)
    unknown: str | None = None  # None: refuse users who match no rule
    groups_claim: str = "groups"


def _strings(table: Mapping[str, Any], key: str, role: str) -> frozenset[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RolesConfigError(f"roles file: [{role}] {key} must be a list of strings")
    return frozenset(
        v.strip().lower().lstrip("@")
        if key == "domains"
        else v.strip().lower()
        if key == "emails"
        else v.strip()
        for v in value
    )


def parse(data: Mapping[str, Any]) -> RolesConfig:
    """A RolesConfig from the parsed TOML (raises RolesConfigError)."""
    unknown = data.get("unknown", "refuse")
    if unknown not in ("refuse", "viewer"):
        raise RolesConfigError('roles file: unknown must be "refuse" or "viewer"')
    claim = data.get("groups_claim", "groups")
    if not isinstance(claim, str) or not claim:
        raise RolesConfigError("roles file: groups_claim must be a claim name")
    extra = set(data) - {"unknown", "groups_claim", *ROLES}
    if extra:
        raise RolesConfigError(f"roles file: unknown entries {', '.join(sorted(extra))}")
    rules = {}
    for role in ROLES:
        table = data.get(role, {})
        if not isinstance(table, Mapping):
            raise RolesConfigError(f"roles file: [{role}] must be a table")
        rules[role] = RoleRule(
            _strings(table, "emails", role), _strings(table, "domains", role), _strings(table, "groups", role)
        )
    return RolesConfig(rules, None if unknown == "refuse" else "viewer", claim)


def load(path: str | Path | None = None) -> RolesConfig:
    """The roles file (default: env CX_AUTH_ROLES_FILE); an empty config when none is set."""
    where = path or os.environ.get("CX_AUTH_ROLES_FILE")
    if not where:
        return RolesConfig()
    file = Path(where)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise RolesConfigError("roles file: larger than 1 MiB")
        return parse(tomllib.loads(file.read_text(encoding="utf-8")))
    except OSError as exc:
        raise RolesConfigError(f"roles file {file.name}: cannot be read ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RolesConfigError(f"roles file {file.name}: not valid TOML ({exc})") from exc


def role_for(claims: Mapping[str, Any], config: RolesConfig) -> str | None:
    """The highest role whose rule matches the user's verified e-mail, its domain or a group;
    else config.unknown (None = refused)."""
    email = claims.get("email")
    verified = claims.get("email_verified", True) is not False
    email = email.strip().lower() if isinstance(email, str) and verified else ""
    domain = email.rpartition("@")[2] if "@" in email else ""
    raw_groups = claims.get(config.groups_claim) or []
    groups = (
        {raw_groups}
        if isinstance(raw_groups, str)
        else {g for g in raw_groups if isinstance(g, str)}
        if isinstance(raw_groups, list)
        else set()
    )
    for role in reversed(ROLES):
        rule = config.rules.get(role)
        if rule is None:
            continue
        if (email and email in rule.emails) or (domain and domain in rule.domains) or groups & rule.groups:
            return role
    return config.unknown
