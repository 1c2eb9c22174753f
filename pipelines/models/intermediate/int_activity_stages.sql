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
)
select
    m.activity,
    m.events,
    m.stage,
    m.rule_order,
    coalesce((select bool_or(m.activity like d.like_pattern escape '\')
              from map_stage_done_rules as d where d.stage = m.stage), false) as is_done,
    case when m.stage is not null then coalesce(
        (select p.stage from map_stages as p
         where p.promised and p.stage_order >= s.stage_order
         order by p.stage_order limit 1),
        m.stage) end as promise_stage
from matched as m
left join map_stages as s on s.stage = m.stage
