"""Who made a change when no name was given: the login name recorded as imported_by / changed_by."""

from __future__ import annotations

import getpass


def login_name() -> str:
    """The operating-system login name; 'unknown' where there is none (some containers)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises different errors without a login name
        return "unknown"
