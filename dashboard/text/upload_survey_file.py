"""Texts of the Upload page's survey file: choosing it, reading it and what was detected."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upload_survey_intro": {
        "en": "Upload an export from Qualtrics, SurveyMonkey, Google Forms, Typeform or your own "
        "sheet (CSV or Excel, also .csv.gz or .zip). Nothing is written until you confirm the mapping and press "
        "Import; a file is imported completely or not at all, and the same file is never "
        "counted twice.",
        "fi": "Tuo vientitiedosto Qualtricsista, SurveyMonkeysta, Google Formsista, Typeformista tai omasta "
        "taulukosta (CSV tai Excel, myös .csv.gz tai .zip). Mitään ei tallenneta, ennen kuin olet "
        "vahvistanut sarakkeiden merkitykset ja painanut Tuo. Tiedosto tuodaan kokonaan tai ei lainkaan, "
        "eikä samaa tiedostoa lasketa kahdesti.",
    },
    "upload_survey_file": {"en": "Survey export file", "fi": "Kyselyn vientitiedosto"},
    "upload_survey_file_help": {
        "en": "CSV (any delimiter, UTF-8, UTF-16 or Windows-1252, decimal comma allowed) or XLSX; "
        "also compressed: .csv.gz, or a .zip holding one CSV or XLSX.",
        "fi": "CSV (mikä tahansa erotin, UTF-8, UTF-16 tai Windows-1252, desimaalipilkku sallittu) "
        "tai XLSX; myös pakattuna: .csv.gz tai .zip, jossa on yksi CSV- tai XLSX-tiedosto.",
    },
    "upload_unpacked": {"en": "Unpacked from {name}.", "fi": "Purettu pakkauksesta {name}."},
    "upload_sheet": {"en": "Sheet", "fi": "Taulukko"},
    "upload_sheet_help": {
        "en": "The workbook has several sheets; pick the one with the responses.",
        "fi": "Työkirjassa on useita taulukoita; valitse se, jossa vastaukset ovat.",
    },
    "upload_rejected_file": {"en": "The file was rejected: {reason}", "fi": "Tiedosto hylättiin: {reason}"},
    "upload_unreadable": {
        "en": "{name} could not be read ({reason}). Export it again as CSV or XLSX.",
        "fi": "Tiedostoa {name} ei voitu lukea ({reason}). Vie se uudelleen CSV- tai XLSX-muodossa.",
    },
    "upload_already_imported": {
        "en": "This exact file has already been imported (batch {batch}). Nothing to do.",
        "fi": "Täsmälleen sama tiedosto on jo tuotu (erä {batch}). Mitään ei tarvitse tehdä.",
    },
    "upload_detected": {
        "en": "Detected **{format}** export, {where}: {rows} data rows, {columns} columns.",
        "fi": "Tunnistettu vienti: **{format}**, {where}: {rows} tietoriviä, {columns} saraketta.",
    },
    "upload_detected_sheet": {"en": "sheet “{sheet}”", "fi": "taulukko ”{sheet}”"},
    "upload_detected_csv": {
        "en": "encoding {encoding}, delimiter “{delimiter}”",
        "fi": "merkistö {encoding}, erotin ”{delimiter}”",
    },
    "upload_format_qualtrics": {"en": "Qualtrics", "fi": "Qualtrics"},
    "upload_format_surveymonkey": {"en": "SurveyMonkey", "fi": "SurveyMonkey"},
    "upload_format_google_forms": {"en": "Google Forms", "fi": "Google Forms"},
    "upload_format_typeform": {"en": "Typeform", "fi": "Typeform"},
    "upload_format_sheet": {
        "en": "hand-made sheet (no survey tool recognised)",
        "fi": "itse tehty taulukko (kyselytyökalua ei tunnistettu)",
    },
    "upload_format_plain": {
        "en": "plain table (no survey tool recognised)",
        "fi": "tavallinen taulukko (kyselytyökalua ei tunnistettu)",
    },
    "upload_profile_used": {
        "en": "The saved mapping “{profile}” fits this file's columns and has been applied.",
        "fi": "Tallennettu sarakemääritys ”{profile}” sopii tämän tiedoston sarakkeisiin ja on otettu käyttöön.",
    },
}
