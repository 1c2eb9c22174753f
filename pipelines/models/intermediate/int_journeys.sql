-- one row per journey
-- incremental: customer_id
select
    s.journey_id,
    any_value(s.customer_id) as customer_id,
    min(s.entered_at) as started_at,
    max(s.left_at) as ended_at,
    date_trunc('month', min(s.entered_at))::date as period_month,
    coalesce(any_value(c.segment), 'unknown') as segment,
    count(*) as stages_reached,
    count(*) filter (where s.first_friction_at is not null) as stages_with_friction,
    bool_or(m.completes_journey) as completed  -- reached a stage that completes journeys
from int_journey_stages as s
join map_stages as m using (stage)
left join stg_customers as c using (customer_id)
group by s.journey_id
