"""Journey map editor: the map the editors start from (kept in the session), flash messages after a
rerun, column labels, and the validator's problems in the page's terms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st

from core.access import Actor
from dashboard import data_journey_map as jd
from dashboard import i18n
from dashboard.data_journey_map_frames import frames_from_document, parse_document
from dashboard.data_journey_map_problems import problems
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from pipelines.journey_map import DEFAULT_MAP_PATH, JourneyMapError
from pipelines.journey_map_store import FILE_AUTHOR

STATE = "jme_state"
FLASH = "jme_flash"
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), key)
    for p, key in [
        (r"^unknown function (?P<value>.+)$", "jme_msg_unknown_function"),
        (r"^unknown stage (?P<value>.+)$", "jme_msg_unknown_stage"),
        (r"^(?P<value>.+) is not a lowercase snake_case id$", "jme_msg_not_id"),
        (r"^needs both an English \(en\) and a Finnish \(fi\) name$", "jme_msg_names"),
        (r"^(?P<value>.+) appears more than once$", "jme_msg_duplicate"),
        (r"^(?P<value>.+) must be true or false$", "jme_msg_bool"),
        (r"^(?P<value>.+) is not a number$", "jme_msg_not_number"),
        (r"^(?P<value>.+) must be at least (?P<minimum>.+)$", "jme_msg_at_least"),
        (r"^needs a non-empty 'match' pattern$", "jme_msg_match"),
        (r"^must be a non-empty list.*$", "jme_msg_non_empty"),
        (r"^(?P<value>.+) must be a whole number >= 2$", "jme_msg_min_n"),
        (r"^(?P<value>.+) must be between 0 and 1$", "jme_msg_alpha"),
        (r"^(?P<value>.+) must be positive$", "jme_msg_positive"),
        (r"^(?P<value>.+) must be a number >= 0$", "jme_msg_non_negative"),
        (r"^(?P<value>.+) is outside (?P<low>[-\d.]+)\.\.(?P<high>[-\d.]+)$", "jme_msg_range"),
        (r"^unknown (?:key|setting|channel|metric).*$", "jme_msg_unknown"),
    ]
]


# --- state --------------------------------------------------------------------------------


def load_state(text: str, source: str) -> dict[str, Any]:
    """The map the editors start from; reloaded (fresh editors) when the map in effect changed."""
    state = st.session_state.get(STATE)
    if state is None or state["source"] != source or state["text"] != text:
        if state is not None and FLASH not in st.session_state:
            flash("info", t("jme_reloaded", source=source_label(source)))  # someone else saved or restored
        doc = parse_document(text)
        state = {
            "source": source,
            "text": text,
            "doc": doc,
            "frames": frames_from_document(doc),
            "gen": (state["gen"] + 1) if state else 0,
        }
        st.session_state[STATE] = state
    return state


def rebase(frames: dict[str, pd.DataFrame], company: str | None) -> None:
    """Make the current edits the editors' starting point (to add rows programmatically)."""
    state = st.session_state[STATE]
    state["frames"] = {name: frame.reset_index(drop=True) for name, frame in frames.items()}
    state["doc"] = {**state["doc"], "company": company}
    state["gen"] += 1


def flash(kind: Literal["success", "info"], message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    flash = st.session_state.pop(FLASH, None)
    if flash:
        kind, message = flash
        (st.success if kind == "success" else st.info)(message, icon=":material/check_circle:")


# --- labels and problems -------------------------------------------------------------------------------


def col(name: str) -> str:
    return t(f"jme_col_{name}") if i18n.has(f"jme_col_{name}") else name


def names(frame: pd.DataFrame, key: str = "id") -> dict[str, str]:
    """Ids of a table's rows (functions, stages) to their names in the page's language (else the
    other language's name, else the id): pickers store the id and show the name."""
    first, second = ("name_fi", "name_en") if i18n.lang() == "fi" else ("name_en", "name_fi")
    out: dict[str, str] = {}
    for _, row in frame.iterrows():
        value = jd.clean(row[key])
        if isinstance(value, str) and value not in out:
            name = jd.clean(row[first]) or jd.clean(row[second])
            out[value] = str(name) if name else value
    return out


SEED_SUMMARY = re.compile(r"^starting point: the file (?P<path>.+)$")


def source_label(source: str | None) -> str:
    """Where a map came from in the page's words: a stored version, the shipped example map or a
    file given at start. Server file paths are for the command line and the logs, not the page."""
    if not source:
        return "–"
    version = re.fullmatch(r"db:version (\d+)", source)
    if version:
        return t("jme_source_version", version=int(version.group(1)))
    try:
        shipped = Path(source).resolve() == DEFAULT_MAP_PATH.resolve()
    except (OSError, ValueError):
        shipped = False
    return t("jme_source_shipped") if shipped else t("jme_source_given")


def local_name(user: Actor) -> str | None:
    """The login of the single local user (whose name the page does not show), else None."""
    return user.name if user.via == "local" else None


def author_label(changed_by: Any, local_name: str | None = None) -> str:
    """Who saved a version; the seed file's author marker in the page's language, and in single-user
    mode the computer's login (``local_name``, e.g. "root") as "this computer's user", not the
    account's name."""
    text = "" if changed_by is None or pd.isna(changed_by) else str(changed_by)
    if text == FILE_AUTHOR:
        return t("jme_by_file")
    if local_name is not None and text == local_name:
        return t("jme_by_local")
    return text


def summary_label(summary: Any) -> str:
    """A version's summary for the page: the seed file's path replaced by where it came from."""
    text = "" if summary is None or pd.isna(summary) else str(summary)
    seed = SEED_SUMMARY.match(text)
    return t("jme_summary_seed", source=source_label(seed.group("path"))) if seed else text


def plain_problem(where: dict[str, Any], message: str) -> str:
    """One validation problem in the page's terms: section › entry › column: message."""
    parts = []
    if where.get("section"):
        key = f"jme_section_{where['section']}"
        parts.append(t(key) if i18n.has(key) else where["section"])
    if where.get("entry"):
        parts.append(where["entry"])
    elif where.get("row"):
        parts.append(t("jme_row", row=where["row"]))
    if where.get("field") and where["field"] not in (where.get("entry"),):
        parts.append(col(where["field"]))
    for pattern, key in MESSAGES:
        match = pattern.match(message)
        if match:
            values = {k: (t("jme_empty_value") if v == "None" else v) for k, v in match.groupdict().items()}
            message = t(key, **values)
            break
    return (" › ".join(parts) + ": " if parts else "") + message


def show_problems(error: JourneyMapError, doc: dict[str, Any] | None) -> None:
    found = problems(error, doc)
    st.error(t("jme_invalid", n=i18n.fmt_int(len(found))), icon=":material/error:")
    # values of the map being checked (perhaps an uploaded file) are shown as text, not Markdown
    st.markdown("\n".join(f"- {plain(plain_problem(where, message))}" for where, message in found))


def when(value: Any) -> str:
    """A time from the data in the page's language; '–' when there is none."""
    if value is None or pd.isna(value):
        return "–"
    return i18n.fmt_datetime(pd.Timestamp(value).to_pydatetime())
