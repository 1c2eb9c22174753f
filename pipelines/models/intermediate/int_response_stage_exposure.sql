-- grain: one row per response per stage its journey had reached when the customer answered, or was overdue for (its deadline had passed, whether the stage was reached later or never)
-- key: response_id, stage
-- incremental: customer_id (by response: response_id)
-- had_friction: friction hit the stage by the answer; a missed deadline counts from the deadline,
-- so a customer waiting for an overdue parcel answers "with friction" before it arrives.
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
    on s.journey_id = r.journey_id
   and s.concerned_from <= r.responded_at
