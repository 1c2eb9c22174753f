"""Texts of the Upload page's survey step 1: what each column holds (roles, mapping file,
date format and time zone)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upload_mapping_title": {"en": "1. What each column holds", "fi": "1. Mitä kukin sarake sisältää"},
    "upload_mapping_help": {
        "en": "Proposed from the headers (English and Finnish) and the values. Correct anything "
        "that is wrong; a score whose scale does not match its metric is refused, never "
        "rescaled. Hover a column's ? to see sample values.",
        "fi": "Ehdotettu otsikoiden (englanti ja suomi) ja arvojen perusteella. Korjaa virheet; "
        "pistemäärä, jonka asteikko ei vastaa mittaria, hylätään eikä sitä koskaan skaalata. "
        "Sarakkeen ?-merkki näyttää esimerkkiarvot.",
    },
    "upload_survey_name": {"en": "Survey name", "fi": "Kyselyn nimi"},
    "upload_mapping_upload": {
        "en": "Use a mapping file (YAML, optional)",
        "fi": "Käytä määritystiedostoa (YAML, valinnainen)",
    },
    "upload_mapping_upload_help": {
        "en": "A survey mapping file names the columns, scores, date format and time zone (see "
        "docs/survey-import.md). Download the mapping below, edit it, and use it again for "
        "the next file, here or with python -m surveys import FILE --mapping FILE.yaml.",
        "fi": "Kyselyn määritystiedosto nimeää sarakkeet, pistemäärät, päivämäärämuodon ja "
        "aikavyöhykkeen (ks. docs/survey-import.md). Lataa määritys alta, muokkaa sitä ja "
        "käytä sitä seuraavalle tiedostolle täällä tai komennolla "
        "python -m surveys import TIEDOSTO --mapping TIEDOSTO.yaml.",
    },
    "upload_mapping_file_invalid": {
        "en": "The mapping file cannot be used: {reason}",
        "fi": "Määritystiedostoa ei voi käyttää: {reason}",
    },
    "upload_mapping_file_used": {
        "en": "The mapping file {name} has been applied; check it below.",
        "fi": "Määritystiedosto {name} on otettu käyttöön; tarkista se alla.",
    },
    "upload_mapping_download": {"en": "Download this mapping (YAML)", "fi": "Lataa tämä määritys (YAML)"},
    "upload_mapping_download_help": {
        "en": "The mapping as chosen above, as a file to keep, edit and use for the next export.",
        "fi": "Yllä valittu määritys tiedostona, jonka voi säilyttää, muokata ja käyttää seuraavaan vientiin.",
    },
    "upload_not_scores": {
        "en": "{n} numeric column(s) are deliberately not scores",
        "fi": "{n} numerosaraketta ei tarkoituksella käytetä pisteinä",
    },
    "upload_date_format": {"en": "Dates are read as", "fi": "Päivämäärät luetaan muodossa"},
    "upload_date_format_help": {
        "en": "Decided from the whole column unless you pick it: a first part above 12 anywhere "
        "means day/month/year, a second part above 12 month/day/year. ISO and d.m.yyyy dates "
        "are unambiguous.",
        "fi": "Päätellään koko sarakkeesta, ellet valitse: yli 12 oleva ensimmäinen osa missä "
        "tahansa tarkoittaa päivä/kuukausi/vuosi, yli 12 oleva toinen osa kuukausi/päivä/vuosi. "
        "ISO- ja p.k.vvvv-päivämäärät ovat yksiselitteisiä.",
    },
    "upload_date_auto": {"en": "decided from the column", "fi": "päätellään sarakkeesta"},
    "upload_date_mdy": {"en": "month/day/year (US)", "fi": "kuukausi/päivä/vuosi (USA)"},
    "upload_date_dmy": {"en": "day/month/year", "fi": "päivä/kuukausi/vuosi"},
    "upload_date_ymd": {"en": "year/month/day", "fi": "vuosi/kuukausi/päivä"},
    "upload_timezone": {
        "en": "Time zone of times without an offset",
        "fi": "Aikavyöhyke ajoille, joihin sitä ei ole merkitty",
    },
    "upload_timezone_help": {
        "en": "Times are stored in UTC. Values that carry their own offset (+02:00, Z) keep it. "
        "An autumn time that occurs twice is read as its first occurrence.",
        "fi": "Ajat tallennetaan UTC-aikana. Arvot, joissa on oma aikaero (+02:00, Z), säilyttävät sen. "
        "Syksyn kahdesti esiintyvä kellonaika luetaan ensimmäiseksi esiintymäksi.",
    },
    "upload_zone_default_company": {
        "en": "Default: {zone}, the company's time zone (journey map settings).",
        "fi": "Oletus: {zone}, yrityksen aikavyöhyke (polkukartan asetukset).",
    },
    "upload_zone_default_file": {
        "en": "Default: {zone}, stated in the file ({detail}).",
        "fi": "Oletus: {zone}, kerrottu tiedostossa ({detail}).",
    },
    "upload_zone_detail_qualtrics": {
        "en": "Qualtrics header row 3 of {column}",
        "fi": "Qualtricsin 3. otsikkorivi, sarake {column}",
    },
    "upload_zone_detail_header": {"en": "the header {column}", "fi": "sarakkeen otsikko {column}"},
    "upload_zone_default_explicit": {"en": "Default: {zone}.", "fi": "Oletus: {zone}."},
    "upload_zone_company": {
        "en": "Times without an offset are in {zone}, the company's time zone; stored as UTC.",
        "fi": "Ajat ilman aikaeroa ovat aikavyöhykkeellä {zone} (yrityksen); tallennetaan UTC-aikana.",
    },
    "upload_zone_file": {
        "en": "Times without an offset are in {zone}, as the file states ({detail}); stored as UTC.",
        "fi": "Ajat ilman aikaeroa ovat aikavyöhykkeellä {zone}, kuten tiedosto kertoo ({detail}); tallennetaan UTC-aikana.",
    },
    "upload_zone_explicit": {
        "en": "Times without an offset are in {zone}, as chosen; stored as UTC.",
        "fi": "Ajat ilman aikaeroa ovat valitulla aikavyöhykkeellä {zone}; tallennetaan UTC-aikana.",
    },
    "upload_sample_values": {"en": "Sample values: {values}", "fi": "Esimerkkiarvoja: {values}"},
    "upload_role_ignore": {"en": "— not used —", "fi": "— ei käytetä —"},
    "upload_role_response_id": {"en": "Response id", "fi": "Vastauksen tunnus"},
    "upload_role_customer_id": {"en": "Customer id", "fi": "Asiakastunnus"},
    "upload_role_journey_id": {"en": "Journey / order id", "fi": "Polun / tilauksen tunnus"},
    "upload_role_responded_at": {"en": "Response time", "fi": "Vastausaika"},
    "upload_role_comment": {"en": "Comment", "fi": "Kommentti"},
    "upload_role_channel": {"en": "Channel", "fi": "Kanava"},
    "upload_role_touchpoint": {"en": "Touchpoint", "fi": "Kosketuspiste"},
    "upload_role_language": {"en": "Language", "fi": "Kieli"},
    "upload_role_segment": {"en": "Segment attribute", "fi": "Segmenttitieto"},
    "upload_role_score_nps": {"en": "Score: NPS (0–10)", "fi": "Pisteet: NPS (0–10)"},
    "upload_role_score_csat": {"en": "Score: CSAT (1–5)", "fi": "Pisteet: CSAT (1–5)"},
    "upload_role_score_ces": {"en": "Score: CES (1–7)", "fi": "Pisteet: CES (1–7)"},
    "upload_role_twice": {
        "en": "“{role}” is chosen for two columns: {first} and {second}. Pick one.",
        "fi": "”{role}” on valittu kahdelle sarakkeelle: {first} ja {second}. Valitse yksi.",
    },
    "upload_role_unknown": {
        "en": "Column {column}: unknown role {role}.",
        "fi": "Sarake {column}: tuntematon merkitys {role}.",
    },
    "upload_no_score": {
        "en": "Choose at least one score column (NPS, CSAT or CES).",
        "fi": "Valitse vähintään yksi pistesarake (NPS, CSAT tai CES).",
    },
    "upload_no_time": {
        "en": "Choose the column with the response time.",
        "fi": "Valitse sarake, jossa on vastausaika.",
    },
}
