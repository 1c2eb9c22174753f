-- grain: one row per valid survey response, attached to its journey (given, else the one under way) and stage
-- key: response_id
-- incremental: customer_id (by response: response_id)
with attached as (
    -- the journey the response belongs to and where it stood when the customer answered
    select r.*, p.journey_id as attached_journey_id, p.attachment, p.stage as position_stage
    from stg_survey_responses as r
    left join int_response_positions as p on p.source_id = r.response_id
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
    coalesce(a.position_stage, 'unattached') as stage,
    a.touchpoint,
    a.channel,
    a.responded_at,
    a.period_month,
    coalesce(a.segment, c.segment, 'unknown') as segment,
    a.comment,
    a.language
from attached as a
left join stg_customers as c on c.customer_id = a.customer_id
