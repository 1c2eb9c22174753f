-- one row per journey per stage it reached, with when friction (failure, lateness, sla breach) first hit it
-- incremental: customer_id
-- One hash aggregation over the mapped events (no sort); the sla check needs the previous stage
-- (by stage order), a window over the ~7M rows this leaves at scale L. period_month is the
-- journey's start month, so month-incremental marts read only the journeys of their months.
with per_stage as (
    select
        e.journey_id,
        any_value(e.customer_id) as customer_id,
        a.stage,
        min(e.occurred_at) as entered_at,
        max(e.occurred_at) as left_at,
        count(*) as events,
        bool_or(e.is_failed) as failed,
        bool_or(e.is_late) as late,
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
        lag(p.left_at) over w as previous_stage_left_at,
        min(p.entered_at) over (w rows between unbounded preceding and unbounded following) as journey_started_at
    from per_stage as p
    join map_stages as m using (stage)
    window w as (partition by p.journey_id order by m.stage_order)
),
sla as (
    select
        *,
        sla_hours is not null
            and date_diff('second', coalesce(previous_stage_left_at, entered_at), left_at) > sla_hours * 3600
            as sla_breached
    from with_previous
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
    failed,
    late,
    sla_breached,
    least(first_event_friction_at, case when sla_breached then left_at end) as first_friction_at,
    date_trunc('month', journey_started_at)::date as period_month
from sla
