"""Texts of the journey map editor page (dashboard/views/journey_map_editor.py): header, tabs,
saving, version history and download & upload."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "jme_title": {"en": "Journey map", "fi": "Polkukartta"},
    "jme_intro": {
        "en": "The journey map decides which stage every journey event, contact and survey answer "
        "belongs to and which function owns it. Edit the tables below, then **Validate and "
        "save**: the map is checked, saved as a new version and all data is re-attributed.",
        "fi": "Polkukartta ratkaisee, mihin vaiheeseen jokainen polun tapahtuma, yhteydenotto ja kyselyvastaus "
        "kuuluu ja mikä toiminto siitä vastaa. Muokkaa alla olevia taulukoita ja valitse **Tarkista ja "
        "tallenna**: kartta tarkistetaan, tallennetaan uutena versiona ja kaikki tiedot kohdistetaan "
        "uudelleen.",
    },
    "jme_in_effect_file": {
        "en": "In effect: {source} (no versions saved here yet).",
        "fi": "Käytössä: {source} (täällä ei ole vielä tallennettu versioita).",
    },
    "jme_source_version": {"en": "version {version}", "fi": "versio {version}"},
    "jme_source_shipped": {"en": "the shipped example map", "fi": "toimitettu esimerkkikartta"},
    "jme_source_given": {
        "en": "a map file given at start",
        "fi": "käynnistettäessä annettu karttatiedosto",
    },
    "jme_by_file": {"en": "journey map file", "fi": "polkukarttatiedosto"},
    "jme_summary_seed": {"en": "starting point: {source}", "fi": "lähtökohta: {source}"},
    "jme_in_effect_version": {
        "en": "In effect: version {version}, saved by {by} on {when}.",
        "fi": "Käytössä: versio {version}, tallennettu {when} ({by}).",
    },
    "jme_not_applied": {
        "en": "The data was last refreshed with {last}, not with the map in effect ({source}).",
        "fi": "Tiedot päivitettiin viimeksi kartalla {last}, ei käytössä olevalla kartalla ({source}).",
    },
    "jme_refresh_now": {"en": "Refresh the data now", "fi": "Päivitä tiedot nyt"},
    "jme_unmapped_banner": {
        "en": "Not in the map: {activities} activities ({events} events) belong to no stage and "
        "{reasons} contact reasons ({contacts} contacts) are not listed. See the tab "
        "**Not mapped**.",
        "fi": "Puuttuu kartasta: {activities} tapahtumatyyppiä ({events} tapahtumaa) ei kuulu mihinkään "
        "vaiheeseen ja {reasons} yhteydenoton syytä ({contacts} yhteydenottoa) puuttuu "
        "luettelosta. Katso välilehti **Kartoittamatta**.",
    },
    "jme_reloaded": {
        "en": "The map in effect changed ({source}); the tables were reloaded with it.",
        "fi": "Käytössä oleva kartta muuttui ({source}); taulukot ladattiin uudelleen.",
    },
    "jme_user_local": {
        "en": "Single-user mode: versions you save are recorded under this computer's user account ({role}).",
        "fi": "Yhden käyttäjän tila: tallentamasi versiot kirjataan tämän tietokoneen "
        "käyttäjätilin nimiin ({role}).",
    },
    "jme_user": {
        "en": "Versions you save are recorded as changed by **{name}** ({role}).",
        "fi": "Tallentamasi versiot kirjataan käyttäjän **{name}** ({role}) nimiin.",
    },
    "jme_tab_stages": {"en": "Stages", "fi": "Vaiheet"},
    "jme_tab_functions": {"en": "Functions", "fi": "Toiminnot"},
    "jme_tab_rules": {"en": "Activity rules", "fi": "Tapahtumasäännöt"},
    "jme_tab_reasons": {"en": "Contact reasons", "fi": "Yhteydenoton syyt"},
    "jme_tab_costs": {"en": "Costs, targets & settings", "fi": "Kustannukset, tavoitteet ja asetukset"},
    "jme_tab_unmapped": {"en": "Not mapped ({n})", "fi": "Kartoittamatta ({n})"},
    "jme_tab_history": {"en": "Version history", "fi": "Versiohistoria"},
    "jme_tab_files": {"en": "Download & upload", "fi": "Lataa ja tuo"},
    # saving
    "jme_save": {"en": "Validate and save", "fi": "Tarkista ja tallenna"},
    "jme_pending": {"en": "**Unsaved changes:**", "fi": "**Tallentamattomat muutokset:**"},
    "jme_pending_invalid": {
        "en": "The edited map has problems; Validate and save lists them.",
        "fi": "Muokatussa kartassa on ongelmia; Tarkista ja tallenna luettelee ne.",
    },
    "jme_no_changes": {
        "en": "Nothing to save: the map is unchanged.",
        "fi": "Ei tallennettavaa: kartta on ennallaan.",
    },
    "jme_refreshing": {
        "en": "Saving and re-attributing all data…",
        "fi": "Tallennetaan ja kohdistetaan kaikki tiedot uudelleen…",
    },
    "jme_refresh_failed": {
        "en": "The data could not be refreshed; nothing was changed. {error}",
        "fi": "Tietoja ei voitu päivittää; mitään ei muutettu. {error}",
    },
    "jme_saved": {
        "en": "Saved version {version} and re-attributed the data. Changes: {summary}",
        "fi": "Versio {version} tallennettu ja tiedot kohdistettu uudelleen. Muutokset: {summary}",
    },
    "jme_restored": {
        "en": "Restored version {restored} as version {version} and re-attributed the "
        "data. Changes: {summary}",
        "fi": "Versio {restored} palautettu versioksi {version} ja tiedot kohdistettu "
        "uudelleen. Muutokset: {summary}",
    },
    # history
    "jme_no_versions": {
        "en": "No versions saved yet: the journey map file is in effect. The first save keeps "
        "the file as version 1.",
        "fi": "Versioita ei ole vielä tallennettu: käytössä on polkukarttatiedosto. Ensimmäinen "
        "tallennus säilyttää tiedoston versiona 1.",
    },
    "jme_restore_pick": {"en": "Restore an earlier version", "fi": "Palauta aiempi versio"},
    "jme_version_label": {"en": "Version {version}", "fi": "Versio {version}"},
    "jme_restore": {"en": "Restore", "fi": "Palauta"},
    # files
    "jme_download": {"en": "Download the map in effect (YAML)", "fi": "Lataa käytössä oleva kartta (YAML)"},
    "jme_download_help": {"en": "Source: {source}", "fi": "Lähde: {source}"},
    "jme_upload": {"en": "Upload a journey map file (YAML)", "fi": "Tuo polkukarttatiedosto (YAML)"},
    "jme_upload_not_text": {"en": "The file is not UTF-8 text.", "fi": "Tiedosto ei ole UTF-8-tekstiä."},
    "jme_upload_changes": {
        "en": "**The uploaded map is valid. Changes against the map in effect:**",
        "fi": "**Tuotu kartta on kelvollinen. Muutokset käytössä olevaan karttaan:**",
    },
    "jme_upload_save": {
        "en": "Save the uploaded map as a new version",
        "fi": "Tallenna tuotu kartta uudeksi versioksi",
    },
    "jme_by_local": {"en": "this computer's user", "fi": "tämän koneen käyttäjä"},
}
