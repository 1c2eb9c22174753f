-- grain: one row per journey: completed, in progress or dropped
-- key: journey_id
-- Not incremental: a journey turns from in progress to dropped when later data arrives. Cheap to
-- rebuild: whether a journey completed is already in int_journeys (which is incremental).
-- completed: reached a stage that completes journeys; in_progress: else its last mapped event is
-- within in_progress_days of the latest mapped event in the data; dropped: otherwise.
with data_end as (
    select
        (select max(ended_at) from int_journeys) as latest_event_at,
        (select coalesce(max(number), 30) from map_settings where key = 'in_progress_days') as in_progress_days
)
select
    j.journey_id,
    j.customer_id,
    j.period_month,
    j.segment,
    j.ended_at as last_event_at,
    case when j.completed then 'completed'
         when date_diff('second', date_trunc('second', j.ended_at), date_trunc('second', d.latest_event_at)) <= d.in_progress_days * 86400
             then 'in_progress'
         else 'dropped' end as outcome
from int_journeys as j
cross join data_end as d
