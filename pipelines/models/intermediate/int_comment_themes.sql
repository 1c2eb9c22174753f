-- grain: one row per survey comment x theme it mentions: a term of the theme occurs in it and no exclude term of the theme does (journey map themes)
-- key: source, source_id, theme
-- incremental: customer_id (by response: source_id)
-- A term's words must stand in a row (a phrase). An exact word, and the part of a '*suffix' word
-- after the star, match as written or as their lemma in the text's lemma language (text_lemmas);
-- a 'prefix*' word matches lemmas starting with it as written. Negation is not read: "ei myöhässä"
-- mentions lateness (docs/journey-map.md, themes).
-- int_comment_themes (survey comments) and int_note_themes (contact notes) are the same query but for
-- the lemmas they read (tests/test_model_contracts.py holds them equal).
with languages as (
    select lemma_language from (values ('fi'), ('en'), ('fi+en')) as v(lemma_language)
),
patterns as (
    -- each word of each term as the patterns a lemma is compared with, per lemma language
    select t.theme, t.kind, t.term_order, t.term, t.position, t.n_words, t.match, g.lemma_language,
        t.word as pattern
    from map_theme_terms as t
    cross join languages as g
    union
    select t.theme, t.kind, t.term_order, t.term, t.position, t.n_words, t.match, g.lemma_language,
        l.lemma as pattern
    from map_theme_terms as t
    cross join languages as g
    join text_lemmas as l on l.language = g.lemma_language and l.token = t.word
    where t.match <> 'prefix'
),
tokens as (
    select
        source,
        source_id,
        customer_id,
        lemma_language,
        unnest(lemmas) as lemma,
        generate_subscripts(lemmas, 1) as word_position
    from int_comment_lemmas
),
vocabulary as (
    select distinct lemma_language, lemma from tokens
),
word_matches as (
    -- which term words each distinct lemma matches (a small join: distinct lemmas x term words)
    select distinct v.lemma_language, v.lemma, p.theme, p.kind, p.term_order, p.term, p.position, p.n_words
    from vocabulary as v
    join patterns as p
        on p.lemma_language = v.lemma_language
        and case p.match
            when 'exact' then v.lemma = p.pattern
            when 'prefix' then starts_with(v.lemma, p.pattern)
            else ends_with(v.lemma, p.pattern) end
),
occurrences as (
    -- a term occurs where its n words match n lemmas in a row
    select t.source, t.source_id, any_value(t.customer_id) as customer_id, m.theme, m.kind, m.term_order,
        any_value(m.term) as term
    from tokens as t
    join word_matches as m on m.lemma_language = t.lemma_language and m.lemma = t.lemma
    group by t.source, t.source_id, m.theme, m.kind, m.term_order, t.word_position - m.position
    having count(*) = any_value(m.n_words)
),
term_hits as (
    select source, source_id, any_value(customer_id) as customer_id, theme, kind, term_order,
        any_value(term) as term, count(*) as occurrences
    from occurrences
    group by source, source_id, theme, kind, term_order
),
mentions as (
    select
        source,
        source_id,
        any_value(customer_id) as customer_id,
        theme,
        sum(occurrences) filter (where kind = 'include')::bigint as mentions,
        -- ordered lists as a sorted list of (key, value) structs, not list(x order by y): sqlglot's
        -- Spark translation drops an aggregate's order by (docs/scaling.md)
        list_transform(list_sort(list({'k': term_order, 'v': term}) filter (where kind = 'include')),
            lambda e: e.v) as terms
    from term_hits
    group by source, source_id, theme
    having count(*) filter (where kind = 'include') > 0 and count(*) filter (where kind = 'exclude') = 0
)
select m.source, m.source_id, m.customer_id, m.theme, t.stage, t.owner, m.mentions, m.terms
from mentions as m
join map_themes as t on t.theme = m.theme
