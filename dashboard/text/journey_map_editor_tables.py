"""Texts of the journey map editor's tables: help texts and column headers
(dashboard/journey_map_editor/editors.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
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
    # short headers of the Stages table (nine columns must fit a laptop screen; issue 14)
    "jme_col_short_name_en": {"en": "Name (en)", "fi": "Nimi (en)"},
    "jme_col_short_name_fi": {"en": "Name (fi)", "fi": "Nimi (fi)"},
    "jme_col_short_completes": {"en": "Final stage", "fi": "Loppuvaihe"},
}
