"""Gather the meeting pack from the marts: scores, friction points, comments, trends and actions."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import duckdb
import pandas as pd

from core.db import table_exists
from core.metrics import METRICS, Cell, difference, estimate
from pipelines.friction import friction_table
from pipelines.report_pack.actions import action_rows
from pipelines.report_pack.model import CommentRow, FunctionSection, Pack, PointRow, ScoreRow, TrendPoint
from pipelines.report_pack.text import Lang, t
from pipelines.stat_settings import min_n_and_alpha

TOP_POINTS = 10
COMMENTS_PER_FUNCTION = 3
DEFAULT_MONTHS = 6  # as the pages' default period
PERIOD_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*\.\.\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*$")


class PackError(ValueError):
    """The pack cannot be made as asked (bad period, unknown function, no models)."""


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_period(text: str) -> tuple[date, date]:
    """'2026-05..2026-10' or '2026-05-01..2026-10-31' -> (first day of the first month, first day of
    the last month); the marts are monthly, so a day picks its month."""
    match = PERIOD_RE.match(text or "")
    if not match:
        raise PackError(f"period {text!r} is not FROM..TO (YYYY-MM or YYYY-MM-DD, e.g. 2026-05..2026-10)")
    y1, m1, _, y2, m2, _ = match.groups()
    try:
        start, end = date(int(y1), int(m1), 1), date(int(y2), int(m2), 1)
    except ValueError as exc:
        raise PackError(f"period {text!r}: {exc}") from exc
    if end < start:
        raise PackError(f"period {text!r} ends before it starts")
    return start, end


def default_period(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The latest DEFAULT_MONTHS months with data."""
    last = con.execute(
        "select max(period_month) from (select period_month from mart_scores "
        "union all select period_month from mart_journey_volume)"
    ).fetchall()[0][0]
    if last is None:
        raise PackError("the database has no data in any month")
    end = date(last.year, last.month, 1)
    return add_months(end, 1 - DEFAULT_MONTHS), end


def _names(con: duckdb.DuckDBPyConnection, table: str, key: str, lang: Lang) -> dict[str, str]:
    rows = con.execute(f"select {key}, name_en, name_fi from {table}").fetchall()
    return {k: (fi if lang == "fi" else en) or en or k for k, en, fi in rows}


def _company(con: duckdb.DuckDBPyConnection) -> str:
    from pipelines.journey_map import load_journey_map_text
    from pipelines.journey_map_store import active_map_text

    try:
        return load_journey_map_text(*active_map_text(con)).company
    except Exception:  # noqa: BLE001 - the company name is decoration; the pack is made without it
        return ""


def _cell(
    con: duckdb.DuckDBPyConnection, metric: str, months: tuple[date, date], stages: list[str] | None
) -> Cell:
    where = "metric = ? and period_month between ? and ?"
    params: list = [metric, months[0], months[1]]
    if stages is not None:
        where += " and list_contains(?::varchar[], stage)"
        params.append(stages)
    row = con.execute(
        "select coalesce(sum(n), 0), coalesce(sum(n_positive), 0), coalesce(sum(n_negative), 0), "
        f"coalesce(sum(score_sum), 0), coalesce(sum(score_sumsq), 0) from mart_scores where {where}",
        params,
    ).fetchall()[0]
    return Cell(int(row[0]), int(row[1]), int(row[2]), float(row[3]), float(row[4]))


