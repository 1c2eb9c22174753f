"""Journey page figures and tables, built from query results (no Streamlit calls): the stage x
measure heatmap, the flow between stages (Sankey), rework loops and the most common paths."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core.metrics import METRICS
from dashboard import charts, filters, i18n, vega
from dashboard.i18n import t

RATE_MEASURES = ("failure_rate", "late_rate", "friction_rate", "contacts_per_100", "avoidable_share")
MEASURE_KEYS = {
    "reach_rate": "journey_measure_reach",
    "failure_rate": "journey_measure_failure",
    "late_rate": "journey_measure_late",
    "friction_rate": "journey_measure_friction",
    "contacts_per_100": "journey_measure_contacts",
    "avoidable_share": "journey_measure_avoidable",
}
END_KEYS = {
    "(end)": "journey_node_end",
    "(dropped)": "journey_node_dropped",
    "(in progress)": "journey_node_in_progress",
}
TOP_PATHS = 10
TOP_REWORK = 10
WORSE = [[0.0, "#f7f7f5"], [0.35, "#f6c58f"], [0.7, "#e8743b"], [1.0, "#b2182b"]]
LINK_COLORS = {
    "forward": "rgba(31, 95, 168, 0.35)",
    "rework": "rgba(232, 116, 59, 0.75)",
    "(end)": "rgba(26, 127, 55, 0.45)",
    "(dropped)": "rgba(178, 24, 43, 0.5)",
    "(in progress)": "rgba(154, 161, 173, 0.5)",
}
NODE_COLORS = {"(end)": "#1a7f37", "(dropped)": "#b2182b", "(in progress)": "#9aa1ad"}


def shown_stages(stage_table: pd.DataFrame, f: filters.Filters) -> pd.DataFrame:
    """The journey map's stages in journey order, limited by the stage and owner filters."""
    shown = stage_table
    if f.stages:
        shown = shown[shown["stage"].isin(f.stages)]
    if f.owners:
        shown = shown[shown["owner"].isin(f.owners)]
    return shown.reset_index(drop=True)


def stage_label(stage: str, stage_table: pd.DataFrame) -> str:
    """A stage's name in the current language; end nodes and unknown ids readable too."""
    if stage in END_KEYS:
        return t(END_KEYS[stage])
    row = stage_table[stage_table["stage"] == stage]
    return i18n.localized(row.iloc[0]) if not row.empty else stage


def owner_label(row: pd.Series) -> str:
    return (
        i18n.localized(row, "owner_name") if isinstance(row.get("owner_name_en"), str) else str(row["owner"])
    )


def _flat(label: str) -> str:
    """A column label without its line breaks (for hover texts)."""
    return label.replace("-<br>", "").replace("<br>", " ")


