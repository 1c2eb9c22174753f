"""Feedback page: what customers write about (the journey map's comment themes), how the scores of
those who mention a theme compare with the other commenters', what they wrote (each comment a click
away from its customer) and how many comments no theme catches yet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.metrics import METRICS
from dashboard import data_feedback, filters, i18n, links, page, ui, vega
from dashboard import feedback_figures as fig
from dashboard.contacts_figures import month_bar_spec
from dashboard.data_feedback import ScoreGroup
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown

URL_PATH = "feedback"
GROUP_KEY = "fb_score_group"  # the score group selector
GROUP_KEPT = "_fb_score_group_kept"  # its value, kept while another page is open
PICK_KEY = "fb_theme_pick"  # the theme picker (follows the URL's focus=)


class Names:
    """Readable names of the themes, their stages and owners (journey map names, never ids)."""

    def __init__(self, themes: pd.DataFrame, options: dict) -> None:
        self.rows = {r["theme"]: r for r in themes.to_dict("records")}
        self.stage_names = options.get("stage_names", {})
        self.owner_names = options.get("owner_names", {})

    def theme(self, theme: str) -> str:
        row = self.rows.get(theme)
        return i18n.localized(row) if row is not None else i18n.pretty(theme)

    def place(self, theme: str) -> tuple[str, str]:
        """(stage name, owner name) of a theme; a theme without a stage says so."""
        row = self.rows.get(theme) or {}
        stage, owner = row.get("stage"), row.get("owner")
        stage_text = i18n.name_in(self.stage_names, stage) if isinstance(stage, str) else t("fb_stage_none")
        return stage_text, i18n.name_in(self.owner_names, owner) if isinstance(owner, str) else "–"


# --- controls ---------------------------------------------------------------------------------


def render_group_filter(metrics: list[str]) -> ScoreGroup | None:
    """The page's score group selector; its choice outlives a visit to another page."""
    options = fig.group_options(metrics)
    if st.session_state.get(GROUP_KEY) not in options:
        kept = st.session_state.get(GROUP_KEPT)
        st.session_state[GROUP_KEY] = kept if kept in options else fig.ALL
    choice = st.selectbox(
        t("fb_score_group"),
        options=options,
        key=GROUP_KEY,
        format_func=fig.group_label,
        help=t("fb_score_group_help"),
    )
    st.session_state[GROUP_KEPT] = choice
    return fig.parse_group(choice)


def focus_from_url(themes: pd.DataFrame) -> str | None:
    value = st.query_params.get(links.QP_FOCUS)
    return value if value in set(themes["theme"]) else None


def _on_pick() -> None:
    links.set_here(**{links.QP_FOCUS: st.session_state.get(PICK_KEY) or None})


def render_picker(vol: pd.DataFrame, names: Names, focus: str | None) -> None:
    st.session_state[PICK_KEY] = focus  # the URL decides (a link, the back button, a click)
    counts = dict(zip(vol["theme"], vol["mentions"]))
    st.selectbox(
        t("fb_pick"),
        options=list(vol["theme"]),
        key=PICK_KEY,
        format_func=lambda x: f"{names.theme(x)} ({i18n.fmt_int(counts.get(x, 0))})",
        placeholder=t("fb_pick_placeholder"),
        on_change=_on_pick,
    )


# --- sections ---------------------------------------------------------------------------------


def render_kpis(commented: int, untagged: int, vol: pd.DataFrame) -> None:
    tagged = commented - untagged
    cols = st.columns(4)
    cols[0].metric(t("fb_kpi_comments"), i18n.fmt_int(commented), help=t("fb_kpi_comments_help"))
    cols[1].metric(
        t("fb_kpi_tagged"),
        i18n.fmt_share(tagged / commented if commented else None, 1),
        delta=t("fb_kpi_count", count=i18n.fmt_int(tagged)),
        delta_color="gray",
        delta_arrow="off",
        help=t("fb_kpi_tagged_help"),
    )
    cols[2].metric(
        t("fb_kpi_untagged"),
        i18n.fmt_int(untagged),
        delta=t("fb_kpi_share", share=i18n.fmt_share(untagged / commented if commented else None, 1)),
        delta_color="gray",
        delta_arrow="off",
        help=t("fb_kpi_untagged_help"),
    )
    cols[3].metric(
        t("fb_kpi_themes"),
        i18n.fmt_int(int((vol["mentions"] > 0).sum())),
        delta=t("fb_kpi_of_themes", total=i18n.fmt_int(len(vol))),
        delta_color="gray",
        delta_arrow="off",
    )


