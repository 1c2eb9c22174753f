"""Upload page, the reasons of the row report: one text per core.problems.PROBLEM_CODES code
(key "problem_<code>"), written by dashboard/upload/problem_text.py with the problem's params.

Numbers, metric names, field names and times are formatted before they are put in; values from
the user's file (column names, cells, file names) are put in as they are and shown as plain text.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- survey rows ---------------------------------------------------------------------
    "problem_missing_response_id": {"en": "missing response id", "fi": "Vastaustunnus puuttuu"},
    "problem_repeated_response": {
        "en": "the same response id on rows {first_row} and {row} with the same answer (a repeat, "
        "e.g. one review for two orders; keep one of each repeated response to import it once)",
        "fi": "Sama vastaustunnus ja sama vastaus riveillä {first_row} ja {row} (toisto, esim. yksi "
        "arvio kahdesta tilauksesta): valitse yksi kustakin toistuvasta vastauksesta, niin vastaus "
        "tuodaan kerran",
    },
    "problem_duplicate_response_id": {
        "en": "duplicate response id (rows {first_row} and {row}) with different answers",
        "fi": "Sama vastaustunnus riveillä {first_row} ja {row}, mutta vastaukset eroavat",
    },
    "problem_missing_customer_id": {"en": "missing customer id", "fi": "Asiakastunnus puuttuu"},
    "problem_missing_date": {"en": "missing date", "fi": "Päivämäärä puuttuu"},
    "problem_unparseable_date": {"en": "unparseable date", "fi": "Päivämäärää ei voi tulkita"},
    "problem_date_order_mixed": {
        "en": "unparseable date (day and month: this value only fits {other_order}, but row "
        "{evidence_row} has {evidence_value}, which only fits {order}; the column mixes both: fix "
        "the file or choose the date format)",
        "fi": "Päivämäärää ei voi tulkita: arvo sopii vain muotoon {other_order}, mutta rivin "
        "{evidence_row} arvo {evidence_value} sopii vain muotoon {order}. Sarakkeessa on kumpaakin "
        "muotoa: korjaa tiedosto tai valitse päivämäärien muoto",
    },
    "problem_order_mdy": {"en": "month/day/year (US)", "fi": "kuukausi/päivä/vuosi (amerikkalainen)"},
    "problem_order_dmy": {"en": "day/month/year", "fi": "päivä/kuukausi/vuosi"},
    "problem_order_ymd": {"en": "year/month/day", "fi": "vuosi/kuukausi/päivä"},
    "problem_not_a_score": {
        "en": "not a {metric} score (neither a number nor a known {metric} answer label)",
        "fi": "Ei kelvollinen {metric}-vastaus (ei luku eikä tunnettu {metric}-vastausvaihtoehto)",
    },
    "problem_score_outside_scale": {
        "en": "outside the {metric} scale {low}–{high} (not rescaled)",
        "fi": "Arvo ei ole {metric}-asteikon {low}–{high} mukainen (arvoja ei muunneta asteikolta toiselle)",
    },
    # --- systems rows (the field is the page's name of the target field) ---------------------
    "problem_unparseable_time": {
        "en": "{field}: unreadable time (expected {formats})",
        "fi": "{field}: aikaa ei voi tulkita (odotettu muoto {formats})",
    },
    "problem_time_iso": {"en": "ISO 8601 (YYYY-MM-DD HH:MM:SS)", "fi": "ISO 8601 (VVVV-KK-PP HH:MM:SS)"},
    "problem_or": {"en": " or ", "fi": " tai "},
    "problem_unknown_choice": {
        "en": "{field}: unknown value (expected {choices}, or add a value map for it in the mapping)",
        "fi": "{field}: tuntematon arvo (sallitut arvot {choices}; voit myös lisätä arvolle "
        "vastineen määritykseen)",
    },
    "problem_not_yes_no": {
        "en": "{field}: not a yes/no value (true/false, yes/no, kyllä/ei, 1/0)",
        "fi": "{field}: arvo ei ole kyllä/ei-tieto (kyllä/ei, yes/no, true/false, 1/0)",
    },
    "problem_not_a_number": {"en": "{field}: not a number", "fi": "{field}: arvo ei ole luku"},
    "problem_unreadable_value": {"en": "{field}: unreadable value", "fi": "{field}: arvoa ei voi lukea"},
    "problem_missing_value": {"en": "{field}: missing", "fi": "{field}: arvo puuttuu"},
    "problem_not_whole_number": {
        "en": "{field}: must be a whole number",
        "fi": "{field}: arvon pitää olla kokonaisluku",
    },
    "problem_negative_number": {"en": "{field}: negative", "fi": "{field}: arvo on negatiivinen"},
    "problem_implausibly_large": {
        "en": "{field}: implausibly large (over {limit})",
        "fi": "{field}: epäuskottavan suuri arvo (yli {limit})",
    },
    "problem_closed_before_opened": {
        "en": "closed before it was opened (opened {time})",
        "fi": "Suljettu ennen avaamista (avattu {time})",
    },
    "problem_answered_before_asked": {
        "en": "escalation answered before it was sent (sent {time})",
        "fi": "Eskalointiin vastattu ennen sen lähettämistä (lähetetty {time})",
    },
    "problem_answered_never_asked": {
        "en": "escalation answered but never sent (the escalation's send time is empty)",
        "fi": "Eskalointiin on vastattu, mutta sitä ei ole lähetetty (lähetysaika puuttuu)",
    },
    "problem_duplicate_key": {
        "en": "{field}: duplicate (also on row {other_row})",
        "fi": "{field}: sama arvo myös rivillä {other_row}",
    },
    "problem_duplicate_generated_event": {
        "en": "same customer, journey, activity and time as row {other_row} (the file has no event id "
        "column, so the two rows are the same event)",
        "fi": "Sama asiakas, polku, toiminto ja aika kuin rivillä {other_row} (tiedostossa ei ole "
        "tapahtuman tunnusta, joten rivit ovat sama tapahtuma)",
    },
    "problem_more_problems": {
        "en": "{count} more problems not listed",
        "fi": "Lisäksi {count} ongelmaa, joita ei ole listattu",
    },
    # --- the file as a whole -------------------------------------------------------------
    "problem_mapped_column_not_in_file": {
        "en": "the mapping reads “{field}” from the column “{column}”, which is not in the file "
        "(columns: {columns})",
        "fi": "Määrityksen mukaan kenttä ”{field}” luetaan sarakkeesta ”{column}”, jota tiedostossa "
        "ei ole (sarakkeet: {columns})",
    },
    "problem_required_key_missing": {
        "en": "required field “{field}” is missing: choose the file's column for it. The file has "
        "the columns {columns}",
        "fi": "Pakollinen kenttä ”{field}” puuttuu: valitse sille tiedoston sarake. Tiedoston "
        "sarakkeet: {columns}",
    },
    "problem_required_column_missing": {
        "en": "required field “{field}” is missing: choose the file's column for it, or give every "
        "row the same value in the mapping. The file has the columns {columns}",
        "fi": "Pakollinen kenttä ”{field}” puuttuu: valitse sille tiedoston sarake tai anna kaikille "
        "riveille sama arvo määrityksessä. Tiedoston sarakkeet: {columns}",
    },
    "problem_too_many_rows": {
        "en": "{file} has {rows} rows, over the maximum of {limit}",
        "fi": "Tiedostossa {file} on {rows} riviä, kun enimmäismäärä on {limit}",
    },
    "problem_no_data_rows": {"en": "the file has no data rows", "fi": "Tiedostossa ei ole yhtään tietoriviä"},
    "problem_no_responses": {
        "en": "no responses to import",
        "fi": "Tiedostossa ei ole yhtään tuotavaa vastausta",
    },
    "problem_no_valid_rows": {
        "en": "no valid rows to load",
        "fi": "Tiedostossa ei ole yhtään virheetöntä riviä tuotavaksi",
    },
    "problem_file_not_found": {"en": "{file}: file not found", "fi": "Tiedostoa {file} ei löydy"},
    "problem_file_empty": {"en": "{file} is empty", "fi": "Tiedosto {file} on tyhjä"},
    "problem_file_too_large": {
        "en": "{file} is {size} bytes, over the maximum of {limit} bytes",
        "fi": "Tiedosto {file} on {size} tavua, kun enimmäiskoko on {limit} tavua",
    },
    "problem_file_rejected": {"en": "{detail}", "fi": "Tiedostoa ei voi tuoda: {detail}"},
    "problem_empty_zip": {
        "en": "{file} is an empty zip archive: it holds no file",
        "fi": "{file} on tyhjä zip-paketti: siinä ei ole yhtään tiedostoa",
    },
    "problem_not_xlsx": {
        "en": "{file} has an Excel name but is not an .xlsx workbook",
        "fi": "Tiedoston {file} nimi viittaa Exceliin, mutta se ei ole .xlsx-työkirja",
    },
    "problem_not_parquet": {
        "en": "{file} has a .parquet name but is not a Parquet file",
        "fi": "Tiedoston {file} pääte on .parquet, mutta se ei ole Parquet-tiedosto",
    },
    "problem_old_xls": {
        "en": "{file} is an old Excel .xls file: save it as .xlsx or CSV",
        "fi": "{file} on vanhaa Excel-muotoa (.xls): tallenna se .xlsx- tai CSV-muodossa",
    },
    "problem_binary_file": {
        "en": "{file} contains a NUL byte: it is a binary file, not a CSV export",
        "fi": "Tiedostossa {file} on NUL-tavu: se on binääritiedosto eikä CSV-tiedosto",
    },
    "problem_wrong_encoding": {
        "en": "{file} is not valid {encoding} text (byte {byte}): give the file's character encoding "
        "in the mapping",
        "fi": "Tiedosto {file} ei ole kelvollista {encoding}-tekstiä (tavu {byte}): anna tiedoston "
        "merkistö määrityksessä",
    },
    "problem_no_header_row": {
        "en": "{file} has no header row",
        "fi": "Tiedostossa {file} ei ole otsikkoriviä",
    },
    "problem_empty_sheet": {
        "en": "{file}: the sheet “{sheet}” is empty",
        "fi": "Tiedoston {file} välilehti ”{sheet}” on tyhjä",
    },
    "problem_over_row_limit": {
        "en": "{file} has more than the maximum of {limit} rows (reading stopped there)",
        "fi": "Tiedostossa on enemmän rivejä kuin enimmäismäärä {limit} (tiedoston {file} lukeminen "
        "lopetettiin siihen)",
    },
    "problem_line_too_long": {
        "en": "{file}: the line is longer than the maximum of {limit} bytes (a cell this long is refused)",
        "fi": "{file}: rivi on pidempi kuin enimmäispituus {limit} tavua (näin pitkää solua ei hyväksytä)",
    },
    "problem_wrong_field_count": {
        "en": "{file}: the row has {fields} fields but the header has {header_columns} columns "
        "(check the delimiter and quoting)",
        "fi": "{file}: rivillä on {fields} kenttää, mutta otsikkorivillä {header_columns} saraketta "
        "(tarkista erotinmerkki ja lainausmerkit)",
    },
    "problem_unreadable_file": {
        "en": "{file} cannot be read: {detail}",
        "fi": "Tiedostoa {file} ei voi lukea: {detail}",
    },
    # a file refused before it is read as a table (core/table_reader.py, core/compressed.py)
    "problem_utf16_undecodable": {
        "en": "{file} starts with a UTF-16 byte order mark but its text cannot be decoded",
        "fi": "Tiedosto {file} alkaa UTF-16-tunnisteella, mutta sen tekstiä ei voi lukea",
    },
    "problem_control_characters": {
        "en": "{file} contains control characters: it is a binary file, not a CSV export",
        "fi": "Tiedostossa {file} on ohjausmerkkejä: se on binääritiedosto eikä CSV-tiedosto",
    },
    "problem_cell_too_long": {
        "en": "{file}, line {row}: a cell is longer than the maximum of {limit} characters",
        "fi": "{file}, rivi {row}: solu on pidempi kuin enimmäispituus {limit} merkkiä",
    },
    "problem_xlsx_refused": {
        "en": "{file} is not opened: {detail}",
        "fi": "Tiedostoa {file} ei avata: {detail}",
    },
    "problem_no_such_sheet": {
        "en": "{file} has no sheet {sheet}; its sheets: {sheets}",
        "fi": "Tiedostossa {file} ei ole välilehteä {sheet}; sen välilehdet: {sheets}",
    },
    "problem_nested_archive": {
        "en": "{file} holds another compressed file: unpack it once and give the CSV, XLSX or Parquet "
        "file (or one level of .gz/.zip)",
        "fi": "Tiedostossa {file} on toinen pakattu tiedosto: pura se kerran ja anna CSV-, XLSX- tai "
        "Parquet-tiedosto (tai yksi .gz/.zip-pakkaus)",
    },
    "problem_zip_many_files": {
        "en": "the zip archive {file} holds {count} files ({files}): give one file per import",
        "fi": "Zip-paketissa {file} on {count} tiedostoa ({files}): anna yksi tiedosto kerrallaan",
    },
    "problem_zip_password": {
        "en": "{member} in {file} is password-protected",
        "fi": "Paketin {file} tiedosto {member} on suojattu salasanalla",
    },
    "problem_not_zip": {
        "en": "{file} is not a valid zip archive ({detail})",
        "fi": "{file} ei ole kelvollinen zip-paketti ({detail})",
    },
    "problem_unpack_failed": {
        "en": "{file} cannot be unpacked ({detail})",
        "fi": "Tiedostoa {file} ei voi purkaa ({detail})",
    },
    "problem_zip_bomb": {
        "en": "{file} unpacks at a ratio above {ratio}:1 (possible zip bomb); nothing was read",
        "fi": "{file} purkautuu yli {ratio}-kertaiseksi (mahdollinen zip-pommi); mitään ei luettu",
    },
    "problem_unpacks_too_large": {
        "en": "{file} unpacks to more than {limit} bytes, over the limit; nothing was read",
        "fi": "{file} purkautuu yli {limit} tavuksi, yli rajan; mitään ei luettu",
    },
}
