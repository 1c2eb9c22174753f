-- grain: one row per theme x metric x month x segment x channel with responses that have a comment: score statistics of the responses whose comment mentions the theme and of all responses with a comment
-- key: theme, metric, period_month, segment, channel
-- incremental: additive (kept while n_commented > 0)
-- Every theme of the map has a row in every cell with a comment (its mention sums 0 when none
-- mentions it), so "mentioning vs the other commenters" = *_mention vs *_commented - *_mention.
with commented as (
    select r.response_id, r.metric, r.score, r.is_positive, r.is_negative, r.period_month, r.segment,
        r.channel
    from int_responses_attributed as r
    join int_comment_lemmas as c on c.source = 'response' and c.source_id = r.response_id
),
cells as (
    select
        metric,
        period_month,
        segment,
        channel,
        count(*) as n_commented,
        count(*) filter (where is_positive) as pos_commented,
        count(*) filter (where is_negative) as neg_commented,
        coalesce(sum(score), 0) as sum_commented,
        coalesce(sum(score * score), 0) as sumsq_commented
    from commented
    group by all
),
mention_cells as (
    select
        m.theme,
        c.metric,
        c.period_month,
        c.segment,
        c.channel,
        count(*) as n_mention,
        count(*) filter (where c.is_positive) as pos_mention,
        count(*) filter (where c.is_negative) as neg_mention,
        coalesce(sum(c.score), 0) as sum_mention,
        coalesce(sum(c.score * c.score), 0) as sumsq_mention
    from commented as c
    join int_comment_themes as m on m.source = 'response' and m.source_id = c.response_id
    group by all
)
select
    t.theme,
    c.metric,
    c.period_month,
    c.segment,
    c.channel,
    coalesce(m.n_mention, 0) as n_mention,
    coalesce(m.pos_mention, 0) as pos_mention,
    coalesce(m.neg_mention, 0) as neg_mention,
    coalesce(m.sum_mention, 0) as sum_mention,
    coalesce(m.sumsq_mention, 0) as sumsq_mention,
    c.n_commented,
    c.pos_commented,
    c.neg_commented,
    c.sum_commented,
    c.sumsq_commented
from cells as c
cross join map_themes as t
left join mention_cells as m
    on m.theme = t.theme
    and m.metric = c.metric
    and m.period_month = c.period_month
    and m.segment = c.segment
    and m.channel = c.channel