def render_volumes(vol: pd.DataFrame, counts: pd.DataFrame, names: Names) -> None:
    """Mentions and share per theme (a row opens the theme here), then the trend chart."""
    st.subheader(t("fb_volumes_header"), anchor=False)
    table = pd.DataFrame(
        {
            t("fb_col_theme"): [names.theme(x) for x in vol["theme"]],
            t("fb_col_mentions"): [i18n.fmt_int(v) for v in vol["mentions"]],
            t("fb_col_share"): [i18n.fmt_share(s, 1) for s in vol["share"]],
            t("col_stage"): [names.place(x)[0] for x in vol["theme"]],
            t("fb_col_owner"): [names.place(x)[1] for x in vol["theme"]],
        }
    )
    clicked = ui.table(
        table,
        key="fb_volumes",
        links=[links.href(URL_PATH, **{links.QP_FOCUS: x}) for x in vol["theme"]],
        column_config={
            t("fb_col_theme"): st.column_config.TextColumn(pinned=True),
            t("fb_col_share"): st.column_config.TextColumn(help=t("fb_col_share_help")),
        },
        height="content" if len(table) <= 25 else None,
    )
    st.caption(t("fb_volumes_caption"))
    if clicked is not None and 0 <= clicked < len(vol):
        links.set_here(**{links.QP_FOCUS: str(vol["theme"].iloc[clicked])})
        st.rerun()
    top = [x for x, m in zip(vol["theme"], vol["mentions"]) if m > 0][: fig.TREND_THEMES]
    if top and len(fig.commented_by_month(counts)) > 1:
        st.markdown(f"**{t('fb_trend_header', count=len(top))}**")
        vega.show(fig.trend_spec(counts, top, {x: names.theme(x) for x in top}), key="fb_trend")


def render_scores(scores: pd.DataFrame, min_n: int, alpha: float, names: Names) -> None:
    st.subheader(
        t("fb_scores_header"),
        anchor=False,
        help=t("stats_method_help", alpha=i18n.fmt_number(alpha, 2), min_n=i18n.fmt_int(min_n)),
    )
    rows = fig.scores_rows(scores)
    if rows.empty:
        st.caption(t("fb_scores_none"))
        return
    table, tones = fig.scores_table(rows, min_n, names.theme, names.place)
    ui.table(
        table,
        key="fb_scores",
        tones={t("col_delta"): tones},
        column_config={
            t("fb_col_theme"): st.column_config.TextColumn(pinned=True),
            t("fb_col_mentioning"): st.column_config.TextColumn(help=t("fb_col_mentioning_help")),
            t("fb_col_others"): st.column_config.TextColumn(help=t("fb_col_others_help")),
            t("col_delta"): st.column_config.TextColumn(help=t("fb_col_delta_help")),
        },
    )
    st.caption(t("fb_scores_caption", units=t("friction_units")))


def score_gap_line(row: pd.Series, metric: str) -> tuple[str, str | None]:
    """One metric's comparison for the open theme in plain words, and its statistics as help."""
    label = i18n.metric_label(metric)
    n_with, n_without = int(row["mentions"]), int(row["commented"]) - int(row["mentions"])
    counts = {"n_with": i18n.fmt_int(n_with), "n_without": i18n.fmt_int(n_without)}
    if not bool(row["enough_n"]) or pd.isna(row["delta"]):
        return t("fb_gap_not_enough", metric=label, **counts), None
    delta = float(row["delta"])
    key = (
        "fb_gap_unclear" if not bool(row["significant"]) else "fb_gap_lower" if delta < 0 else "fb_gap_higher"
    )
    text = t(
        key,
        metric=label,
        with_score=i18n.fmt_metric(metric, row["score_mentioning"]),
        without_score=i18n.fmt_metric(metric, row["score_others"]),
        gap=i18n.fmt_metric_delta(metric, abs(delta)).lstrip("+"),
    )
    ci = i18n.fmt_range(row["ci_low"], row["ci_high"], i18n.METRIC_DECIMALS[metric], True)
    return text, t("fb_gap_help", **counts, ci=ci, p=i18n.fmt_p(row["p_adjusted"]))


