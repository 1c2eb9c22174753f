-- one row per response per stage its journey had reached when the customer answered
-- incremental: customer_id
select
    r.response_id,
    r.customer_id,
    r.metric,
    r.score,
    r.is_positive,
    r.is_negative,
    r.period_month,
    r.segment,
    r.channel,
    s.stage,
    s.owner,
    coalesce(s.first_friction_at <= r.responded_at, false) as had_friction
from int_responses_attributed as r
join int_journey_stages as s
    on s.journey_id = r.journey_id and s.entered_at <= r.responded_at
