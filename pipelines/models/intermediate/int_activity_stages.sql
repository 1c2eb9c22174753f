-- one row per distinct activity, with the stage of the first matching journey-map rule (null when unmapped)
with activities as (
    select activity, count(*) as events
    from stg_journey_events
    group by activity
)
select
    a.activity,
    a.events,
    arg_min(r.stage, r.rule_order) as stage
from activities as a
left join map_activity_rules as r
    on a.activity like r.like_pattern escape '\'
group by a.activity, a.events
