"""Texts of the Overview page (views/overview.py, overview_cards.py): score tiles, the friction
cards and table, and the trends."""

STRINGS = {
    "ov_no_surveys": {
        "en": "No survey responses yet, so there are no scores to show. Journeys and contacts "
        "already loaded are on the Journey, Functions and Contacts pages; import survey "
        "results on the Upload data page.",
        "fi": "Kyselyvastauksia ei vielä ole, joten tuloksia ei voi näyttää. Jo tuodut polut ja yhteydenotot "
        "näkyvät Asiakaspolku-, Toiminnot- ja Yhteydenotot-sivuilla; kyselytulokset tuodaan Tietojen "
        "tuonti -sivulla.",
    },
    "ov_metrics_collected": {
        "en": "Collected: {collected}. Not collected (no responses at all): {missing}.",
        "fi": "Mitataan: {collected}. Ei mitata (ei yhtään vastausta): {missing}.",
    },
    "ov_title": {"en": "Experience overview", "fi": "Asiakaskokemuksen yleiskuva"},
    "ov_scope_compared": {"en": "compared with {previous}", "fi": "vertailujakso {previous}"},
    "ov_scope_no_previous": {"en": "no earlier period to compare", "fi": "ei aiempaa vertailujaksoa"},
    # --- score tiles ---
    "ces_value": {"en": "{value} / 7", "fi": "{value} / 7"},
    "ov_tile_vs": {"en": "{change} vs {previous}", "fi": "{change} vs. {previous}"},
    "ov_tile_no_change": {"en": "no clear change", "fi": "ei selvää muutosta"},
    "ov_tile_clear_rise": {"en": "clear rise", "fi": "selvä nousu"},
    "ov_tile_clear_drop": {"en": "clear drop", "fi": "selvä lasku"},
    "ov_tile_no_previous": {"en": "No earlier data to compare", "fi": "Ei aiempaa vertailutietoa"},
    "ov_tile_previous_small": {
        "en": "Too few earlier answers to compare",
        "fi": "Liian vähän aiempia vastauksia vertailuun",
    },
    "ov_tile_answers": {"en": "{n} answers", "fi": "{n} vastausta"},
    "ces_easy_share": {
        "en": "{share} % found it easy (5–7)",
        "fi": "{share} % koki asioinnin helpoksi (5–7)",
    },
    "tile_target_met": {"en": "Target {target} met", "fi": "Tavoite {target} saavutettu"},
    "tile_target_missed": {"en": "Below target {target}", "fi": "Alle tavoitteen {target}"},
    "tile_no_target": {"en": "No target set", "fi": "Tavoitetta ei ole asetettu"},
    "not_enough_detail": {
        "en": "n = {n}; at least {min_n} are needed for a reliable number",
        "fi": "n = {n}; luotettava luku vaatii vähintään {min_n} vastausta",
    },
    "ov_tile_help_now": {
        "en": "This period: {value}, 95% confidence interval {low} to {high} (n = {n}).",
        "fi": "Tämä jakso: {value}, 95 %:n luottamusväli {low}…{high} (n = {n}).",
    },
    "ov_tile_help_change": {
        "en": "Change from the previous period ({previous}, n = {n}): {change}, 95% confidence "
        "interval {low} to {high}, p = {p}. The badge shows the change, the previous value and, in "
        "brackets, the change's confidence interval; it is coloured only when the change is statistically significant "
        "(p < {alpha}), otherwise it says there is no clear change.",
        "fi": "Muutos edellisestä jaksosta ({previous}, n = {n}): {change}, 95 %:n luottamusväli "
        "{low}…{high}, p = {p}. Merkki näyttää muutoksen, edellisen jakson tuloksen ja "
        "suluissa muutoksen luottamusvälin; se "
        "värittyy vain, kun muutos on tilastollisesti merkitsevä (p < {alpha}), muuten siinä "
        "lukee, ettei selvää muutosta ole.",
    },
    "ci_help": {
        "en": "The 95% confidence interval is the range of values consistent with the "
        "responses received: the true score lies in it with 95% confidence. Fewer "
        "responses give a wider interval.",
        "fi": "95 %:n luottamusväli on saatujen vastausten kanssa yhteensopivien arvojen "
        "alue: todellinen tulos on sillä 95 %:n varmuudella. Mitä vähemmän vastauksia, "
        "sitä leveämpi väli.",
    },
    # --- friction cards (first screen) ---
    "friction_header": {"en": "Top friction points", "fi": "Suurimmat kitkakohdat"},
    "ov_metric_switch": {"en": "Ranked by", "fi": "Järjestysperuste"},
    "ov_metric_switch_help": {
        "en": "Friction is ranked within one score at a time: NPS points, CSAT percentage "
        "points and CES scale points are different units and cannot be compared.",
        "fi": "Kitkakohdat järjestetään yhden mittarin sisällä kerrallaan: NPS-pisteet, "
        "CSAT-prosenttiyksiköt ja CES-asteikon pisteet ovat eri yksiköitä, joten niitä ei voi "
        "verrata keskenään.",
    },
    "ov_card_nps": {
        "en": "{where}: {who} score {diff} NPS points lower; worth {gain} points overall",
        "fi": "{where}: {who} NPS on {diff} pistettä matalampi; korjaamalla {gain} pistettä "
        "kokonaistulokseen",
    },
    "ov_card_csat": {
        "en": "{where}: {who} rate CSAT {diff} percentage points lower; worth {gain} "
        "percentage points overall",
        "fi": "{where}: {who} CSAT on {diff} prosenttiyksikköä matalampi; korjaamalla {gain} "
        "prosenttiyksikköä kokonaistulokseen",
    },
    "ov_card_ces": {
        "en": "{where}: {who} find it {diff} points harder (CES, scale 1–7); worth {gain} CES points overall",
        "fi": "{where}: {who} CES on {diff} pistettä matalampi (asteikko 1–7); korjaamalla "
        "{gain} pistettä kokonaistulokseen",
    },
    "ov_who_late": {"en": "customers with a delay", "fi": "viiveen kokeneiden asiakkaiden"},
    "ov_who_failed": {
        "en": "customers with a failed step",
        "fi": "epäonnistumisen kokeneiden asiakkaiden",
    },
    "ov_who_both": {
        "en": "customers with a delay or a failed step",
        "fi": "viiveen tai epäonnistumisen kokeneiden asiakkaiden",
    },
    "ov_who_any": {"en": "customers who met friction", "fi": "kitkan kohdanneiden asiakkaiden"},
    "ov_card_help": {
        "en": "Opens this stage on the Journey page. Customers who met a delay or a failure at "
        "this stage before answering are compared with those who passed it smoothly; the "
        "difference is statistically significant (p-value adjusted for multiple comparisons, "
        "Benjamini–Hochberg). 'Worth' is how much the overall score would rise if they scored "
        "like the rest.",
        "fi": "Avaa vaiheen Asiakaspolku-sivulla. Vaiheessa ennen vastaamista viiveen tai epäonnistumisen "
        "kokeneita asiakkaita verrataan niihin, joiden asiointi sujui; ero on tilastollisesti merkitsevä "
        "(monivertailun vuoksi korjattu p-arvo, Benjamini–Hochberg). Korjaamalla saatava nousu "
        "(parannusvara) kertoo, paljonko kokonaistulos nousisi, jos he antaisivat saman arvion kuin muut.",
    },
    "ov_cards_none": {
        "en": "No journey stage shows a clear {metric} difference between customers who met "
        "friction and those who did not, in this period and group.",
        "fi": "Millään asiakaspolun vaiheella kitkan kohdanneiden ja muiden {metric}-tuloksissa ei ole selvää "
        "eroa tällä jaksolla ja rajauksella.",
    },
    "ov_cards_fewer": {
        "en": "No other stage shows a clear {metric} difference.",
        "fi": "Muissa vaiheissa ei näy selvää {metric}-eroa.",
    },
    "friction_unavailable": {
        "en": "Friction analysis is not available in this installation yet.",
        "fi": "Kitka-analyysi ei ole vielä käytettävissä tässä asennuksessa.",
    },
    # --- below the fold: trends and the full friction table ---
    "trend_header": {"en": "Monthly trend", "fi": "Kehitys kuukausittain"},
    "trend_caption": {
        "en": "Blue: the selected period (shaded); grey: the comparison period before it. "
        "Band: the range the true score lies in with 95% confidence. Dashed line: target. "
        "Months with fewer than {min_n} responses are left out.",
        "fi": "Sininen: valittu ajanjakso (varjostettu); harmaa: sitä edeltävä vertailujakso. "
        "Vyöhyke: alue, jolla todellinen tulos on 95 %:n varmuudella. Katkoviiva: tavoite. "
        "Kuukaudet, joilla on alle {min_n} vastausta, jätetään pois.",
    },
    "trend_empty": {
        "en": "No month in the period has enough responses.",
        "fi": "Jakson millään kuukaudella ei ole riittävästi vastauksia.",
    },
    "ov_table_header": {"en": "All friction points · {metric}", "fi": "Kaikki kitkakohdat · {metric}"},
    "ov_table_intro": {
        "en": "Every journey stage where customers who met a delay or a failure scored lower "
        "than the rest, biggest potential gain first. Click a row to open the stage on the "
        "Journey page. Switch the score at Top friction points.",
        "fi": "Kaikki asiakaspolun vaiheet, joissa viiveen tai epäonnistumisen kokeneet asiakkaat antoivat "
        "muita huonomman arvion, suurin parannusvara ensin. Avaa vaihe Asiakaspolku-sivulle "
        "napsauttamalla riviä. Mittarin voi vaihtaa kohdassa Suurimmat kitkakohdat.",
    },
    "ov_table_none": {
        "en": "No journey stage has enough responses under the current filters to compare "
        "{metric} with and without friction.",
        "fi": "Millään asiakaspolun vaiheella ei ole nykyisillä rajauksilla riittävästi vastauksia "
        "{metric}-tulosten vertailuun kitkan kohdanneiden ja muiden välillä.",
    },
    "ov_table_hidden": {
        "en": "{count} stages with fewer than {min_n} answers among customers with or without "
        "friction are not shown.",
        "fi": "{count} vaihetta, joissa kitkan kohdanneilta tai muilta on alle {min_n} vastausta, ei näytetä.",
    },
    "ov_col_stage": {"en": "Journey stage", "fi": "Polun vaihe"},
    "ov_col_owner": {"en": "Owner", "fi": "Vastuutaho"},
    "ov_col_affected": {"en": "Customers affected", "fi": "Kitkan kohdanneet"},
    "ov_col_affected_help": {
        "en": "Share of the journeys that reached this stage and met a delay or a failure there.",
        "fi": "Osuus vaiheeseen edenneistä asiakaspoluista, joissa vaiheessa oli viive tai epäonnistuminen.",
    },
    "ov_col_scores": {"en": "Score with / without", "fi": "Kohdanneet / muut"},
    "ov_col_scores_help": {
        "en": "The score of customers who met the friction before answering / of those who "
        "reached the stage without it.",
        "fi": "Ennen vastaamista kitkan kohdanneiden asiakkaiden tulos / niiden, jotka etenivät vaiheeseen "
        "ilman kitkaa.",
    },
    "ov_col_difference": {"en": "Difference", "fi": "Ero"},
    "ov_col_difference_help": {
        "en": "Score with friction minus score without, in the score's own units. In brackets: "
        "the 95% confidence interval, the range the true difference lies in with 95% confidence.",
        "fi": "Kitkan kohdanneiden tulos miinus muiden tulos, mittarin omissa yksiköissä. Suluissa 95 %:n "
        "luottamusväli: alue, jolla todellinen ero on 95 %:n varmuudella.",
    },
    "ov_col_clear": {"en": "Clear difference", "fi": "Selvä ero"},
    "ov_col_clear_help": {
        "en": "Yes when the difference is statistically significant: p-value below {alpha} after "
        "adjusting for testing many stages at once (Benjamini–Hochberg). No: it could be chance.",
        "fi": "Kyllä, kun ero on tilastollisesti merkitsevä: p-arvo alle {alpha}, kun se on "
        "korjattu monen vaiheen samanaikaisen testaamisen vuoksi (Benjamini–Hochberg). Ei: ero "
        "voi johtua sattumasta.",
    },
    "ov_col_gain": {"en": "Potential gain", "fi": "Parannusvara"},
    "ov_col_gain_help": {
        "en": "How much the overall score would rise if the customers who met this friction "
        "scored like those who did not: the difference weighted by their share of all answers "
        "(also called points at stake).",
        "fi": "Paljonko kokonaistulos nousisi, jos kitkan kohdanneet asiakkaat antaisivat saman arvion kuin "
        "muut: ero painotettuna heidän osuudellaan kaikista vastauksista.",
    },
    "stage_unattached": {"en": "Not linked to a journey", "fi": "Ei liitetty asiakaspolkuun"},
}
