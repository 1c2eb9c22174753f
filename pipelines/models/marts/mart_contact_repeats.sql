-- grain: one row per month x stage x owner x reason x channel x segment x gap_day (whole days since the same customer's previous contact with the same reason, 0..90): repeat contacts for any window
-- key: period_month, stage, owner, reason, channel, segment, gap_day
-- incremental: period_month
select
    period_month, stage, owner, reason, channel, segment,
    ceil(days_since_previous_same_reason)::integer as gap_day,
    count(*) as contacts
from int_contacts_labelled
where days_since_previous_same_reason is not null
  and days_since_previous_same_reason <= 90
group by all
