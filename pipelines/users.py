"""Dashboard users of auth mode password (table app_users): salted scrypt hashes, lock-out.

Every change goes through an admin actor and is written to the audit log in the same transaction.
Sign-in answers the same way for an unknown user, a wrong password, a locked and a disabled
account, and takes about as long for each (a dummy hash is checked for unknown names).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from core import audit
from core.access import ROLES, Actor, Permission, require
from core.db import SCHEMA_DIR
from core.transaction import write_transaction

DDL = SCHEMA_DIR / "app_users.sql"
SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES, SALT_BYTES = 2**14, 8, 1, 32, 16
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # scrypt is run on at most this many bytes
MAX_NAME = 200
MAX_FAILURES = 5  # failed attempts in a row before the lock-out
LOCK_MINUTES = 15
Clock = Callable[[], datetime]


class UserError(ValueError):
    """A user change that cannot be made (unknown user, bad role, short password...)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool
    failed_count: int
    locked_until: datetime | None
    created_at: datetime
    changed_at: datetime


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL.read_text(encoding="utf-8"))


# --- hashes ----------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """'scrypt$n$r$p$salt$key' with a fresh random salt; the parameters travel with the hash."""
    salt = os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Constant-time comparison of `password` against a stored hash (False for a malformed one)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(key)
        got = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int = KEY_BYTES) -> bytes:
    data = password.encode("utf-8")[:MAX_PASSWORD]
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=128 * r * n * p + 2**20)


_DUMMY_HASH = hash_password(secrets.token_hex(16))


# --- checks ----------------------------------------------------------------------------------


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise UserError(f"a user name is 1 to {MAX_NAME} printable characters")
    return name


def _role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def _password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD:
        raise UserError(f"a password has at most {MAX_PASSWORD} bytes")
    return password


# --- reading ---------------------------------------------------------------------------------

_USER_COLUMNS = "name, role, disabled, failed_count, locked_until, created_at, changed_at"


def get(con: duckdb.DuckDBPyConnection, name: str) -> User | None:
    ensure_table(con)
    rows = con.execute(f"select {_USER_COLUMNS} from app_users where name = ?", [name]).fetchall()
    return User(*rows[0]) if rows else None


def list_users(con: duckdb.DuckDBPyConnection, actor: Actor) -> list[User]:
    require(actor, Permission.MANAGE_USERS)
    ensure_table(con)
    return [User(*r) for r in con.execute(f"select {_USER_COLUMNS} from app_users order by name").fetchall()]


def count(con: duckdb.DuckDBPyConnection) -> int:
    ensure_table(con)
    return int(con.execute("select count(*) from app_users").fetchall()[0][0])


# --- changes (admins) --------------------------------------------------------------------------


def _change(
    con: duckdb.DuckDBPyConnection, actor: Actor, action: str, name: str, sql: str, params: list, detail: dict
) -> None:
    """Run one user change and its audit entry in one transaction."""
    with write_transaction(con):
        con.execute(sql, params)
        audit.record(con, actor, action, "user", name, detail)


def add(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    name: str,
    role: str,
    password: str,
    now: datetime | None = None,
) -> User:
    require(actor, Permission.MANAGE_USERS)
    name, role, password = _name(name), _role(role), _password(password)
    if get(con, name) is not None:
        raise UserError(f"user {name!r} already exists")
    at = now or audit.utc_now()
    _change(
        con,
        actor,
        "user_add",
        name,
        "insert into app_users (name, role, hash, disabled, failed_count, locked_until, "
        "created_at, changed_at) values (?, ?, ?, false, 0, null, ?, ?)",
        [name, role, hash_password(password), at, at],
        {"role": role},
    )
    user = get(con, name)
    assert user is not None
    return user


def _existing(con: duckdb.DuckDBPyConnection, name: str) -> User:
    user = get(con, name)
    if user is None:
        raise UserError(f"no user {name!r}")
    return user