def render_focus(
    f: filters.Filters,
    theme: str,
    group: ScoreGroup | None,
    vol: pd.DataFrame,
    counts: pd.DataFrame,
    scores: pd.DataFrame,
    names: Names,
) -> None:
    """The open theme: where it sits, how its mentioners score, its months, what they wrote."""
    stage, owner = names.place(theme)
    st.subheader(escape_markdown(t("fb_focus_header", theme=names.theme(theme))), anchor=False)
    picker, back = st.columns([3, 1], vertical_alignment="bottom")
    with picker:
        render_picker(vol, names, theme)
    with back:
        st.button(
            t("fb_focus_all"),
            icon=":material/arrow_back:",
            type="tertiary",
            key="fb_focus_all",
            on_click=links.set_here,
            kwargs={links.QP_FOCUS: None},
        )
    st.caption(escape_markdown(t("fb_focus_meta", stage=stage, owner=owner)))
    own = scores[(scores["theme"] == theme) & (scores["mentions"] > 0)]
    for metric in METRICS:
        cell = own[own["metric"] == metric]
        if not cell.empty:
            text, help_text = score_gap_line(cell.iloc[0], metric)
            st.markdown(text, help=help_text)
    frame, total, customers = data_feedback.theme_comments(theme, f.months, f.segments, f.channels, group)
    if not total:
        st.info(t("fb_focus_none"), icon=":material/info:")
        st.divider()
        return
    share = vol.loc[vol["theme"] == theme, "share"]
    st.markdown(
        t(
            "fb_focus_summary",
            mentions=i18n.fmt_int(total),
            share=i18n.fmt_share(share.iloc[0] if len(share) else None, 1),
            customers=i18n.fmt_int(customers),
        )
    )
    months, values, hovers = fig.month_counts(counts, theme)
    if len(months) > 1:
        st.markdown(f"**{t('fb_focus_months')}**")
        vega.show(month_bar_spec(months, values, hovers), key=f"fb_months_{theme}", height=180)
    st.markdown(f"**{t('fb_comments_header')}**")
    comment_rows(frame, f"fb_comments_{theme}", terms=True)
    st.caption(t("fb_comments_caption", shown=i18n.fmt_int(len(frame)), count=i18n.fmt_int(total)))
    st.divider()


def comment_rows(frame: pd.DataFrame, key: str, terms: bool) -> None:
    """Comments as a table whose rows open the customer (anonymous responses open nothing)."""
    links.drill_table(
        fig.comments_table(frame, terms=terms),
        [links.customer_target(c) if isinstance(c, str) and c else None for c in frame["customer_id"]],
        key=key,
        column_config={
            t("fb_col_customer"): st.column_config.TextColumn(help=t("fb_col_customer_help")),
            t("fb_col_terms"): st.column_config.TextColumn(help=t("fb_col_terms_help")),
        },
    )


def render_untagged(f: filters.Filters, group: ScoreGroup | None, commented: int, untagged: int) -> None:
    st.subheader(t("fb_untagged_header"), anchor=False)
    if not untagged:
        st.caption(t("fb_untagged_none"))
        return
    st.markdown(
        t(
            "fb_untagged_summary",
            count=i18n.fmt_int(untagged),
            share=i18n.fmt_share(untagged / commented if commented else None, 1),
        )
    )
    frame = data_feedback.untagged_comments(f.months, f.segments, f.channels, group)
    comment_rows(frame, "fb_untagged", terms=False)
    st.caption(t("fb_untagged_caption", shown=i18n.fmt_int(len(frame))))


# --- page -------------------------------------------------------------------------------------


def render() -> None:
    """The Feedback page: an open theme (focus= in the URL) first, then every theme."""
    ctx = page.start("fb_title")
    if ctx is None:
        return
    f = ctx.filters
    st.caption(escape_markdown(" · ".join(page.scope_parts(ctx, channels=True))))
    st.caption(t("fb_intro"))
    if not data_feedback.available():
        st.info(t("fb_unavailable"), icon=":material/info:")
        return
    themes = data_feedback.themes()
    if themes.empty:
        st.info(t("fb_no_themes"), icon=":material/info:")
        return
    names = Names(themes, ctx.options)
    left, right = st.columns(2)
    with left:
        group = render_group_filter(ctx.options.get("metrics") or list(METRICS))
    commented, untagged = data_feedback.comment_counts(f.months, f.segments, f.channels, group)
    if not commented:
        st.info(t("fb_no_comments"), icon=":material/info:")
        return
    counts = fig.counts_by_month(data_feedback.monthly(f.months, f.segments, f.channels), group)
    vol = fig.volumes(counts, themes)
    scores = data_feedback.theme_scores(f.months, f.segments, f.channels)
    focus = focus_from_url(themes)
    if focus is not None:
        render_focus(f, focus, group, vol, counts, scores, names)
    else:
        with right:
            render_picker(vol, names, None)
        st.caption(t("fb_pick_hint"))
    render_kpis(commented, untagged, vol)
    render_volumes(vol, counts, names)
    render_scores(scores, ctx.min_n, ctx.alpha, names)
    render_untagged(f, group, commented, untagged)
