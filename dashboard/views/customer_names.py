"""The Customer page's words for a timeline row: localized stage, function, reason and event
names from the journey map, and each row's detail in the current language."""

from __future__ import annotations

import pandas as pd

from dashboard import data, i18n
from dashboard.i18n import t
from dashboard.text.customer import ACTIVITY_NAMES


class Names:
    """Localized names of stages, functions and contact reasons from the journey map."""

    def __init__(self) -> None:
        self.stages = data.map_stages().set_index("stage")
        self.functions = data.map_functions().set_index("function_id")
        self.reasons = data.map_reasons().set_index("reason")

    def _lookup(self, table: pd.DataFrame, key) -> str | None:
        if not isinstance(key, str) or not key:
            return None
        return i18n.localized(table.loc[key]) if key in table.index else key

    def stage(self, key) -> str:
        return self._lookup(self.stages, key) or t("customer_unmapped")

    def owner(self, key) -> str:
        return self._lookup(self.functions, key) or "–"

    def what(self, row: pd.Series) -> str:
        if row["kind"] == "contact":
            if row["what"] == "unknown":
                return t("journey_reason_unknown")
            return self._lookup(self.reasons, row["what"]) or "–"
        if row["kind"] == "response":
            return i18n.metric_label(row["what"])
        if row["kind"] == "deadline":
            return t("customer_deadline_what", stage=self.stage(row["what"]))
        return activity_name(row["what"])


def activity_name(code) -> str:
    """A journey event's name in the current language ("order_picked" -> "Order picked" /
    "Tilaus keräilty"); an event without a name is shown with its code made readable."""
    if not isinstance(code, str) or not code:
        return "–"
    names = ACTIVITY_NAMES.get(code)
    if names:
        return names[i18n.lang()]
    readable = code.replace("_", " ").strip()
    return readable[:1].upper() + readable[1:]


def deadline_detail(text: str) -> str:
    """'promise, not done' (mart_customer_timeline) in the current language."""
    source, _, state = str(text).partition(", ")
    key = {"promise": "promise", "sla": "sla", "promise and sla": "both"}.get(source, "promise")
    return f"{t(f'customer_deadline_{key}')}, " + (
        t("customer_deadline_not_done") if state == "not done" else t("customer_deadline_done_late")
    )


def detail(row: pd.Series) -> str:
    """The row's detail in the current language."""
    if row["kind"] == "deadline":
        return deadline_detail(row["detail"])
    if row["kind"] == "event":
        late = bool(row["late"])
        if row["outcome"] == "failed":  # stg_journey_events: 'failed' or 'ok'
            return t("customer_failed") + (f", {t('customer_late')}" if late else "")
        return t("customer_ok_late") if late else t("customer_ok")
    if row["kind"] == "contact":
        channel = i18n.channel_label(row["channel"]) if isinstance(row["channel"], str) else "–"
        team = row["handling_team"]
        return t("customer_handled_by", channel=channel, team=team) if isinstance(team, str) else channel
    score = t("customer_score", score=i18n.fmt_number(row["score"], 0))
    comment = row["comment"]
    return f"{score}: “{comment}”" if isinstance(comment, str) and comment.strip() else score
