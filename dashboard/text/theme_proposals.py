"""Texts of the journey map editor's Proposed themes tab (dashboard/journey_map_editor/proposals.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "tp_tab": {"en": "Proposed themes", "fi": "Ehdotetut aiheet"},
    "tp_intro": {
        "en": "Comments that no theme catches, grouped by the words they share (base forms of the "
        "words, weighted by how telling they are). Each group shows its top terms and three of its "
        "comments. Name a group, pick its stage and owner, check the terms and add it as a theme: "
        "the map is saved as a new version and the comments are tagged again.",
        "fi": "Kommentit, joihin mikään aihe ei osu, ryhmiteltyinä yhteisten sanojensa mukaan (sanojen "
        "perusmuodot painotettuina sen mukaan, kuinka paljon ne kertovat). Jokaisesta ryhmästä näkyvät "
        "sen kuvaavimmat termit ja kolme sen kommenttia. Nimeä ryhmä, valitse vaihe ja vastuutoiminto, "
        "tarkista termit ja lisää se aiheeksi: kartta tallennetaan uutena versiona ja kommentit "
        "luokitellaan uudelleen.",
    },
    "tp_propose": {"en": "Propose themes", "fi": "Ehdota aiheita"},
    "tp_propose_help": {
        "en": "Takes a few seconds with a lot of comments; the proposals are kept until the data is "
        "refreshed.",
        "fi": "Kestää muutaman sekunnin, kun kommentteja on paljon; ehdotukset säilyvät, kunnes tiedot "
        "päivitetään.",
    },
    "tp_computing": {
        "en": "Grouping the comments no theme catches…",
        "fi": "Ryhmitellään kommentteja, joihin mikään aihe ei osu…",
    },
    "tp_failed": {
        "en": "The proposals could not be computed. The error is in the server's log.",
        "fi": "Ehdotuksia ei voitu laskea. Virhe on palvelimen lokissa.",
    },
    "tp_none": {
        "en": "No proposals: fewer than 10 comments are without a theme, or no word recurs in them.",
        "fi": "Ei ehdotuksia: aiheettomia kommentteja on alle 10, tai mikään sana ei toistu niissä.",
    },
    "tp_summary": {
        "en": "{n} groups of the {count} comments no theme catches, largest first.",
        "fi": "{n} ryhmää {count} kommentista, joihin mikään aihe ei osu, suurin ensin.",
    },
    "tp_summary_sample": {
        "en": "{n} groups of {count} comments no theme catches (a fixed sample of them, the same "
        "every time), largest first.",
        "fi": "{n} ryhmää {count} kommentista, joihin mikään aihe ei osu (kiinteä otos, joka kerta "
        "sama), suurin ensin.",
    },
    "tp_cluster": {
        "en": "{rank}. {terms} · {size} comments ({share})",
        "fi": "{rank}. {terms} · {size} kommenttia ({share})",
    },
    "tp_top_terms": {"en": "**Top terms:** {terms}", "fi": "**Kuvaavimmat termit:** {terms}"},
    "tp_col_source": {"en": "From", "fi": "Lähde"},
    "tp_col_comment": {"en": "Comment", "fi": "Kommentti"},
    "tp_source_response": {"en": "Survey", "fi": "Kysely"},
    "tp_source_contact": {"en": "Contact note", "fi": "Yhteydenotto"},
    "tp_read_only": {
        "en": "Only users who may edit the journey map can add a proposal as a theme.",
        "fi": "Vain polkukarttaa muokkaamaan oikeutetut voivat lisätä ehdotuksen aiheeksi.",
    },
    "tp_name_en": {"en": "Name in English", "fi": "Nimi englanniksi"},
    "tp_name_fi": {"en": "Name in Finnish", "fi": "Nimi suomeksi"},
    "tp_stage": {"en": "Stage", "fi": "Vaihe"},
    "tp_stage_placeholder": {"en": "Choose a stage", "fi": "Valitse vaihe"},
    "tp_owner": {"en": "Owner", "fi": "Vastuutoiminto"},
    "tp_owner_default": {"en": "The stage's owner", "fi": "Vaiheen vastuutoiminto"},
    "tp_owner_help": {
        "en": "The function that answers for the theme; by default the owner of its stage. Without a "
        "stage, pick one.",
        "fi": "Toiminto, joka vastaa aiheesta; oletuksena sen vaiheen vastuutoiminto. Jos vaihetta ei "
        "ole, valitse toiminto.",
    },
    "tp_terms": {"en": "Terms", "fi": "Termit"},
    "tp_terms_help": {
        "en": "Words or phrases separated by commas, compared in their base form (toimituksen = "
        "toimitus); Finnish and English in one list. `*kuljetus` matches words ending in it, "
        "`lasku*` words starting with it. A comment with any of the terms mentions the theme.",
        "fi": "Sanoja tai fraaseja pilkuilla erotettuina, verrataan perusmuodossa (toimituksen = "
        "toimitus); suomi ja englanti samaan luetteloon. `*kuljetus` osuu sanoihin, jotka päättyvät "
        "siihen, `lasku*` sanoihin, jotka alkavat sillä. Kommentti, jossa on jokin termeistä, "
        "mainitsee aiheen.",
    },
    "tp_add": {"en": "Add as theme", "fi": "Lisää aiheeksi"},
    "tp_unsaved": {
        "en": "The tables have unsaved changes: save them first (Validate and save), then add the theme.",
        "fi": "Taulukoissa on tallentamattomia muutoksia: tallenna ne ensin (Tarkista ja tallenna) ja "
        "lisää sitten aihe.",
    },
    "tp_need_stage_or_owner": {
        "en": "Pick a stage or an owner: a theme needs a function that answers for it.",
        "fi": "Valitse vaihe tai vastuutoiminto: aiheella on oltava siitä vastaava toiminto.",
    },
    "tp_need_name": {
        "en": "Give the theme a name (English or Finnish; one is enough).",
        "fi": "Anna aiheelle nimi (englanniksi tai suomeksi; yksi riittää).",
    },
    "tp_need_terms": {
        "en": "Give at least one term: a word or a phrase.",
        "fi": "Anna vähintään yksi termi: sana tai fraasi.",
    },
    "tp_bad_term": {"en": "A term cannot be used: {problem}", "fi": "Termiä ei voi käyttää: {problem}"},
    "tp_saved": {
        "en": "Theme “{theme}” added: saved version {version}, re-attributed the data and tagged the "
        "comments. Changes: {summary}",
        "fi": "Aihe ”{theme}” lisätty: versio {version} tallennettu, tiedot kohdistettu uudelleen ja "
        "kommentit luokiteltu. Muutokset: {summary}",
    },
}
