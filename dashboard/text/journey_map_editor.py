"""Texts of the journey map editor page (dashboard/views/journey_map_editor.py)."""

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
    # editors
    "jme_stages_help": {
        "en": "The journey's stages in order (the No. column decides). A stage not done by its "
        "deadline - the SLA hours after the previous stage, or a promise - is late from the "
        "deadline on. Add a row at the bottom; select rows to delete them.",
        "fi": "Polun vaiheet järjestyksessä (Nro-sarake ratkaisee). Vaihe, joka ei ole valmis määräaikaan "
        "mennessä – SLA-tunnit edellisestä vaiheesta tai lupaus –, on myöhässä määräajasta alkaen. Lisää "
        "rivi alimmaiseksi; poista rivejä valitsemalla ne.",
    },
    "jme_functions_help": {
        "en": "The internal functions that own stages and contact reasons.",
        "fi": "Organisaation toiminnot, jotka vastaavat vaiheista ja yhteydenottojen syistä.",
    },
    "jme_rules_help": {
        "en": "Which stage a journey event's activity belongs to. '*' matches any text; matching "
        "is case-sensitive and the first matching rule (lowest order) wins. Events that "
        "match no rule are left out of the journeys.",
        "fi": "Mihin vaiheeseen polun tapahtuma kuuluu. '*' vastaa mitä tahansa tekstiä; isot ja "
        "pienet kirjaimet erotellaan, ja ensimmäinen osuva sääntö (pienin järjestysnumero) "
        "ratkaisee. Tapahtumat, joihin mikään sääntö ei osu, jäävät poluista pois.",
    },
    "jme_reasons_help": {
        "en": "What each contact reason code means. Without a stage, a contact is placed where "
        "its journey stood; without an owner, the stage's owner owns it. Avoidable = "
        "failure demand.",
        "fi": "Mitä kukin yhteydenoton syykoodi tarkoittaa. Ilman vaihetta yhteydenotto kohdistetaan "
        "vaiheeseen, jossa asiakkaan polku oli; ilman vastuutahoa siitä vastaa vaiheen vastuutaho. "
        "Vältettävissä = virhekysyntä.",
    },
    "jme_id_help": {
        "en": "Lowercase letters, digits and _, starting with a letter (e.g. late_delivery).",
        "fi": "Pienet kirjaimet, numerot ja _, alkaa kirjaimella (esim. late_delivery).",
    },
    "jme_order_help": {
        "en": "Position in the list; rows are sorted by this number when saved (empty = last).",
        "fi": "Paikka luettelossa; rivit järjestetään tämän mukaan tallennettaessa (tyhjä = viimeiseksi).",
    },
    "jme_sla_help": {
        "en": "Hours after the previous stage's last event by which this stage must be done. Empty = no SLA.",
        "fi": "Tunnit edellisen vaiheen viimeisestä tapahtumasta, joiden kuluessa tämän "
        "vaiheen on oltava valmis. Tyhjä = ei SLA:ta.",
    },
    "jme_completes_help": {
        "en": "Reaching this stage means the journey is complete (default: the last stage).",
        "fi": "Tämän vaiheen saavuttaminen tarkoittaa, että polku on valmis (oletus: viimeinen vaihe).",
    },
    "jme_match_help": {
        "en": "The whole activity name; '*' matches any text, e.g. payment_*.",
        "fi": "Koko tapahtuman nimi; '*' vastaa mitä tahansa tekstiä, esim. payment_*.",
    },
    "jme_reason_stage_help": {
        "en": "Empty = the stage where the customer's journey stood when the contact was opened.",
        "fi": "Tyhjä = vaihe, jossa asiakkaan polku oli yhteydenoton alkaessa.",
    },
    "jme_reason_owner_help": {"en": "Empty = the owner of the stage.", "fi": "Tyhjä = vaiheen vastuutaho."},
    "jme_avoidable_help": {
        "en": "Failure demand: the contact would not be needed if things worked.",
        "fi": "Virhekysyntä: yhteydenottoa ei tarvittaisi, jos kaikki toimisi.",
    },
    "jme_company": {"en": "Company name", "fi": "Yrityksen nimi"},
    "jme_costs_help": {
        "en": "Euros per handled contact; empty = 0.",
        "fi": "Euroa käsiteltyä yhteydenottoa kohden; tyhjä = 0.",
    },
    "jme_targets_help": {
        "en": "NPS −100..100 points, CSAT 0..100 %, CES 1..7; empty = no target line.",
        "fi": "NPS −100..100 pistettä, CSAT 0..100 %, CES 1..7; tyhjä = ei tavoiteviivaa.",
    },
    "jme_settings_help": {
        "en": "Empty = the default (for example at least {min_n} responses, significance level {alpha}).",
        "fi": "Tyhjä = oletusarvo (esimerkiksi vähintään {min_n} vastausta, merkitsevyystaso {alpha}).",
    },
    "jme_setting_min_n": {
        "en": "Minimum responses per group",
        "fi": "Vastauksia vähintään ryhmää kohden",
    },
    "jme_setting_alpha": {"en": "Significance level", "fi": "Merkitsevyystaso"},
    "jme_setting_repeat_contact_window_days": {
        "en": "Repeat contact window, days",
        "fi": "Toiston aikaraja, päivää",
    },
    "jme_setting_in_progress_days": {
        "en": "Journey still under way, days",
        "fi": "Polku vielä kesken, päivää",
    },
    # columns
    "jme_col_order": {"en": "No.", "fi": "Nro"},
    "jme_col_id": {"en": "Id", "fi": "Tunnus"},
    "jme_col_name": {"en": "Name", "fi": "Nimi"},
    "jme_col_name_en": {"en": "Name (English)", "fi": "Nimi (englanniksi)"},
    "jme_col_name_fi": {"en": "Name (Finnish)", "fi": "Nimi (suomeksi)"},
    "jme_col_owner": {"en": "Owner", "fi": "Vastuutaho"},
    "jme_col_sla_hours": {"en": "SLA (h)", "fi": "SLA (h)"},
    "jme_col_completes": {"en": "Ends journey", "fi": "Päättää polun"},
    "jme_col_done_when": {"en": "Done when", "fi": "Valmis, kun"},
    "jme_col_promised": {"en": "Promised", "fi": "Luvattu"},
    "jme_done_when_help": {
        "en": "Activities (comma-separated, * = anything) that finish the stage, e.g. delivered. "
        "Empty: the stage is done at its last event. A stage that is not done by its "
        "deadline is late from the deadline on, also while it is still open.",
        "fi": "Tapahtumat (pilkuin erotettuina, * = mitä tahansa), jotka päättävät vaiheen, esim. "
        "delivered. Tyhjä: vaihe on valmis viimeisessä tapahtumassaan. Vaihe, joka ei ole "
        "valmis määräaikaan mennessä, on myöhässä määräajasta alkaen, myös kun se on yhä kesken.",
    },
    "jme_promised_help": {
        "en": "The promised time (promised_at) on the journey's events is this stage's deadline, "
        "also when an earlier event carries it (e.g. the order confirmation's delivery date).",
        "fi": "Polun tapahtumien luvattu aika (promised_at) on tämän vaiheen määräaika, myös kun "
        "sen kertoo aiempi tapahtuma (esim. tilausvahvistuksen toimituspäivä).",
    },
    "jme_names_help": {
        "en": "One language is enough: the other falls back to it.",
        "fi": "Yksi kieli riittää: toinen käyttää sitä.",
    },
    "jme_timezone": {"en": "Time zone", "fi": "Aikavyöhyke"},
    "jme_timezone_help": {
        "en": "The company's time zone: months and the times the pages show are in it. Data is "
        "stored in UTC; imports read times without a zone in this zone unless told otherwise.",
        "fi": "Yrityksen aikavyöhyke: kuukaudet ja sivujen näyttämät ajat ovat sen mukaan. Tiedot "
        "tallennetaan UTC-aikana; tuonnit lukevat vyöhykkeettömät ajat tällä vyöhykkeellä, "
        "ellei toisin kerrota.",
    },
    "jme_col_match": {"en": "Activity pattern", "fi": "Tapahtumakuvio"},
    "jme_col_stage": {"en": "Stage", "fi": "Vaihe"},
    "jme_col_reason": {"en": "Reason code", "fi": "Syykoodi"},
    "jme_col_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "jme_col_channel": {"en": "Channel", "fi": "Kanava"},
    "jme_col_cost_eur": {"en": "Cost per contact", "fi": "Kustannus / yhteydenotto"},
    "jme_col_metric": {"en": "Metric", "fi": "Mittari"},
    "jme_col_target": {"en": "Target", "fi": "Tavoite"},
    "jme_col_key": {"en": "Setting", "fi": "Asetus"},
    "jme_col_value": {"en": "Value", "fi": "Arvo"},
    "jme_col_activity": {"en": "Activity", "fi": "Tapahtuma"},
    "jme_col_events": {"en": "Events", "fi": "Tapahtumia"},
    "jme_col_journeys": {"en": "Journeys", "fi": "Polkuja"},
    "jme_col_first_seen": {"en": "First seen", "fi": "Ensimmäisen kerran"},
    "jme_col_last_seen": {"en": "Last seen", "fi": "Viimeksi"},
    "jme_col_contacts": {"en": "Contacts", "fi": "Yhteydenottoja"},
    "jme_col_customers": {"en": "Customers", "fi": "Asiakkaita"},
    "jme_col_attributed_by_position": {
        "en": "Placed by journey position",
        "fi": "Kohdistettu polun vaiheen mukaan",
    },
    "jme_col_unattributed": {"en": "Not attributed", "fi": "Kohdistamatta"},
    "jme_col_version": {"en": "Version", "fi": "Versio"},
    "jme_col_changed_at": {"en": "Saved", "fi": "Tallennettu"},
    "jme_col_changed_by": {"en": "By", "fi": "Tallentaja"},
    "jme_col_summary": {"en": "What changed", "fi": "Muutokset"},
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
    # short headers of the Stages table (nine columns must fit a laptop screen; issue 14)
    "jme_col_short_name_en": {"en": "Name (en)", "fi": "Nimi (en)"},
    "jme_col_short_name_fi": {"en": "Name (fi)", "fi": "Nimi (fi)"},
    "jme_col_short_completes": {"en": "Final stage", "fi": "Loppuvaihe"},
    "jme_by_local": {"en": "this computer's user", "fi": "tämän koneen käyttäjä"},
}
