-- grain: one row per journey
-- key: journey_id
-- incremental: customer_id
with journeys as (
    select
        s.journey_id,
        any_value(s.customer_id) as customer_id,
        min(s.entered_at) as started_at,
        max(s.left_at) as ended_at,
        any_value(s.period_month) as period_month,  -- the start month (every row of the journey has it)
        count(*) filter (where s.reached) as stages_reached,
        count(*) filter (where s.first_friction_at is not null) as stages_with_friction,
        coalesce(bool_or(m.completes_journey) filter (where s.reached), false) as completed  -- reached a stage that completes journeys
    from int_journey_stages as s
    join map_stages as m using (stage_order)
    group by s.journey_id
)
select
    j.journey_id,
    j.customer_id,
    j.started_at,
    j.ended_at,
    j.period_month,
    coalesce(c.segment, 'unknown') as segment,  -- the customer's, looked up once per journey
    j.stages_reached,
    j.stages_with_friction,
    j.completed
from journeys as j
left join stg_customers as c using (customer_id)
