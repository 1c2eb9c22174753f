"""Texts of the Upload page's systems tab added for time zones and compressed files."""

STRINGS: dict[str, dict[str, str]] = {
    "upl_sys_file_types_help": {
        "en": "CSV (any delimiter and common encodings), XLSX or Parquet; also compressed as .csv.gz "
        "or as a .zip holding one such file.",
        "fi": "CSV (mikä tahansa erotin ja yleiset merkistöt), XLSX tai Parquet; myös pakattuna "
        ".csv.gz-tiedostona tai .zip-pakettina, jossa on yksi tällainen tiedosto.",
    },
    "upl_sys_timezone": {"en": "Time zone of the file's times", "fi": "Tiedoston aikojen aikavyöhyke"},
    "upl_sys_timezone_help": {
        "en": "Times written without an offset are read in this zone; times with an offset "
        "(+02:00, Z) are exact anyway. Everything is stored in UTC and shown in the "
        "company's time zone.",
        "fi": "Ilman aikaeroa kirjoitetut ajat luetaan tällä vyöhykkeellä; aikaeron (+02:00, Z) "
        "sisältävät ajat ovat tarkkoja joka tapauksessa. Kaikki tallennetaan UTC-aikana ja "
        "näytetään yrityksen aikavyöhykkeellä.",
    },
    "upl_sys_timezone_default_company": {
        "en": "Default: {zone}, the company's time zone (journey map settings).",
        "fi": "Oletus: {zone}, yrityksen aikavyöhyke (polkukartan asetukset).",
    },
    "upl_sys_timezone_default_mapping": {
        "en": "Default: {zone}, from the mapping file (the company's time zone is {company}).",
        "fi": "Oletus: {zone}, määritystiedostosta (yrityksen aikavyöhyke on {company}).",
    },
    "upl_sys_unpacked": {
        "en": "Unpacked from the compressed file ({what}).",
        "fi": "Purettu pakatusta tiedostosta ({what}).",
    },
    "upl_sys_sample_utc": {
        "en": "Times below are as they will be stored: in UTC.",
        "fi": "Alla olevat ajat ovat tallennusmuodossa: UTC-aikana.",
    },
    # the fields a systems file fills (pipelines/loaders/targets.py), as the page names them
    "upl_sys_field_contact_id": {"en": "Contact id", "fi": "Yhteydenoton tunnus"},
    "upl_sys_field_customer_id": {"en": "Customer id", "fi": "Asiakastunnus"},
    "upl_sys_field_journey_id": {"en": "Journey / order id", "fi": "Polun / tilauksen tunnus"},
    "upl_sys_field_opened_at": {"en": "Opened", "fi": "Avattu"},
    "upl_sys_field_closed_at": {"en": "Closed", "fi": "Suljettu"},
    "upl_sys_field_channel": {"en": "Channel", "fi": "Kanava"},
    "upl_sys_field_reason": {"en": "Contact reason", "fi": "Yhteydenoton syy"},
    "upl_sys_field_handling_team": {"en": "Handling team", "fi": "Käsittelevä tiimi"},
    "upl_sys_field_transfers": {"en": "Transfers", "fi": "Siirrot"},
    "upl_sys_field_resolved": {"en": "Resolved", "fi": "Ratkaistu"},
    "upl_sys_field_escalated_to": {"en": "Escalated to", "fi": "Eskaloitu toiminnolle"},
    "upl_sys_field_escalation_asked_at": {"en": "Escalation sent", "fi": "Eskalointi lähetetty"},
    "upl_sys_field_escalation_answered_at": {"en": "Escalation answered", "fi": "Eskalointiin vastattu"},
    "upl_sys_field_event_id": {"en": "Event id", "fi": "Tapahtuman tunnus"},
    "upl_sys_field_activity": {"en": "Activity", "fi": "Toiminto"},
    "upl_sys_field_occurred_at": {"en": "Time", "fi": "Tapahtuma-aika"},
    "upl_sys_field_outcome": {"en": "Outcome", "fi": "Lopputulos"},
    "upl_sys_field_promised_at": {"en": "Promised by", "fi": "Luvattu viimeistään"},
    "upl_sys_field_segment": {"en": "Segment", "fi": "Segmentti"},
    "upl_sys_field_region": {"en": "Region", "fi": "Alue"},
    "upl_sys_field_tier": {"en": "Tier", "fi": "Asiakastaso"},
    "upl_sys_field_key": {
        "en": "In a mapping file: {name}",
        "fi": "Määritystiedostossa: {name}",
    },
    "upl_sys_yes": {"en": "yes", "fi": "kyllä"},
    "upl_sys_no": {"en": "no", "fi": "ei"},
}
