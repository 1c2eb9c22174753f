-- grain: one row per journey per stage where it met friction (failure, missed promise or sla): the affected customers; times in the company's time zone
-- key: journey_id, stage
-- incremental: customer_id
select
    s.journey_id, s.customer_id, s.stage, s.owner, j.period_month, j.segment,
    s.reached, s.failed, s.late, s.sla_breached,
    local_time(s.first_friction_at) as first_friction_at,
    local_time(s.deadline_at) as deadline_at,
    local_time(s.done_at) as done_at
from int_journey_stages as s
join int_journeys as j using (journey_id)
where s.first_friction_at is not null
