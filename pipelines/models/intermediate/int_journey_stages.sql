-- grain: one row per journey per stage it reached, or did not reach although a deadline for it passed or is pending: entry, exit, when it was done, its deadlines, and when friction (a failure, a missed deadline) first hit it
-- key: journey_id, stage
-- incremental: customer_id
-- Deadlines (docs/metrics.md, "Lateness"): a promise is the earliest promised_at the journey's
-- events carry for the stage (int_activity_stages.promise_stage); an SLA is sla_hours after the
-- previous reached stage's last event. A stage is done at its first 'done_when' event, else at
-- its last event. A deadline is missed when the stage is not done by then - done later, or not
-- done when the event data ends (int_data_end) - and the friction starts AT the deadline. A
-- stage the journey never reached gets a row when a promise is for it, or when it has an SLA and
-- follows right after the journey's furthest stage (not ended by a failure, journey not
-- complete): reached = false, counted only once its deadline has passed.
with promise_targets as (
    -- the stage a promise carried by an event of each stage is for (it depends on the stage only)
    select distinct stage, promise_stage from int_activity_stages where stage is not null
),
event_stages as (
    select
        e.journey_id,
        any_value(e.customer_id) as customer_id,
        a.stage,
        min(e.occurred_at) as entered_at,
        max(e.occurred_at) as left_at,
        count(*) as events,
        bool_or(e.is_failed) as failed,
        max(e.occurred_at) filter (where e.is_failed) as last_failed_at,
        min(e.occurred_at) filter (where e.is_failed) as first_failed_at,
        min(e.occurred_at) filter (where a.is_done) as done_event_at,
        min(e.promised_at) as promise_carried_at
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    where a.stage is not null
    group by e.journey_id, a.stage
),
per_stage as (
    select s.*, t.promise_stage
    from event_stages as s
    join promise_targets as t using (stage)
),
other_promises as (
    -- promises an event carries for a later stage (e.g. the order confirmation's delivery date)
    select journey_id, any_value(customer_id) as customer_id, promise_stage as stage,
           min(promise_carried_at) as promise_at
    from per_stage
    where promise_carried_at is not null and promise_stage <> stage
    group by journey_id, promise_stage
),
reached as materialized (
    select
        p.* exclude (promise_carried_at, last_failed_at),
        coalesce(p.last_failed_at = p.left_at, false) as ended_failed,  -- a failure at the last moment
        case when p.promise_stage = p.stage then p.promise_carried_at end as own_promise_at,
        m.stage_order,
        m.owner,
        m.sla_hours,
        m.has_done_rule,
        m.completes_journey,
        lag(p.left_at) over w as previous_stage_left_at,
        min(p.entered_at) over (w rows between unbounded preceding and unbounded following) as journey_started_at,
        max(m.stage_order) over (w rows between unbounded preceding and unbounded following) as furthest_order,
        bool_or(m.completes_journey) over (w rows between unbounded preceding and unbounded following)
            as journey_completed
    from per_stage as p
    join map_stages as m using (stage)
    window w as (partition by p.journey_id order by m.stage_order)
),
furthest as (
    select * from reached where stage_order = furthest_order
),
unreached_candidates as (
    -- an sla stage right after the furthest stage
    select f.journey_id, f.customer_id, n.stage, f.journey_started_at,
           null::timestamp as promise_at, f.left_at + to_seconds(n.sla_hours * 3600) as sla_due_at
    from furthest as f
    join map_stages as n on n.stage_order = f.stage_order + 1
    where n.sla_hours is not null and not f.ended_failed and not f.journey_completed
    union all
    -- a stage promised by an event of an earlier stage
    select o.journey_id, o.customer_id, o.stage, f.journey_started_at, o.promise_at, null
    from other_promises as o
    join furthest as f on f.journey_id = o.journey_id
    anti join per_stage as p on p.journey_id = o.journey_id and p.stage = o.stage
),
unreached as (
    select
        u.journey_id,
        any_value(u.customer_id) as customer_id,
        u.stage,
        m.stage_order,
        m.owner,
        any_value(u.journey_started_at) as journey_started_at,
        min(u.promise_at) as promise_at,
        min(u.sla_due_at) as sla_due_at
    from unreached_candidates as u
    join map_stages as m using (stage)
    group by u.journey_id, u.stage, m.stage_order, m.owner
),
stages as (
    select
        r.journey_id, r.customer_id, r.stage, r.stage_order, r.owner, true as reached,
        r.entered_at, r.left_at, r.events, r.failed, r.first_failed_at,
        case when r.has_done_rule then r.done_event_at else r.left_at end as done_at,
        least(r.own_promise_at, o.promise_at) as promise_at,
        case when r.sla_hours is not null
             then coalesce(r.previous_stage_left_at, r.entered_at) + to_seconds(r.sla_hours * 3600)
             end as sla_due_at,
        r.journey_started_at
    from reached as r
    left join other_promises as o using (journey_id, stage)
    union all
    select
        journey_id, customer_id, stage, stage_order, owner, false,
        null, null, 0, false, null,
        null, promise_at, sla_due_at, journey_started_at
    from unreached
),
missed as (
    -- when each deadline was missed (it may still lie after the end of the data)
    select
        s.*,
        case when s.promise_at < coalesce(s.done_at, 'infinity'::timestamp) then s.promise_at end
            as promise_missed_at,
        case when s.sla_due_at < coalesce(s.done_at, 'infinity'::timestamp) then s.sla_due_at end
            as sla_missed_at,
        d.data_end
    from stages as s
    cross join int_data_end as d
),
dated as (
    select
        *,
        least(case when promise_missed_at <= data_end then promise_missed_at end,
              case when sla_missed_at <= data_end then sla_missed_at end) as missed_deadline_at
    from missed
)
select
    journey_id,
    customer_id,
    stage,
    stage_order,
    owner,
    reached,
    entered_at,
    left_at,
    events,
    failed,
    done_at,
    least(promise_at, sla_due_at) as deadline_at,
    coalesce(promise_missed_at <= data_end, false) as late,
    coalesce(sla_missed_at <= data_end, false) as sla_breached,
    missed_deadline_at,
    least(first_failed_at, missed_deadline_at) as first_friction_at,
    -- from when the stage concerns the journey: entered, or overdue before it was entered (null:
    -- a stage not reached whose deadline has not passed). Exposure, positions and reach use it.
    least(entered_at, missed_deadline_at) as concerned_from,
    -- a deadline not (yet) met that lies after the end of the data: the refresh that brings
    -- event data past it re-evaluates this journey
    least(case when promise_missed_at > data_end then promise_missed_at end,
          case when sla_missed_at > data_end then sla_missed_at end) as open_deadline_at,
    local_month(journey_started_at) as period_month
from dated
