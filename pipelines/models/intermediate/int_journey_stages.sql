-- one row per journey per stage it reached, with when friction (failure, lateness, sla breach) first hit it
-- incremental: customer_id
-- Built from the stage visits (one sorted pass over the events is shared with them); only the
-- failed and late events are scanned again, for the time friction first hit each stage.
with per_stage as (
    select
        journey_id,
        any_value(customer_id) as customer_id,
        stage,
        min(entered_at) as entered_at,
        max(left_at) as left_at,
        sum(events) as events,
        bool_or(failed) as any_failed,
        bool_or(late) as any_late
    from int_stage_visits
    group by journey_id, stage
),
event_friction as (
    select
        e.journey_id,
        a.stage,
        min(e.occurred_at) as first_event_friction_at
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    where (e.is_failed or e.is_late) and a.stage is not null
    group by e.journey_id, a.stage
),
with_previous as (
    select
        p.*,
        f.first_event_friction_at,
        m.stage_order,
        m.owner,
        m.sla_hours,
        lag(p.left_at) over (partition by p.journey_id order by m.stage_order) as previous_stage_left_at
    from per_stage as p
    join map_stages as m using (stage)
    left join event_friction as f using (journey_id, stage)
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
    any_failed as failed,
    any_late as late,
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
