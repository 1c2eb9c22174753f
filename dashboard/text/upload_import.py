"""Texts of the Upload page's import step: the saved mapping, who imports, the button, progress,
the refresh of the models and the result (survey and systems imports alike)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
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
}
