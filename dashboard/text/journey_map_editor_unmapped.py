"""Texts of the journey map editor's Not mapped tab (dashboard/journey_map_editor/unmapped.py,
read_only.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # not mapped
    "jme_unmapped_not_built": {
        "en": "The lists of unmapped activities and reasons appear after the next data refresh "
        "(saving the map refreshes).",
        "fi": "Kartoittamattomien tapahtumien ja syiden luettelot näkyvät seuraavan päivityksen "
        "jälkeen (kartan tallennus päivittää tiedot).",
    },
    "jme_unmapped_activities": {"en": "Activities without a stage", "fi": "Tapahtumat ilman vaihetta"},
    "jme_all_activities_mapped": {
        "en": "Every activity in the data belongs to a stage.",
        "fi": "Jokainen aineiston tapahtuma kuuluu johonkin vaiheeseen.",
    },
    "jme_unmapped_activities_caption": {
        "en": "{n} activities ({events} events) match no rule and are left out of every journey. "
        "Pick a stage for the ones that belong to the journey and add them as rules.",
        "fi": "{n} tapahtumatyyppiä ({events} tapahtumaa) ei osu mihinkään sääntöön, joten ne jäävät "
        "pois kaikista poluista. Valitse vaihe niille, jotka kuuluvat polkuun, ja lisää ne "
        "säännöiksi.",
    },
    "jme_add_to_stage": {"en": "Add rule → stage", "fi": "Lisää sääntö → vaihe"},
    "jme_add_rules": {
        "en": "Add {n} rule(s) to the activity rules",
        "fi": "Lisää {n} sääntö(ä) tapahtumasääntöihin",
    },
    "jme_added_rules": {
        "en": "Added {n} rule(s) to Activity rules. Review them and choose Validate and save.",
        "fi": "{n} sääntö(ä) lisätty tapahtumasääntöihin. Tarkista ne ja valitse Tarkista ja tallenna.",
    },
    "jme_unmapped_reasons": {
        "en": "Contact reasons not in the map",
        "fi": "Yhteydenoton syyt, jotka puuttuvat kartasta",
    },
    "jme_all_reasons_mapped": {
        "en": "Every contact reason in the data is in the map.",
        "fi": "Jokainen aineiston yhteydenoton syy on kartassa.",
    },
    "jme_unmapped_reasons_caption": {
        "en": "{n} reason codes ({contacts} contacts) are not in the map: they are never avoidable "
        "and are placed only by where the journey stood. Tick the ones to add (a stage and "
        "avoidable are optional), then add them to the contact reasons.",
        "fi": "{n} syykoodia ({contacts} yhteydenottoa) puuttuu kartasta: ne eivät ole koskaan "
        "vältettävissä ja kohdistuvat vain polun vaiheen mukaan. Valitse lisättävät (vaihe ja "
        "vältettävyys ovat valinnaisia) ja lisää ne yhteydenoton syihin.",
    },
    "jme_no_reason_caption": {
        "en": "{contacts} contacts have no reason code; {position} of them are placed by journey "
        "position and {unattributed} are not attributed.",
        "fi": "{contacts} yhteydenotolla ei ole syykoodia; niistä {position} kohdistuu polun vaiheen "
        "mukaan ja {unattributed} jää kohdistamatta.",
    },
    "jme_add_reason": {"en": "Add", "fi": "Lisää"},
    "jme_add_reasons": {
        "en": "Add {n} reason(s) to the contact reasons",
        "fi": "Lisää {n} syy(tä) yhteydenoton syihin",
    },
    "jme_added_reasons": {
        "en": "Added {n} reason(s) to Contact reasons with provisional names. Review them and "
        "choose Validate and save.",
        "fi": "{n} syy(tä) lisätty yhteydenoton syihin alustavin nimin. Tarkista ne ja valitse "
        "Tarkista ja tallenna.",
    },
}
