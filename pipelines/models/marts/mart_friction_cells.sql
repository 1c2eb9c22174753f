-- grain: one row per dimension (stage | owner) x key x metric x month x segment x channel: score statistics with and without friction
-- key: dimension, key, metric, period_month, segment, channel
-- incremental: additive (kept while n_with + n_without > 0)
-- A response counts once per owning function: with friction if any of that owner's stages had it.
with owner_exposure as (
    select
        response_id,
        owner,
        any_value(metric) as metric,
        any_value(score) as score,
        any_value(is_positive) as is_positive,
        any_value(is_negative) as is_negative,
        any_value(period_month) as period_month,
        any_value(segment) as segment,
        any_value(channel) as channel,
        bool_or(had_friction) as had_friction
    from int_response_stage_exposure
    group by response_id, owner
),
exposure as (
    select 'stage' as dimension, stage as key, metric, score, is_positive, is_negative,
           period_month, segment, channel, had_friction
    from int_response_stage_exposure
    union all
    select 'owner' as dimension, owner as key, metric, score, is_positive, is_negative,
           period_month, segment, channel, had_friction
    from owner_exposure
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
