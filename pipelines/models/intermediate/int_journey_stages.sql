-- one row per journey per stage it reached, with when friction (failure, lateness, sla breach) first hit it
-- incremental: customer_id
with per_stage as (
    select
        e.journey_id,
        any_value(e.customer_id) as customer_id,
        a.stage,
        min(e.occurred_at) as entered_at,
        max(e.occurred_at) as left_at,
        count(*) as events,
        count(*) filter (where e.is_failed) as failed_events,
        count(*) filter (where e.is_late) as late_events,
        min(e.occurred_at) filter (where e.is_failed or e.is_late) as first_event_friction_at
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    where a.stage is not null
    group by e.journey_id, a.stage
),
with_previous as (
    select
        p.*,
        m.stage_order,
        m.owner,
        m.sla_hours,
        lag(p.left_at) over (partition by p.journey_id order by m.stage_order) as previous_stage_left_at
    from per_stage as p
    join map_stages as m using (stage)
)
select
    journey_id,
    customer_id,
    stage,
    stage_order,
    owner,
    entered_at,
    left_at,
    events,
    failed_events > 0 as failed,
    late_events > 0 as late,
    sla_hours is not null
        and date_diff('second', coalesce(previous_stage_left_at, entered_at), left_at) > sla_hours * 3600
        as sla_breached,
    least(
        first_event_friction_at,
        case when sla_hours is not null
              and date_diff('second', coalesce(previous_stage_left_at, entered_at), left_at) > sla_hours * 3600
             then left_at end
    ) as first_friction_at
from with_previous
