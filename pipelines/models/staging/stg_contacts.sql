-- grain: one row per contact (times utc; period_month is the month in the company's time zone)
-- key: contact_id
select
    contact_id,
    customer_id,
    nullif(trim(journey_id), '') as journey_id,
    opened_at,
    closed_at,
    local_month(opened_at) as period_month,
    lower(trim(channel)) as channel,
    nullif(lower(trim(reason)), '') as reason,
    handling_team,
    coalesce(transfers, 0) as transfers,
    resolved,
    nullif(trim(escalated_to), '') as escalated_to,
    escalation_asked_at,
    escalation_answered_at,
    nullif(trim(note), '') as note
from raw_contacts
