-- grain: one row per month x caused-by owner x handling team x channel x segment: contacts one function handles on behalf of another
-- key: period_month, owner, handling_team, channel, segment
-- incremental: period_month
select
    period_month, owner, handling_team, channel, segment,
    count(*) as contacts,
    count(*) filter (where avoidable) as avoidable_contacts,
    sum(cost_eur) as cost_eur,
    coalesce(sum(cost_eur) filter (where avoidable), 0) as avoidable_cost_eur,
    count(*) filter (where transfers > 0) as transferred_contacts,
    sum(transfers)::bigint as transfers,
    count(*) filter (where escalated_to is not null) as escalated_contacts
from int_contacts_labelled
group by all
