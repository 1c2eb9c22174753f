"""Customer page: one customer's journeys and a timeline of their events, contacts and responses."""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd
import streamlit as st

from dashboard import charts, data, data_customer, i18n, links, page, ui, vega
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown
from dashboard.text.customer import ACTIVITY_NAMES

SEARCH_KEY = "customer_id"
SEEN_PARAM_KEY = "_customer_param_seen"
Kind = Literal["event", "deadline", "contact", "response"]  # mart_customer_timeline.kind
KINDS: tuple[Kind, ...] = get_args(Kind)
FRICTION_COLOR = "#b2182b"
CALM_COLOR = charts.PRIMARY


def _sync_with_url() -> None:
    """Take the id from the URL when the URL changed (a link), else keep what was typed."""
    param = st.query_params.get(links.QP_CUSTOMER)
    if param != st.session_state.get(SEEN_PARAM_KEY):
        st.session_state[SEEN_PARAM_KEY] = param
        if param:
            st.session_state[SEARCH_KEY] = param


def _on_search() -> None:
    value = (st.session_state.get(SEARCH_KEY) or "").strip()
    st.session_state[SEARCH_KEY] = value
    st.session_state[SEEN_PARAM_KEY] = value or None
    if value:
        st.query_params[links.QP_CUSTOMER] = value
    else:
        del st.query_params[links.QP_CUSTOMER]


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


def _outcome(value) -> str:
    return t(f"customer_outcome_{value}") if isinstance(value, str) else t("customer_outcome_none")


def journeys_table(timeline: pd.DataFrame, names: Names) -> pd.DataFrame:
    """One row per journey of the customer, newest first."""
    rows = []
    with_journey = timeline[timeline["journey_id"].notna()]
    for journey_id, items in with_journey.groupby("journey_id", sort=False):
        events = items[items["kind"] == "event"]
        stages: list[str] = []
        for stage in events["stage"]:
            if isinstance(stage, str) and (not stages or stages[-1] != stage):
                stages.append(stage)
        start = events["occurred_at"].min() if not events.empty else items["occurred_at"].min()
        rows.append(
            {
                "_start": start,
                t("customer_col_journey"): journey_id,
                t("customer_col_started"): i18n.fmt_datetime(pd.Timestamp(start).to_pydatetime()),
                t("customer_col_stages"): " › ".join(names.stage(s) for s in stages),
                t("customer_col_outcome"): _outcome(
                    items["journey_outcome"].dropna().iloc[0]
                    if items["journey_outcome"].notna().any()
                    else None
                ),
                t("customer_col_friction_items"): int(items["friction"].fillna(False).astype(bool).sum()),
                t("customer_col_contacts"): int((items["kind"] == "contact").sum()),
                t("customer_col_responses"): int((items["kind"] == "response").sum()),
            }
        )
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).sort_values("_start", ascending=False).drop(columns="_start")


# the marker of each kind of item (Vega symbols; the x and the star as SVG paths, the star a
# little larger than its 2×2 box so that it reads as large as the others)
SHAPES = {
    "event": "circle",
    "deadline": "M-1,-0.7L-0.7,-1L0,-0.3L0.7,-1L1,-0.7L0.3,0L1,0.7L0.7,1L0,0.3L-0.7,1L-1,0.7L-0.3,0Z",
    "contact": "diamond",
    "response": "M0,-1.3L0.31,-0.43L1.23,-0.4L0.49,0.16L0.77,1.05L0,0.52L-0.77,1.05L-0.49,0.16"
    "L-1.23,-0.4L-0.31,-0.43Z",
}


def time_axis_format(lang: str) -> dict:
    """Vega's multi-format of a time axis in the language's date style: Finnish days as '5.6.'
    and months as 'kesä 2026', English '5 Jun' and 'Jun 2026'; hours within a day."""
    if lang == "fi":
        day, hour = "%-d.%-m.", "klo %-H.%M"
    else:
        day, hour = "%-d %b", "%H:%M"
    return {
        "milliseconds": hour,
        "seconds": hour,
        "minutes": hour,
        "hours": hour,
        "date": day,
        "week": day,
        "month": "%b %Y",
        "quarter": "%b %Y",
        "year": "%b %Y",
    }


