-- grain: one row per contact reason that the journey map does not list (incl. 'unknown' = no reason given); times in the company's time zone
-- key: reason
select
    reason,
    reason = 'unknown' as no_reason_given,
    count(*) as contacts,
    count(distinct customer_id) as customers,
    count(*) filter (where attribution = 'journey_position') as attributed_by_position,
    count(*) filter (where attribution = 'unattributed') as unattributed,
    local_time(min(opened_at)) as first_seen,
    local_time(max(opened_at)) as last_seen
from int_contacts_attributed
where not reason_mapped
group by reason
