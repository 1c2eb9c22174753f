-- grain: one row per contact, as int_contacts_attributed, with the labels the contact marts group and show by: stage and owner 'unattributed' when the contact has none, handling_team 'unknown' when not given
-- key: contact_id
-- materialized: view
-- columns listed, not `* replace (...)`: Spark has no star modifiers (docs/scaling.md)
select
    contact_id, customer_id, journey_id, journey_inferred, opened_at, closed_at, period_month,
    channel, reason, reason_mapped,
    coalesce(stage, 'unattributed') as stage,
    coalesce(owner, 'unattributed') as owner,
    attribution, avoidable,
    coalesce(handling_team, 'unknown') as handling_team,
    transfers, resolved, cost_eur, is_repeat, days_since_previous_same_reason, escalated_to,
    escalation_asked_at, escalation_answered_at, escalation_hours, segment
from int_contacts_attributed
