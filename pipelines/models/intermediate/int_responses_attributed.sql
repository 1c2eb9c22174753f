-- one row per valid survey response, attached to its journey (given, else the one under way) and stage
-- incremental: customer_id
with under_way as (
    -- responses without a journey: the customer's latest journey started by the answer
    select
        r.response_id,
        arg_max(j.journey_id, (j.started_at, j.journey_id)) as journey_id
    from stg_survey_responses as r
    join int_journeys as j
        on j.customer_id = r.customer_id and j.started_at <= r.responded_at
    where r.journey_id is null
    group by r.response_id
),
attached as (
    select
        r.*,
        coalesce(r.journey_id, u.journey_id) as attached_journey_id,
        case when r.journey_id is not null then 'given'
             when u.journey_id is not null then 'under_way'
             else 'none' end as attachment
    from stg_survey_responses as r
    left join under_way as u using (response_id)
),
positioned as (
    -- the stage the journey had entered last by the answer (a stage whose deadline
    -- passed before it was reached counts from the deadline: the journey stands waiting for it)
    select
        a.response_id,
        arg_max(s.stage, (s.concerned_from, s.stage_order)) as stage
    from attached as a
    join int_journey_stages as s
        on s.journey_id = a.attached_journey_id
       and s.concerned_from <= a.responded_at
    group by a.response_id
)
select
    a.response_id,
    a.survey,
    a.metric,
    a.score,
    a.is_positive,
    a.is_negative,
    a.customer_id,
    a.attached_journey_id as journey_id,
    a.attachment,
    coalesce(p.stage, 'unattached') as stage,
    a.touchpoint,
    a.channel,
    a.responded_at,
    a.period_month,
    coalesce(a.segment, c.segment, 'unknown') as segment,
    a.comment,
    a.language
from attached as a
left join positioned as p using (response_id)
left join stg_customers as c on c.customer_id = a.customer_id
