-- one row per month x stage x owner x reason x channel x segment x gap_day (whole days since the same customer's previous contact with the same reason, 0..90): repeat contacts for any window
-- incremental: period_month
select
    period_month,
    coalesce(stage, 'unattributed') as stage,
    coalesce(owner, 'unattributed') as owner,
    reason,
    channel,
    segment,
    ceil(days_since_previous_same_reason)::integer as gap_day,
    count(*) as contacts
from int_contacts_attributed
where days_since_previous_same_reason is not null
  and days_since_previous_same_reason <= 90
group by all
