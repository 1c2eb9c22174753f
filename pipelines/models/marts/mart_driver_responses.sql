-- grain: one row per valid survey response with its per-response score and the stages where it had friction by the answer (adjusted drivers model)
-- key: response_id
-- incremental: customer_id (by response: response_id)
-- value: the score whose mean is the metric (metric_value of one response: nps 100 * (promoter - detractor),
-- csat 100 * top-two-box, ces the score); friction_stages: had_friction of int_response_stage_exposure,
-- empty for a response without friction or not attached to a journey (it stays: n_all counts it).
with friction as (
    select response_id, list_sort(list(stage)) as friction_stages  -- list_sort, not list(stage order by stage): Spark drops the order
    from int_response_stage_exposure
    where had_friction
    group by response_id
)
select
    r.response_id,
    r.customer_id,
    r.metric,
    metric_value(r.metric, 1, r.is_positive::integer, r.is_negative::integer, r.score) as value,
    r.segment,
    r.channel,
    r.period_month,
    coalesce(f.friction_stages, []::varchar[]) as friction_stages
from int_responses_attributed as r
left join friction as f using (response_id)
