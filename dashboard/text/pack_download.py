"""Texts of the meeting pack download (dashboard/pack_download.py, drawn on the Review page)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "pack_intro": {
        "en": "The summary, each function's friction points and the actions, for {scope}, {period} "
        "(all segments and channels). "
        "Values below the minimum number of responses are left blank, as on the pages.",
        "fi": "Yhteenveto, kunkin toiminnon kitkakohdat ja toimenpiteet: {scope}, {period} "
        "(kaikki segmentit ja kanavat). "
        "Arvot, joissa on alle vähimmäismäärän vastauksia, jätetään tyhjiksi kuten sivuilla.",
    },
    "pack_scope_all": {"en": "all functions", "fi": "kaikki toiminnot"},
    "pack_download_xlsx": {"en": "Excel (.xlsx)", "fi": "Excel (.xlsx)"},
    "pack_download_html": {"en": "Web page (.html)", "fi": "Verkkosivu (.html)"},
    "pack_download_pdf": {"en": "PDF (A4)", "fi": "PDF (A4)"},
    "pack_help_xlsx": {
        "en": "A summary sheet, one sheet per function and the actions, with charts.",
        "fi": "Yhteenvetovälilehti, välilehti kullekin toiminnolle ja toimenpiteet kaavioineen.",
    },
    "pack_help_html": {
        "en": "One file with interactive charts; opens offline in any browser.",
        "fi": "Yksi tiedosto vuorovaikutteisine kaavioineen; aukeaa selaimessa ilman verkkoyhteyttä.",
    },
    "pack_help_pdf": {
        "en": "The same as the web page, printed on A4 pages.",
        "fi": "Sama kuin verkkosivu A4-sivuille tulostettuna.",
    },
    "pack_no_pdf": {
        "en": "PDF is not offered: Chromium is not installed on the server.",
        "fi": "PDF ei ole tarjolla: palvelimelle ei ole asennettu Chromiumia.",
    },
    "pack_error": {
        "en": "The meeting pack cannot be made: {error}",
        "fi": "Kokousaineistoa ei voi muodostaa: {error}",
    },
}
