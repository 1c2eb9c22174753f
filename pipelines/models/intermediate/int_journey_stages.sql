-- one row per journey per stage it reached, or did not reach although a deadline for it passed or is pending: entry, exit, when it was done, its deadlines, and when friction (a failure, a missed deadline) first hit it
-- incremental: customer_id
-- Deadlines (docs/metrics.md, "Lateness"): a promise is the earliest promised_at the journey's
-- events carry for the stage (int_activity_stages.promise_stage); an SLA is sla_hours after the
-- previous reached stage's last event. A stage is done at its first 'done_when' event, else at
-- its last event. A deadline is missed when the stage is not done by then - done later, or not
-- done when the event data ends (int_data_end) - and the friction starts AT the deadline. A
-- stage the journey never reached gets a row when a promise is for it, or when it has an SLA and
-- follows right after the journey's furthest stage (not ended by a failure, journey not
-- complete): reached = false, counted only once its deadline has passed.
with mapped as (
    select
        e.journey_id,
        e.customer_id,
        e.occurred_at,
        e.is_failed,
        e.promised_at,
        a.stage,
        a.is_done,
        a.promise_stage
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    where a.stage is not null
),
per_stage as (
    select
        journey_id,
        any_value(customer_id) as customer_id,
        stage,
        min(occurred_at) as entered_at,
        max(occurred_at) as left_at,
        count(*) as events,
        bool_or(is_failed) as failed,
        arg_max(is_failed, (occurred_at, is_failed)) as ended_failed,  -- a failure at the last moment wins ties
        min(occurred_at) filter (where is_failed) as first_failed_at,
        min(occurred_at) filter (where is_done) as done_event_at,
        min(promised_at) filter (where promise_stage = stage) as own_promise_at
    from mapped
    group by journey_id, stage
),
other_promises as (
    -- promises an event carries for a later stage (e.g. the order confirmation's delivery date)
    select journey_id, any_value(customer_id) as customer_id, promise_stage as stage,
           min(promised_at) as promise_at
    from mapped
    where promised_at is not null and promise_stage <> stage
    group by journey_id, promise_stage
),
reached as (
    select
        p.*,
        m.stage_order,
        m.owner,
        m.sla_hours,
        m.has_done_rule,
        m.completes_journey,
        lag(p.left_at) over w as previous_stage_left_at,
        min(p.entered_at) over journey as journey_started_at,
        max(m.stage_order) over journey as furthest_order,
        bool_or(m.completes_journey) over journey as journey_completed
    from per_stage as p
    join map_stages as m using (stage)
    window w as (partition by p.journey_id order by m.stage_order),
           journey as (partition by p.journey_id)
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
    least(case when promise_missed_at <= data_end then promise_missed_at end,
          case when sla_missed_at <= data_end then sla_missed_at end) as missed_deadline_at,
    least(first_failed_at,
          case when promise_missed_at <= data_end then promise_missed_at end,
          case when sla_missed_at <= data_end then sla_missed_at end) as first_friction_at,
    -- a deadline not (yet) met that lies after the end of the data: the refresh that brings
    -- event data past it re-evaluates this journey
    least(case when promise_missed_at > data_end then promise_missed_at end,
          case when sla_missed_at > data_end then sla_missed_at end) as open_deadline_at,
    local_month(journey_started_at) as period_month
from missed
