"""Texts of the Upload page's survey step 2: how dates and times were read, the scores before
anything is written, the preview and the row report."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upload_order_mdy": {"en": "month/day/year (US)", "fi": "kuukausi/päivä/vuosi (USA)"},
    "upload_order_dmy": {"en": "day/month/year", "fi": "päivä/kuukausi/vuosi"},
    "upload_order_ymd": {"en": "year/month/day", "fi": "vuosi/kuukausi/päivä"},
    "upload_dates_iso": {
        "en": "Dates are ISO 8601 (year-month-day).",
        "fi": "Päivämäärät ovat ISO 8601 -muotoa (vuosi-kuukausi-päivä).",
    },
    "upload_dates_ymd": {
        "en": "Dates are year/month/day.",
        "fi": "Päivämäärät ovat muotoa vuosi/kuukausi/päivä.",
    },
    "upload_dates_dotted": {
        "en": "Dates are day.month.year (Finnish).",
        "fi": "Päivämäärät ovat muotoa päivä.kuukausi.vuosi.",
    },
    "upload_dates_serial": {
        "en": "Dates are Excel day numbers.",
        "fi": "Päivämäärät ovat Excelin päivänumeroita.",
    },
    "upload_dates_datetime": {
        "en": "Dates are date cells of the workbook.",
        "fi": "Päivämäärät ovat työkirjan päivämääräsoluja.",
    },
    "upload_dates_empty": {"en": "No dates to read.", "fi": "Ei luettavia päivämääriä."},
    "upload_dates_strptime": {
        "en": "Dates are read with the format {format} (ISO 8601 also accepted).",
        "fi": "Päivämäärät luetaan muodolla {format} (myös ISO 8601 hyväksytään).",
    },
    "upload_dates_explicit": {
        "en": "Dates are read as {order}, as chosen.",
        "fi": "Päivämäärät luetaan muodossa {order}, kuten valittu.",
    },
    "upload_dates_column": {
        "en": "Dates are read as {order}: row {row} has {value}.",
        "fi": "Päivämäärät luetaan muodossa {order}: rivillä {row} on {value}.",
    },
    "upload_dates_assumed": {
        "en": "Dates are read as {order}: no value decides, so the order {tool} writes is assumed. "
        "Pick {other} above if that is wrong.",
        "fi": "Päivämäärät luetaan muodossa {order}: mikään arvo ei ratkaise, joten oletetaan "
        "järjestys, jota {tool} käyttää. Valitse yllä {other}, jos se on väärin.",
    },
    "upload_dates_us_tools": {"en": "US tools", "fi": "yhdysvaltalaiset työkalut"},
    "upload_dates_conflict": {
        "en": "But row {row} has {value}, which only fits the other order: the column mixes both, "
        "and those rows are in the report.",
        "fi": "Mutta rivillä {row} on {value}, joka sopii vain toiseen järjestykseen: sarakkeessa on "
        "molempia, ja nuo rivit ovat raportissa.",
    },
    "upload_tests_skipped": {
        "en": "{n} preview, test or spam responses are skipped, not imported ({reasons}).",
        "fi": "{n} esikatselu-, testi- tai roskavastausta ohitetaan eikä tuoda ({reasons}).",
    },
    "upload_scores_title": {
        "en": "**Scores from this file, before anything is written**",
        "fi": "**Tiedoston pisteet ennen tallennusta**",
    },
    "upload_score_line": {"en": "from {n} responses, {per_row}", "fi": "{n} vastauksesta, {per_row}"},
    "upload_score_one_per_row": {"en": "one per row", "fi": "yksi riviä kohden"},
    "upload_score_many_per_row": {
        "en": "up to {n} per row (columns {columns})",
        "fi": "enintään {n} riviä kohden (sarakkeet {columns})",
    },
    "upload_keep_one": {
        "en": "Keep one of each repeated response ({n} rows repeat an earlier row's response id and "
        "answer, e.g. rows {first} and {row})",
        "fi": "Säilytä yksi kustakin toistuvasta vastauksesta ({n} riviä toistaa aiemman rivin "
        "vastaustunnuksen ja vastauksen, esim. rivit {first} ja {row})",
    },
    "upload_keep_one_help": {
        "en": "The same review attached to two orders is one answer: the first row is kept. "
        "Rows with the same id but different answers stay errors.",
        "fi": "Kahteen tilaukseen liitetty sama arvio on yksi vastaus: ensimmäinen rivi säilytetään. "
        "Rivit, joilla on sama tunnus mutta eri vastaus, ovat edelleen virheitä.",
    },
    "upload_rows_tests": {"en": "Test rows skipped", "fi": "Ohitettuja testirivejä"},
    "upload_preview_title": {"en": "2. Preview and row report", "fi": "2. Esikatselu ja riviraportti"},
    "upload_scale_mismatch": {
        "en": "Scale does not match the metric: {reason}. Nothing is rescaled; "
        "choose the right metric for the column.",
        "fi": "Asteikko ei vastaa mittaria: {reason}. Mitään ei skaalata; valitse sarakkeelle oikea mittari.",
    },
    "upload_mapping_invalid": {
        "en": "The mapping cannot be used: {reason}",
        "fi": "Sarakemääritystä ei voi käyttää: {reason}",
    },
    "upload_rows_read": {"en": "Rows read", "fi": "Luettuja rivejä"},
    "upload_responses_valid": {"en": "Valid responses", "fi": "Kelvollisia vastauksia"},
    "upload_rows_invalid": {"en": "Rows with problems", "fi": "Virheellisiä rivejä"},
    "upload_problems": {
        "en": "{problems} problems in {rows} rows. Fix the file and upload it again, or import "
        "only the valid rows. The report lists row, column, value and reason.",
        "fi": "{problems} ongelmaa {rows} rivillä. Korjaa tiedosto ja lataa se uudelleen, tai tuo "
        "vain kelvolliset rivit. Raportissa on rivi, sarake, arvo ja syy.",
    },
    "upload_prev_metric": {"en": "Metric", "fi": "Mittari"},
    "upload_prev_score": {"en": "Score", "fi": "Pisteet"},
    "upload_prev_scale": {"en": "Scale", "fi": "Asteikko"},
    "upload_prev_segment": {"en": "Segment", "fi": "Segmentti"},
    "upload_col_row": {"en": "Row", "fi": "Rivi"},
    "upload_col_column": {"en": "Column", "fi": "Sarake"},
    "upload_col_value": {"en": "Value", "fi": "Arvo"},
    "upload_col_reason": {"en": "Reason", "fi": "Syy"},
    "upload_download_report": {"en": "Download the row report (CSV)", "fi": "Lataa riviraportti (CSV)"},
    "upload_valid_only": {
        "en": "Import only the {rows} valid responses",
        "fi": "Tuo vain {rows} kelvollista vastausta",
    },
    "upload_no_problems": {"en": "Every row is valid.", "fi": "Kaikki rivit ovat kelvollisia."},
}
