-- one row per dimension (stage | owner) x key x metric x month x segment x channel: score statistics with and without friction
-- incremental: period_month
with exposure as (
    select 'stage' as dimension, stage as key, metric, score, is_positive, is_negative,
           period_month, segment, channel, had_friction
    from int_response_stage_exposure
    union all
    select 'owner' as dimension, owner as key, metric, score, is_positive, is_negative,
           period_month, segment, channel, had_friction
    from int_response_owner_exposure
)
select
    dimension,
    key,
    metric,
    period_month,
    segment,
    channel,
    count(*) filter (where had_friction) as n_with,
    count(*) filter (where had_friction and is_positive) as pos_with,
    count(*) filter (where had_friction and is_negative) as neg_with,
    coalesce(sum(score) filter (where had_friction), 0) as sum_with,
    coalesce(sum(score * score) filter (where had_friction), 0) as sumsq_with,
    count(*) filter (where not had_friction) as n_without,
    count(*) filter (where not had_friction and is_positive) as pos_without,
    count(*) filter (where not had_friction and is_negative) as neg_without,
    coalesce(sum(score) filter (where not had_friction), 0) as sum_without,
    coalesce(sum(score * score) filter (where not had_friction), 0) as sumsq_without
from exposure
group by all
