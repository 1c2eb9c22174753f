-- grain: one row per valid survey response: the journey it belongs to (the one it names, else the customer's latest journey started by then) and the stage that journey stood at when the customer answered
-- key: source_id
-- incremental: customer_id (by response: source_id)
-- The stage a journey stands at, at time T: the stage it had entered last by T, where a stage
-- whose deadline passed before it was reached counts from the deadline (the journey stands
-- waiting for it); ties in time go to the later stage in journey order.
-- int_contact_positions and int_response_positions are the same query after their `moments`
-- (tests/test_model_contracts.py holds them equal): one model per side, so a survey import
-- does not rebuild the contact models, nor a contacts load the response models.
with moments as (
    select response_id as source_id, customer_id, journey_id, responded_at as moment_at
    from stg_survey_responses
),
under_way as (
    select
        m.source_id,
        arg_max(j.journey_id, (j.started_at, j.journey_id)) as journey_id
    from moments as m
    join int_journeys as j
        on j.customer_id = m.customer_id and j.started_at <= m.moment_at
    where m.journey_id is null
    group by m.source_id
),
attached as (
    select
        m.*,
        coalesce(m.journey_id, u.journey_id) as attached_journey_id,
        case when m.journey_id is not null then 'given'
             when u.journey_id is not null then 'under_way'
             else 'none' end as attachment
    from moments as m
    left join under_way as u using (source_id)
),
positioned as (
    select
        a.source_id,
        arg_max(s.stage, (s.concerned_from, s.stage_order)) as stage
    from attached as a
    join int_journey_stages as s
        on s.journey_id = a.attached_journey_id
       and s.concerned_from <= a.moment_at
    group by a.source_id
)
select
    a.source_id,
    a.customer_id,
    a.attached_journey_id as journey_id,
    a.attachment,
    p.stage
from attached as a
left join positioned as p using (source_id)
