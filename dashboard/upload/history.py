"""Upload page, import history: every import batch of every kind, and rollback of one batch.

The table shows each batch's metrics and the time span of its data (read from the raw tables, so a
rolled-back batch, whose rows are gone, shows neither). A rollback cannot be repeated by accident:
after it the confirmation is unticked again, the picker stays on the rolled-back batch and the
button is disabled for a batch that is already rolled back.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core import db as cxdb
from core.access import Permission
from core.batches import rollback_batch
from core.load_kinds import DEMO, LOAD_KINDS
from core.metrics import METRICS
from dashboard import auth, data, i18n
from dashboard.cached_query import cached_query
from dashboard.i18n import t
from dashboard.plain_text import escape_html
from dashboard.upload.files import RESULT_KEY, refresh_models

PICK_KEY = "upl_rollback_batch"
CONFIRM_KEY = "upl_rollback_sure"
DONE_KEY = "upl_rollback_done"  # the batch just rolled back: keep it picked, untick the confirmation

HISTORY_CLASS = "cx-upl-history"
HISTORY_CSS = f"""<style>
.{HISTORY_CLASS} {{ overflow-x: auto; margin-bottom: 0.5rem; }}
.{HISTORY_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.35; }}
.{HISTORY_CLASS} th, .{HISTORY_CLASS} td {{
  border: 1px solid rgba(49, 51, 63, 0.12); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; word-break: normal;
}}
.{HISTORY_CLASS} td.cx-long {{ overflow-wrap: anywhere; min-width: 9rem; }}
.{HISTORY_CLASS} th {{ background: #f0f2f6; font-weight: 600; }}
@media (max-width: 640px) {{  /* a phone: one card per batch, each value under its label */
  .{HISTORY_CLASS} thead {{ display: none; }}
  .{HISTORY_CLASS} table, .{HISTORY_CLASS} tbody, .{HISTORY_CLASS} tr, .{HISTORY_CLASS} td {{
    display: block; width: 100%; box-sizing: border-box;
  }}
  .{HISTORY_CLASS} tr {{ border: 1px solid rgba(49, 51, 63, 0.2); margin-bottom: 0.5rem; }}
  .{HISTORY_CLASS} td {{ border: none; padding: 0.15rem 0.5rem; overflow-wrap: anywhere; }}
  .{HISTORY_CLASS} td:empty {{ display: none; }}
  .{HISTORY_CLASS} td::before {{
    content: attr(data-label) ": "; font-weight: 600; color: #4b5563;
  }}
}}
</style>"""

_LONG = ' class="cx-long"'  # an unbroken token (a batch id) may break anywhere


def history_html(frame: pd.DataFrame) -> str:
    """The history as an escaped HTML table (cells are text, never HTML or Markdown); every cell
    carries its column's name for the phone layout."""
    head = "".join(f"<th>{escape_html(str(c))}</th>" for c in frame.columns)
    labels = [escape_html(str(c)) for c in frame.columns]
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{label}"{_LONG if len(str(v)) >= 25 and " " not in str(v) else ""}>'
            f"{escape_html(str(v))}</td>"
            for label, v in zip(labels, values, strict=True)
        )
        + "</tr>"
        for values in frame.itertuples(index=False)
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="{HISTORY_CLASS}">{table}</div>'


# the column that dates a row of each kind (core/schema/raw_*.sql); customers have none
TIME_COLUMNS = {"surveys": "responded_at", "contacts": "opened_at", "events": "occurred_at"}


def _all_batches() -> pd.DataFrame:
    """Every import batch of every kind (surveys, contacts, events, customers, demo), newest first.
    Read on every run (a small table), so a rollback shows at once."""
    return (
        data.cursor()
        .execute("""
        select batch_id, kind, source_file, imported_by, imported_at, row_count, status
        from import_batches order by imported_at desc, batch_id""")
        .df()
    )


@cached_query(max_entries=8)
def batch_contents(cur: Any, batches: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """Per batch (batch_id, status pairs: the cache key changes with a rollback or an import):
    its survey metrics ('nps,csat') and the first and last time of its rows (responded_at,
    opened_at, occurred_at), over the raw tables and the versions a later import replaced."""
    ids = [b for b, status in batches if status == "active"]
    empty = pd.DataFrame(columns=["batch_id", "metrics", "first_at", "last_at"])
    if not ids:
        return empty
    parts = []
    for name, kind in LOAD_KINDS.items():
        time_col = TIME_COLUMNS.get(name)
        metric = "metric" if name == "surveys" else "null::varchar"
        when = time_col or "null::timestamp"
        for table in (kind.table, kind.versions):
            if cxdb.table_exists(cur, table):
                parts.append(
                    f"select batch_id, {metric} as metric, {when} as ts from {table} "
                    "where list_contains($ids, batch_id)"
                )
    if not parts:
        return empty
    return cur.execute(
        "select batch_id, string_agg(distinct metric, ',' order by metric) as metrics, "
        f"min(ts) as first_at, max(ts) as last_at from ({' union all '.join(parts)}) group by 1",
        {"ids": ids},
    ).df()


def _metrics_text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    names = value.split(",")
    ordered = [m for m in METRICS if m in names] + sorted(m for m in names if m not in METRICS)
    return ", ".join(i18n.metric_label(m) for m in ordered)  # type: ignore[arg-type]


def _span_text(first: Any, last: Any) -> str:
    """'3 Jan 2026 – 28 Feb 2026'; one date when the data is from one day; blank without data."""
    if first is None or pd.isna(first):
        return ""
    start, end = i18n.fmt_date(pd.Timestamp(first).date()), i18n.fmt_date(pd.Timestamp(last).date())
    return start if start == end else f"{start} – {end}"


def history_frame(batches: pd.DataFrame, contents: pd.DataFrame) -> pd.DataFrame:
    """The history table: kind, file, metrics, rows, data span, imported at/by, status, full id."""
    by_id = contents.set_index("batch_id") if not contents.empty else pd.DataFrame()

    def content(batch_id: str, column: str) -> Any:
        return by_id.at[batch_id, column] if batch_id in by_id.index else None

    ids = list(batches["batch_id"])
    return pd.DataFrame(
        {
            t("upload_col_kind"): [t(f"upload_kind_{k}") for k in batches["kind"]],
            t("upload_col_file"): [v if isinstance(v, str) else "" for v in batches["source_file"]],
            t("upload_col_metrics"): [_metrics_text(content(b, "metrics")) for b in ids],
            t("upload_col_rows"): [i18n.fmt_int(v) for v in batches["row_count"]],
            t("upload_col_period"): [_span_text(content(b, "first_at"), content(b, "last_at")) for b in ids],
            t("upload_col_when"): [i18n.fmt_datetime(v) for v in batches["imported_at"]],
            t("upload_col_by"): [v if isinstance(v, str) else "" for v in batches["imported_by"]],
            t("upload_col_status"): [t(f"upload_status_{s}") for s in batches["status"]],
            t("upload_col_batch"): ids,
        }
    )


def _rollback(batch_id: str) -> int:
    """Roll back one batch of any kind (core.batches); the signed-in role needs the permission."""
    cur = data.cursor()
    return rollback_batch(cur, batch_id, actor=auth.require_page(Permission.ROLLBACK))


def _rollback_form(batches: pd.DataFrame) -> None:
    """Pick a batch, confirm, roll back. Rolled-back batches stay in the list (marked), so the
    picker never jumps to another batch; for them the button is disabled."""
    choices = batches[batches["kind"] != DEMO]
    if choices.empty:
        return
    status = dict(zip(choices["batch_id"], choices["status"], strict=True))
    labels = {
        row.batch_id: t(
            "upload_rollback_label",
            file=row.source_file if isinstance(row.source_file, str) else "",
            when=i18n.fmt_datetime(row.imported_at),
            rows=i18n.fmt_int(row.row_count),
            status=t(f"upload_status_{row.status}"),
            batch=row.batch_id,
        )
        for row in choices.itertuples()
    }
    done = st.session_state.pop(DONE_KEY, None)
    if done in labels:  # the run after a rollback: same batch, confirmation unticked
        st.session_state[PICK_KEY] = done
        st.session_state[CONFIRM_KEY] = False
    if st.session_state.get(PICK_KEY) not in labels:
        active = [b for b in labels if status[b] == "active"]
        st.session_state[PICK_KEY] = active[0] if active else next(iter(labels))
    with st.container(border=True):
        batch = st.selectbox(t("upload_rollback_pick"), list(labels), format_func=labels.get, key=PICK_KEY)
        rolled_back = status.get(batch) != "active"
        if rolled_back:
            st.info(t("upload_rollback_done"), icon=":material/history:")
        sure = st.checkbox(t("upload_rollback_confirm"), key=CONFIRM_KEY, disabled=rolled_back)
        go = st.button(
            t("upload_rollback_button"), icon=":material/undo:", disabled=rolled_back, key="upl_rollback_go"
        )
    if not go or rolled_back:
        return
    if not sure:
        st.warning(t("upload_rollback_need_confirm"))
        return
    removed = _rollback(batch)
    batch_contents.clear()
    st.session_state[DONE_KEY] = batch
    bar = st.progress(0.5, text=t("upload_progress_refresh"))
    if refresh_models(bar, 0.5):  # on failure its message stays; the next run still resets
        st.session_state[RESULT_KEY] = (
            "success",
            t("upload_rolled_back", batch=batch, rows=i18n.fmt_int(removed)),
        )
        st.rerun()  # the history and the picker show the batch as rolled back, unticked


def render_history() -> None:
    st.markdown(t("upload_history_intro"))
    batches = _all_batches()
    if batches.empty:
        st.caption(t("upload_history_empty"))
        return
    contents = batch_contents(tuple(zip(batches["batch_id"], batches["status"], strict=True)))
    shown = history_frame(batches, contents)
    # a static table that wraps (a long batch id breaks, never cut off) and fits any width
    st.html(HISTORY_CSS + history_html(shown))
    _rollback_form(batches)
