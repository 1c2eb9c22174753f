-- grain: one row per valid survey response's comment with at least one word: its words' lemmas in text order
-- key: source, source_id
-- incremental: customer_id (by response: source_id)
-- A word is a run of letters joined by hyphens, lowercased (pipelines/lemmas.py tokenize is the same
-- rule); its lemma comes from text_lemmas, which pipelines/lemma_cache.py fills before the models (a
-- word missing there stands as written). lemma_language: the language the text was lemmatised as,
-- fi or en, else fi+en (the text's language unknown or another one; pipelines/lemmas.py language_key).
-- int_comment_lemmas (survey comments) and int_note_lemmas (contact notes) are the same query after
-- their `texts` (tests/test_model_contracts.py holds them equal): one model per side, so a survey
-- import does not rebuild the contact side (repeated questions), nor a contacts load the comment side.
with texts as (
    select 'response' as source, response_id as source_id, customer_id, language, comment as text
    from stg_survey_responses
    where comment is not null
),
keyed as materialized (
    select
        source,
        source_id,
        customer_id,
        nullif(lower(trim(language)), '') as language,
        case lower(trim(language)) when 'fi' then 'fi' when 'en' then 'en' else 'fi+en' end as lemma_language,
        regexp_extract_all(lower(text), '\pL+(?:-\pL+)*') as tokens
    from texts
),
words as (
    select
        source,
        source_id,
        customer_id,
        language,
        lemma_language,
        unnest(tokens) as token,
        generate_subscripts(tokens, 1) as word_position
    from keyed
),
vocabulary as (
    -- the distinct words and those whose lemma differs: joined per word, not per occurrence, and the
    -- small side of the join below is the lemmas, not the millions of words (the planner's estimate
    -- of an unnest is too small to tell)
    select v.lemma_language, v.token, l.lemma
    from (select distinct lemma_language, token from words) as v
    join text_lemmas as l on l.language = v.lemma_language and l.token = v.token and l.lemma <> v.token
)
select
    w.source,
    w.source_id,
    any_value(w.customer_id) as customer_id,
    any_value(w.language) as language,
    any_value(w.lemma_language) as lemma_language,
    -- ordered lists as a sorted list of (key, value) structs, not list(x order by y): sqlglot's
    -- Spark translation drops an aggregate's order by (docs/scaling.md)
    list_transform(list_sort(list({'k': w.word_position, 'v': coalesce(l.lemma, w.token)})), lambda e: e.v)
        as lemmas
from words as w
left join vocabulary as l on l.lemma_language = w.lemma_language and l.token = w.token
group by w.source, w.source_id
