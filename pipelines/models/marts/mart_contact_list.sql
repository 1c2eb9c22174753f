-- grain: one row per contact, for drill-downs read a few rows at a time (example customers of one reason); times in the company's time zone
-- key: contact_id
-- materialized: view
select
    contact_id, customer_id, journey_id,
    local_time(opened_at) as opened_at,
    period_month, reason, reason_mapped, stage, owner, attribution, avoidable, channel, segment,
    handling_team, transfers, resolved, is_repeat, days_since_previous_same_reason,
    escalated_to, escalation_hours, cost_eur
from int_contacts_labelled
