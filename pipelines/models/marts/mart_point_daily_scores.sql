-- grain: one row per dimension (stage | owner) x key x metric x month x day (the answer's day in the company's time zone): score statistics with and without friction, for before/after comparisons
-- key: dimension, key, metric, period_month, day
-- incremental: additive (kept while n_with + n_without > 0)
-- "with friction" as in mart_friction_cells: the stage had friction by the answer; an owner counts
-- a response once, with friction if any of its stages had it. period_month is the answer's month.
with answered as (
    select response_id, cast(local_time(responded_at) as date) as day
    from int_responses_attributed
),
exposure as (
    select 'stage' as dimension, stage as key, response_id, metric, score, is_positive, is_negative,
           period_month, had_friction
    from int_response_stage_exposure
    union all
    select 'owner', owner, response_id, any_value(metric), any_value(score), any_value(is_positive),
           any_value(is_negative), any_value(period_month), bool_or(had_friction)
    from int_response_stage_exposure
    group by response_id, owner
)
select
    x.dimension,
    x.key,
    x.metric,
    x.period_month,
    a.day,
    count(*) filter (where x.had_friction) as n_with,
    count(*) filter (where x.had_friction and x.is_positive) as pos_with,
    count(*) filter (where x.had_friction and x.is_negative) as neg_with,
    coalesce(sum(x.score) filter (where x.had_friction), 0) as sum_with,
    coalesce(sum(x.score * x.score) filter (where x.had_friction), 0) as sumsq_with,
    count(*) filter (where not x.had_friction) as n_without,
    count(*) filter (where not x.had_friction and x.is_positive) as pos_without,
    count(*) filter (where not x.had_friction and x.is_negative) as neg_without,
    coalesce(sum(x.score) filter (where not x.had_friction), 0) as sum_without,
    coalesce(sum(x.score * x.score) filter (where not x.had_friction), 0) as sumsq_without
from exposure as x
join answered as a using (response_id)
group by all
