"""Texts of the Journey page (views/journey.py)."""

STRINGS = {
    "journey_title": {"en": "Customer journey", "fi": "Asiakaspolku"},
    "journey_intro": {
        "en": "Where in the journey friction arises, who owns the stage, how customers move "
        "between stages and where they drop off.",
        "fi": "Missä polun vaiheissa kitkaa syntyy, kuka niistä vastaa, miten asiakkaat etenevät vaiheesta "
        "toiseen ja missä polut keskeytyvät.",
    },
    "journey_scope_stages": {"en": "stages: {stages}", "fi": "vaiheet: {stages}"},
    "journey_no_data": {
        "en": "There are no journeys yet. Load journey events and refresh the data.",
        "fi": "Asiakaspolkuja ei vielä ole. Tuo polkutapahtumat ja päivitä tiedot.",
    },
    "journey_no_stages": {
        "en": "No journey stage matches the stage and function filters.",
        "fi": "Vaihe- ja vastuutahorajauksilla ei löydy yhtään polun vaihetta.",
    },
    # heatmap
    "journey_heatmap_header": {"en": "Friction by stage", "fi": "Kitka vaiheittain"},
    "journey_heatmap_caption": {
        "en": "Rates are shares of the journeys that reached the stage or were overdue for it "
        "(journeys started in the period). Late = a promise or SLA deadline passed before the "
        "stage was done. A score difference compares customers who met friction at the stage "
        "before answering with the others, one metric at a time; darker = worse. Only "
        "differences too large to be chance are coloured and starred (*). Hover a cell for "
        "the scores; click it to open the stage at the top of the page.",
        "fi": "Osuudet on laskettu poluista, jotka etenivät vaiheeseen tai joiden määräaika siinä "
        "ylittyi (jaksolla alkaneet polut). Myöhässä = lupauksen tai SLA:n määräaika meni ohi "
        "ennen kuin vaihe oli tehty. Ero vertaa vaiheessa ennen vastaamista kitkan kohdanneiden "
        "tulosta muiden tulokseen, mittari kerrallaan; tummempi = huonompi. Värin ja tähden (*) "
        "saavat vain erot, jotka ovat liian suuria ollakseen sattumaa. Tulokset näet viemällä "
        "osoittimen solun päälle; napsauttamalla vaihe avautuu sivun alkuun.",
    },
    "journey_heatmap_no_rows": {
        "en": "No survey responses were linked to these stages in the period, so there is no friction table.",
        "fi": "Jakson kyselyvastauksia ei ole liitetty näihin vaiheisiin, joten kitkataulukkoa ei voi näyttää.",
    },
    "journey_measure_reach": {"en": "Reached<br>stage", "fi": "Edenneet"},
    "journey_measure_failure": {"en": "Failure<br>rate", "fi": "Epäonnis-<br>tumiset"},
    "journey_measure_late": {"en": "Late<br>rate", "fi": "Myöhäs-<br>tymiset"},
    "journey_measure_friction": {"en": "Friction<br>rate", "fi": "Kitka-<br>osuus"},
    "journey_measure_contacts": {
        "en": "Contacts<br>per 100<br>journeys",
        "fi": "Yhteyden-<br>ottoja /<br>100 polkua",
    },
    "journey_measure_avoidable": {"en": "Avoidable<br>share", "fi": "Vältettä-<br>vissä"},
    "journey_measure_diff": {"en": "{metric}<br>difference", "fi": "{metric}-<br>ero"},
    "journey_not_enough_cell": {"en": "not enough<br>responses", "fi": "liian vähän<br>vastauksia"},
    "journey_hover_reach": {
        "en": "{stage}<br>Reached by {reach} of {journeys} journeys ({rate})",
        "fi": "{stage}<br>Vaiheeseen eteni {reach} / {journeys} polkua ({rate})",
    },
    "journey_hover_rate": {
        "en": "{stage}<br>{measure}: {value}<br>Owner: {owner}",
        "fi": "{stage}<br>{measure}: {value}<br>Vastuutaho: {owner}",
    },
    "journey_hover_diff": {
        "en": "{stage} · {metric}<br>With friction: {with_score} (n = {n_with})<br>"
        "Without friction: {without_score} (n = {n_without})<br>"
        "Difference: {delta} (95% CI {ci})<br>Adjusted p: {p} · {significance}",
        "fi": "{stage} · {metric}<br>Kitkan kohdanneet: {with_score} (n = {n_with})<br>"
        "Ilman kitkaa: {without_score} (n = {n_without})<br>"
        "Ero: {delta} (95 %:n lv. {ci})<br>Korjattu p: {p} · {significance}",
    },
    "journey_hover_not_enough": {
        "en": "{stage} · {metric}<br>Not enough responses: {n_with} with and {n_without} "
        "without friction; at least {min_n} of each are needed",
        "fi": "{stage} · {metric}<br>Liian vähän vastauksia: {n_with} kitkan kanssa ja "
        "{n_without} ilman; kumpaakin tarvitaan vähintään {min_n}",
    },
    "journey_significant": {"en": "significant", "fi": "merkitsevä"},
    "journey_not_significant": {"en": "not significant", "fi": "ei merkitsevä"},
    # flow
    "journey_flow_header": {"en": "Flow between stages", "fi": "Eteneminen vaiheesta toiseen"},
    "journey_flow_caption": {
        "en": "Each band is a move from one stage visit to the next, for journeys started in "
        "the period; its width is the number of moves. Orange bands are rework (back to "
        "a stage already visited, or behind a stage already reached). Journeys end in "
        "“Completed”, “Dropped” (no completing stage and no event in the last {days} days "
        "of data) or “In progress”. Stage colour: darker red = more journeys met friction there. "
        "Hover for counts, median hours and friction rates.",
        "fi": "Jokainen nauha on siirtymä vaiheesta seuraavaan jaksolla alkaneissa poluissa; leveys kertoo "
        "siirtymien määrän. Oranssit nauhat ovat paluita (takaisin jo käytyyn vaiheeseen tai jo "
        "saavutettua vaihetta aiempaan). Polku päättyy tilaan ”Valmis”, ”Keskeytynyt” (ei päättävää "
        "vaihetta eikä tapahtumia aineiston viimeisinä {days} päivänä) tai ”Kesken”. Vaiheen väri: mitä "
        "tummempi punainen, sitä useampi polku kohtasi siinä kitkaa. Vie osoitin kuvion päälle nähdäksesi "
        "määrät, mediaaniajat ja kitkaosuudet.",
    },
    "journey_node_hover": {
        "en": "Met friction: {friction} (failed {failed}, late {late})",
        "fi": "Kitkaa: {friction} (epäonnistui {failed}, myöhässä {late})",
    },
    "journey_flow_empty": {"en": "No transitions in the period.", "fi": "Jaksolla ei ole siirtymiä."},
    "journey_node_end": {"en": "Completed", "fi": "Valmis"},
    "journey_node_dropped": {"en": "Dropped", "fi": "Keskeytynyt"},
    "journey_node_in_progress": {"en": "In progress", "fi": "Kesken"},
    "journey_link_hover": {
        "en": "{source} → {target}<br>{count} moves{rework}<br>Median time between: {hours}",
        "fi": "{source} → {target}<br>{count} siirtymää{rework}<br>Aikaa välissä (mediaani): {hours}",
    },
    "journey_link_rework": {"en": " (rework)", "fi": " (paluu)"},
    "journey_hours": {"en": "{value} h", "fi": "{value} h"},
    "journey_rework_header": {"en": "Rework loops", "fi": "Paluut aiempiin vaiheisiin"},
    "journey_rework_none": {
        "en": "No rework in the period.",
        "fi": "Jaksolla ei ole paluita aiempiin vaiheisiin.",
    },
    "journey_col_from": {"en": "From", "fi": "Mistä"},
    "journey_col_to": {"en": "To", "fi": "Mihin"},
    "journey_col_moves": {"en": "Moves", "fi": "Siirtymiä"},
    "journey_col_median_hours": {"en": "Median hours", "fi": "Mediaaniaika (h)"},
    "journey_col_share_of_from": {
        "en": "Share of moves out of “From”",
        "fi": "Osuus ”Mistä”-vaiheen siirtymistä",
    },
    # paths
    "journey_paths_header": {"en": "Most common paths", "fi": "Yleisimmät polut"},
    "journey_paths_caption": {
        "en": "The stage visits of each journey in order (rework kept), top {top} of "
        "{paths} different paths, {journeys} journeys started in the period.",
        "fi": "Kunkin polun vaihekäynnit järjestyksessä (paluut mukana): {top} yleisintä {paths} eri polusta; "
        "jaksolla alkoi {journeys} polkua.",
    },
    "journey_paths_empty": {"en": "No journeys in the period.", "fi": "Jaksolla ei ole polkuja."},
    "journey_col_path": {"en": "Path", "fi": "Polku"},
    "journey_col_journeys": {"en": "Journeys", "fi": "Polkuja"},
    "journey_col_share": {"en": "Share", "fi": "Osuus"},
    "journey_col_completed": {"en": "Completed", "fi": "Valmistuneet"},
    "journey_col_dropped": {"en": "Dropped", "fi": "Keskeytyneet"},
    "journey_col_friction_share": {"en": "With friction", "fi": "Kitkan kohdanneet"},
    # drill-down
    "journey_drill_select": {"en": "Stage drill-down", "fi": "Vaiheen tarkastelu"},
    "journey_drill_placeholder": {"en": "Choose a stage", "fi": "Valitse vaihe"},
    "journey_drill_hint": {
        "en": "Choose a stage here or click its row in the friction table to see its contacts, "
        "what customers said and who was affected.",
        "fi": "Valitse vaihe tästä tai napsauta sen riviä kitkataulukossa, niin näet vaiheen "
        "yhteydenotot, asiakkaiden kommentit ja kitkan kohdanneet asiakkaat.",
    },
    "journey_focus_header": {"en": "{stage} · owner {owner}", "fi": "{stage} · vastuutaho {owner}"},
    "journey_all_stages": {"en": "All stages", "fi": "Kaikki vaiheet"},
    "journey_gap_lower": {
        "en": "{metric}: customers who met friction here scored {with_score}, the others "
        "{without_score}: {gap} lower.",
        "fi": "{metric}: tässä vaiheessa kitkan kohdanneiden tulos oli {with_score} ja muiden "
        "{without_score} eli {gap} heikompi.",
    },
    "journey_gap_higher": {
        "en": "{metric}: customers who met friction here scored {with_score}, the others "
        "{without_score}: {gap} higher.",
        "fi": "{metric}: tässä vaiheessa kitkan kohdanneiden tulos oli {with_score} ja muiden "
        "{without_score} eli {gap} parempi.",
    },
    "journey_gap_unclear": {
        "en": "{metric}: {with_score} for customers who met friction here, {without_score} "
        "for the others; the difference may be chance.",
        "fi": "{metric}: kitkan kohdanneilla {with_score}, muilla {without_score}; ero voi olla sattumaa.",
    },
    "journey_gap_not_enough": {
        "en": "{metric}: too few answers to compare.",
        "fi": "{metric}: liian vähän vastauksia vertailuun.",
    },
    "journey_gap_help": {
        "en": "Answers: {n_with} from customers who met friction, {n_without} from the others. "
        "95% confidence interval of the difference {ci}; Benjamini–Hochberg adjusted p {p}.",
        "fi": "Vastauksia: kitkan kohdanneilta {n_with}, muilta {n_without}. Eron 95 %:n "
        "luottamusväli {ci}; Benjamini–Hochberg-korjattu p {p}.",
    },
    "journey_adjusted_lower": {
        "en": "{metric}, the other stages' friction, segment and channel held equal: {gap} lower "
        "({ci}); removing it would raise the overall score by {gained}.",
        "fi": "{metric}, kun muiden vaiheiden kitka, segmentti ja kanava vakioidaan: {gap} heikompi "
        "({ci}); sen poistaminen nostaisi kokonaistulosta {gained}.",
    },
    "journey_adjusted_higher": {
        "en": "{metric}, the other stages' friction, segment and channel held equal: {gap} higher ({ci}).",
        "fi": "{metric}, kun muiden vaiheiden kitka, segmentti ja kanava vakioidaan: {gap} parempi ({ci}).",
    },
    "journey_adjusted_unclear": {
        "en": "{metric}, the other stages' friction, segment and channel held equal: {effect} ({ci}); "
        "may be chance.",
        "fi": "{metric}, kun muiden vaiheiden kitka, segmentti ja kanava vakioidaan: {effect} ({ci}); "
        "voi olla sattumaa.",
    },
    "journey_adjusted_not_estimated": {
        "en": "{metric}, the other stages' friction held equal: {reason}.",
        "fi": "{metric}, kun muiden vaiheiden kitka vakioidaan: {reason}.",
    },
    "journey_adjusted_too_few": {"en": "too few answers", "fi": "liian vähän vastauksia"},
    "journey_adjusted_collinear": {
        "en": "cannot be told apart from other stages' friction",
        "fi": "ei erotu muiden vaiheiden kitkasta",
    },
    "journey_adjusted_help": {
        "en": "One linear model per metric of every answer's score on the friction of all stages, "
        "segment and channel; standard errors clustered by customer. Unlike the comparison above, "
        "a stage whose friction merely comes together with another stage's is not blamed for it, "
        "and the gains of several stages can be added. Benjamini–Hochberg adjusted p {p}.",
        "fi": "Yksi lineaarinen malli mittaria kohden: jokaisen vastauksen tulos kaikkien vaiheiden "
        "kitkan, segmentin ja kanavan funktiona; keskivirheet asiakkaittain klusteroitu. Toisin kuin "
        "yllä olevassa vertailussa, vaihetta ei syytetä kitkasta, joka vain esiintyy yhdessä toisen "
        "vaiheen kitkan kanssa, ja usean vaiheen hyödyt voi laskea yhteen. "
        "Benjamini–Hochberg-korjattu p {p}.",
    },
    "journey_contacts_link": {
        "en": "This stage's contacts on the Contacts page",
        "fi": "Vaiheen yhteydenotot Yhteydenotot-sivulla",
    },
    "journey_contacts_header": {"en": "Contacts by reason", "fi": "Yhteydenotot syittäin"},
    "journey_contacts_caption": {
        "en": "{contacts} contacts attributed to the stage (opened in the period), by reason "
        "or by where the customer's journey stood.",
        "fi": "{contacts} vaiheeseen kohdistettua yhteydenottoa (avattu jaksolla) syyn tai asiakkaan polun "
        "vaiheen perusteella.",
    },
    "journey_contacts_none": {
        "en": "No contacts attributed to this stage in the period.",
        "fi": "Tähän vaiheeseen ei kohdistettu yhteydenottoja jaksolla.",
    },
    "journey_col_reason": {"en": "Reason", "fi": "Syy"},
    "journey_col_contacts": {"en": "Contacts", "fi": "Yhteydenottoja"},
    "journey_col_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "journey_col_repeat_share": {"en": "Repeat share", "fi": "Toistuvia"},
    "journey_col_cost": {"en": "Cost (€)", "fi": "Kulut (€)"},
    "journey_reason_unknown": {"en": "No reason given", "fi": "Syy puuttuu"},
    "journey_responses_header": {"en": "What customers said", "fi": "Mitä asiakkaat sanoivat"},
    "journey_responses_filter": {"en": "Responses", "fi": "Vastaukset"},
    "journey_responses_all": {"en": "All ({n})", "fi": "Kaikki ({n})"},
    "journey_responses_with": {"en": "Met friction here ({n})", "fi": "Kohtasi kitkaa ({n})"},
    "journey_responses_without": {"en": "No friction here ({n})", "fi": "Ei kitkaa ({n})"},
    "journey_responses_caption": {
        "en": "The newest {shown} of {count} comments from journeys that had reached the stage "
        "when the customer answered. Open a customer from “Affected customers” below or by "
        "their id on the Customer page.",
        "fi": "Uusimmat {shown} / {count} kommenttia poluilta, jotka olivat edenneet vaiheeseen "
        "asiakkaan vastatessa. Asiakkaan aikajanan saat auki alta kohdasta ”Kitkan kohdanneet "
        "asiakkaat” tai Asiakas-sivulta tunnuksella.",
    },
    "journey_responses_caption_metric": {
        "en": "The newest {shown} of {count} {metric} comments from journeys that had reached "
        "the stage when the customer answered.",
        "fi": "Uusimmat {shown} / {count} {metric}-kommenttia poluilta, jotka olivat edenneet "
        "vaiheeseen asiakkaan vastatessa.",
    },
    "journey_responses_none": {
        "en": "No comments for this stage in the period.",
        "fi": "Tälle vaiheelle ei ole kommentteja jaksolla.",
    },
    "journey_col_responded": {"en": "Answered", "fi": "Vastattu"},
    "journey_col_score": {"en": "Score", "fi": "Pisteet"},
    "journey_col_friction": {"en": "Friction here", "fi": "Kitkaa vaiheessa"},
    "journey_col_comment": {"en": "Comment", "fi": "Kommentti"},
    "journey_col_segment": {"en": "Segment", "fi": "Segmentti"},
    "journey_col_customer": {"en": "Customer", "fi": "Asiakas"},
    "journey_col_journey": {"en": "Journey", "fi": "Polku"},
    "journey_affected_header": {"en": "Affected customers", "fi": "Kitkan kohdanneet asiakkaat"},
    "journey_affected_caption": {
        "en": "{count} journeys (started in the period) met friction at this stage; newest "
        "first, at most {limit} shown. Click a row to open the customer's timeline.",
        "fi": "{count} jaksolla alkanutta polkua kohtasi kitkaa tässä vaiheessa; uusimmat ensin, "
        "enintään {limit}. Napsauta riviä, niin asiakkaan aikajana avautuu.",
    },
    "journey_affected_none": {
        "en": "No journey met friction at this stage in the period.",
        "fi": "Yksikään polku ei kohdannut kitkaa tässä vaiheessa jaksolla.",
    },
    "journey_col_first_friction": {"en": "Friction first at", "fi": "Ensimmäinen kitka"},
    "journey_col_done": {"en": "Stage done", "fi": "Vaihe valmis"},
    "journey_not_done": {"en": "not done", "fi": "ei valmis"},
    "journey_not_reached": {"en": "not reached (overdue)", "fi": "ei saavutettu (myöhässä)"},
    "journey_col_failed": {"en": "Failed", "fi": "Epäonnistui"},
    "journey_col_late": {"en": "Late", "fi": "Myöhässä"},
    "journey_col_sla": {"en": "SLA breached", "fi": "SLA ylittyi"},
}
