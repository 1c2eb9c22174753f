-- grain: one row per month x stage x owner x topic kind x topic x channel x segment x gap_day: contacts that ask again about a topic of an earlier contact, and their cost (int_repeated_questions)
-- key: period_month, stage, owner, topic_kind, topic, channel, segment, gap_day
-- incremental: period_month
-- Every repeated question is avoidable (answered or fixed the first time, it would not be asked again):
-- its cost is the avoidable cost. Sum gap_day <= W for a W-day repeat window.
select
    period_month, stage, owner, topic_kind, topic, channel, segment, gap_day,
    count(*) as contacts,
    sum(cost_eur) as cost_eur
from int_repeated_questions
group by all
