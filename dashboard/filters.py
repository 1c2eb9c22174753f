"""Global filters shared by every page: a month range, segments, channels, stages and functions.

The values live in ``st.session_state`` (keys below) and are mirrored in the URL query
parameters ``from``, ``to`` (``yyyy-mm``), ``segment``, ``channel``, ``stage`` and ``owner``
(repeated), so a copied link reproduces the view. Pages read them with ``current()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard import i18n
from dashboard.i18n import t

PERIOD_KEY = "flt_months"  # (first month, last month) in effect
SLIDER_KEY = "_flt_months_slider"
SLIDER_GENERATION_KEY = "_flt_months_slider_generation"
SEGMENTS_KEY = "flt_segments"
CHANNELS_KEY = "flt_channels"
STAGES_KEY = "flt_stages"
OWNERS_KEY = "flt_owners"
LOADED_KEY = "_flt_loaded_from_url"
URL_SEEN_KEY = "_flt_url_seen"  # the filter parameters this session last wrote to the URL
DEFAULT_MONTHS = 6  # the default period: the latest six months with data

QP_FROM, QP_TO, QP_SEGMENT, QP_CHANNEL, QP_LANG = "from", "to", "segment", "channel", "lang"
QP_STAGE, QP_OWNER = "stage", "owner"
FILTER_PARAMS = (QP_FROM, QP_TO, QP_SEGMENT, QP_CHANNEL, QP_STAGE, QP_OWNER)
# multiselect filters: (session key, query parameter, option list in filter_options())
LIST_FILTERS = (
    (SEGMENTS_KEY, QP_SEGMENT, "segments"),
    (CHANNELS_KEY, QP_CHANNEL, "channels"),
    (STAGES_KEY, QP_STAGE, "stages"),
    (OWNERS_KEY, QP_OWNER, "owners"),
)


@dataclass(frozen=True)
class Filters:
    start: date | None  # first day of the first month (None when there is no data)
    end: date | None  # first day of the last month
    segments: tuple[str, ...]  # empty = all
    channels: tuple[str, ...]  # empty = all (response channel)
    stages: tuple[str, ...] = ()  # journey stage ids; empty = all
    owners: tuple[str, ...] = ()  # owning function ids; empty = all

    @property
    def months(self) -> tuple[date, date] | None:
        return None if self.start is None or self.end is None else (self.start, self.end)

    @property
    def length(self) -> int:
        """Number of months in the period."""
        if self.start is None or self.end is None:
            return 0
        return month_index(self.end) - month_index(self.start) + 1

    @property
    def previous(self) -> tuple[date, date] | None:
        """The period of equal length just before this one."""
        if self.start is None:
            return None
        first = add_months(self.start, -self.length)
        return first, add_months(self.start, -1)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def add_months(d: date, months: int) -> date:
    index = month_index(d) + months
    return date(index // 12, index % 12 + 1, 1)


def parse_month(value: str | None) -> date | None:
    """'2025-03' (or '2025-03-01') -> date(2025, 3, 1); None when it is not a month."""
    if not value:
        return None
    try:
        parts = str(value).strip().split("-")
        return date(int(parts[0]), int(parts[1]), 1)
    except (ValueError, IndexError):
        return None


def _month_param(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _default_range(months: list[date]) -> tuple[date, date]:
    return months[max(0, len(months) - DEFAULT_MONTHS)], months[-1]


# --- language ---------------------------------------------------------------------------


def init_language() -> None:
    """Set the language from the URL on the session's first run (default English)."""
    if i18n.LANG_KEY not in st.session_state:
        st.session_state[i18n.LANG_KEY] = i18n.parse_lang(st.query_params.get(QP_LANG)) or i18n.DEFAULT_LANG


def language_selector() -> None:
    st.segmented_control(
        t("sidebar_language"),
        options=list(i18n.LANGS),
        format_func=lambda c: i18n.LANGS[c],
        key=i18n.LANG_KEY,
        required=True,
        width="stretch",
    )


# --- filters ----------------------------------------------------------------------------


def _url_filter_params() -> dict[str, list[str]]:
    qp = st.query_params
    return {param: qp.get_all(param) for param in FILTER_PARAMS}


def _init_from_url(options: dict[str, list]) -> None:
    """Take the filters from the URL, keeping only valid values: on the session's first run, and
    whenever the URL's filters are not the ones this session last wrote there (a same-tab link
    that sets a filter, e.g. a function's contacts, or the browser's back button). A URL without
    any filter parameter (the page list) keeps the filters as they are."""
    url = _url_filter_params()
    first = not st.session_state.get(LOADED_KEY)
    moved = not first and any(url.values()) and url != st.session_state.get(URL_SEEN_KEY)
    if not first and not moved:
        return
    st.session_state[LOADED_KEY] = True
    months = options["months"]
    if months:
        start, end = parse_month(_first(url[QP_FROM])), parse_month(_first(url[QP_TO]))
        if start in months or end in months:
            default = _default_range(months)
            start = start if start in months else default[0]
            end = end if end in months else default[1]
            period = (min(start, end), max(start, end))
            if moved and tuple(st.session_state.get(PERIOD_KEY) or ()) != period:
                # the slider's value only takes at creation: a new generation shows the URL's period
                st.session_state[SLIDER_GENERATION_KEY] = st.session_state.get(SLIDER_GENERATION_KEY, 0) + 1
            st.session_state[PERIOD_KEY] = period
    for key, param, option in LIST_FILTERS:
        if moved or key not in st.session_state:
            st.session_state[key] = [v for v in url[param] if v in options.get(option, [])]
    st.session_state[URL_SEEN_KEY] = url


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _valid_range(value: object, months: list[date]) -> bool:
    return (
        isinstance(value, (tuple, list))
        and len(value) == 2
        and value[0] in months
        and value[1] in months
        and value[0] <= value[1]
    )


