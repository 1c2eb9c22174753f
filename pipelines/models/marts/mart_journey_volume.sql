-- grain: one row per month x segment: journeys started (the denominator of reach rates)
-- key: period_month, segment
-- incremental: additive (kept while journeys > 0)
select
    period_month,
    segment,
    count(*) as journeys
from int_journeys
group by all
