"""A survey Mapping as one role per column (what the Upload page's mapping table edits) and back;
file text made safe for the page (widget labels and messages render Markdown)."""

from __future__ import annotations

from dashboard.plain_text import escape_markdown
from surveys.mapping import Mapping

IGNORE = "ignore"
SINGLE_ROLES = (
    "response_id",
    "customer_id",
    "journey_id",
    "responded_at",
    "comment",
    "channel",
    "touchpoint",
    "language",
)
SCORE_ROLES = {"score_nps": "nps", "score_csat": "csat", "score_ces": "ces"}
SEGMENT = "segment"
ROLES: tuple[str, ...] = (IGNORE, *SINGLE_ROLES, *SCORE_ROLES, SEGMENT)
DATE_FORMATS = ("auto", "mdy", "dmy", "ymd")  # auto: decided from the column

plain = escape_markdown  # file text shown as written where Streamlit renders Markdown


def roles_of(mapping: Mapping, headers: list[str]) -> list[str]:
    """The role of each header under ``mapping`` (``ignore`` when it is not used)."""
    role_by_header: dict[str, str] = {}
    for role in SINGLE_ROLES:
        column = getattr(mapping, role)
        if column:
            role_by_header[column] = role
    for column, metric in mapping.scores.items():
        role_by_header[column] = f"score_{metric}"
    for column in mapping.segments:
        role_by_header[column] = SEGMENT
    return [role_by_header.get(h, IGNORE) for h in headers]


def mapping_from_roles(
    headers: list[str],
    roles: list[str],
    survey: str,
    date_format: str | None = None,
    timezone: str | None = None,
) -> tuple[Mapping, list[tuple[str, dict]]]:
    """Build a Mapping from one role per header; also return the problems as (text key, values)
    pairs for dashboard.i18n.t (a role used twice, no score column, no response time)."""
    mapping = Mapping(
        survey=survey.strip() or "survey",
        date_format=None if date_format in (None, "", "auto") else date_format,
        timezone=timezone or None,
    )
    problems: list[tuple[str, dict]] = []
    for header, role in zip(headers, roles):
        if role in (None, "", IGNORE):
            continue
        if role in SCORE_ROLES:
            mapping.scores[header] = SCORE_ROLES[role]
        elif role == SEGMENT:
            mapping.segments.append(header)
        elif role in SINGLE_ROLES:
            if getattr(mapping, role):
                problems.append(
                    ("upload_role_twice", {"role": role, "first": getattr(mapping, role), "second": header})
                )
            else:
                setattr(mapping, role, header)
        else:
            problems.append(("upload_role_unknown", {"column": header, "role": role}))
    if not mapping.scores:
        problems.append(("upload_no_score", {}))
    if not mapping.responded_at:
        problems.append(("upload_no_time", {}))
    return mapping, problems
