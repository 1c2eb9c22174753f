-- one row per valid survey response, attached to its journey (given, else the one under way) and stage
-- incremental: customer_id
with attached as (
    select
        r.*,
        coalesce(r.journey_id, j.journey_id) as attached_journey_id,
        case when r.journey_id is not null then 'given'
             when j.journey_id is not null then 'under_way'
             else 'none' end as attachment
    from stg_survey_responses as r
    asof left join int_journeys as j
        on r.customer_id = j.customer_id and r.responded_at >= j.started_at
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
    coalesce(s.stage, 'unattached') as stage,
    a.touchpoint,
    a.channel,
    a.responded_at,
    a.period_month,
    coalesce(a.segment, c.segment, 'unknown') as segment,
    a.comment,
    a.language
from attached as a
asof left join int_journey_stages as s
    on a.attached_journey_id = s.journey_id and a.responded_at >= s.entered_at
left join stg_customers as c on c.customer_id = a.customer_id
