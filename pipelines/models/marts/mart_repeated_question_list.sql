-- grain: one row per repeated question (int_repeated_questions) with the earlier contact it repeats, for drill-downs read a few rows at a time; times in the company's time zone
-- key: contact_id
-- materialized: view
select
    r.contact_id,
    r.customer_id,
    local_time(r.opened_at) as opened_at,
    r.period_month, r.stage, r.owner, r.topic_kind, r.topic, r.channel, r.segment, r.gap_day,
    r.days_since_previous, r.cost_eur,
    r.reason,
    c.note,
    r.previous_contact_id,
    local_time(p.opened_at) as previous_opened_at,
    coalesce(p.reason, 'unknown') as previous_reason,
    p.note as previous_note
from int_repeated_questions as r
join stg_contacts as c on c.contact_id = r.contact_id
join stg_contacts as p on p.contact_id = r.previous_contact_id
