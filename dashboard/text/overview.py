"""Texts of the Overview page (views/overview.py): score tiles, trends and the friction table."""

STRINGS = {
    "ov_no_surveys": {
        "en": "No survey responses yet, so there are no scores to show. Journeys and contacts "
        "already loaded are on the Journey, Functions and Contacts pages; import survey "
        "results on the Upload data page.",
        "fi": "Kyselyvastauksia ei vielä ole, joten pistemääriä ei voi näyttää. Jo tuodut polut "
        "ja yhteydenotot näkyvät Asiakaspolku-, Toiminnot- ja Yhteydenotot-sivuilla; tuo "
        "kyselytulokset Tietojen tuonti -sivulla.",
    },
    "ov_metrics_collected": {
        "en": "Collected: {collected}. Not collected (no responses at all): {missing}.",
        "fi": "Kerätään: {collected}. Ei kerätä (ei yhtään vastausta): {missing}.",
    },
    "ci_help": {
        "en": "The 95% confidence interval is the range of values consistent with the "
        "responses received: the true score lies in it with 95% confidence. Fewer "
        "responses give a wider interval. A change is marked only when it is "
        "statistically significant (p < {alpha}).",
        "fi": "95 %:n luottamusväli on saatujen vastausten kanssa yhteensopivien arvojen "
        "alue: todellinen tulos on sillä 95 %:n varmuudella. Mitä vähemmän vastauksia, "
        "sitä leveämpi väli. Muutos merkitään vain, kun se on tilastollisesti "
        "merkitsevä (p < {alpha}).",
    },
    "ces_value": {"en": "{value} / 7", "fi": "{value} / 7"},
    "ov_title": {"en": "Experience overview", "fi": "Asiakaskokemuksen yleiskuva"},
    "ov_scope_compared": {"en": "compared with {previous}", "fi": "vertailujakso {previous}"},
    "ov_scope_no_previous": {"en": "no earlier period to compare", "fi": "ei aiempaa vertailujaksoa"},
    "tile_ci": {"en": "95% CI {low} to {high}", "fi": "95 %:n luottamusväli {low}…{high}"},
    "tile_n": {"en": "n = {n}", "fi": "n = {n}"},
    "ces_easy_share": {
        "en": "{share} % found it easy (5–7)",
        "fi": "{share} % koki asioinnin helpoksi (5–7)",
    },
    "tile_target_met": {"en": "Target {target} met", "fi": "Tavoite {target} saavutettu"},
    "tile_target_missed": {"en": "Below target {target}", "fi": "Alle tavoitteen {target}"},
    "tile_no_target": {"en": "No target set", "fi": "Tavoitetta ei ole asetettu"},
    "tile_change_desc": {"en": "vs previous period, p = {p}", "fi": "vs. edellinen jakso, p = {p}"},
    "tile_no_change": {"en": "No significant change", "fi": "Ei merkitsevää muutosta"},
    "tile_no_change_desc": {"en": "vs previous period", "fi": "vs. edellinen jakso"},
    "tile_no_previous": {"en": "No earlier data to compare", "fi": "Ei aiempaa aineistoa vertailuun"},
    "tile_previous_small": {
        "en": "Too few earlier responses to compare",
        "fi": "Liian vähän aiempia vastauksia vertailuun",
    },
    "not_enough_detail": {
        "en": "n = {n}; at least {min_n} are needed for a reliable number",
        "fi": "n = {n}; luotettava luku vaatii vähintään {min_n} vastausta",
    },
    "trend_header": {"en": "Monthly trend", "fi": "Kehitys kuukausittain"},
    "trend_caption": {
        "en": "Blue: the selected period (shaded); grey: the comparison period before it. "
        "Band: 95% confidence interval. Dashed line: target. Months with fewer than "
        "{min_n} responses are left out.",
        "fi": "Sininen: valittu ajanjakso (varjostettu); harmaa: sitä edeltävä vertailujakso. "
        "Vyöhyke: 95 %:n luottamusväli. Katkoviiva: tavoite. Kuukaudet, joilla on alle "
        "{min_n} vastausta, jätetään pois.",
    },
    "trend_empty": {
        "en": "No month in the period has enough responses.",
        "fi": "Millään jakson kuukaudella ei ole riittävästi vastauksia.",
    },
    "friction_header": {"en": "Top friction points", "fi": "Suurimmat kitkakohdat"},
    "friction_intro": {
        "en": "Journey stages where customers who met friction before answering (a failed "
        "step, a late delivery or a missed SLA) scored lower than those who reached the "
        "stage without it, ranked by points at stake.",
        "fi": "Asiakaspolun vaiheet, joissa kitkan (epäonnistunut vaihe, myöhästyminen tai "
        "ylitetty palvelulupaus) ennen vastaamista kohdanneet "
        "asiakkaat antoivat huonomman arvion kuin muut, järjestettynä pelissä olevien "
        "pisteiden mukaan.",
    },
    "friction_caption": {
        "en": "**Points at stake**: how much the overall score would rise if the customers "
        "who met this friction scored like those who did not (the score difference "
        "weighted by the share of respondents affected), with its 95% interval. "
        "Differences are tested stage by stage and the p-values are adjusted for "
        "multiple comparisons (Benjamini–Hochberg); *significant* means adjusted "
        "p < {alpha}.",
        "fi": "**Pisteitä pelissä**: kuinka paljon kokonaistulos nousisi, jos kitkan "
        "kohdanneet asiakkaat antaisivat saman arvion kuin muut (tulosten ero "
        "painotettuna kitkan kohdanneiden vastaajien osuudella), 95 %:n välillä. Erot "
        "testataan vaiheittain ja p-arvot korjataan monivertailun vuoksi "
        "(Benjamini–Hochberg); *merkitsevä* tarkoittaa korjattua p-arvoa < {alpha}.",
    },
    "friction_hidden": {
        "en": "{count} stage and metric combinations with fewer than {min_n} responses "
        "on either side are not shown.",
        "fi": "{count} vaiheen ja mittarin yhdistelmää, joissa jommallakummalla puolella "
        "on alle {min_n} vastausta, ei näytetä.",
    },
    "friction_none": {
        "en": "No journey stage has enough responses under the current filters to rank friction.",
        "fi": "Millään asiakaspolun vaiheella ei ole nykyisillä rajauksilla riittävästi "
        "vastauksia kitkan arviointiin.",
    },
    "friction_unavailable": {
        "en": "Friction analysis is not available in this installation yet.",
        "fi": "Kitka-analyysi ei ole vielä käytettävissä tässä asennuksessa.",
    },
    "col_owner": {"en": "Owner", "fi": "Vastuutoiminto"},
    "col_with_without_help": {
        "en": "Score of respondents who met the friction / of those who did not.",
        "fi": "Kitkan kohdanneiden vastaajien tulos / muiden vastaajien tulos.",
    },
    "col_p_adj_help": {
        "en": "p-value adjusted for multiple comparisons (Benjamini–Hochberg).",
        "fi": "Monivertailun vuoksi korjattu p-arvo (Benjamini–Hochberg).",
    },
    "stage_unattached": {"en": "Not linked to a journey", "fi": "Ei liitetty asiakaspolkuun"},
}
