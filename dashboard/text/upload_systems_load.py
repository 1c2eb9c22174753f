"""Texts of the Upload page's systems tab: the kind of file, its column mapping, the match of
each field and the load (more of the tab's texts: upload_systems.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upl_sys_intro": {
        "en": "Load exports from ticketing, telephony, order and billing systems (CSV, Excel or "
        "Parquet). Columns are matched by their headers (English and Finnish) or by a saved "
        "mapping; check the matches, preview, then load. A file loads completely or not at "
        "all; the same file is never loaded twice, and rows with an existing id replace the "
        "earlier version (kept, so a rollback restores it).",
        "fi": "Tuo tiketöinti-, puhelin-, tilaus- ja laskutusjärjestelmien vientejä (CSV, Excel tai Parquet). "
        "Sarakkeet tunnistetaan otsikoista (englanti ja suomi) tai tallennetusta määrityksestä; tarkista "
        "vastaavuudet, esikatsele ja tuo. Tiedosto tuodaan kokonaan tai ei lainkaan, samaa tiedostoa ei "
        "tuoda kahdesti, ja rivi, jonka tunnus on jo olemassa, korvaa aiemman version (joka säilytetään, "
        "joten peruminen palauttaa sen).",
    },
    "upl_sys_kind": {"en": "What the file holds", "fi": "Mitä tiedosto sisältää"},
    "upl_sys_kind_contacts_help": {
        "en": "One row per contact: id, customer, opened time, channel; optionally journey/order, "
        "reason, team, transfers, resolved, escalation.",
        "fi": "Yksi rivi yhteydenottoa kohden: tunnus, asiakas, avausaika, kanava; valinnaisesti polku/tilaus, "
        "syy, tiimi, siirrot, ratkaistu ja eskalointi.",
    },
    "upl_sys_kind_events_help": {
        "en": "One row per journey event: customer, journey (order) id, activity and time; optionally "
        "event id, outcome (ok/failed) and promised time.",
        "fi": "Yksi rivi polun tapahtumaa kohden: asiakas, polun (tilauksen) tunnus, tapahtuma ja aika; "
        "valinnaisesti tapahtuman tunnus, lopputulos (ok/epäonnistui) ja luvattu aika.",
    },
    "upl_sys_kind_customers_help": {
        "en": "One row per customer: id; optionally segment, region and tier.",
        "fi": "Yksi rivi asiakasta kohden: tunnus; valinnaisesti segmentti, alue ja taso.",
    },
    "upl_sys_mapping_source": {"en": "Column mapping", "fi": "Sarakemääritys"},
    "upl_sys_mapping_detect": {"en": "Detect from the headers", "fi": "Tunnista otsikoista"},
    "upl_sys_mapping_upload": {"en": "Upload a mapping file (YAML)…", "fi": "Lataa määritystiedosto (YAML)…"},
    "upl_sys_mapping_help": {
        "en": "A mapping file names the file's columns, time formats, value translations and fixed "
        "values (see docs/loading.md). Saved mappings live in data/mappings/.",
        "fi": "Määritystiedosto kertoo tiedoston sarakkeet, aikamuodot, arvojen käännökset ja vakioarvot "
        "(ks. docs/loading.md). Tallennetut määritykset ovat kansiossa data/mappings/.",
    },
    "upl_sys_mapping_file": {"en": "Mapping file", "fi": "Määritystiedosto"},
    "upl_sys_mapping_invalid": {
        "en": "The mapping cannot be used: {reason}",
        "fi": "Määritystä ei voi käyttää: {reason}",
    },
    "upl_sys_file": {"en": "Export file", "fi": "Vientitiedosto"},
    "upl_sys_file_help": {
        "en": "CSV (any delimiter and common encodings), XLSX or Parquet.",
        "fi": "CSV (mikä tahansa erotin ja yleiset merkistöt), XLSX tai Parquet.",
    },
    "upl_sys_detected": {
        "en": "Read a **{format}** file: {rows} rows, {columns} columns.",
        "fi": "Luettu **{format}**-tiedosto: {rows} riviä, {columns} saraketta.",
    },
    "upl_sys_columns_title": {
        "en": "Which column fills each field",
        "fi": "Mikä sarake täyttää kunkin kentän",
    },
    "upl_sys_columns_help": {
        "en": "Fields marked * are required. Change a match if it is wrong; the preview updates.",
        "fi": "Tähdellä (*) merkityt kentät ovat pakollisia. Vaihda väärä vastaavuus; esikatselu päivittyy.",
    },
    "upl_sys_not_in_file": {"en": "— not in the file —", "fi": "— ei tiedostossa —"},
    "upl_sys_how": {"en": "Matched: {how}", "fi": "Vastaavuus: {how}"},
    "upl_sys_how_mapping": {"en": "named in the mapping", "fi": "nimetty määrityksessä"},
    "upl_sys_how_auto": {"en": "recognised from the header", "fi": "tunnistettu otsikosta"},
    "upl_sys_how_constant": {"en": "a fixed value from the mapping", "fi": "määrityksen vakioarvo"},
    "upl_sys_how_default": {"en": "the default value", "fi": "oletusarvo"},
    "upl_sys_how_generated": {
        "en": "generated (a stable hash of the row)",
        "fi": "muodostettu (rivin pysyvä tiiviste)",
    },
    "upl_sys_how_missing": {"en": "not found", "fi": "ei löytynyt"},
    "upl_sys_rows_valid": {"en": "Valid rows", "fi": "Kelvollisia rivejä"},
    "upl_sys_valid_only": {
        "en": "Load only the {rows} valid rows",
        "fi": "Tuo vain {rows} kelvollista riviä",
    },
    "upl_sys_load_button": {"en": "Load", "fi": "Tuo"},
    "upl_sys_loaded": {
        "en": "Loaded {rows} rows of {kind} as batch {batch} ({replaced} replaced earlier versions, "
        "{skipped} invalid rows skipped). Every page now includes them.",
        "fi": "Tuotiin {rows} riviä ({kind}) erässä {batch} ({replaced} korvasi aiemman version, {skipped} "
        "virheellistä riviä ohitettiin). Ne näkyvät nyt kaikilla sivuilla.",
    },
}
