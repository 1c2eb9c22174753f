"""Upload page, import history: every import batch of every kind, rollback of one batch and
restore of a rolled-back one.

The table shows each batch's metrics and the time span of its data (read from the raw tables, and
for a rolled-back batch from the rows its rollback kept), and when and by whom a batch was rolled
back or restored. Neither action can be repeated by accident: after one the confirmations are
unticked again, the picker stays on the batch, and a batch offers only what fits its status (an
active batch: roll back; a rolled-back one: restore, or why it cannot be restored).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from core import db as cxdb
from core.access import Permission
from core.batch_changes import last_changes
from core.batch_restore import RestoreRefusedError, restore, restore_refusal
from core.batch_rollback import rollback_batch
from core.load_kinds import DEMO, LOAD_KINDS
from core.metrics import METRICS
from core.versions import parked_table
from dashboard import auth, data, i18n
from dashboard.cached_query import cached_query
from dashboard.i18n import t
from dashboard.plain_text import escape_html
from dashboard.upload.files import RESULT_KEY, refresh_models, stop_if_read_only

PICK_KEY = "upl_rollback_batch"
CONFIRM_KEY = "upl_rollback_sure"
RESTORE_CONFIRM_KEY = "upl_restore_sure"
DONE_KEY = "upl_rollback_done"  # the batch just rolled back or restored: keep it picked, untick

HISTORY_CLASS = "cx-upl-history"
PICKED_CLASS = "cx-upl-picked"
HISTORY_CSS = f"""<style>
.{HISTORY_CLASS} {{ overflow-x: auto; margin-bottom: 0.5rem; }}
.{HISTORY_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.35; }}
.{HISTORY_CLASS} th, .{HISTORY_CLASS} td {{
  border: 1px solid rgba(49, 51, 63, 0.12); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; word-break: normal;
}}
.{HISTORY_CLASS} td.cx-long {{ overflow-wrap: anywhere; min-width: 9rem; }}
.{HISTORY_CLASS} th {{ background: #f0f2f6; font-weight: 600; }}
.{PICKED_CLASS} {{ display: none; }}
@media (max-width: 640px) {{  /* a phone: one card per batch, each value under its label */
  .{PICKED_CLASS} {{  /* the picked batch in full under the picker, which cuts it off */
    display: block; font-size: 0.875rem; color: #4b5563; overflow-wrap: anywhere; margin-top: -0.5rem;
  }}
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
    """Every import batch of every kind (surveys, contacts, events, customers, demo), newest first,
    with its latest rollback or restore (change, changed_at, changed_by; empty when none). Read on
    every run (small tables), so a rollback or restore shows at once."""
    cur = data.cursor()
    frame = cur.execute("""
        select batch_id, kind, source_file, imported_by, imported_at, row_count, status
        from import_batches order by imported_at desc, batch_id""").df()
    changes = last_changes(cur)
    for i, column in enumerate(("change", "changed_at", "changed_by")):
        frame[column] = [changes[b][i] if b in changes else None for b in frame["batch_id"]]
    return frame


@cached_query(max_entries=8)
def batch_contents(cur: Any, batches: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """Per batch (batch_id, status pairs: the cache key changes with a rollback or an import):
    its survey metrics ('nps,csat') and the first and last time of its rows (responded_at,
    opened_at, occurred_at), over the raw tables, the versions a later import replaced and, for a
    rolled-back batch, its rows the rollback kept for a restore."""
    ids = [b for b, _ in batches]
    empty = pd.DataFrame(columns=["batch_id", "metrics", "first_at", "last_at"])
    if not ids:
        return empty
    parts = []
    for name, kind in LOAD_KINDS.items():
        time_col = TIME_COLUMNS.get(name)
        metric = "metric" if name == "surveys" else "null::varchar"
        when = time_col or "null::timestamp"
        own = "parked_role in ('current', 'superseded') and "  # not the other batches' rows it kept
        for table, only in ((kind.table, ""), (kind.versions, ""), (parked_table(kind), own)):
            if cxdb.table_exists(cur, table):
                parts.append(
                    f"select batch_id, {metric} as metric, {when} as ts from {table} "
                    f"where {only}list_contains($ids, batch_id)"
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
            t("upload_col_file"): [
                source_text(kind, v) for kind, v in zip(batches["kind"], batches["source_file"], strict=True)
            ],
            t("upload_col_metrics"): [_metrics_text(content(b, "metrics")) for b in ids],
            t("upload_col_rows"): [i18n.fmt_int(v) for v in batches["row_count"]],
            t("upload_col_period"): [_span_text(content(b, "first_at"), content(b, "last_at")) for b in ids],
            t("upload_col_when"): [i18n.fmt_datetime(v) for v in batches["imported_at"]],
            t("upload_col_by"): [
                by_text(kind, v) for kind, v in zip(batches["kind"], batches["imported_by"], strict=True)
            ],
            t("upload_col_status"): [_status_text(row) for row in batches.itertuples()],
            t("upload_col_batch"): ids,
        }
    )


# what pipelines/demo.py records as the demo batch's source: "<company> demo, scale S, seed 7, <from> - <to>"
_DEMO_SOURCE = re.compile(r"^(?P<company>.+) demo, scale (?P<scale>\w+), seed (?P<seed>\d+), (?P<span>.+)$")


def source_text(kind: str, source: Any) -> str:
    """The batch's file name; the demo generator's record in the page's language."""
    text = source if isinstance(source, str) else ""
    match = _DEMO_SOURCE.match(text) if kind == DEMO else None
    return t("upload_demo_source", **match.groupdict()) if match else text


def by_text(kind: str, who: Any) -> str:
    """Who imported the batch; the demo generator named in the page's language."""
    text = who if isinstance(who, str) else ""
    return t("upload_demo_by") if kind == DEMO and text == "demo generator" else text


def _status_text(row: Any) -> str:
    """'Rolled back 28 Nov 2026 17:02 by anna', 'Active · restored … by …', or the bare status."""
    change = getattr(row, "change", None)
    if row.status == "rolled_back" and change == "rollback":
        return t("upload_status_rolled_back_by", when=i18n.fmt_datetime(row.changed_at), by=row.changed_by)
    if row.status == "active" and change == "restore":
        return t("upload_status_restored_by", when=i18n.fmt_datetime(row.changed_at), by=row.changed_by)
    return t(f"upload_status_{row.status}")


def _rollback(batch_id: str) -> int:
    """Roll back one batch of any kind (core.batch_rollback); the signed-in role needs the permission."""
    stop_if_read_only()
    cur = data.cursor()
    return rollback_batch(cur, batch_id, actor=auth.require_page(Permission.ROLLBACK))


def _restore(batch_id: str) -> int:
    """Restore one rolled-back batch (core.batch_restore); the role needs the import permission."""
    stop_if_read_only()
    cur = data.cursor()
    return restore(cur, batch_id, actor=auth.require_page(Permission.IMPORT)).restored


def _refusal_text(refused: RestoreRefusedError) -> str:
    return t(
        f"upload_restore_refused_{refused.reason}",
        batches=", ".join(refused.batches),
        rows=i18n.fmt_int(refused.rows),
    )


def _rollback_form(batches: pd.DataFrame) -> None:
    """Pick a batch, confirm, roll it back, or restore it when it is rolled back. Rolled-back
    batches stay in the list (marked), so the picker never jumps to another batch."""
    choices = batches[batches["kind"] != DEMO]
    if choices.empty:
        return
    status = dict(zip(choices["batch_id"], choices["status"], strict=True))
    rows_by_id = {row.batch_id: row for row in choices.itertuples()}
    labels = {
        row.batch_id: i18n.t_count(
            "upload_rollback_label",
            row.row_count,
            file=row.source_file if isinstance(row.source_file, str) else "",
            when=i18n.fmt_datetime(row.imported_at),
            rows=i18n.fmt_int(row.row_count),
            status=t(f"upload_status_{row.status}"),
            batch=row.batch_id,
        )
        for row in choices.itertuples()
    }
    done = st.session_state.pop(DONE_KEY, None)
    if done in labels:  # the run after a rollback or restore: same batch, confirmations unticked
        st.session_state[PICK_KEY] = done
        st.session_state[CONFIRM_KEY] = False
        st.session_state[RESTORE_CONFIRM_KEY] = False
    if st.session_state.get(PICK_KEY) not in labels:
        active = [b for b in labels if status[b] == "active"]
        st.session_state[PICK_KEY] = active[0] if active else next(iter(labels))
    with st.container(border=True):
        batch = st.selectbox(t("upload_rollback_pick"), list(labels), format_func=labels.get, key=PICK_KEY)
        st.html(f'<div class="{PICKED_CLASS}">{escape_html(labels[batch])}</div>')  # shown on a phone
        if status.get(batch) == "active":
            sure = st.checkbox(t("upload_rollback_confirm"), key=CONFIRM_KEY)
            go = st.button(t("upload_rollback_button"), icon=":material/undo:", key="upl_rollback_go")
            action = "rollback"
        else:
            row = rows_by_id[batch]
            if getattr(row, "change", None) == "rollback":
                st.info(
                    t("upload_rollback_done_by", when=i18n.fmt_datetime(row.changed_at), by=row.changed_by),
                    icon=":material/history:",
                )
            else:
                st.info(t("upload_rollback_done"), icon=":material/history:")
            refused = restore_refusal(data.cursor(), batch)
            if refused is not None:
                st.warning(_refusal_text(refused), icon=":material/block:")
            sure = st.checkbox(
                t("upload_restore_confirm"), key=RESTORE_CONFIRM_KEY, disabled=refused is not None
            )
            go = st.button(
                t("upload_restore_button"),
                icon=":material/restore:",
                key="upl_restore_go",
                disabled=refused is not None,
            )
            action = "restore"
    if not go:
        return
    if not sure:
        st.warning(t("upload_rollback_need_confirm"))
        return
    if action == "rollback":
        rows = _rollback(batch)
    else:
        try:
            rows = _restore(batch)
        except RestoreRefusedError as refused:  # the data changed between the run and the click
            st.warning(_refusal_text(refused), icon=":material/block:")
            return
    batch_contents.clear()
    st.session_state[DONE_KEY] = batch
    bar = st.progress(0.5, text=t("upload_progress_refresh"))
    if refresh_models(bar, 0.5):  # on failure its message stays; the next run still resets
        done_key = "upload_rolled_back" if action == "rollback" else "upload_restored"
        st.session_state[RESULT_KEY] = ("success", t(done_key, batch=batch, rows=i18n.fmt_int(rows)))
        st.rerun()  # the history and the picker show the batch's new status, unticked


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
