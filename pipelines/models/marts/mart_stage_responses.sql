-- grain: one row per survey response per stage its journey had reached when the customer answered (drill-down verbatims); responded_at in the company's time zone
-- key: response_id, stage
-- materialized: view
select
    e.stage,
    e.owner,
    e.had_friction,
    r.response_id,
    r.metric,
    r.score,
    r.comment,
    r.language,
    local_time(r.responded_at) as responded_at,
    r.customer_id,
    r.journey_id,
    r.period_month,
    r.segment,
    r.channel
from int_response_stage_exposure as e
join int_responses_attributed as r using (response_id)
