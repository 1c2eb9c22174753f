"""Where each problem of an invalid journey map is: section, entry and field of a validator message."""

from __future__ import annotations

import re
from typing import Any

from pipelines.journey_map import JourneyMapError

ENTRY_ID = {
    "themes": "id",
    "functions": "id",
    "stages": "id",
    "activities": "match",
    "contact_reasons": "reason",
}
PROBLEM_LINE = re.compile(  # e.g. functions[0].name.en, themes[15].terms[0]
    r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[a-z_]+))?(?:\[(?P<item>\d+)\])?"
    r"(?:\.(?P<sub>[a-z_]+))?: (?P<message>.*)$"
)


def problems(error: JourneyMapError, doc: dict[str, Any] | None = None) -> list[tuple[dict[str, Any], str]]:
    """Each problem of a JourneyMapError as (where, message): where has section, entry
    (the id of the entry, else its row number) and field; the message is the validator's."""
    text = str(error)
    lines = [line[4:] for line in text.splitlines() if line.startswith("  - ")]
    if not lines:
        return [({}, text)]
    out = []
    for line in lines:
        match = PROBLEM_LINE.match(line)
        if not match:
            out.append(({}, line))
            continue
        where: dict[str, Any] = {"section": match["section"], "field": match["sub"] or match["field"]}
        if match["index"] is not None:
            index = int(match["index"])
            where["row"] = index + 1
            items = (doc or {}).get(match["section"])
            if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
                entry = items[index].get(ENTRY_ID.get(match["section"], "id"))
                if isinstance(entry, str) and entry:
                    where["entry"] = entry
            if match["sub"]:  # e.g. functions[0].name.en
                where["field"] = f"{match['field']}_{match['sub']}"
        out.append((where, match["message"]))
    return out
