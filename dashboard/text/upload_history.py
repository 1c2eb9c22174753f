"""Texts of the Upload page's import history: batches, their kinds and status, rollback and restore."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
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
}