def timeline_spec(timeline: pd.DataFrame, names: Names) -> dict:
    """A Vega-Lite spec (for vega.show): events, contacts and responses on a time axis, one row
    per kind; friction in red. The hover texts are formatted here, in the page's language."""
    labels = {k: t(f"customer_kind_{k}") for k in KINDS}
    flagged = timeline["friction"].fillna(False).astype(bool)
    series = {False: t("customer_no_friction"), True: t("customer_friction")}
    present = [friction for friction in (False, True) if (flagged == friction).any()]
    rows = [
        {
            # a wall-clock time in the company's zone, read by the browser as such (no offset)
            "at": pd.Timestamp(r["occurred_at"]).strftime("%Y-%m-%dT%H:%M:%S"),
            "kind": labels[r["kind"]],
            "shape": r["kind"],
            "series": series[friction],
            "friction": bool(friction),
            **_timeline_hover(r, names),
        }
        for (_, r), friction in zip(timeline.iterrows(), flagged)
    ]
    return {
        "height": 260,
        "data": {"values": rows},
        "mark": {"type": "point", "filled": True, "opacity": 0.9},
        "encoding": {
            "x": {
                "field": "at",
                "type": "temporal",
                "title": None,
                "axis": {"format": time_axis_format(i18n.lang()), "tickCount": 6},
            },
            "y": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [labels[k] for k in KINDS]},
                "axis": {"grid": True, "ticks": False, "domain": False},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [series[f] for f in present],
                    "range": [FRICTION_COLOR if f else CALM_COLOR for f in present],
                },
            },
            # a friction marker a little larger (the same legend: size follows the colour)
            "size": {"condition": {"test": "datum.friction", "value": 130}, "value": 90},
            "shape": {
                "field": "shape",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": list(KINDS), "range": [SHAPES[k] for k in KINDS]},
            },
            "tooltip": [
                {"field": "heading", "title": "title"},
                {"field": "time", "title": t("customer_col_time")},
                {"field": "detail", "title": t("customer_col_detail")},
                {"field": "journey", "title": t("customer_col_journey")},
            ],
        },
    }


def _timeline_hover(r: pd.Series, names: Names) -> dict:
    """An item's hover: what and where as its heading, then time, detail and journey."""
    heading = f"{names.what(r)} · {names.stage(r['stage'])}"
    detail_text = detail(r)
    if r["kind"] == "event":
        detail_text += f" ({t('customer_event_code', code=r['what'])})"
    journey = r["journey_id"] if isinstance(r["journey_id"], str) else t("customer_no_journey")
    return {
        "heading": heading,
        "time": i18n.fmt_datetime(pd.Timestamp(r["occurred_at"]).to_pydatetime()),
        "detail": detail_text,
        "journey": journey,
    }


def timeline_table(timeline: pd.DataFrame, names: Names) -> pd.DataFrame:
    yes, no = t("yes"), t("no")
    return pd.DataFrame(
        {
            t("customer_col_time"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in timeline["occurred_at"]
            ],
            t("customer_col_kind"): [t(f"customer_kind_{k}") for k in timeline["kind"]],
            t("customer_col_journey"): [
                j if isinstance(j, str) else t("customer_no_journey") for j in timeline["journey_id"]
            ],
            t("customer_col_stage"): [names.stage(s) for s in timeline["stage"]],
            t("customer_col_owner"): [names.owner(o) for o in timeline["owner"]],
            t("customer_col_what"): [names.what(r) for _, r in timeline.iterrows()],
            t("customer_col_detail"): [detail(r) for _, r in timeline.iterrows()],
            t("customer_col_friction"): [yes if bool(f) else no for f in timeline["friction"].fillna(False)],
        }
    )


SUMMARY_ROWS = 5
FULL_TABLE_ROWS = 40  # a longer timeline scrolls inside a table this tall
TALL_TABLE_PX = 36 * 20