def score_rows(
    con: duckdb.DuckDBPyConnection,
    months: tuple[date, date],
    previous: tuple[date, date],
    stages: list[str] | None,
    min_n: int,
    alpha: float,
) -> list[ScoreRow]:
    """Per metric with responses: the period's estimate and the change vs the previous period, each
    blank below min n (the Overview tiles' rule)."""
    rows = []
    for metric in METRICS:
        now_cell, prev_cell = _cell(con, metric, months, stages), _cell(con, metric, previous, stages)
        if not now_cell.n and not prev_cell.n:
            continue
        now, prev = estimate(metric, now_cell), estimate(metric, prev_cell)
        ok, prev_ok = now.enough(min_n), prev.enough(min_n)
        change = difference(metric, now_cell, prev_cell) if ok and prev_ok else None
        rows.append(
            ScoreRow(
                metric=metric,
                n=now_cell.n,
                value=now.value if ok else None,
                ci_low=now.ci_low if ok else None,
                ci_high=now.ci_high if ok else None,
                prev_n=prev_cell.n,
                prev_value=prev.value if prev_ok else None,
                change=None if change is None else change.delta,
                change_low=None if change is None else change.ci_low,
                change_high=None if change is None else change.ci_high,
                significant=bool(change and change.p_value is not None and change.p_value < alpha),
            )
        )
    return rows


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def point_rows(
    table: pd.DataFrame, kind: str, stage_names: dict[str, str], function_names: dict[str, str], lang: Lang
) -> list[PointRow]:
    """friction_table rows as PointRows; below min n friction_table has already blanked the scores."""
    out = []
    for r in table.to_dict("records"):
        key = r["stage"] if kind == "stage" else r["owner"]
        owner_name = function_names.get(r["owner"], r["owner"])
        enough = bool(r["enough_n"])
        out.append(
            PointRow(
                kind=kind,
                key=key,
                name=stage_names.get(key, key)
                if kind == "stage"
                else t(lang, "whole_function", name=owner_name),
                owner=r["owner"],
                owner_name=owner_name,
                metric=r["metric"],
                rank=int(r["rank"]) if kind == "stage" else None,
                reach=int(r["reach"]),
                friction_rate=_num(r["friction_rate"]),
                contacts_per_100=_num(r["contacts_per_100"]),
                avoidable_cost=float(r["avoidable_cost_eur"] or 0.0),
                n_with=int(r["n_with"]),
                n_without=int(r["n_without"]),
                enough_n=enough,
                **{
                    name: _num(r[column]) if enough else None
                    for name, column in (
                        ("score_with", "score_with"),
                        ("score_without", "score_without"),
                        ("delta", "delta"),
                        ("ci_low", "ci_low"),
                        ("ci_high", "ci_high"),
                        ("stake", "points_at_stake"),
                        ("stake_low", "stake_ci_low"),
                        ("stake_high", "stake_ci_high"),
                    )
                },
                significant=bool(r["significant"]),
            )
        )
    return out


def _headline(con: duckdb.DuckDBPyConnection, section: FunctionSection, months: tuple[date, date]) -> None:
    frame = con.execute(
        """select period_month, sum(journeys_reached)::bigint, sum(journeys_with_friction)::bigint,
                  sum(contacts_caused)::bigint, sum(avoidable_contacts_caused)::bigint,
                  sum(avoidable_cost_eur)::double
           from mart_function_monthly where owner = ? and period_month between ? and ?
           group by 1 order by 1""",
        [section.function_id, months[0], months[1]],
    ).fetchall()
    for month, reached, with_friction, contacts, avoidable, cost in frame:
        section.reached += int(reached or 0)
        section.with_friction += int(with_friction or 0)
        section.contacts += int(contacts or 0)
        section.avoidable += int(avoidable or 0)
        section.avoidable_cost += float(cost or 0.0)
        rate = with_friction / reached if reached else None
        section.trend.append(TrendPoint(date(month.year, month.month, 1), rate, int(avoidable or 0)))


def _comments(
    con: duckdb.DuckDBPyConnection, owner: str, months: tuple[date, date], stage_names: dict[str, str]
) -> list[CommentRow]:
    """The newest comments from customers who met friction at one of the function's stages."""
    rows = con.execute(
        f"""select responded_at, stage, metric, score, comment from mart_stage_responses
            where owner = ? and had_friction and period_month between ? and ?
              and comment is not null and trim(comment) <> ''
            order by responded_at desc, response_id limit {COMMENTS_PER_FUNCTION}""",
        [owner, months[0], months[1]],
    ).fetchall()
    return [
        CommentRow(at, stage_names.get(stage, stage), metric, float(score), text)
        for at, stage, metric, score, text in rows
    ]


