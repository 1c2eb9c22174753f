"""Texts of repeated questions (Contacts page section, Functions page column and cards)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "rq_header": {"en": "Repeated questions", "fi": "Toistuvat kysymykset"},
    "rq_intro": {
        "en": "Contacts in which a customer asks again about something they already asked within "
        "{days} days: the same contact reason, or the same journey-map theme in both contact notes "
        "(a follow-up logged under another reason). Each is avoidable: answered or fixed the first time, "
        "it would not have been asked again.",
        "fi": "Yhteydenotot, joissa asiakas kysyy uudelleen asiaa, jota hän on jo kysynyt {days} päivän "
        "sisällä: sama yhteydenoton syy tai sama polkukartan aihe kummankin yhteydenoton muistiinpanossa "
        "(jatkokysely kirjattu toisella syyllä). Jokainen on vältettävissä: ensimmäisellä kerralla "
        "vastattuna tai korjattuna sitä ei olisi kysytty uudelleen.",
    },
    "rq_unavailable": {
        "en": "Repeated questions have not been computed for this data yet. Refresh the data (Upload "
        "data page, or `python -m pipelines refresh`).",
        "fi": "Toistuvia kysymyksiä ei ole vielä laskettu. Päivitä tiedot (Tietojen tuonti -sivu tai "
        "`python -m pipelines refresh`).",
    },
    "rq_none": {
        "en": "No customer asked the same thing again within {days} days under these filters.",
        "fi": "Kukaan asiakas ei kysynyt samaa asiaa uudelleen {days} päivän sisällä näillä rajauksilla.",
    },
    "rq_kpi_count": {"en": "Repeated questions ({days} d)", "fi": "Toistuvat kysymykset ({days} pv)"},
    "rq_kpi_count_help": {
        "en": "Contacts in which the customer asks again about a topic (contact reason or note theme) of "
        "their own earlier contact within {days} days. A contact counts once, under the topic asked "
        "most recently before.",
        "fi": "Yhteydenotot, joissa asiakas kysyy uudelleen oman aiemman, enintään {days} päivää vanhan "
        "yhteydenottonsa aihetta (syy tai muistiinpanon aihe). Yhteydenotto lasketaan kerran, sen "
        "aiheen mukaan, jota kysyttiin viimeksi.",
    },
    "rq_kpi_cost": {"en": "Cost of asking again", "fi": "Uudelleen kysymisen kulut"},
    "rq_kpi_cost_help": {
        "en": "The handling cost of the repeated questions (the journey map's cost per contact by channel). "
        "All of it is avoidable, also where the reason itself is value demand: answered the first time, "
        "the question would not have been asked again.",
        "fi": "Toistuvien kysymysten käsittelykulut (polkukartan kanavakohtainen hinta per yhteydenotto). "
        "Ne ovat kokonaan vältettävissä silloinkin, kun syy itsessään on arvokysyntää: ensimmäisellä kerralla "
        "vastattuna kysymystä ei olisi esitetty uudelleen.",
    },
    "rq_kpi_via_note": {"en": "Found through notes", "fi": "Löytyi muistiinpanoista"},
    "rq_kpi_via_note_help": {
        "en": "Repeated questions matched by a theme in both contact notes rather than by the same "
        "contact reason: often follow-ups logged under another reason, which a count of same-reason "
        "repeats misses.",
        "fi": "Toistuvat kysymykset, jotka yhdistyivät kummankin muistiinpanon aiheen eivätkä saman "
        "syyn perusteella: usein toisella syyllä kirjattuja jatkokyselyjä, joita saman syyn toistojen "
        "laskenta ei tunnista.",
    },
    "rq_share_of_repeats": {"en": "{share} of them", "fi": "{share} niistä"},
    "rq_col_count": {"en": "Repeated questions", "fi": "Toistuvat kysymykset"},
    "rq_col_via_note": {"en": "Through notes", "fi": "Muistiinpanoista"},
    "rq_col_cost": {"en": "Cost", "fi": "Kulut"},
    "rq_col_topic": {"en": "Topic asked again", "fi": "Uudelleen kysytty aihe"},
    "rq_col_found_by": {"en": "Matched by", "fi": "Tunnistettu"},
    "rq_found_reason": {"en": "Same reason", "fi": "Sama syy"},
    "rq_found_theme": {"en": "Theme in notes", "fi": "Aihe muistiinpanoissa"},
    "rq_topics_header": {"en": "Asked again most often", "fi": "Useimmin uudelleen kysytyt"},
    "rq_examples_header": {"en": "Latest repeated questions", "fi": "Viimeisimmät toistuvat kysymykset"},
    "rq_col_asked_again": {"en": "Asked again on", "fi": "Ajankohta"},
    "rq_col_days": {"en": "Since the first", "fi": "Edellisestä"},
    "rq_col_note": {"en": "Note", "fi": "Muistiinpano"},
    "rq_col_previous_note": {"en": "Earlier note", "fi": "Aiempi muistiinpano"},
    "rq_examples_caption": {
        "en": "The latest {count} repeated questions under the filters. Click a row to open the customer.",
        "fi": "Rajauksia vastaavat {count} viimeisintä toistuvaa kysymystä. Avaa asiakas napsauttamalla riviä.",
    },
    "fn_col_repeated": {"en": "Repeated questions", "fi": "Toistuvat kysymykset"},
    "fn_col_repeated_help": {
        "en": "Contacts asking again about a topic of this function's stages within the journey map's "
        "repeat window ({days} d), and what handling them cost (failure demand, whatever the reason). "
        "Contacts page: by topic, with examples.",
        "fi": "Yhteydenotot, joissa kysytään uudelleen tämän toiminnon vaiheiden aihetta polkukartan "
        "toiston aikarajan ({days} pv) sisällä, ja niiden käsittelykulut (virhekysyntää syystä riippumatta). "
        "Yhteydenotot-sivu: aiheittain, esimerkkien kanssa.",
    },
    "fn_repeated_value": {"en": "{count} · {cost}", "fi": "{count} · {cost}"},
    "fn_card_repeated": {
        "en": "Asked again within {days} d: {count} contacts, costing {cost}",
        "fi": "Kysytty uudelleen {days} pv:n sisällä: {count} yhteydenottoa, kulut {cost}",
    },
}
