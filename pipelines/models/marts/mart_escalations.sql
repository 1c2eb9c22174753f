-- grain: one row per escalated contact (escalated_to set): who asked whom, for which cause, and how long the answer took; times in the company's time zone
-- key: contact_id
-- incremental: period_month
select
    contact_id, period_month, escalated_to, handling_team, owner, stage, reason, channel, segment,
    local_time(escalation_asked_at) as asked_at,
    local_time(escalation_answered_at) as answered_at,
    escalation_hours
from int_contacts_labelled
where escalated_to is not null