def set_disabled(con: duckdb.DuckDBPyConnection, actor: Actor, name: str, disabled: bool) -> None:
    require(actor, Permission.MANAGE_USERS)
    _existing(con, name)
    if disabled and name == actor.name and actor.via == "password":
        raise UserError("you cannot disable yourself")
    _change(
        con,
        actor,
        "user_disable" if disabled else "user_enable",
        name,
        "update app_users set disabled = ?, failed_count = 0, locked_until = null, "
        "changed_at = ? where name = ?",
        [disabled, audit.utc_now(), name],
        {},
    )


def set_role(con: duckdb.DuckDBPyConnection, actor: Actor, name: str, role: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    old = _existing(con, name)
    role = _role(role)
    if name == actor.name and actor.via == "password" and role != "admin":
        raise UserError("you cannot take the admin role from yourself")
    _change(
        con,
        actor,
        "user_set_role",
        name,
        "update app_users set role = ?, changed_at = ? where name = ?",
        [role, audit.utc_now(), name],
        {"from": old.role, "to": role},
    )


def set_password(con: duckdb.DuckDBPyConnection, actor: Actor, name: str, password: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    _existing(con, name)
    password = _password(password)
    _change(
        con,
        actor,
        "user_set_password",
        name,
        "update app_users set hash = ?, failed_count = 0, locked_until = null, changed_at = ? where name = ?",
        [hash_password(password), audit.utc_now(), name],
        {},
    )


# --- sign-in ---------------------------------------------------------------------------------


def authenticate(
    con: duckdb.DuckDBPyConnection, name: str, password: str, now: datetime | None = None
) -> Actor | None:
    """The actor when `name` and `password` match an enabled, unlocked user; else None.

    Failures count towards the lock-out (MAX_FAILURES in a row lock the account for
    LOCK_MINUTES); every attempt is in the audit log (sign_in, sign_in_failed, lock_out).
    """
    ensure_table(con)
    at = now or audit.utc_now()
    name = (name or "").strip()[:MAX_NAME]
    rows = con.execute(
        "select role, hash, disabled, failed_count, locked_until from app_users where name = ?", [name]
    ).fetchall()
    if not rows:
        check_password(password, _DUMMY_HASH)  # the same work as for a known user
        audit.record(
            con, None, "sign_in_failed", "user", name, {"reason": "unknown user"}, name=name, via="password"
        )
        return None
    role, stored, disabled, failed, locked_until = rows[0]
    matches = check_password(password, stored)
    reason = (
        "disabled"
        if disabled
        else "locked"
        if locked_until is not None and locked_until > at
        else None
        if matches
        else "wrong password"
    )
    if reason is None:
        with write_transaction(con):
            con.execute("update app_users set failed_count = 0, locked_until = null where name = ?", [name])
            actor = Actor(name, role, "password")
            audit.record(con, actor, "sign_in", "user", name)
        return actor
    with write_transaction(con):
        if reason == "wrong password":
            failed += 1
            lock = at + timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILURES else None
            con.execute(
                "update app_users set failed_count = ?, locked_until = ? where name = ?",
                [0 if lock else failed, lock, name],
            )
            audit.record(
                con, None, "sign_in_failed", "user", name, {"reason": reason}, name=name, via="password"
            )
            if lock:
                audit.record(
                    con,
                    None,
                    "lock_out",
                    "user",
                    name,
                    {"until": lock.isoformat(), "failures": failed},
                    name=name,
                    via="password",
                )
        else:
            audit.record(
                con, None, "sign_in_failed", "user", name, {"reason": reason}, name=name, via="password"
            )
    return None


def current(con: duckdb.DuckDBPyConnection, name: str) -> Actor | None:
    """The signed-in user's actor with the role stored now; None once disabled or removed."""
    user = get(con, name)
    if user is None or user.disabled:
        return None
    return Actor(user.name, user.role, "password")