def pack_cover(
    con: duckdb.DuckDBPyConnection,
    scope: str = "all",
    period: tuple[date, date] | None = None,
    lang: Lang = "en",
) -> tuple[str, date, date]:
    """What a pack would cover, without building it: the scope's name and the first days of its
    first and last month. Raises PackError as build_pack would (no models, unknown function, no data)."""
    if not table_exists(con, "mart_friction_cells"):
        raise PackError("the database has no models yet; run 'python -m pipelines refresh' first")
    function_names = _names(con, "map_functions", "function_id", lang)
    if scope != "all" and scope not in function_names:
        known = ", ".join(sorted(function_names))
        raise PackError(f"unknown function {scope!r}; the journey map's functions are: {known} (or 'all')")
    start, end = period or default_period(con)
    return (t(lang, "scope_all") if scope == "all" else function_names[scope]), start, end


def build_pack(
    con: duckdb.DuckDBPyConnection,
    scope: str = "all",
    period: tuple[date, date] | None = None,
    lang: Lang = "en",
    as_of: date | None = None,
) -> Pack:
    """The meeting pack for one function (its id) or 'all', over whole months of ``period``."""
    scope_name, start, end = pack_cover(con, scope, period, lang)
    stage_names = _names(con, "map_stages", "stage", lang)
    function_names = _names(con, "map_functions", "function_id", lang)
    length = (end.year - start.year) * 12 + end.month - start.month + 1
    previous = (add_months(start, -length), add_months(start, -1))
    min_n, alpha = min_n_and_alpha(con)
    order = [
        r[0]
        for r in con.execute("""
        select f.function_id from map_functions as f
        left join (select owner, min(stage_order) as first_stage from map_stages group by 1) as s
            on s.owner = f.function_id
        order by s.first_stage nulls last, f.function_id""").fetchall()
    ]
    stage_owner = dict(con.execute("select stage, owner from map_stages order by stage_order").fetchall())
    functions = order if scope == "all" else [scope]
    scope_stages = None if scope == "all" else [s for s, o in stage_owner.items() if o == scope]
    stage_tbl = friction_table(con, "stage", (start, end))
    owner_tbl = friction_table(con, "owner", (start, end))
    stage_points = point_rows(stage_tbl, "stage", stage_names, function_names, lang)
    owner_points = point_rows(owner_tbl, "function", stage_names, function_names, lang)
    as_of = as_of or datetime.now(UTC).date()
    actions, available = action_rows(con, scope, as_of, stage_names, function_names)
    pack = Pack(
        lang=lang,
        scope=scope,
        scope_name=scope_name,
        company=_company(con),
        start=start,
        end=end,
        previous=previous,
        generated_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        as_of=as_of,
        min_n=min_n,
        alpha=alpha,
        stage_names=stage_names,
        function_names=function_names,
        scores=score_rows(con, (start, end), previous, scope_stages, min_n, alpha),
        top_points=[p for p in stage_points if scope == "all" or p.owner == scope][:TOP_POINTS],
        actions=actions,
        actions_available=available,
    )
    for function_id in functions:
        section = FunctionSection(function_id, function_names[function_id])
        section.points = [p for p in owner_points if p.owner == function_id] + [
            p for p in stage_points if p.owner == function_id
        ]
        section.actions = [a for a in actions if _concerns(a, function_id, stage_owner)]
        _headline(con, section, (start, end))
        section.comments = _comments(con, function_id, (start, end), stage_names)
        if scope == "all" and not (section.points or section.contacts or section.actions):
            continue  # owns no stage, caused no contact, has no action: nothing to discuss
        pack.functions.append(section)
    return pack


def _concerns(action, function_id: str, stage_owner: dict[str, str]) -> bool:
    """As list_actions(function=...): owned by the function, or about it or one of its stages."""
    if action.owner_function == function_id:
        return True
    if action.point_kind == "function":
        return action.point_key == function_id
    return stage_owner.get(action.point_key) == function_id
