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
        "fi": "Oletus: {zone}, yrityksen aikavyöhyke (asiakaspolun asetukset).",
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
}
