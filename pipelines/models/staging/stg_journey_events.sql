-- grain: one row per journey event (times utc)
-- key: event_id
-- is_late: the event itself happened after the promise it carries (shown on the timeline; the
-- friction of a missed deadline is dated at the deadline itself, see docs/metrics.md)
select
    event_id,
    batch_id,
    source_row,
    customer_id,
    journey_id,
    activity,
    occurred_at,
    lower(outcome) = 'failed' as is_failed,
    promised_at,
    promised_at is not null and occurred_at > promised_at as is_late
from raw_journey_events
