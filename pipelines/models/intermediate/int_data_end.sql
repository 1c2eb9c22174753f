-- one row per database: where the journey event data ends (its latest event); a deadline after it is not yet known to be missed
select max(occurred_at) as data_end
from stg_journey_events