def friction_lines(table: pd.DataFrame, flagged: list[bool], limit: int = SUMMARY_ROWS) -> list[str]:
    """'time · stage · what: detail' of the first `limit` friction rows of the timeline table."""
    columns = [t("customer_col_time"), t("customer_col_stage"), t("customer_col_what")]
    rows = table[pd.Series(flagged, index=table.index)]
    return [
        " · ".join(str(r[c]) for c in columns) + f": {r[t('customer_col_detail')]}"
        for _, r in rows.head(limit).iterrows()
    ]


def friction_summary(table: pd.DataFrame, flagged: list[bool]) -> None:
    """The friction rows in a few lines above the timeline table, so none hides in its scroll.
    Names come from files: escaped, never Markdown."""
    count = sum(flagged)
    if not count:
        st.caption(t("customer_no_friction_summary"))
        return
    lines = [f"- {escape_markdown(line)}" for line in friction_lines(table, flagged)]
    if count > SUMMARY_ROWS:
        lines.append(f"- {t('customer_friction_more', n=i18n.fmt_int(count - SUMMARY_ROWS))}")
    st.warning(
        t("customer_friction_summary", n=i18n.fmt_int(count)) + "\n\n" + "\n".join(lines),
        icon=":material/warning:",
    )


def render_customer(customer_id: str) -> None:
    timeline = data_customer.customer_timeline(customer_id)
    if timeline.empty:
        st.warning(t("customer_unknown", customer=escape_markdown(customer_id)), icon=":material/person_off:")
        return
    names = Names()
    friction = timeline["friction"].fillna(False).astype(bool)
    segment = data_customer.customer_segment(customer_id) or "unknown"
    columns = st.columns(5)
    columns[0].metric(t("customer_segment"), i18n.segment_label(segment))
    columns[1].metric(t("customer_journeys"), i18n.fmt_int(timeline["journey_id"].dropna().nunique()))
    for column, kind, key in zip(
        columns[2:],
        ("event", "contact", "response"),
        ("customer_events", "customer_contacts", "customer_responses"),
    ):
        of_kind = timeline["kind"] == kind
        column.metric(
            t(key),
            i18n.fmt_int(int(of_kind.sum())),
            delta=t("customer_friction_items", n=i18n.fmt_int(int((of_kind & friction).sum()))),
            delta_color="red" if (of_kind & friction).any() else "gray",
            delta_arrow="off",
        )

    st.subheader(t("customer_journeys_header"), anchor=False)
    journeys = journeys_table(timeline, names)
    if not journeys.empty:
        # a static table (a customer has a few journeys): the stages visited wrap in their cell
        # instead of pushing the last columns out of view
        ui.table(journeys, key="customer_journeys_table", height="content")

    st.subheader(t("customer_timeline_header"), anchor=False)
    vega.show(timeline_spec(timeline, names), key="customer_timeline_chart")
    st.caption(t("customer_timeline_caption", zone=data.company_timezone()))
    table = timeline_table(timeline, names)
    friction_summary(table, list(friction))
    ui.table(
        table,
        key="customer_timeline_table",
        row_tones=["flag" if flagged else None for flagged in friction],
        height="content" if len(table) <= FULL_TABLE_ROWS else TALL_TABLE_PX,
    )


def render() -> None:
    """The Customer page."""
    page.header(t("customer_title"))
    st.caption(t("customer_intro"))
    _sync_with_url()
    examples = data_customer.example_customers()
    st.text_input(
        t("customer_search"),
        key=SEARCH_KEY,
        on_change=_on_search,
        placeholder=t("customer_search_placeholder", example=examples[0] if examples else "C0000001"),
        help=t("customer_search_help"),
    )
    customer_id = (st.session_state.get(SEARCH_KEY) or "").strip()
    if not customer_id:
        st.info(t("customer_prompt"), icon=":material/person_search:")
        if examples:
            st.caption(t("customer_examples", ids=", ".join(escape_markdown(e) for e in examples)))
        return
    render_customer(customer_id)
