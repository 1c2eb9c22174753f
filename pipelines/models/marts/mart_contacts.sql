-- one row per month x stage x owner x reason x channel x segment x attribution method: contact volumes and cost
-- incremental: period_month
select
    period_month,
    coalesce(stage, 'unattributed') as stage,
    coalesce(owner, 'unattributed') as owner,
    reason,
    reason_mapped,
    channel,
    segment,
    attribution,
    avoidable,
    count(*) as contacts,
    count(*) filter (where is_repeat) as repeat_contacts,
    count(*) filter (where transfers > 0) as transferred_contacts,
    sum(transfers) as transfers,
    count(*) filter (where resolved) as resolved_contacts,
    sum(cost_eur) as cost_eur
from int_contacts_attributed
group by all
