"""Texts of the Upload data page."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upload_title": {"en": "Upload data", "fi": "Tietojen tuonti"},
    "upload_overline": {"en": "Data & settings", "fi": "Tiedot ja asetukset"},
    # short: the three tabs must fit a 390 px phone side by side (tests/test_browser_layout.py)
    "upload_tab_surveys": {"en": "Surveys", "fi": "Kyselyt"},
    "upload_tab_systems": {"en": "Systems data", "fi": "Järjestelmätiedot"},
    "upload_tab_history": {"en": "Import history", "fi": "Tuontihistoria"},
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
    "upload_uploader_button": {"en": "Upload", "fi": "Valitse tiedosto"},
    "upload_uploader_limit": {
        "en": "{mb}MB per file • {types}",
        "fi": "Enintään {mb} Mt / tiedosto • {types}",
    },
    "upload_uploader_drop": {"en": "Drag and drop a file here", "fi": "Pudota tiedosto tähän"},
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
    "upload_profile_name": {
        "en": "Save this mapping as (optional)",
        "fi": "Tallenna sarakemääritys nimellä (valinnainen)",
    },
    "upload_profile_help": {
        "en": "A saved mapping is applied automatically to the next file with the same columns.",
        "fi": "Tallennettu määritys otetaan automaattisesti käyttöön seuraavalle tiedostolle, jossa on samat sarakkeet.",
    },
    "upload_imported_as": {
        "en": "Recorded as imported by **{name}** ({role}).",
        "fi": "Tuojaksi kirjataan **{name}** ({role}).",
    },
    "upload_import_button": {"en": "3. Import", "fi": "3. Tuo"},
    "upload_blocked": {
        "en": "Import is disabled while the file has problems: fix it, or tick “import only the valid responses”.",
        "fi": "Tuonti ei ole käytössä, kun tiedostossa on ongelmia: korjaa se tai valitse ”tuo vain kelvolliset vastaukset”.",
    },
    "upload_progress_start": {"en": "Starting the import…", "fi": "Aloitetaan tuonti…"},
    "upload_progress_stage": {"en": "Importing: {stage}…", "fi": "Tuodaan: {stage}…"},
    "upload_stage_reading": {"en": "reading", "fi": "luetaan"},
    "upload_stage_validating": {"en": "checking rows", "fi": "tarkistetaan rivejä"},
    "upload_stage_writing": {"en": "writing", "fi": "tallennetaan"},
    "upload_stage_done": {"en": "done", "fi": "valmis"},
    "upload_progress_refresh": {
        "en": "Refreshing the dashboard models…",
        "fi": "Päivitetään näkymien tietomalleja…",
    },
    "upload_progress_done": {"en": "Done.", "fi": "Valmis."},
    "upload_refresh_failed": {
        "en": "The data was saved but the models could not be refreshed: {error}",
        "fi": "Tiedot tallennettiin, mutta tietomalleja ei voitu päivittää: {error}",
    },
    "upload_import_rejected": {
        "en": "The import was rejected ({problems} problems); nothing was written.",
        "fi": "Tuonti hylättiin ({problems} ongelmaa); mitään ei tallennettu.",
    },
    "upload_imported": {
        "en": "Imported {responses} responses as batch {batch} ({skipped} invalid rows skipped). "
        "Every page now includes them.",
        "fi": "Tuotiin {responses} vastausta erässä {batch} ({skipped} virheellistä riviä ohitettiin). Ne "
        "näkyvät nyt kaikilla sivuilla.",
    },
    "upload_to_overview": {"en": "Open the Overview", "fi": "Avaa yleiskuva"},
    "upload_systems_unavailable": {
        "en": "Loading systems data is not available in this installation.",
        "fi": "Järjestelmätietojen tuonti ei ole käytettävissä tässä asennuksessa.",
    },
    "upload_history_intro": {
        "en": "Every import is a batch. Rolling a batch back takes its rows out of the data (and brings "
        "back what it replaced) and refreshes every page. The rows are kept, so a rolled-back batch "
        "can be restored.",
        "fi": "Jokainen tuonti on erä. Erän peruminen poistaa sen rivit aineistosta (ja palauttaa sen "
        "korvaamat) ja päivittää kaikki sivut. Rivit säilytetään, joten perutun erän voi palauttaa.",
    },
    "upload_history_empty": {"en": "No imports yet.", "fi": "Ei vielä tuonteja."},
    "upload_col_when": {"en": "Imported", "fi": "Tuotu"},
    "upload_col_kind": {"en": "Data", "fi": "Aineisto"},
    "upload_col_file": {"en": "File", "fi": "Tiedosto"},
    "upload_col_rows": {"en": "Rows", "fi": "Rivejä"},
    "upload_col_by": {"en": "By", "fi": "Tuoja"},
    "upload_col_status": {"en": "Status", "fi": "Tila"},
    "upload_col_batch": {"en": "Batch id", "fi": "Erän tunnus"},
    "upload_col_metrics": {"en": "Metrics", "fi": "Mittarit"},
    "upload_col_period": {"en": "Data from–to", "fi": "Aineiston aikaväli"},
    "upload_rollback_done": {
        "en": "This batch has been rolled back: its rows are no longer in the data.",
        "fi": "Tämä erä on peruttu: sen rivit eivät ole enää aineistossa.",
    },
    "upload_rollback_done_by": {
        "en": "This batch was rolled back on {when} by {by}: its rows are not in the data, but they "
        "are kept, so the batch can be restored.",
        "fi": "Tämä erä peruttiin {when} (perui {by}): sen rivit eivät ole aineistossa, mutta ne ovat tallessa, "
        "joten erän voi palauttaa.",
    },
    "upload_status_rolled_back_by": {"en": "Rolled back {when} by {by}", "fi": "Peruttu {when} (perui {by})"},
    "upload_status_restored_by": {
        "en": "Active · restored {when} by {by}",
        "fi": "Voimassa · palautettu {when} (palautti {by})",
    },
    "upload_restore_confirm": {
        "en": "Yes, bring this batch's rows back",
        "fi": "Kyllä, palauta tämän erän rivit",
    },
    "upload_restore_button": {"en": "Restore", "fi": "Palauta erä"},
    "upload_restored": {
        "en": "Restored batch {batch}: {rows} rows are back in the data.",
        "fi": "Erä {batch} palautettu: {rows} riviä on taas aineistossa.",
    },
    "upload_restore_refused_not_rolled_back": {
        "en": "This batch is not rolled back: there is nothing to restore.",
        "fi": "Tätä erää ei ole peruttu, joten palautettavaa ei ole.",
    },
    "upload_restore_refused_not_restorable_kind": {
        "en": "Batches of this kind cannot be restored.",
        "fi": "Tämän tyyppisiä eriä ei voi palauttaa.",
    },
    "upload_restore_refused_nothing_kept": {
        "en": "This batch cannot be restored: its rows were not kept when it was rolled back (it was "
        "rolled back before restoring was possible). Import the file again instead.",
        "fi": "Erää ei voi palauttaa: sen rivejä ei säilytetty perumisen yhteydessä (se peruttiin "
        "ennen kuin palauttaminen oli mahdollista). Tuo tiedosto sen sijaan uudelleen.",
    },
    "upload_restore_refused_imported_again": {
        "en": "This batch cannot be restored: the same file has been imported again since (batch "
        "{batches}). Roll that batch back first if you want this one back.",
        "fi": "Erää ei voi palauttaa: sama tiedosto on tuotu sen jälkeen uudelleen (erä {batches}). "
        "Peru ensin se erä, jos haluat tämän takaisin.",
    },
    "upload_restore_refused_changed": {
        "en": "This batch cannot be restored: {rows} of its rows have changed since the rollback "
        "(batch {batches}). Roll back those later batches first, newest first.",
        "fi": "Erää ei voi palauttaa: {rows} sen riviä on muuttunut perumisen jälkeen (erä {batches}). "
        "Peru ensin nuo myöhemmät erät uusimmasta alkaen.",
    },
    "upload_rollback_label": {
        "en": "{file} · imported {when} · {rows} rows · {status} · {batch}",
        "fi": "{file} · tuotu {when} · {rows} riviä · {status} · {batch}",
    },
    "upload_rollback_label_one": {
        "en": "{file} · imported {when} · 1 row · {status} · {batch}",
        "fi": "{file} · tuotu {when} · 1 rivi · {status} · {batch}",
    },
    "upload_kind_surveys": {"en": "Survey responses", "fi": "Kyselyvastaukset"},
    "upload_kind_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "upload_kind_events": {"en": "Journey events", "fi": "Polun tapahtumat"},
    "upload_kind_customers": {"en": "Customers", "fi": "Asiakkaat"},
    "upload_kind_demo": {"en": "Demo data", "fi": "Esimerkkiaineisto"},
    "upload_demo_source": {
        "en": "{company}: generated demo data, scale {scale}, seed {seed}, {span}",
        "fi": "{company}: luotu esimerkkiaineisto, koko {scale}, siemenluku {seed}, {span}",
    },
    "upload_demo_by": {"en": "demo generator", "fi": "esimerkkiaineiston luonti"},
    "upload_status_active": {"en": "Active", "fi": "Voimassa"},
    "upload_status_rolled_back": {"en": "Rolled back", "fi": "Peruttu"},
    "upload_rollback_pick": {"en": "Batch to roll back or restore", "fi": "Peruttava tai palautettava erä"},
    "upload_rollback_confirm": {
        "en": "Yes, remove this batch's rows",
        "fi": "Kyllä, poista tämän erän rivit",
    },
    "upload_rollback_button": {"en": "Roll back", "fi": "Peru erä"},
    "upload_rollback_need_confirm": {
        "en": "Tick the confirmation first.",
        "fi": "Vahvista ensin valintaruudulla.",
    },
    "upload_rolled_back": {
        "en": "Rolled back batch {batch}: {rows} rows removed.",
        "fi": "Erä {batch} peruttu: {rows} riviä poistettu.",
    },
    # --- systems data (contacts, events, customers) ----------------------------------------
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
