"""The Journey page's flow between stages built from query results (no Streamlit calls): the Sankey
figure with rework and end nodes, the rework table and the most common paths."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard import charts, i18n
from dashboard.i18n import t
from dashboard.journey_figures import END_KEYS, WORSE, owner_label, rate_text, stage_label

TOP_PATHS = 10
TOP_REWORK = 10
LINK_COLORS = {
    "forward": "rgba(31, 95, 168, 0.35)",
    "rework": "rgba(232, 116, 59, 0.75)",
    "(end)": "rgba(26, 127, 55, 0.45)",
    "(dropped)": "rgba(178, 24, 43, 0.5)",
    "(in progress)": "rgba(154, 161, 173, 0.5)",
}
NODE_COLORS = {"(end)": "#1a7f37", "(dropped)": "#b2182b", "(in progress)": "#9aa1ad"}


def flow_links(transitions: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    """Transitions that touch a shown stage (all of them when every stage is shown)."""
    if transitions.empty:
        return transitions
    keep = transitions["from_stage"].isin(shown) | transitions["to_stage"].isin(shown)
    return transitions[keep].reset_index(drop=True)


def _hours(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return t("journey_hours", value=i18n.fmt_number(value, 1))


def node_details(stage_table: pd.DataFrame, friction: pd.DataFrame) -> dict[str, tuple[str, float | None]]:
    """Per stage: hover text (owner, friction, failure and late rates) and friction rate."""
    per_stage = friction.drop_duplicates("stage").set_index("stage") if not friction.empty else None
    details = {}
    for _, row in stage_table.iterrows():
        stage = row["stage"]
        head = f"<b>{i18n.localized(row)}</b> · {owner_label(row)}"
        if per_stage is None or stage not in per_stage.index:
            details[stage] = (head, None)
            continue
        ops = per_stage.loc[stage]
        rate = None if pd.isna(ops["friction_rate"]) else float(ops["friction_rate"])
        details[stage] = (
            head
            + "<br>"
            + t(
                "journey_node_hover",
                friction=rate_text("friction_rate", rate),
                failed=rate_text("failure_rate", ops["failure_rate"]),
                late=rate_text("late_rate", ops["late_rate"]),
            ),
            rate,
        )
    return details


def sankey_figure(
    links_frame: pd.DataFrame, stage_table: pd.DataFrame, friction: pd.DataFrame | None = None
) -> go.Figure:
    """Stages (journey order) and end nodes; rework bands in their own colour; stage nodes
    coloured by their friction rate (darker red = more journeys met friction there)."""
    order = list(stage_table["stage"])
    present = set(links_frame["from_stage"]) | set(links_frame["to_stage"])
    nodes = [s for s in order if s in present] + [s for s in present if s not in order and s not in END_KEYS]
    nodes += [s for s in END_KEYS if s in present]
    index = {s: i for i, s in enumerate(nodes)}
    labels = [stage_label(s, stage_table) for s in nodes]
    details = node_details(stage_table, friction if friction is not None else pd.DataFrame())
    worst = max([r for _, r in details.values() if r is not None] or [0.0])
    node_colors, node_hover = [], []
    for stage, label in zip(nodes, labels):
        hover, rate = details.get(stage, (f"<b>{label}</b>", None))
        node_hover.append(hover)
        if stage in NODE_COLORS:
            node_colors.append(NODE_COLORS[stage])
        elif rate is None or not worst:
            node_colors.append(charts.PRIMARY)
        else:
            node_colors.append(sample_colorscale(WORSE, [0.3 + 0.7 * rate / worst])[0])
    colors, hovers = [], []
    for _, row in links_frame.iterrows():
        target = row["to_stage"]
        kind = target if target in END_KEYS else ("rework" if row["is_rework"] else "forward")
        colors.append(LINK_COLORS[kind])
        hovers.append(
            t(
                "journey_link_hover",
                source=labels[index[row["from_stage"]]],
                target=labels[index[target]],
                count=i18n.fmt_int(row["transitions"]),
                rework=t("journey_link_rework") if row["is_rework"] else "",
                hours=_hours(row["median_hours"]),
            )
        )
    flow = go.Sankey(
        arrangement="snap",
        node={
            "label": labels,
            "pad": 18,
            "thickness": 16,
            "color": node_colors,
            "customdata": node_hover,
            "hovertemplate": "%{customdata}<br>%{value:,.0f}<extra></extra>",
        },
        link={
            "source": [index[s] for s in links_frame["from_stage"]],
            "target": [index[s] for s in links_frame["to_stage"]],
            "value": [int(v) for v in links_frame["transitions"]],
            "color": colors,
            "customdata": hovers,
            "hovertemplate": "%{customdata}<extra></extra>",
        },
    )
    return go.Figure(
        data=[flow],
        layout={
            "height": 460,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "font": {"family": charts.FONT, "size": 12},
            "separators": i18n.plotly_separators(),
        },
    )


def rework_table(links_frame: pd.DataFrame, stage_table: pd.DataFrame) -> pd.DataFrame:
    """The most frequent rework moves with their share of all moves out of the same stage."""
    if links_frame.empty:
        return pd.DataFrame()
    out_of = links_frame.groupby("from_stage")["transitions"].sum()
    rework = (
        links_frame[links_frame["is_rework"].astype(bool)]
        .sort_values("transitions", ascending=False)
        .head(TOP_REWORK)
    )
    return pd.DataFrame(
        {
            t("journey_col_from"): [stage_label(s, stage_table) for s in rework["from_stage"]],
            t("journey_col_to"): [stage_label(s, stage_table) for s in rework["to_stage"]],
            t("journey_col_moves"): [i18n.fmt_int(v) for v in rework["transitions"]],
            t("journey_col_share_of_from"): [
                i18n.fmt_share(v / out_of[s], 1) for v, s in zip(rework["transitions"], rework["from_stage"])
            ],
            t("journey_col_median_hours"): [_hours(h) for h in rework["median_hours"]],
        }
    )


def path_label(path: str, stage_table: pd.DataFrame) -> str:
    return " › ".join(stage_label(s, stage_table) for s in path.split(" > "))


def top_paths(paths: pd.DataFrame, shown: list[str], all_shown: bool) -> tuple[pd.DataFrame, int, int]:
    """The TOP_PATHS most common paths (those through a shown stage when stages are limited),
    the number of different paths and of journeys they cover."""
    if not all_shown and not paths.empty:
        keep = [bool(set(p.split(" > ")) & set(shown)) for p in paths["path"]]
        paths = paths[keep]
    return paths.head(TOP_PATHS), len(paths), int(paths["journeys"].sum()) if not paths.empty else 0
