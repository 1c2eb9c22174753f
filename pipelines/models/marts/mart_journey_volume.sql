-- grain: one row per month x segment: journeys started (the denominator of reach rates)
-- key: period_month, segment
-- incremental: period_month
select
    period_month,
    segment,
    count(*) as journeys
from int_journeys
group by all
