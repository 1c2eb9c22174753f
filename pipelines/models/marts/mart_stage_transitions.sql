-- grain: one row per transition between consecutive stage visits of a journey, plus one final transition to '(end)', '(dropped)' or '(in progress)'
-- key: journey_id, from_visit
-- incremental: period_month
select
    v.journey_id,
    v.visit_number as from_visit,
    o.period_month,
    o.segment,
    v.stage as from_stage,
    case when v.next_stage is not null then v.next_stage
         when o.outcome = 'completed' then '(end)'
         when o.outcome = 'in_progress' then '(in progress)'
         else '(dropped)' end as to_stage,
    date_diff('second', v.left_at, v.next_entered_at) / 3600.0 as hours,
    v.next_is_rework as is_rework
from int_stage_visits as v
join int_journey_outcomes as o using (journey_id)
