"""What the meeting pack holds: plain rows the XLSX and HTML writers lay out (no formatting here).

A value the pages suppress under the minimum-n rule is None here, so every format leaves it blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pipelines.report_pack.text import Lang


@dataclass(frozen=True)
class ScoreRow:
    """One metric in the scope: the period's score with CI and the change vs the previous period."""

    metric: str
    n: int
    value: float | None  # None below min n
    ci_low: float | None
    ci_high: float | None
    prev_n: int
    prev_value: float | None
    change: float | None  # None unless both periods have min n
    change_low: float | None
    change_high: float | None
    significant: bool


@dataclass(frozen=True)
class PointRow:
    """One friction point (a stage, or a whole function) x metric, as friction_table ranks it."""

    kind: str  # 'stage' | 'function'
    key: str
    name: str
    owner: str
    owner_name: str
    metric: str
    rank: int | None  # in the stage ranking; None for a whole function (ranked apart)
    reach: int
    friction_rate: float | None
    contacts_per_100: float | None
    avoidable_cost: float
    n_with: int
    n_without: int
    enough_n: bool
    score_with: float | None  # None below min n (as every value after it)
    score_without: float | None
    delta: float | None
    ci_low: float | None
    ci_high: float | None
    stake: float | None
    stake_low: float | None
    stake_high: float | None
    significant: bool


@dataclass(frozen=True)
class CommentRow:
    responded_at: datetime
    stage_name: str
    metric: str
    score: float
    comment: str


@dataclass(frozen=True)
class ActionRow:
    action_id: str
    title: str
    point_kind: str
    point_key: str
    point_name: str
    metric: str | None
    owner_function: str
    owner_name: str
    responsible: str | None
    due_date: date | None
    status: str
    overdue: bool
    effective_from: date | None
    notes: str | None
    verdict: str | None  # improved | worse | no_change | too_few; None: no effect date / no module
    measure: str | None  # the headline measure ('score_gap', 'friction_rate', ...)
    change: float | None  # None when too few responses
    change_low: float | None
    change_high: float | None


@dataclass(frozen=True)
class TrendPoint:
    month: date
    friction_rate: float | None
    avoidable_contacts: int


@dataclass
class FunctionSection:
    function_id: str
    name: str
    reached: int = 0
    with_friction: int = 0
    contacts: int = 0
    avoidable: int = 0
    avoidable_cost: float = 0.0
    points: list[PointRow] = field(default_factory=list)
    comments: list[CommentRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def friction_rate(self) -> float | None:
        return self.with_friction / self.reached if self.reached else None


@dataclass
class Pack:
    lang: Lang
    scope: str  # function id or 'all'
    scope_name: str
    company: str
    start: date  # first day of the first month
    end: date  # first day of the last month
    previous: tuple[date, date]
    generated_at: datetime  # UTC
    as_of: date  # overdue is judged on this day
    min_n: int
    alpha: float
    stage_names: dict[str, str]
    function_names: dict[str, str]
    scores: list[ScoreRow] = field(default_factory=list)
    top_points: list[PointRow] = field(default_factory=list)
    functions: list[FunctionSection] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    actions_available: bool = True  # False: the database has no action register
