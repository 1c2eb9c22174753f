-- grain: one row per distinct activity, with the stage of the first matching journey-map rule (null when unmapped), whether it finishes that stage, and the stage its promises are for
-- key: activity
-- promise_stage: promised_at on an event is the deadline of the first stage at or after the
-- event's own stage (in journey order) that the journey map marks 'promised: true', else of the
-- event's own stage. is_done: the activity matches one of its stage's 'done_when' patterns.
with activities as (
    select activity, count(*) as events
    from stg_journey_events
    group by activity
),
matched as (
    select
        a.activity,
        a.events,
        arg_min(r.stage, r.rule_order) as stage,
        min(r.rule_order) as rule_order
    from activities as a
    left join map_activity_rules as r
        on a.activity like r.like_pattern escape '\'
    group by a.activity, a.events
),
-- done and promises as joins, not correlated subqueries: Spark runs no aggregate or limit in a
-- correlated subquery (docs/scaling.md)
done as (
    select m.activity, bool_or(m.activity like d.like_pattern escape '\') as is_done
    from matched as m
    join map_stage_done_rules as d on d.stage = m.stage
    group by m.activity
),
promises as (
    -- each stage: the first stage at or after it (journey order) that is 'promised: true'
    select s.stage, arg_min(p.stage, p.stage_order) as promise_stage
    from map_stages as s
    join map_stages as p on p.promised and p.stage_order >= s.stage_order
    group by s.stage
)
select
    m.activity,
    m.events,
    m.stage,
    m.rule_order,
    coalesce(d.is_done, false) as is_done,
    case when m.stage is not null then coalesce(p.promise_stage, m.stage) end as promise_stage
from matched as m
left join done as d on d.activity = m.activity
left join promises as p on p.stage = m.stage
