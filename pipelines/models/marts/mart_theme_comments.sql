-- grain: one row per valid survey response whose comment has a word (the commenters of mart_theme_scores), with the themes it mentions; responded_at in the company's time zone
-- key: response_id
-- incremental: customer_id (by response: response_id)
-- The Feedback page's comments of a theme and its untagged comments. A table, not a view: as a
-- view its grouping of int_comment_themes cost each page query 50-220 ms on 140k comments.
-- themes: the ids of the themes the comment mentions, in journey-map order; empty when it mentions
-- none (untagged). theme_terms: the include terms that matched, one list per theme of themes.
-- score_group: positive (NPS 9-10, CSAT 4-5, CES 5-7), negative (NPS 0-6) or neutral (the rest).
with mentioned as (
    select
        t.source_id as response_id,
        -- sorted structs, not list(x order by y): Spark drops an aggregate's order (docs/scaling.md)
        list_transform(list_sort(list({'k': m.theme_order, 'v': t.theme})), lambda e: e.v) as themes,
        list_transform(list_sort(list({'k': m.theme_order, 'v': t.terms})), lambda e: e.v) as theme_terms
    from int_comment_themes as t
    join map_themes as m on m.theme = t.theme
    where t.source = 'response'
    group by t.source_id
)
select
    r.response_id,
    r.customer_id,
    r.metric,
    r.score,
    case when r.is_positive then 'positive' when r.is_negative then 'negative' else 'neutral' end
        as score_group,
    r.comment,
    r.language,
    local_time(r.responded_at) as responded_at,
    r.period_month,
    r.segment,
    r.channel,
    coalesce(m.themes, []::varchar[]) as themes,
    coalesce(m.theme_terms, []::varchar[][]) as theme_terms
from int_responses_attributed as r
join int_comment_lemmas as c on c.source = 'response' and c.source_id = r.response_id
left join mentioned as m on m.response_id = r.response_id
