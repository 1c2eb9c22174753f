"""The dashboard's shared texts (navigation, sidebar, metrics, friction tables, channels, segments),
in English and Finnish, merged with every page's own texts in dashboard/text/<page>.py.

Keys are grouped by where they appear. Placeholders use str.format syntax; numbers are
formatted by dashboard.i18n before they are put in, never here.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- application and navigation -------------------------------------------------
    "app_name": {"en": "Customer Experience", "fi": "Asiakaskokemus"},
    "nav_overview": {"en": "Overview", "fi": "Yleiskuva"},
    "company_demo_badge": {"en": "Demo data", "fi": "Esimerkkiaineisto"},
    "nav_journey": {"en": "Journey", "fi": "Asiakaspolku"},
    "nav_functions": {"en": "Functions", "fi": "Toiminnot"},
    "nav_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "nav_customer": {"en": "Customer", "fi": "Asiakas"},
    "nav_review": {"en": "Review meeting", "fi": "Katselmointi"},
    "nav_upload": {"en": "Upload data", "fi": "Tietojen tuonti"},
    "nav_journey_map": {"en": "Journey map", "fi": "Polkukartta"},
    "nav_section_insight": {"en": "Insight", "fi": "Näkymät"},
    "nav_section_admin": {"en": "Data & settings", "fi": "Tiedot ja asetukset"},
    # --- sidebar -------------------------------------------------------------------------
    "sidebar_language": {"en": "Language", "fi": "Kieli"},
    "filters_header": {"en": "Filters", "fi": "Rajaukset"},
    "filters_help": {
        "en": "Filters apply to every page. The address bar keeps them, so a copied link "
        "opens the same view.",
        "fi": "Rajaukset koskevat kaikkia sivuja. Ne tallentuvat osoiteriville, joten "
        "kopioitu linkki avaa saman näkymän.",
    },
    "filter_period": {"en": "Period", "fi": "Ajanjakso"},
    "filter_period_help": {
        "en": "Months included. Changes are compared with the same number of months just before the period.",
        "fi": "Mukana olevat kuukaudet. Muutosta verrataan yhtä pitkään jaksoon juuri "
        "ennen valittua ajanjaksoa.",
    },
    "filter_segment": {"en": "Customer segment", "fi": "Asiakassegmentti"},
    "filter_channel": {"en": "Response channel", "fi": "Vastauskanava"},
    "filter_all_segments": {"en": "All segments", "fi": "Kaikki segmentit"},
    "filter_all_channels": {"en": "All channels", "fi": "Kaikki kanavat"},
    "filter_stage": {"en": "Journey stage", "fi": "Polun vaihe"},
    "filter_all_stages": {"en": "All stages", "fi": "Kaikki vaiheet"},
    "filter_stage_help": {
        "en": "Limits journey, contact and friction figures to these stages.",
        "fi": "Rajaa polku-, yhteydenotto- ja kitkaluvut näihin vaiheisiin.",
    },
    "filter_owner": {"en": "Owning function", "fi": "Vastuutaho"},
    "filter_all_owners": {"en": "All functions", "fi": "Kaikki vastuutahot"},
    "filter_owner_help": {
        "en": "Limits figures to stages and contacts owned by these functions.",
        "fi": "Rajaa luvut vaiheisiin ja yhteydenottoihin, joista nämä toiminnot vastaavat.",
    },
    "filter_reset": {"en": "Reset filters", "fi": "Palauta rajaukset"},
    "filter_single_month": {
        "en": "Data covers one month: {month}",
        "fi": "Aineisto kattaa yhden kuukauden: {month}",
    },
    "sidebar_timezone": {
        "en": "Months and times: {zone} time (the journey map's time zone).",
        "fi": "Kuukaudet ja kellonajat aikavyöhykkeellä {zone} (polkukartan asetus).",
    },
    "data_refreshed": {"en": "Data refreshed {when}", "fi": "Tiedot päivitetty {when}"},
    "data_not_refreshed": {"en": "Data not refreshed yet", "fi": "Tietoja ei ole vielä päivitetty"},
    # --- database and seeding --------------------------------------------------------
    "seeded_notice": {
        "en": "The database was empty, so the demo company **{company}** was generated "
        "(scale {scale}: {responses} survey responses, {contacts} contacts, "
        "{events} journey events) and the models were built. Replace it with your "
        "own exports when you are ready.",
        "fi": "Tietokanta oli tyhjä, joten luotiin demoyritys **{company}** (koko {scale}: {responses} "
        "kyselyvastausta, {contacts} yhteydenottoa, {events} polkutapahtumaa) ja laskettiin tietomallit. "
        "Korvaa aineisto omilla tiedoillasi, kun olet valmis.",
    },
    "models_built_notice": {
        "en": "The loaded data had not been processed yet, so the models were built now.",
        "fi": "Tuotua aineistoa ei ollut vielä käsitelty, joten tietomallit laskettiin nyt.",
    },
    "seeding_spinner": {
        "en": "The database is empty: generating the demo company and building the models…",
        "fi": "Tietokanta on tyhjä: luodaan demoyritys ja lasketaan tietomallit…",
    },
    "db_busy": {
        "en": "The database {path} is in use by another process (for example a command-line "
        "refresh). Wait for it to finish and reload this page.",
        "fi": "Tietokanta {path} on toisen prosessin käytössä (esimerkiksi komentorivin "
        "päivitys). Odota, että se valmistuu, ja lataa sivu uudelleen.",
    },
    "no_scores": {
        "en": "There are no processed survey responses yet. Load survey data and refresh "
        "the models to see the overview.",
        "fi": "Kyselyvastauksia ei ole vielä käsitelty. Tuo kyselyaineisto ja päivitä tiedot, niin yleiskuva "
        "näkyy.",
    },
    "journey_map_error": {
        "en": "The journey map cannot be used: {error}",
        "fi": "Polkukarttaa ei voi käyttää: {error}",
    },
    # --- metrics ----------------------------------------------------------------------
    "metric_nps": {"en": "NPS", "fi": "NPS"},
    "metric_csat": {"en": "CSAT", "fi": "CSAT"},
    "metric_ces": {"en": "CES", "fi": "CES"},
    "metric_nps_long": {"en": "Net Promoter Score (NPS)", "fi": "Suositteluindeksi (NPS)"},
    "metric_csat_long": {"en": "Customer satisfaction (CSAT)", "fi": "Asiakastyytyväisyys (CSAT)"},
    "metric_ces_long": {"en": "Customer effort (CES)", "fi": "Asioinnin helppous (CES)"},
    "metric_nps_help": {
        "en": "Share of promoters (9–10) minus share of detractors (0–6) on the 0–10 "
        "recommendation question, from −100 to +100.",
        "fi": "Suosittelijoiden (9–10) osuus miinus arvostelijoiden (0–6) osuus, kun suosittelun "
        "todennäköisyyttä kysytään asteikolla 0–10. Vaihteluväli −100…+100.",
    },
    "metric_csat_help": {
        "en": "Share of answers in the top two boxes (4–5) on the 1–5 satisfaction scale.",
        "fi": "Tyytyväisten (4–5) osuus vastauksista asteikolla 1–5.",
    },
    "metric_ces_help": {
        "en": "Mean agreement with “the company made it easy” on the 1–7 scale; higher is easier.",
        "fi": "Vastausten keskiarvo väitteeseen ”yritys teki asioinnista helppoa” asteikolla 1–7; mitä "
        "suurempi, sitä helpompaa.",
    },
    "stats_method_help": {
        "en": "How sure we are: NPS intervals use the variance of the promoter/passive/detractor "
        "shares (trinomial), CSAT intervals are Wilson score intervals, CES intervals are "
        "Student t intervals of the mean. A difference is significant when its p-value, "
        "adjusted with Benjamini–Hochberg across the cells tested on this page, is below "
        "{alpha}. Groups with fewer than {min_n} responses show “not enough responses”.",
        "fi": "Kuinka varmoja olemme: NPS:n luottamusväli perustuu suosittelijoiden, passiivisten ja "
        "arvostelijoiden osuuksien varianssiin (trinomijakauma), CSAT:n väli on Wilsonin "
        "väli ja CES:n väli keskiarvon Studentin t-väli. Ero on merkitsevä, kun sen p-arvo "
        "sivun kaikkien testattujen solujen yli Benjamini–Hochberg-korjattuna on alle "
        "{alpha}. Ryhmät, joissa on alle {min_n} vastausta, näyttävät ”liian vähän vastauksia”.",
    },
    "unit_nps_delta": {"en": "{value} points", "fi": "{value} pistettä"},
    "unit_csat_delta": {"en": "{value} pp", "fi": "{value} %-yks."},
    "unit_ces_delta": {"en": "{value}", "fi": "{value}"},
    "not_enough": {"en": "Not enough responses", "fi": "Liian vähän vastauksia"},
    # --- charts (dashboard/charts.py) ---------------------------------------------------
    "chart_target": {"en": "Target {target}", "fi": "Tavoite {target}"},
    "chart_ci": {"en": "95% CI", "fi": "95 %:n luottamusväli"},
    # --- friction tables (Overview, Functions) -------------------------------------------
    "friction_units": {
        "en": "Scores and differences are in the metric's own units: NPS points, CSAT "
        "percentage points, CES on the 1–7 scale.",
        "fi": "Tulokset ja erot ovat mittarin omissa yksiköissä: NPS pisteinä, CSAT "
        "prosenttiyksikköinä, CES asteikolla 1–7.",
    },
    "col_rank": {"en": "#", "fi": "#"},
    "col_stage": {"en": "Journey stage", "fi": "Polun vaihe"},
    "col_metric": {"en": "Metric", "fi": "Mittari"},
    "col_with_without": {"en": "With / without", "fi": "Kohdanneet / muut"},
    "col_delta": {"en": "Difference (95% CI)", "fi": "Ero (95 %:n lv.)"},
    "col_delta_help": {
        "en": "Score of respondents who met the friction minus score of those who did not.",
        "fi": "Kitkan kohdanneiden vastaajien tulos miinus muiden tulos.",
    },
    "col_p_adj": {"en": "Adjusted p", "fi": "Korjattu p"},
    "col_significant": {"en": "Significant", "fi": "Merkitsevä"},
    "col_stake": {"en": "Points at stake (95% CI)", "fi": "Parannusvara (95 %:n lv.)"},
    "col_stake_help": {
        "en": "How much the overall score would rise if this friction were removed.",
        "fi": "Kuinka paljon kokonaistulos nousisi, jos tämä kitka poistuisi.",
    },
    "yes": {"en": "Yes", "fi": "Kyllä"},
    "no": {"en": "No", "fi": "Ei"},
    # --- channels and segments (ids from the data; unknown ids are prettified) ---------
    "channel_phone": {"en": "Phone", "fi": "Puhelin"},
    "channel_email": {"en": "E-mail", "fi": "Sähköposti"},
    "channel_chat": {"en": "Chat", "fi": "Chat"},
    "channel_social": {"en": "Social media", "fi": "Some"},
    "channel_web_form": {"en": "Web form", "fi": "Verkkolomake"},
    "channel_web": {"en": "Web", "fi": "Verkko"},
    "channel_app": {"en": "Mobile app", "fi": "Mobiilisovellus"},
    "channel_sms": {"en": "Text message", "fi": "Tekstiviesti"},
    "channel_store": {"en": "Store", "fi": "Myymälä"},
    "channel_ivr": {"en": "Phone survey (IVR)", "fi": "Puhelinkysely (IVR)"},
    "channel_unknown": {"en": "Unknown", "fi": "Tuntematon"},
    "segment_consumer": {"en": "Consumer", "fi": "Kuluttaja"},
    "segment_business": {"en": "Business", "fi": "Yritys"},
    "segment_premium": {"en": "Premium", "fi": "Premium"},
    "segment_household": {"en": "Household", "fi": "Kotitalous"},
    "segment_small_business": {"en": "Small business", "fi": "Pienyritys"},
    "segment_new": {"en": "New customer", "fi": "Uusi asiakas"},
    "segment_regular": {"en": "Regular customer", "fi": "Vakioasiakas"},
    "segment_loyal": {"en": "Loyal customer", "fi": "Kanta-asiakas"},
    "segment_unknown": {"en": "Unknown", "fi": "Tuntematon"},
}


def _merge_page_texts() -> None:
    """Add every dashboard/text/<page>.py STRINGS dict; a key defined twice is an error."""
    import importlib
    import pkgutil

    from dashboard import text

    for info in sorted(pkgutil.iter_modules(text.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"dashboard.text.{info.name}")
        for key, entry in module.STRINGS.items():
            if key in STRINGS:
                raise ValueError(f"text key {key!r} in dashboard/text/{info.name}.py is already defined")
            STRINGS[key] = entry


_merge_page_texts()
