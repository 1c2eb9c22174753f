"""The pack's tables as columns (header key, value kind, value of a row), shared by XLSX and HTML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pipelines.report_pack.model import ActionRow, CommentRow, Pack, PointRow, ScoreRow
from pipelines.report_pack.text import t

Kind = Literal["text", "int", "score", "signed", "rate", "num1", "eur", "date", "datetime", "flag"]


@dataclass(frozen=True)
class Column:
    key: str  # text key of the header
    kind: Kind
    value: Callable[[Any], Any]
    wide: bool = False  # long free text: wrapped


def metric_label(pack: Pack, metric: str | None) -> str:
    return "" if metric is None else t(pack.lang, f"metric_{metric}")


def score_columns(pack: Pack) -> list[Column]:
    return [
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_n", "int", lambda r: r.n),
        Column("col_score", "score", lambda r: r.value),
        Column("col_ci_low", "score", lambda r: r.ci_low),
        Column("col_ci_high", "score", lambda r: r.ci_high),
        Column("col_prev_n", "int", lambda r: r.prev_n),
        Column("col_prev_score", "score", lambda r: r.prev_value),
        Column("col_change", "signed", lambda r: r.change),
        Column("col_change_low", "signed", lambda r: r.change_low),
        Column("col_change_high", "signed", lambda r: r.change_high),
        Column("col_significant", "flag", lambda r: r.significant if r.change is not None else None),
    ]


def point_columns(pack: Pack, with_owner: bool) -> list[Column]:
    columns = [
        Column("col_rank", "int", lambda r: r.rank),
        Column("col_point", "text", lambda r: r.name),
    ]
    if with_owner:
        columns.append(Column("col_owner", "text", lambda r: r.owner_name))
    return columns + [
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_reach", "int", lambda r: r.reach),
        Column("col_friction_rate", "rate", lambda r: r.friction_rate),
        Column("col_contacts_100", "num1", lambda r: r.contacts_per_100),
        Column("col_avoidable_cost", "eur", lambda r: r.avoidable_cost),
        Column("col_n_with", "int", lambda r: r.n_with),
        Column("col_n_without", "int", lambda r: r.n_without),
        Column("col_score_with", "score", lambda r: r.score_with),
        Column("col_score_without", "score", lambda r: r.score_without),
        Column("col_delta", "signed", lambda r: r.delta),
        Column("col_ci_low", "signed", lambda r: r.ci_low),
        Column("col_ci_high", "signed", lambda r: r.ci_high),
        Column("col_stake", "signed", lambda r: r.stake),
        Column("col_stake_low", "signed", lambda r: r.stake_low),
        Column("col_stake_high", "signed", lambda r: r.stake_high),
        Column("col_significant", "flag", lambda r: r.significant if r.enough_n else None),
    ]


def comment_columns(pack: Pack) -> list[Column]:
    return [
        Column("col_date", "datetime", lambda r: r.responded_at),
        Column("col_stage", "text", lambda r: r.stage_name),
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_score", "score", lambda r: r.score),
        Column("col_comment", "text", lambda r: r.comment, wide=True),
    ]


def verdict_text(pack: Pack, row: ActionRow) -> str:
    if row.verdict is None:
        return t(pack.lang, "verdict_none") if row.effective_from is None else ""
    return t(pack.lang, f"verdict_{row.verdict}")


def measure_text(pack: Pack, row: ActionRow) -> str:
    if row.measure is None:
        return ""
    return t(pack.lang, f"measure_{row.measure}", metric=metric_label(pack, row.metric))


def action_columns(pack: Pack) -> list[Column]:
    return [
        Column("col_id", "text", lambda r: r.action_id),
        Column("col_title", "text", lambda r: r.title, wide=True),
        Column("col_point", "text", lambda r: f"{t(pack.lang, 'kind_' + r.point_kind)}: {r.point_name}"),
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_owner", "text", lambda r: r.owner_name),
        Column("col_responsible", "text", lambda r: r.responsible or ""),
        Column("col_due", "date", lambda r: r.due_date),
        Column("col_status", "text", lambda r: t(pack.lang, f"status_{r.status}")),
        Column("col_overdue", "flag", lambda r: r.overdue),
        Column("col_effective", "date", lambda r: r.effective_from),
        Column("col_verdict", "text", lambda r: verdict_text(pack, r)),
        Column("col_measure", "text", lambda r: measure_text(pack, r)),
        Column("col_change", "signed", lambda r: r.change),
        Column("col_change_low", "signed", lambda r: r.change_low),
        Column("col_change_high", "signed", lambda r: r.change_high),
        Column("col_notes", "text", lambda r: r.notes or "", wide=True),
    ]


TableRows = list[ScoreRow] | list[PointRow] | list[CommentRow] | list[ActionRow]
