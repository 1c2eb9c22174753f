-- grain: one row per month x owning function x segment: additive scorecard counts (journeys reached and with friction by journey start month; contacts caused and escalations received by contact month)
-- key: period_month, owner, segment
-- incremental: period_month
select
    period_month,
    key as owner,
    segment,
    reached as journeys_reached,
    with_friction as journeys_with_friction,
    contacts as contacts_caused,
    avoidable_contacts as avoidable_contacts_caused,
    avoidable_cost_eur,
    contact_cost_eur,
    repeat_contacts as repeat_contacts_caused,
    escalations_received,
    escalations_answered,
    escalation_hours_sum
from mart_friction_operations
where dimension = 'owner'
