-- one row per journey per stage where it met friction (failure, lateness or sla breach): the affected customers
-- incremental: period_month
select
    s.journey_id,
    s.customer_id,
    s.stage,
    s.owner,
    j.period_month,
    j.segment,
    s.failed,
    s.late,
    s.sla_breached,
    s.first_friction_at
from int_journey_stages as s
join int_journeys as j using (journey_id)
where s.first_friction_at is not null
