"""The score each metric would get from a file, before it is imported: a wrong mapping shows at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from core.metrics import METRICS, Estimate, cell_from_scores, estimate
from surveys.mapping import Mapping
from surveys.validate import Validated

MINUS = "\u2212"


@dataclass(frozen=True)
class MetricPreview:
    """One metric's value over the file's valid responses (formulas: core.metrics)."""

    metric: str
    estimate: Estimate
    columns: tuple[str, ...]

    @property
    def n(self) -> int:
        return self.estimate.n

    def value_text(self) -> str:
        """'−3.8' (NPS points), '78.0 %' (CSAT top-two-box share), '5.20' (CES mean on 1-7)."""
        value = self.estimate.value
        if value is None:
            return "–"
        if self.metric == "nps":
            return f"{value:+.1f}".replace("+", "").replace("-", MINUS)
        if self.metric == "csat":
            return f"{value:.1f} %"
        return f"{value:.2f}"

    def per_row(self) -> str:
        """'one per row', or how many columns give this metric on each row."""
        if len(self.columns) <= 1:
            return "one per row"
        return f"up to {len(self.columns)} per row, from columns {', '.join(self.columns)}"

    def describe(self) -> str:
        """'NPS −3.8 from 240 responses, one per row'."""
        return (
            f"{self.metric.upper()} {self.value_text()} from {self.n:,} "
            f"response{'s' if self.n != 1 else ''}, {self.per_row()}"
        )


def score_preview(checked: Validated, mapping: Mapping) -> list[MetricPreview]:
    """Per mapped metric, its value over the valid responses of the file (NPS, CSAT, CES order)."""
    by_metric: dict[str, list[float]] = {m: [] for m in METRICS if m in mapping.scores.values()}
    for metric, scores in checked.responses.scores_by_metric().items():
        by_metric.setdefault(metric, []).extend(scores)
    out = []
    for metric, scores in by_metric.items():
        columns = tuple(c for c, m in mapping.scores.items() if m == metric)
        out.append(MetricPreview(metric, estimate(metric, cell_from_scores(metric, scores)), columns))
    return out
