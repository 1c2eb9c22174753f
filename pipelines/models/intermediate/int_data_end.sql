-- grain: a single row: where the journey event data ends (its latest event); a deadline after it is not yet known to be missed
-- key: none (a single row: the moment the event data ends, for the whole database)
select max(occurred_at) as data_end
from stg_journey_events
