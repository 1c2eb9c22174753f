-- grain: one row per survey response per stage its journey had reached when the customer answered (drill-down verbatims); responded_at in the company's time zone
-- key: response_id, stage
-- materialized: view
-- the local time is computed per response before the join, not per response x stage after it
-- (a page's month filter reaches int_responses_attributed's scan through the subquery)
select
    e.stage,
    e.owner,
    e.had_friction,
    r.response_id,
    r.metric,
    r.score,
    r.comment,
    r.language,
    r.responded_at,
    r.customer_id,
    r.journey_id,
    r.period_month,
    r.segment,
    r.channel
from int_response_stage_exposure as e
join (
    select
        response_id, metric, score, comment, language, local_time(responded_at) as responded_at,
        customer_id, journey_id, period_month, segment, channel
    from int_responses_attributed
) as r using (response_id)
