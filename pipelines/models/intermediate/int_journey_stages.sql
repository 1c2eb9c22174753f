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
-- Cost (issue 15): the events are grouped by journey x stage once, keyed by the stage's order (an
-- integer; names are joined at the end). What depends on the whole journey (start month, furthest
-- stage, the previous reached stage's exit for an SLA) comes from aggregates over those rows joined
-- back, not from a window over them; the stages not reached come out of the same join (a full join
-- with the deadlines set from elsewhere).
with activity_stages as (
    -- each mapped activity: its stage's order, and whether it finishes the stage
    select a.activity, m.stage_order, a.is_done
    from int_activity_stages as a
    join map_stages as m on m.stage = a.stage
),
stage_map as (
    -- each stage, with the order of the stage the promises its events carry are for
    select m.*, p.stage_order as promise_order
    from map_stages as m
    left join (select distinct stage, promise_stage from int_activity_stages where stage is not null) as t
        using (stage)
    left join map_stages as p on p.stage = t.promise_stage
),
event_stages as (
    select
        e.journey_id,
        any_value(e.customer_id) as customer_id,
        a.stage_order,
        min(e.occurred_at) as entered_at,
        max(e.occurred_at) as left_at,
        count(*) as events,
        max(e.occurred_at) filter (where e.is_failed) as last_failed_at,
        -- failed = first_failed_at is not null (an event's outcome is never null)
        min(e.occurred_at) filter (where e.is_failed) as first_failed_at,
        min(e.occurred_at) filter (where a.is_done) as done_event_at,
        min(e.promised_at) as promise_carried_at
    from stg_journey_events as e
    join activity_stages as a using (activity)
    group by e.journey_id, a.stage_order
),
journeys as (
    select
        journey_id,
        local_month(min(entered_at)) as period_month,  -- the journey's start month
        max(stage_order) as furthest_order,
        bool_or(list_contains((select list(stage_order) from map_stages where completes_journey), stage_order))
            as completed
    from event_stages
    group by journey_id
),
sla_bases as (
    -- for each stage with an SLA: the last event of the furthest stage the journey reached before it
    select s.journey_id, n.stage_order, arg_max(s.left_at, s.stage_order) as previous_left_at
    from event_stages as s
    join map_stages as n on s.stage_order < n.stage_order
    where n.sla_hours is not null
    group by s.journey_id, n.stage_order
),
deadlines_from_elsewhere as (
    -- deadlines a stage gets from outside its own events, per journey and stage
    select journey_id, stage_order, any_value(customer_id) as customer_id, min(promise_at) as promise_at,
           min(sla_due_at) as sla_due_at
    from (
        -- promises an event carries for a later stage (e.g. the order confirmation's delivery date)
        select s.journey_id, m.promise_order as stage_order, s.customer_id,
               s.promise_carried_at as promise_at, null::timestamp as sla_due_at
        from event_stages as s
        join stage_map as m using (stage_order)
        where s.promise_carried_at is not null and m.promise_order <> s.stage_order
        union all
        -- an SLA stage right after the furthest stage (never reached), from the furthest stage's last event
        select f.journey_id, n.stage_order, f.customer_id, null, f.left_at + to_seconds(n.sla_hours * 3600)
        from journeys as j
        join map_stages as n on n.stage_order = j.furthest_order + 1
        join event_stages as f on f.journey_id = j.journey_id and f.stage_order = j.furthest_order
        where n.sla_hours is not null and not j.completed
          and not coalesce(f.last_failed_at = f.left_at, false)  -- not ended by a failure at its last moment
    )
    group by journey_id, stage_order
),
stages as (
    -- the stages reached, and (no events: s.* is null) the stages not reached that a deadline is for
    select
        journey_id,
        coalesce(s.customer_id, d.customer_id) as customer_id,
        m.stage,
        stage_order,
        m.owner,
        s.journey_id is not null as reached,
        s.entered_at,
        s.left_at,
        coalesce(s.events, 0) as events,
        s.first_failed_at is not null as failed,
        s.first_failed_at,
        case when m.has_done_rule then s.done_event_at else s.left_at end as done_at,
        least(case when m.promise_order = stage_order then s.promise_carried_at end, d.promise_at)
            as promise_at,
        case when s.journey_id is null then d.sla_due_at
             when m.sla_hours is not null
             then coalesce(b.previous_left_at, s.entered_at) + to_seconds(m.sla_hours * 3600)
             end as sla_due_at,
        j.period_month
    from event_stages as s
    full join deadlines_from_elsewhere as d using (journey_id, stage_order)
    join journeys as j using (journey_id)
    join stage_map as m using (stage_order)
    left join sla_bases as b using (journey_id, stage_order)
),
missed as (
    -- when each deadline was missed (it may still lie after the end of the data)
    select
        s.*,
        -- 'not done' spelled out, not coalesce(done_at, 'infinity'::timestamp): Spark has no infinite
        -- timestamps (the cast is null there)
        case when s.done_at is null or s.promise_at < s.done_at then s.promise_at end
            as promise_missed_at,
        case when s.done_at is null or s.sla_due_at < s.done_at then s.sla_due_at end
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
    period_month
from dated
