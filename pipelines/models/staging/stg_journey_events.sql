-- one row per journey event
select
    event_id,
    customer_id,
    journey_id,
    activity,
    occurred_at,
    lower(outcome) = 'failed' as is_failed,
    promised_at is not null and occurred_at > promised_at as is_late
from raw_journey_events
