-- grain: one row per month x metric x stage x channel x segment: additive score statistics plus the cell's own value and 95% ci
-- key: period_month, metric, stage, channel, segment
-- incremental: period_month
with cells as (
    select
        period_month,
        metric,
        stage,
        channel,
        segment,
        count(*) as n,
        count(*) filter (where is_positive) as n_positive,
        count(*) filter (where is_negative) as n_negative,
        sum(score) as score_sum,
        sum(score * score) as score_sumsq
    from int_responses_attributed
    group by all
)
select
    c.*,
    metric_value(c.metric, c.n, c.n_positive, c.n_negative, c.score_sum) as value,
    metric_ci_low(c.metric, c.n, c.n_positive, c.n_negative, c.score_sum, c.score_sumsq,
                  coalesce(t.t975, z95())) as ci_low,
    metric_ci_high(c.metric, c.n, c.n_positive, c.n_negative, c.score_sum, c.score_sumsq,
                   coalesce(t.t975, z95())) as ci_high
from cells as c
left join ref_t975 as t on t.df = c.n - 1
