-- grain: one row per month x stage x owner x reason x channel x segment x attribution method: contact volumes and cost
-- key: period_month, stage, owner, reason, reason_mapped, channel, segment, attribution
-- incremental: period_month
-- avoidable follows from the reason and reason_mapped (a contact without a reason is 'unknown', never mapped)
select
    period_month, stage, owner, reason, reason_mapped, channel, segment, attribution, avoidable,
    count(*) as contacts,
    count(*) filter (where is_repeat) as repeat_contacts,
    count(*) filter (where transfers > 0) as transferred_contacts,
    sum(transfers)::bigint as transfers,  -- bigint on both engines (duckdb: hugeint)
    count(*) filter (where resolved) as resolved_contacts,
    sum(cost_eur) as cost_eur
from int_contacts_labelled
group by all
