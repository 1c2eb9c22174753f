-- grain: one row per journey-event activity that no journey-map rule maps to a stage (these events fall out of every journey); times in the company's time zone
-- key: activity
with unmapped as (
    select activity, events
    from int_activity_stages
    where stage is null
)
select
    u.activity,
    u.events,
    count(distinct e.journey_id) as journeys,
    count(distinct e.customer_id) as customers,
    local_time(min(e.occurred_at)) as first_seen,
    local_time(max(e.occurred_at)) as last_seen
from unmapped as u
join stg_journey_events as e on e.activity = u.activity
group by u.activity, u.events
