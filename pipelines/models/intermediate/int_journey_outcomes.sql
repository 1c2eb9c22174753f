-- grain: one row per journey: completed, in progress or dropped
-- key: journey_id
-- materialized: view
-- A view: whether a journey is in progress or dropped moves with the latest event of all the data,
-- so a stored outcome would be rewritten for every journey whenever new events arrive; computed when
-- read, from int_journeys (incremental by customer) and int_journeys_end (macro journey_outcome).
-- completed: reached a stage that completes journeys; in_progress: else its last mapped event is
-- within in_progress_days of the latest mapped event in the data; dropped: otherwise.
select
    j.journey_id,
    j.customer_id,
    j.period_month,
    j.segment,
    j.ended_at as last_event_at,
    journey_outcome(j.completed, j.ended_at, e.latest_event_at, e.in_progress_days) as outcome
from int_journeys as j
cross join int_journeys_end as e
