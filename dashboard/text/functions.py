"""Texts of the Functions page (dashboard/views/functions.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fn_title": {"en": "Functions and the friction they own", "fi": "Toiminnot ja niiden kitkakohdat"},
    "fn_intro": {
        "en": "Every function owns stages of the customer journey. Here each function sees the "
        "friction it owns, what it costs in avoidable contacts, and how fast it answers "
        "when customer service escalates to it.",
        "fi": "Jokainen toiminto vastaa asiakaspolun vaiheista. Tästä kukin toiminto näkee vastuullaan olevat "
        "kitkakohdat, niiden hinnan vältettävissä olevina yhteydenottoina ja sen, kuinka nopeasti se "
        "vastaa asiakaspalvelun eskaloimiin asioihin.",
    },
    "fn_none_selected": {
        "en": "No function matches the stage and function filters.",
        "fi": "Vaihe- ja vastuutahorajauksilla ei löydy yhtään toimintoa.",
    },
    "fn_hours": {"en": "{value} h", "fi": "{value} h"},
    "fn_unattributed": {"en": "Not attributed", "fi": "Ei kohdistettu"},
    "fn_team_unknown": {"en": "Team not recorded", "fi": "Tiimi ei tiedossa"},
    # ranking table
    "fn_ranking_header": {"en": "Ranking of functions", "fi": "Toimintojen vertailu"},
    "fn_col_function": {"en": "Function", "fi": "Toiminto"},
    "fn_col_stages": {"en": "Stages owned", "fi": "Omat vaiheet"},
    "fn_col_stages_help": {
        "en": "Journey stages the function owns, and how many of them show significant friction "
        "on this page.",
        "fi": "Toiminnon vastuulla olevat polun vaiheet ja kuinka monessa niistä on tällä sivulla merkitsevää "
        "kitkaa.",
    },
    "fn_stages_value": {
        "en": "{stages} ({significant} significant)",
        "fi": "{stages} ({significant} merkitsevää)",
    },
    "fn_col_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävät yhteydenotot"},
    "fn_col_avoidable_cost": {"en": "Avoidable cost", "fi": "Vältettävät kulut"},
    "fn_col_answered": {"en": "Answered", "fi": "Vastattu"},
    "fn_col_answered_help": {
        "en": "Share of escalations sent to the function that have an answer time.",
        "fi": "Kuinka suureen osaan toiminnolle eskaloiduista asioista on vastattu.",
    },
    "fn_contact_scope": {
        "en": "Contact, cost and escalation figures cover all contact channels (the response "
        "channel filter applies to survey scores only); the stage filter selects which "
        "functions and stages are shown, contact totals cover all of a function's stages.",
        "fi": "Yhteydenotto-, kulu- ja eskalointiluvut kattavat kaikki yhteydenottokanavat (vastauskanavan "
        "rajaus koskee vain kyselytuloksia). Vaiherajaus valitsee näytettävät toiminnot ja vaiheet; "
        "yhteydenottojen summat kattavat toiminnon kaikki vaiheet.",
    },
    # scorecards
    "fn_cards_header": {"en": "Scorecards", "fi": "Tuloskortit"},
    "fn_more_cards": {
        "en": "Scorecards of the other {count} functions",
        "fi": "Muiden toimintojen tuloskortit ({count})",
    },
    "fn_badge_significant": {"en": "Significant friction", "fi": "Merkitsevää kitkaa"},
    "fn_badge_not_significant": {"en": "No significant friction", "fi": "Ei merkitsevää kitkaa"},
    "fn_badge_not_tested": {"en": "Not enough responses", "fi": "Liian vähän vastauksia"},
    "fn_no_stages": {"en": "no stages", "fi": "ei vaiheita"},
    "fn_card_stages": {
        "en": "Stages owned: {stages} · {significant} of {count} with significant friction",
        "fi": "Omat vaiheet: {stages} · merkitsevää kitkaa {significant}/{count}",
    },
    "fn_metric_stake_of": {"en": "{metric} at stake", "fi": "{metric}-parannusvara"},
    "fn_metric_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävissä"},
    "fn_metric_avoidable_help": {
        "en": "Contacts attributed to this function whose reason is marked avoidable in the "
        "journey map (failure demand).",
        "fi": "Tälle toiminnolle kohdistetut yhteydenotot, joiden syy on polkukartassa merkitty "
        "vältettäväksi (virhekysyntä).",
    },
    "fn_metric_response": {"en": "Response time", "fi": "Vastausaika"},
    "fn_metric_response_help": {
        "en": "Internal response time: hours from an escalation to this function until its answer, among answered "
        "escalations (median and 90th percentile). Unanswered ones are counted in the "
        "answered share, not in the times.",
        "fi": "Sisäinen vastausaika: tunnit siitä, kun asia eskaloitiin tälle toiminnolle, vastaukseen asti "
        "(vastatut eskaloinnit; mediaani ja 90. persentiili). Vastaamattomat näkyvät vastattujen "
        "osuudessa, eivät ajoissa.",
    },
    "fn_card_no_stake": {
        "en": "Not enough responses to estimate points at stake.",
        "fi": "Liian vähän vastauksia parannusvaran arvioimiseen.",
    },
    "fn_card_costs": {
        "en": "Avoidable cost {cost} · {contacts} contacts caused in all",
        "fi": "Vältettävät kulut {cost} · aiheutti yhteensä {contacts} yhteydenottoa",
    },
    "fn_card_no_escalations": {"en": "no escalations received", "fi": "ei eskalointeja"},
    "fn_trend_rate": {"en": "Friction rate", "fi": "Kitkaosuus"},
    "fn_trend_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävät yhteydenotot"},
    "fn_trend_hover_rate": {"en": "{month}<br>Friction rate {value}", "fi": "{month}<br>Kitkaosuus {value}"},
    "fn_trend_hover_avoidable": {
        "en": "{month}<br>Avoidable contacts {value}",
        "fi": "{month}<br>Vältettäviä yhteydenottoja {value}",
    },
    # caused by x handled by
    "fn_matrix_header": {"en": "Caused by × handled by", "fi": "Aiheuttaja × käsittelijä"},
    "fn_matrix_intro": {
        "en": "Who caused the contact (the function owning its reason or stage) and which team "
        "handled it: contacts and their cost. Customer service absorbs much of what other "
        "functions cause.",
        "fi": "Kuka aiheutti yhteydenoton (syystä tai vaiheesta vastaava toiminto) ja mikä tiimi sen käsitteli: "
        "yhteydenotot ja niiden kulut. Asiakaspalvelu kantaa suuren osan muiden toimintojen "
        "aiheuttamasta.",
    },
    "fn_matrix_caused": {"en": "Caused by", "fi": "Aiheuttaja"},
    "fn_matrix_handled": {"en": "Handled by", "fi": "Käsittelijä"},
    "fn_matrix_hover": {
        "en": "Caused by {caused}<br>Handled by {handled}<br>{contacts} contacts, {avoidable} avoidable"
        "<br>Cost {cost}",
        "fi": "Aiheuttaja {caused}<br>Käsittelijä {handled}<br>{contacts} yhteydenottoa, {avoidable} "
        "vältettävissä<br>Kulut {cost}",
    },
    "fn_matrix_absorbed": {
        "en": "**Customer service handled {contacts} contacts caused by {owners} other functions** "
        "({share} of all contacts it handled), costing {cost}.",
        "fi": "**Asiakaspalvelu käsitteli {contacts} muiden toimintojen ({owners} kpl) aiheuttamaa "
        "yhteydenottoa** ({share} kaikista sen käsittelemistä), kulut {cost}.",
    },
    "fn_matrix_table": {"en": "Show as a table", "fi": "Näytä taulukkona"},
    "fn_matrix_empty": {
        "en": "No contacts in the selected period.",
        "fi": "Valitulla jaksolla ei ole yhteydenottoja.",
    },
    "fn_matrix_caption": {
        "en": "Cost = channel cost per handled contact from the journey map. “Not attributed”: "
        "the contact's reason has no stage and its journey could not be placed.",
        "fi": "Kulut = polkukartan kanavakohtainen hinta käsiteltyä yhteydenottoa kohden. ”Ei kohdistettu”: "
        "yhteydenoton syyllä ei ole vaihetta, eikä sen asiakaspolkua löytynyt.",
    },
    "fn_col_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "fn_col_cost": {"en": "Cost", "fi": "Kulut"},
    "fn_col_transfers": {"en": "Transfers", "fi": "Siirrot"},
    # drill-down
    "fn_drill_header": {"en": "One function in detail", "fi": "Toiminto tarkemmin"},
    "fn_select": {"en": "Function", "fi": "Toiminto"},
    "fn_select_help": {
        "en": "Preset from the sidebar's function filter.",
        "fi": "Esivalittu sivupalkin toimintorajauksesta.",
    },
    "fn_drill_stages": {"en": "Friction in the stages of {name}", "fi": "Kitka toiminnon {name} vaiheissa"},
    "fn_drill_no_stages": {
        "en": "This function owns no journey stage.",
        "fi": "Tämä toiminto ei vastaa yhdestäkään polun vaiheesta.",
    },
    "fn_drill_reasons": {
        "en": "Top contact reasons caused by {name}",
        "fi": "Toiminnon {name} aiheuttamien yhteydenottojen yleisimmät syyt",
    },
    "fn_drill_no_reasons": {
        "en": "No contacts attributed to this function in the period.",
        "fi": "Tälle toiminnolle ei ole kohdistettu yhteydenottoja jaksolla.",
    },
    "fn_drill_actions": {"en": "Actions on the friction of {name}", "fi": "Toimenpiteet: {name}"},
    "fn_drill_point": {
        "en": "Friction point (the function, or one of its stages)",
        "fi": "Kitkakohta (toiminto tai jokin sen vaiheista)",
    },
    "fn_drill_more_reasons": {
        "en": "{count} less frequent reasons not shown.",
        "fi": "{count} harvinaisempaa syytä ei näytetä.",
    },
    "fn_col_reason": {"en": "Contact reason", "fi": "Yhteydenoton syy"},
    "fn_reason_missing": {"en": "No reason recorded", "fi": "Syy puuttuu"},
    "fn_reason_unmapped": {"en": "{reason} (not in the journey map)", "fi": "{reason} (ei polkukartassa)"},
    "fn_col_avoidable_flag": {"en": "Avoidable", "fi": "Vältettävissä"},
    "fn_col_repeat_share": {"en": "Repeat share", "fi": "Toistuvat"},
    "fn_col_transfer_share": {"en": "Transferred", "fi": "Siirretty"},
    "fn_open_contacts": {
        "en": "Open the contacts caused by {name}",
        "fi": "Avaa toiminnon {name} aiheuttamat yhteydenotot",
    },
    # --- one metric at a time, plain words, drill-down in the same tab (issue 14) --------------
    "fn_rank_metric": {"en": "Rank by", "fi": "Järjestä mittarin mukaan"},
    "fn_rank_metric_help": {
        "en": "Functions are ranked within one metric at a time: an NPS difference (points), a CSAT "
        "difference (percentage points) and a CES difference (1–7 scale) are not comparable.",
        "fi": "Toiminnot järjestetään yhden mittarin mukaan kerrallaan: NPS-ero (pisteitä), CSAT-ero "
        "(prosenttiyksiköitä) ja CES-ero (asteikko 1–7) eivät ole keskenään vertailukelpoisia.",
    },
    "fn_col_stake_in": {"en": "{metric} points at stake", "fi": "{metric}-parannusvara"},
    "fn_col_stake_in_help": {
        "en": "How much the overall {metric} would rise if the customers who met friction in this "
        "function's stages had scored like the others. In brackets: the range the true value very "
        "likely lies in (95% confidence interval). “–”: too few responses to tell.",
        "fi": "Kuinka paljon koko {metric}-tulos nousisi, jos toiminnon vaiheissa kitkan kohdanneet "
        "asiakkaat olisivat antaneet saman tuloksen kuin muut. Suluissa väli, jolla todellinen arvo "
        "hyvin todennäköisesti on (95 %:n luottamusväli). ”–”: liian vähän vastauksia arvioon.",
    },
    "fn_col_significant_help": {
        "en": "Yes when the friction lowers {metric} so clearly that chance is an unlikely explanation "
        "(significant: its p-value, adjusted across every cell tested on this page with "
        "Benjamini–Hochberg, is below {alpha}).",
        "fi": "Kyllä, kun kitka laskee {metric}-tulosta niin selvästi, ettei sattuma juuri selitä sitä "
        "(merkitsevä: p-arvo, joka on korjattu Benjamini–Hochbergin menetelmällä kaikkien tämän sivun "
        "testattujen solujen yli, on alle {alpha}).",
    },
    "fn_col_response_time": {"en": "Response time", "fi": "Vastausaika"},
    "fn_response_cell_help": {
        "en": "Typical (median) / 9 in 10 answered within (90th percentile), hours, among answered "
        "escalations.",
        "fi": "Tyypillinen (mediaani) / 9/10 vastattu tämän ajan kuluessa (90. persentiili), tunteina, "
        "vastatuista eskaloinneista.",
    },
    "fn_ranking_caption_in": {
        "en": "Ranked by {metric}: functions whose friction clearly lowers {metric} come first, then the "
        "largest points at stake, i.e. how much the overall {metric} would rise without the friction.",
        "fi": "Järjestys mittarin {metric} mukaan: ensin toiminnot, joiden kitka selvästi laskee "
        "{metric}-tulosta, sitten suurimman parannusvaran mukaan eli sen, kuinka paljon koko "
        "{metric}-tulos nousisi ilman kitkaa.",
    },
    "fn_tests_help": {
        "en": "On this page {tests} cells are tested (every function and stage shown, every metric) "
        "and their p-values adjusted together.",
        "fi": "Tällä sivulla testataan {tests} solua (jokainen näytetty toiminto ja vaihe, jokainen "
        "mittari), ja niiden p-arvot korjataan yhdessä.",
    },
    "fn_metric_stake_in_help": {
        "en": "{metric} points the overall score would gain if the customers who met friction in this "
        "function's stages had scored like the others.",
        "fi": "Kuinka monta pistettä koko {metric}-tulos nousisi, jos toiminnon vaiheissa kitkan "
        "kohdanneet asiakkaat olisivat antaneet saman tuloksen kuin muut.",
    },
    "fn_card_no_stake_in": {
        "en": "Too few {metric} responses to estimate points at stake.",
        "fi": "Liian vähän {metric}-vastauksia parannusvaran arvioimiseen.",
    },
    "fn_card_escalations_plain": {
        "en": "{received} escalations received, {answered} answered, 9 in 10 within {p90}",
        "fi": "{received} eskalointia, vastattu {answered}, 9/10 vastattu {p90} kuluessa",
    },
    "fn_card_no_trend": {
        "en": "No friction and no avoidable contacts in this function's stages in this period, so "
        "there is no trend to draw.",
        "fi": "Toiminnon vaiheissa ei ollut jaksolla kitkaa eikä vältettävissä olevia yhteydenottoja, "
        "joten kehityskäyrää ei ole.",
    },
    "fn_card_no_trend_rules": {
        "en": "The journey map sets no SLA and no promised time for them, so only a failed step "
        "would count as friction.",
        "fi": "Polkukartassa vaiheille ei ole määritetty SLA-aikaa eikä luvattua aikaa, joten "
        "kitkaksi lasketaan vain epäonnistunut vaihe.",
    },
    "fn_card_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävissä"},
    "fn_trend_axis_rate": {"en": "Friction rate", "fi": "Kitkaosuus"},
    "fn_trend_axis_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "fn_cards_caption_plain": {
        "en": "Points at stake per metric, range in brackets (✱ = clear friction, unlikely to be "
        "chance; metrics with fewer than {min_n} responses on either side are left out). Chart: blue "
        "line = share of journeys reaching the function's stages that met friction there (left axis), "
        "brown bars = avoidable contacts caused (right axis), by month.",
        "fi": "Parannusvara mittareittain, suluissa vaihteluväli (✱ = selvä kitka, tuskin sattumaa; "
        "mittarit, joissa jommallakummalla puolella on alle {min_n} vastausta, jätetään pois). "
        "Kaavio: sininen viiva = kuinka suuri osa toiminnon vaiheisiin edenneistä poluista kohtasi "
        "niissä kitkaa (vasen akseli), ruskeat pylväät = aiheutetut vältettävät yhteydenotot "
        "(oikea akseli), kuukausittain.",
    },
    "fn_drill_click": {
        "en": "Click a row to open the stage on the Journey page.",
        "fi": "Napsauta riviä, niin vaihe avautuu Asiakaspolku-sivulla.",
    },
    "fn_col_journeys": {"en": "Journeys", "fi": "Edenneet"},
    "fn_col_journeys_help": {
        "en": "Journeys that reached the stage in the period.",
        "fi": "Jakson asiakaspolut, jotka etenivät tähän vaiheeseen.",
    },
    "fn_col_met": {"en": "Met friction", "fi": "Kitkaosuus"},
    "fn_col_met_help": {
        "en": "Share of those journeys that met friction in the stage (a failed step, a late delivery, "
        "a missed SLA).",
        "fi": "Kuinka suuri osa näistä poluista kohtasi vaiheessa kitkaa (epäonnistunut vaihe, "
        "myöhästynyt toimitus, ylittynyt SLA-aika).",
    },
    "fn_col_per_100": {"en": "Contacts / 100", "fi": "Yhteydenotot / 100"},
    "fn_col_per_100_help": {
        "en": "Contacts about the stage per 100 journeys that reached it.",
        "fi": "Vaiheeseen liittyvät yhteydenotot sataa vaiheeseen edennyttä polkua kohden.",
    },
    "fn_col_scores": {"en": "Met friction / others", "fi": "Kohdanneet / muut"},
    "fn_col_scores_help": {
        "en": "The score of respondents who met the friction, and of those who did not.",
        "fi": "Kitkan kohdanneiden vastaajien tulos ja muiden vastaajien tulos.",
    },
    "fn_col_adjusted": {"en": "Others held equal", "fi": "Muut vakioituina"},
    "fn_col_adjusted_help": {
        "en": "The difference with every other stage's friction, segment and channel held equal "
        "(driver model, standard errors clustered by customer), ± the half-width of its 95% "
        "confidence interval. "
        "A stage whose friction only comes together with another stage's shows about 0 here.",
        "fi": "Ero, kun kaikkien muiden vaiheiden kitka, segmentti ja kanava vakioidaan "
        "(ajurimalli, keskivirheet asiakkaittain klusteroitu), ± puolet sen 95 %:n "
        "luottamusvälin leveydestä. "
        "Vaihe, jonka kitka vain esiintyy yhdessä toisen vaiheen kitkan kanssa, saa tässä noin 0.",
    },
    "fn_adjusted_toggle": {
        "en": "Hold the other stages' friction equal",
        "fi": "Vakioi muiden vaiheiden kitka",
    },
    "fn_adjusted_toggle_help": {
        "en": "Adds each stage's effect with every other stage's friction, segment and channel held "
        "equal, and what removing all of this function's friction would gain (these gains add up, "
        "unlike points at stake).",
        "fi": "Lisää kunkin vaiheen vaikutuksen, kun kaikkien muiden vaiheiden kitka, segmentti ja "
        "kanava vakioidaan, sekä sen, mitä toiminnon kaiken kitkan poistaminen toisi (nämä hyödyt "
        "voi laskea yhteen, toisin kuin parannusvarat).",
    },
    "fn_gain_line": {
        "en": "If all of {name}'s friction were removed, other frictions held equal: {parts}.",
        "fi": "Jos kaikki toiminnon {name} kitka poistettaisiin, muut kitkat vakioituina: {parts}.",
    },
    "fn_gain_metric": {"en": "{metric} {gained} ({ci})", "fi": "{metric} {gained} ({ci})"},
    "fn_gain_none": {"en": "{metric} not estimated", "fi": "{metric} ei arvioitavissa"},
    "fn_gain_help": {
        "en": "From one linear model per metric of every answer's score on all stages' friction, "
        "segment and channel. Unlike points at stake, these gains do not overlap: the gains of "
        "several functions can be added.",
        "fi": "Yhdestä lineaarisesta mallista mittaria kohden: vastauksen tulos kaikkien vaiheiden "
        "kitkan, segmentin ja kanavan funktiona. Toisin kuin parannusvarat, nämä hyödyt eivät mene "
        "päällekkäin: useamman toiminnon hyödyt voi laskea yhteen.",
    },
    "fn_col_difference": {"en": "Difference", "fi": "Ero"},
    "fn_col_difference_help": {
        "en": "Score of those who met the friction minus the others', in the metric's units; in "
        "brackets the range the true difference very likely lies in (95% confidence interval).",
        "fi": "Kitkan kohdanneiden tulos miinus muiden tulos mittarin yksiköissä; suluissa väli, jolla "
        "todellinen ero hyvin todennäköisesti on (95 %:n luottamusväli).",
    },
    "fn_col_stage_stake": {"en": "Points at stake", "fi": "Parannusvara"},
    "fn_col_stage_stake_help": {
        "en": "How much the overall score would rise if those who met this friction had scored like "
        "the others (difference × share affected); range in brackets.",
        "fi": "Kuinka paljon kokonaistulos nousisi, jos kitkan kohdanneet olisivat antaneet saman "
        "tuloksen kuin muut (ero × kohdanneiden osuus); suluissa vaihteluväli.",
    },
    "fn_col_stage_significant_help": {
        "en": "Yes when the difference is unlikely to be chance (significant: its p-value, adjusted "
        "across every cell tested on this page with Benjamini–Hochberg, is below {alpha}).",
        "fi": "Kyllä, kun ero tuskin on sattumaa (merkitsevä: p-arvo, joka on korjattu "
        "Benjamini–Hochbergin menetelmällä kaikkien tämän sivun testattujen solujen yli, on alle "
        "{alpha}).",
    },
}
