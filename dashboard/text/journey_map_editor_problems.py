"""Texts of the journey map editor's validation messages: section names and problems
(dashboard/journey_map_editor/state.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # sections (in validation messages)
    "jme_section_stages": {"en": "Stages", "fi": "Vaiheet"},
    "jme_section_functions": {"en": "Functions", "fi": "Toiminnot"},
    "jme_section_activities": {"en": "Activity rules", "fi": "Tapahtumasäännöt"},
    "jme_section_contact_reasons": {"en": "Contact reasons", "fi": "Yhteydenoton syyt"},
    "jme_section_channel_costs": {"en": "Costs per contact", "fi": "Kustannus yhteydenottoa kohden"},
    "jme_section_targets": {"en": "Targets", "fi": "Tavoitteet"},
    "jme_section_settings": {"en": "Settings", "fi": "Asetukset"},
    "jme_section_themes": {"en": "Themes", "fi": "Teemat"},
    "jme_row": {"en": "row {row}", "fi": "rivi {row}"},
    "jme_empty_value": {"en": "(empty)", "fi": "(tyhjä)"},
    # validation messages
    "jme_invalid": {
        "en": "Not saved: the map has {n} problem(s). Fix them and try again.",
        "fi": "Ei tallennettu: kartassa on {n} ongelma(a). Korjaa ne ja yritä uudelleen.",
    },
    "jme_msg_unknown_function": {
        "en": "{value} is not a function; add it under Functions or pick another owner",
        "fi": "{value} ei ole toiminto; lisää se Toiminnot-välilehdelle tai valitse toinen vastuutaho",
    },
    "jme_msg_unknown_stage": {
        "en": "{value} is not a stage; add it under Stages or pick another stage",
        "fi": "{value} ei ole vaihe; lisää se Vaiheet-välilehdelle tai valitse toinen vaihe",
    },
    "jme_msg_not_id": {
        "en": "{value} is not a valid id (lowercase letters, digits and _, starting with a letter)",
        "fi": "{value} ei ole kelvollinen tunnus (pienet kirjaimet, numerot ja _, alkaa kirjaimella)",
    },
    "jme_msg_names": {
        "en": "needs both an English and a Finnish name",
        "fi": "tarvitsee sekä englannin- että suomenkielisen nimen",
    },
    "jme_msg_duplicate": {
        "en": "{value} appears more than once",
        "fi": "{value} esiintyy useammin kuin kerran",
    },
    "jme_msg_bool": {"en": "{value} must be ticked or not", "fi": "{value}: valitse tai jätä valitsematta"},
    "jme_msg_not_number": {"en": "{value} is not a number", "fi": "{value} ei ole luku"},
    "jme_msg_at_least": {
        "en": "{value} must be at least {minimum}",
        "fi": "{value} on oltava vähintään {minimum}",
    },
    "jme_msg_match": {"en": "the activity pattern is empty", "fi": "tapahtumakuvio puuttuu"},
    "jme_msg_non_empty": {"en": "needs at least one row", "fi": "tarvitsee vähintään yhden rivin"},
    "jme_msg_min_n": {
        "en": "{value} must be a whole number, at least 2",
        "fi": "{value} on oltava kokonaisluku, vähintään 2",
    },
    "jme_msg_alpha": {"en": "{value} must be between 0 and 1", "fi": "{value} on oltava välillä 0–1"},
    "jme_msg_positive": {"en": "{value} must be more than 0", "fi": "{value} on oltava suurempi kuin 0"},
    "jme_msg_non_negative": {"en": "{value} must be 0 or more", "fi": "{value} on oltava vähintään 0"},
    "jme_msg_range": {
        "en": "{value} is outside {low}..{high}",
        "fi": "{value} on välin {low}..{high} ulkopuolella",
    },
    "jme_msg_unknown": {"en": "not a known name", "fi": "tuntematon nimi"},
}