def _rate_text(measure: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if measure == "contacts_per_100":
        return i18n.fmt_number(value, 1)
    return i18n.fmt_share(value, 1)


def heatmap_column_metrics() -> list[str | None]:
    """The metric of each heatmap column (None for the rate columns), as heatmap_cells orders them."""
    return [None] * (1 + len(RATE_MEASURES)) + list(METRICS)


def heatmap_cells(
    table: pd.DataFrame, stage_table: pd.DataFrame, min_n: int, reference: pd.DataFrame | None = None
) -> tuple[list[str], list[str], list[list], list[list[str]], list[list[str]]]:
    """Columns, stage ids, colour (0..1 worse, None = uncoloured), cell texts and hover texts.

    Rows follow ``stage_table`` (journey order); one row per stage even without responses.
    Colours are relative to the worst stage in ``reference`` (all stages; default ``table``),
    so limiting the stages shown does not make the rest look worse.
    """
    reference = table if reference is None else reference
    measures = ["reach_rate", *RATE_MEASURES]
    columns = [t(MEASURE_KEYS[m]) for m in measures] + [
        t("journey_measure_diff", metric=i18n.metric_label(m)) for m in METRICS
    ]
    stage_ids = list(stage_table["stage"])
    per_stage = table.drop_duplicates("stage").set_index("stage") if not table.empty else pd.DataFrame()
    maxima = {
        m: (pd.to_numeric(reference[m], errors="coerce").max() if not reference.empty else None)
        for m in RATE_MEASURES
    }
    significant = reference[reference["significant"].astype(bool)] if not reference.empty else reference
    worst = {}  # per metric (the units differ): the largest significant |difference|
    for metric in METRICS:
        deltas = significant[significant["metric"] == metric]["delta"] if not significant.empty else []
        worst[metric] = max(
            [abs(float(d)) for d in pd.to_numeric(pd.Series(deltas), errors="coerce").dropna()] or [0.0]
        )
    z, text, hover = [], [], []
    for _, srow in stage_table.iterrows():
        stage = srow["stage"]
        name = f"{i18n.localized(srow)} ({owner_label(srow)})"
        ops = per_stage.loc[stage] if stage in per_stage.index else None
        zr, tr, hr = [], [], []
        reach = None if ops is None else ops["reach_rate"]
        zr.append(None)
        tr.append(_rate_text("reach_rate", reach))
        hr.append(
            t(
                "journey_hover_reach",
                stage=name,
                reach=i18n.fmt_int(None if ops is None else ops["reach"]),
                journeys=i18n.fmt_int(None if ops is None else ops["journeys"]),
                rate=_rate_text("reach_rate", reach),
            )
        )
        for measure in RATE_MEASURES:
            value = None if ops is None or pd.isna(ops[measure]) else float(ops[measure])
            top = maxima.get(measure)
            zr.append(None if value is None or not top or pd.isna(top) else value / float(top))
            tr.append(_rate_text(measure, value))
            hr.append(
                t(
                    "journey_hover_rate",
                    stage=name,
                    measure=_flat(t(MEASURE_KEYS[measure])),
                    value=_rate_text(measure, value),
                    owner=owner_label(srow),
                )
            )
        for metric in METRICS:
            cell = (
                table[(table["stage"] == stage) & (table["metric"] == metric)] if not table.empty else table
            )
            zc, tc, hc = _difference_cell(
                cell.iloc[0] if not cell.empty else None, name, metric, min_n, worst[metric]
            )
            zr.append(zc)
            tr.append(tc)
            hr.append(hc)
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    return columns, stage_ids, z, text, hover


def _difference_cell(
    row: pd.Series | None, name: str, metric: str, min_n: int, worst: float
) -> tuple[float | None, str, str]:
    label = i18n.metric_label(metric)
    if row is None or not bool(row["enough_n"]) or pd.isna(row["delta"]):
        n_with = 0 if row is None else row["n_with"]
        n_without = 0 if row is None else row["n_without"]
        return (
            None,
            t("journey_not_enough_cell"),
            t(
                "journey_hover_not_enough",
                stage=name,
                metric=label,
                n_with=i18n.fmt_int(n_with),
                n_without=i18n.fmt_int(n_without),
                min_n=i18n.fmt_int(min_n),
            ),
        )
    decimals = i18n.METRIC_DECIMALS[metric]
    delta = float(row["delta"])
    significant = bool(row["significant"])
    colour = max(0.0, -delta) / worst if significant and worst else 0.0
    value = i18n.fmt_number(delta, decimals, signed=True) + ("*" if significant else "")
    hover = t(
        "journey_hover_diff",
        stage=name,
        metric=label,
        with_score=i18n.fmt_metric(metric, row["score_with"]),
        n_with=i18n.fmt_int(row["n_with"]),
        without_score=i18n.fmt_metric(metric, row["score_without"]),
        n_without=i18n.fmt_int(row["n_without"]),
        delta=i18n.fmt_metric_delta(metric, delta),
        ci=i18n.fmt_range(row["ci_low"], row["ci_high"], decimals, True),
        p=i18n.fmt_p(row["p_adjusted"]),
        significance=t("journey_significant") if significant else t("journey_not_significant"),
    )
    return min(colour, 1.0), value, hover


def cell_colors(z: float | None) -> tuple[str, str]:
    """A cell's fill (WORSE sampled at ``z``, white when uncoloured) and its text colour (white on
    a dark fill, as Plotly's heatmap chose it)."""
    if z is None or (isinstance(z, float) and math.isnan(z)):
        return "#ffffff", vega.TEXT
    rgb = sample_colorscale(WORSE, [min(max(float(z), 0.0), 1.0)])[0]
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", rgb)[:3])
    fill = f"#{round(r):02x}{round(g):02x}{round(b):02x}"
    dark = (r * 299 + g * 587 + b * 114) / 1000 < 128
    return fill, "#ffffff" if dark else vega.TEXT


def lines(label: str) -> list[str]:
    """A label written with <br> line breaks as its list of lines (Vega-Lite draws a list as lines)."""
    return label.split("<br>")


def _tooltips(hovers: list[str]) -> tuple[list[dict[str, str]], list[dict]]:
    """Our hover texts ('line<br>line<br>...') as fields tip0, tip1, ... of each data row and the
    ``tooltip`` channel showing them: the first line as the tooltip's heading, the others as rows
    with an invisible key (vega-tooltip draws key: value rows), so the wording is ours."""
    split = [lines(h) for h in hovers]
    count = max((len(s) for s in split), default=1)
    fields = [{f"tip{i}": (s[i] if i < len(s) else "") for i in range(count)} for s in split]
    channel = [{"field": "tip0", "title": "title"}] + [
        {"field": f"tip{i}", "title": "\u200b" * i} for i in range(1, count)
    ]
    return fields, channel


def _lookup(texts: dict[str, list[str]]) -> str:
    """A Vega expression giving an axis value's lines."""
    return f"{json.dumps(texts, ensure_ascii=False)}[datum.value]"


HEATMAP_ROW = 44  # px per stage row
HEADER_LINE = 13  # px per line of a column header
CELL_LINE = 14  # px per line of a cell text and a stage label

PICK = "pick"  # the heatmap's click selection (its rows: stage, metric)


def heatmap_spec(
    columns: list[str],
    stage_ids: list[str],
    labels: list[list[str]],
    z: list[list],
    text: list[list[str]],
    hover: list[list[str]],
    focus: str | None = None,
    column_metrics: list[str | None] | None = None,
) -> dict:
    """The stage x measure grid as a Vega-Lite spec: a coloured cell per stage and column with its
    text, our hover text as the tooltip, and a click selection ``pick`` giving the cell's stage and
    the metric of a difference column ("" for a rate column; ``column_metrics`` as
    heatmap_column_metrics()). ``labels``: each stage's lines (name, owner). The ``focus`` stage's
    row is outlined. Draw with vega.show(spec, on_select="rerun")."""
    metric_of_column = dict(enumerate(column_metrics or []))
    column_keys = [_flat(c) for c in columns]
    tips, tooltip = _tooltips([h for row in hover for h in row])
    header_lines = max((len(lines(c)) for c in columns), default=1)
    headers = [[""] * (header_lines - len(lines(c))) + lines(c) for c in columns]
    rows = []
    for i, stage in enumerate(stage_ids):
        for j, key in enumerate(column_keys):
            fill, ink = cell_colors(z[i][j])
            rows.append(
                {
                    "stage": stage,
                    "metric": metric_of_column.get(j) or "",
                    "column": key,
                    "z": z[i][j],
                    "fill": fill,
                    "ink": ink,
                    "text": "\n".join(lines(text[i][j])),
                    "lines": len(lines(text[i][j])),
                    "outline": stage == focus and j == 0,
                    **tips[i * len(column_keys) + j],
                }
            )
    axis = {"title": None, "ticks": False, "domain": False, "labelOverlap": False, "labelColor": vega.TEXT}
    return {
        "data": {"values": rows},
        "height": HEATMAP_ROW * len(stage_ids),
        "encoding": {
            "x": {
                "field": "column",
                "type": "nominal",
                "sort": column_keys,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {
                    **axis,
                    "orient": "top",
                    "labelAngle": 0,
                    # Vega stacks a label's lines downwards from its first line: every header
                    # gets as many lines (blank ones on top) and sits that much higher
                    "labelPadding": 6 + HEADER_LINE * (header_lines - 1),
                    "labelFontSize": 11,
                    "labelLineHeight": HEADER_LINE,
                    "labelFlush": False,
                    "labelExpr": _lookup(dict(zip(column_keys, headers))),
                },
            },
            "y": {
                "field": "stage",
                "type": "nominal",
                "sort": stage_ids,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {
                    **axis,
                    "labelPadding": 10,
                    "labelLineHeight": CELL_LINE,
                    # the lines stack downwards from the row's middle: lift them by half the extra
                    "labelOffset": -CELL_LINE * (max((len(x) for x in labels), default=1) - 1) / 2,
                    "labelExpr": _lookup(dict(zip(stage_ids, labels))),
                },
            },
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 2, "tooltip": None},
                "encoding": {"color": {"field": "fill", "type": "nominal", "scale": None, "legend": None}},
            },
            # Vega stacks a text's lines downwards from the middle: a layer per line count,
            # each lifted by half its extra lines so the text sits in the middle of its cell
            *(
                {
                    "transform": [{"filter": f"datum.lines == {n}"}],
                    "mark": {
                        "type": "text",
                        "fontSize": 12,
                        "lineHeight": CELL_LINE,
                        "lineBreak": "\n",
                        "dy": -CELL_LINE * (n - 1) / 2,
                        "tooltip": None,
                    },
                    "encoding": {
                        "text": {"field": "text"},
                        "color": {"field": "ink", "type": "nominal", "scale": None, "legend": None},
                    },
                }
                for n in sorted({row["lines"] for row in rows})
            ),
            {
                "transform": [{"filter": "datum.outline"}],
                "mark": {
                    "type": "rect",
                    "fill": None,
                    "stroke": vega.PRIMARY,
                    "strokeWidth": 2.5,
                    "tooltip": None,
                },
                "encoding": {"x": {"value": 0}, "x2": {"value": "width"}},
            },
            {
                # on top: the whole cell (its text too) shows the hover text and takes the click
                "params": [{"name": PICK, "select": {"type": "point", "fields": ["stage", "metric"]}}],
                "mark": {"type": "rect", "fill": "#ffffff", "opacity": 0, "cursor": "pointer"},
                "encoding": {"tooltip": tooltip},
            },
        ],
    }


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
                friction=_rate_text("friction_rate", rate),
                failed=_rate_text("failure_rate", ops["failure_rate"]),
                late=_rate_text("late_rate", ops["late_rate"]),
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