def _months_value(options: dict[str, list]) -> tuple[date, date] | None:
    """The period in effect: the one chosen (or taken from the URL), else the default."""
    months = options["months"]
    if not months:
        return None
    chosen = st.session_state.get(PERIOD_KEY)
    return (chosen[0], chosen[1]) if _valid_range(chosen, months) else _default_range(months)


def _slider_key() -> str:
    """The period slider's widget key. Its value comes from the ``value`` argument; to put
    the slider somewhere else (reset) a new generation of the widget is created, because a
    select slider's range cannot be written through the Session State API."""
    return f"{SLIDER_KEY}_{st.session_state.get(SLIDER_GENERATION_KEY, 0)}"


def _sanitize(options: dict[str, list]) -> None:
    """Drop stored values that the current data no longer has (e.g. after a refresh)."""
    for key, _, option in LIST_FILTERS:
        valid = options.get(option, [])
        values = st.session_state.get(key) or []
        cleaned = [v for v in values if v in valid]
        if cleaned != values or key not in st.session_state:
            st.session_state[key] = cleaned


def _reset() -> None:
    st.session_state.pop(PERIOD_KEY, None)
    st.session_state[SLIDER_GENERATION_KEY] = st.session_state.get(SLIDER_GENERATION_KEY, 0) + 1
    for key, _, _ in LIST_FILTERS:
        st.session_state[key] = []


def render(options: dict[str, list]) -> Filters:
    """Draw the filter widgets (call inside ``with st.sidebar``) and return the filters."""
    _init_from_url(options)
    _sanitize(options)
    months = options["months"]
    period = _months_value(options)
    st.markdown(f"**{t('filters_header')}**", help=t("filters_help"))
    if len(months) >= 2:
        period = st.select_slider(
            t("filter_period"),
            options=months,
            value=period,
            key=_slider_key(),
            format_func=lambda d: i18n.fmt_month(d),
            help=t("filter_period_help"),
        )
    elif len(months) == 1:
        st.caption(t("filter_single_month", month=i18n.fmt_month(months[0], short=False)))
    st.session_state[PERIOD_KEY] = period
    st.multiselect(
        t("filter_segment"),
        options=options["segments"],
        key=SEGMENTS_KEY,
        format_func=i18n.segment_label,
        placeholder=t("filter_all_segments"),
    )
    st.multiselect(
        t("filter_channel"),
        options=options["channels"],
        key=CHANNELS_KEY,
        format_func=i18n.channel_label,
        placeholder=t("filter_all_channels"),
    )
    stage_names = options.get("stage_names", {})
    st.multiselect(
        t("filter_stage"),
        options=options.get("stages", []),
        key=STAGES_KEY,
        format_func=lambda s: localized_name(stage_names, s),
        placeholder=t("filter_all_stages"),
        help=t("filter_stage_help"),
    )
    owner_names = options.get("owner_names", {})
    st.multiselect(
        t("filter_owner"),
        options=options.get("owners", []),
        key=OWNERS_KEY,
        format_func=lambda o: localized_name(owner_names, o),
        placeholder=t("filter_all_owners"),
        help=t("filter_owner_help"),
    )
    st.button(t("filter_reset"), on_click=_reset, type="tertiary", icon=":material/restart_alt:")
    return current()


def localized_name(names: dict[str, dict[str, str]], key: str) -> str:
    """Localized name from {id: {"en": .., "fi": ..}}, else the id."""
    entry = names.get(key) or {}
    return entry.get(i18n.lang()) or entry.get("en") or key


def current() -> Filters:
    """The filters as chosen in the sidebar (pages call this)."""
    months = st.session_state.get(PERIOD_KEY)
    start, end = (months[0], months[1]) if months else (None, None)
    return Filters(
        start,
        end,
        tuple(st.session_state.get(SEGMENTS_KEY) or ()),
        tuple(st.session_state.get(CHANNELS_KEY) or ()),
        tuple(st.session_state.get(STAGES_KEY) or ()),
        tuple(st.session_state.get(OWNERS_KEY) or ()),
    )


def query_params(filters: Filters) -> dict[str, list[str]]:
    """Language and filters as query parameters (empty list = parameter absent)."""
    return {
        QP_LANG: [] if i18n.lang() == i18n.DEFAULT_LANG else [i18n.lang()],
        QP_FROM: [_month_param(filters.start)] if filters.start else [],
        QP_TO: [_month_param(filters.end)] if filters.end else [],
        QP_SEGMENT: list(filters.segments),
        QP_CHANNEL: list(filters.channels),
        QP_STAGE: list(filters.stages),
        QP_OWNER: list(filters.owners),
    }


def sync_query_params(filters: Filters) -> None:
    """Mirror language and filters in the URL (only our own keys; others are left alone), and
    remember them, so a URL that differs later was changed by navigation (see _init_from_url)."""
    wanted = query_params(filters)
    st.session_state[URL_SEEN_KEY] = {param: wanted[param] for param in FILTER_PARAMS}
    qp = st.query_params
    if all(qp.get_all(key) == values for key, values in wanted.items()):
        return
    # one write (each assignment to st.query_params is a browser-history entry of its own, and
    # the back button would have to step through them)
    merged: dict[str, str | list[str]] = {k: qp.get_all(k) for k in qp if k not in wanted}
    merged.update({k: v if len(v) > 1 else v[0] for k, v in wanted.items() if v})
    qp.from_dict(merged)
