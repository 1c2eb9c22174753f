"""Texts of the Upload data page's frame: title, tabs and the file uploaders' own words.

The texts of each part of the page are in the dashboard/text/upload_*.py modules next to this one."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "upload_title": {"en": "Upload data", "fi": "Tietojen tuonti"},
    "upload_overline": {"en": "Data & settings", "fi": "Tiedot ja asetukset"},
    # short: the three tabs must fit a 390 px phone side by side (tests/test_browser_layout.py)
    "upload_tab_surveys": {"en": "Surveys", "fi": "Kyselyt"},
    "upload_tab_systems": {"en": "Systems data", "fi": "Järjestelmätiedot"},
    "upload_tab_history": {"en": "Import history", "fi": "Tuontihistoria"},
    "upload_uploader_button": {"en": "Upload", "fi": "Valitse tiedosto"},
    "upload_uploader_limit": {
        "en": "{mb}MB per file • {types}",
        "fi": "Enintään {mb} Mt / tiedosto • {types}",
    },
    "upload_uploader_drop": {"en": "Drag and drop a file here", "fi": "Pudota tiedosto tähän"},
    "upload_to_overview": {"en": "Open the Overview", "fi": "Avaa yleiskuva"},
    "upload_systems_unavailable": {
        "en": "Loading systems data is not available in this installation.",
        "fi": "Järjestelmätietojen tuonti ei ole käytettävissä tässä asennuksessa.",
    },
}
