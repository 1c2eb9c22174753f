"""Texts of the Journey page (views/journey.py)."""

STRINGS = {
    "journey_title": {"en": "Customer journey", "fi": "Asiakaspolku"},
    "journey_intro": {
        "en": "Where in the journey friction arises, who owns the stage, how customers move "
        "between stages and where they drop off.",
        "fi": "Missä polun vaiheessa kitkaa syntyy, kuka vaiheen omistaa, miten asiakkaat "
        "etenevät vaiheesta toiseen ja missä he putoavat pois.",
    },
    "journey_scope_stages": {"en": "stages: {stages}", "fi": "vaiheet: {stages}"},
    "journey_no_data": {
        "en": "There are no journeys yet. Load journey events and refresh the data.",
        "fi": "Asiakaspolkuja ei vielä ole. Tuo polkutapahtumat ja päivitä tiedot.",
    },
    "journey_no_stages": {
        "en": "No journey stage matches the stage and function filters.",
        "fi": "Mikään polun vaihe ei vastaa vaihe- ja toimintorajauksia.",
    },
    # heatmap
    "journey_heatmap_header": {"en": "Friction by stage", "fi": "Kitka vaiheittain"},
    "journey_heatmap_caption": {
        "en": "Rates are shares of the journeys that reached the stage or were overdue for it "
        "(journeys started in the period). Late = a promise or SLA deadline passed before "
        "the stage was done, counted from the deadline. Differences compare scores of "
        "customers who met friction at the stage before answering with those who did not; "
        "darker = worse. Only significant "
        "differences are coloured and starred (*, Benjamini–Hochberg adjusted p < {alpha}). "
        "Hover a cell for the scores, the 95% interval and p; click it to open the stage below.",
        "fi": "Osuudet ovat poluista, jotka etenivät vaiheeseen tai joiden määräaika siinä "
        "ylittyi (jaksolla alkaneet polut). Myöhässä = lupauksen tai SLA:n määräaika meni "
        "ohi ennen kuin vaihe oli tehty, määräajasta alkaen. Erot "
        "vertaavat niiden asiakkaiden tuloksia, jotka kohtasivat vaiheessa kitkaa ennen "
        "vastaamista, muihin; tummempi = huonompi. Vain merkitsevät erot on väritetty "
        "ja merkitty tähdellä (*) (Benjamini–Hochberg-korjattu p < {alpha}). Vie osoitin solun "
        "päälle "
        "nähdäksesi tulokset, 95 %:n luottamusvälin ja p-arvon; napsauta avataksesi vaiheen alla.",
    },
    "journey_heatmap_no_rows": {
        "en": "No survey responses were linked to these stages in the period, so there is no friction table.",
        "fi": "Jakson kyselyvastauksia ei liitetty näihin vaiheisiin, joten kitkataulukkoa ei ole.",
    },
    "journey_measure_reach": {"en": "Reach", "fi": "Tavoittavuus"},
    "journey_measure_failure": {"en": "Failure<br>rate", "fi": "Epäonnis-<br>tumiset"},
    "journey_measure_late": {"en": "Late<br>rate", "fi": "Myöhäs-<br>tymiset"},
    "journey_measure_friction": {"en": "Friction<br>rate", "fi": "Kitka-<br>aste"},
    "journey_measure_contacts": {"en": "Contacts per<br>100 journeys", "fi": "Yhteydenotot<br>/ 100 polkua"},
    "journey_measure_avoidable": {"en": "Avoidable<br>share", "fi": "Vältettävien<br>osuus"},
    "journey_measure_diff": {"en": "{metric}<br>difference", "fi": "{metric}-<br>ero"},
    "journey_not_enough_cell": {"en": "not enough<br>responses", "fi": "liian vähän<br>vastauksia"},
    "journey_hover_reach": {
        "en": "{stage}<br>Reached by {reach} of {journeys} journeys ({rate})",
        "fi": "{stage}<br>{reach} / {journeys} polkua eteni tähän vaiheeseen ({rate})",
    },
    "journey_hover_rate": {
        "en": "{stage}<br>{measure}: {value}<br>Owner: {owner}",
        "fi": "{stage}<br>{measure}: {value}<br>Omistaja: {owner}",
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
        "fi": "Jokainen nauha on siirtymä vaiheesta seuraavaan jaksolla alkaneissa poluissa; "
        "leveys on siirtymien määrä. Oranssit nauhat ovat uudelleenkäyntejä (paluu jo "
        "käytyyn vaiheeseen tai jo saavutetun vaiheen taakse). Polku päättyy tilaan "
        "”Valmis”, ”Keskeytynyt” (ei päättävää vaihetta eikä tapahtumia aineiston "
        "viimeisinä {days} päivänä) tai ”Kesken”. Vaiheen väri: mitä tummempi punainen, sitä "
        "useampi polku kohtasi siinä kitkaa. Vie osoitin kuvion päälle nähdäksesi määrät, "
        "mediaaniajat ja kitka-asteet.",
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
    "journey_link_rework": {"en": " (rework)", "fi": " (uudelleenkäynti)"},
    "journey_hours": {"en": "{value} h", "fi": "{value} h"},
    "journey_rework_header": {"en": "Rework loops", "fi": "Uudelleenkäynnit"},
    "journey_rework_none": {"en": "No rework in the period.", "fi": "Jaksolla ei ole uudelleenkäyntejä."},
    "journey_col_from": {"en": "From", "fi": "Mistä"},
    "journey_col_to": {"en": "To", "fi": "Mihin"},
    "journey_col_moves": {"en": "Moves", "fi": "Siirtymiä"},
    "journey_col_median_hours": {"en": "Median hours", "fi": "Tunteja (mediaani)"},
    "journey_col_share_of_from": {
        "en": "Share of moves out of “From”",
        "fi": "Osuus ”Mistä”-vaiheen siirtymistä",
    },
    # paths
    "journey_paths_header": {"en": "Most common paths", "fi": "Yleisimmät polut"},
    "journey_paths_caption": {
        "en": "The stage visits of each journey in order (rework kept), top {top} of "
        "{paths} different paths, {journeys} journeys started in the period.",
        "fi": "Kunkin polun vaihekäynnit järjestyksessä (uudelleenkäynnit mukana), "
        "{top} yleisintä {paths} eri polusta, jaksolla alkoi {journeys} polkua.",
    },
    "journey_paths_empty": {"en": "No journeys in the period.", "fi": "Jaksolla ei ole polkuja."},
    "journey_col_path": {"en": "Path", "fi": "Polku"},
    "journey_col_journeys": {"en": "Journeys", "fi": "Polkuja"},
    "journey_col_share": {"en": "Share", "fi": "Osuus"},
    "journey_col_completed": {"en": "Completed", "fi": "Valmistuneet"},
    "journey_col_dropped": {"en": "Dropped", "fi": "Keskeytyneet"},
    "journey_col_friction_share": {"en": "With friction", "fi": "Kitkaa kohdanneet"},
    # drill-down
    "journey_drill_header": {"en": "Stage drill-down", "fi": "Vaiheen tarkastelu"},
    "journey_drill_select": {"en": "Stage", "fi": "Vaihe"},
    "journey_drill_placeholder": {"en": "Choose a stage", "fi": "Valitse vaihe"},
    "journey_drill_hint": {
        "en": "Choose a stage here or click it in the friction table to see its contacts, "
        "comments and the customers affected.",
        "fi": "Valitse vaihe tästä tai napsauta sitä kitkataulukossa nähdäksesi sen "
        "yhteydenotot, kommentit ja asiakkaat, joita kitka koski.",
    },
    "journey_drill_owner": {"en": "Owner: {owner}", "fi": "Omistaja: {owner}"},
    "journey_contacts_header": {"en": "Contacts by reason", "fi": "Yhteydenotot syittäin"},
    "journey_contacts_caption": {
        "en": "{contacts} contacts attributed to the stage (opened in the period), by reason "
        "or by where the customer's journey stood.",
        "fi": "{contacts} vaiheeseen kohdistettua yhteydenottoa (avattu jaksolla), syyn tai "
        "asiakkaan polun vaiheen perusteella.",
    },
    "journey_contacts_none": {
        "en": "No contacts attributed to this stage in the period.",
        "fi": "Tähän vaiheeseen ei kohdistettu yhteydenottoja jaksolla.",
    },
    "journey_col_reason": {"en": "Reason", "fi": "Syy"},
    "journey_col_contacts": {"en": "Contacts", "fi": "Yhteydenottoja"},
    "journey_col_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "journey_col_repeat_share": {"en": "Repeat share", "fi": "Toistuvia"},
    "journey_col_cost": {"en": "Cost (€)", "fi": "Kustannus (€)"},
    "journey_reason_unknown": {"en": "No reason given", "fi": "Syy puuttuu"},
    "journey_responses_header": {"en": "What customers said", "fi": "Mitä asiakkaat sanoivat"},
    "journey_responses_filter": {"en": "Responses", "fi": "Vastaukset"},
    "journey_responses_all": {"en": "All ({n})", "fi": "Kaikki ({n})"},
    "journey_responses_with": {"en": "Met friction here ({n})", "fi": "Kohtasi kitkaa ({n})"},
    "journey_responses_without": {"en": "No friction here ({n})", "fi": "Ei kitkaa ({n})"},
    "journey_responses_caption": {
        "en": "Comments from journeys that had reached the stage when the customer answered, "
        "newest first (at most {limit}).",
        "fi": "Kommentit poluilta, jotka olivat edenneet vaiheeseen vastaushetkellä, uusimmat "
        "ensin (enintään {limit}).",
    },
    "journey_responses_none": {
        "en": "No comments for this stage in the period.",
        "fi": "Tälle vaiheelle ei ole kommentteja jaksolla.",
    },
    "journey_col_responded": {"en": "Answered", "fi": "Vastattu"},
    "journey_col_score": {"en": "Score", "fi": "Pisteet"},
    "journey_col_friction": {"en": "Friction here", "fi": "Kitkaa vaiheessa"},
    "journey_col_comment": {"en": "Comment", "fi": "Kommentti"},
    "journey_col_channel": {"en": "Channel", "fi": "Kanava"},
    "journey_col_segment": {"en": "Segment", "fi": "Segmentti"},
    "journey_col_customer": {"en": "Customer", "fi": "Asiakas"},
    "journey_col_journey": {"en": "Journey", "fi": "Polku"},
    "journey_affected_header": {"en": "Affected customers", "fi": "Asiakkaat, joita kitka koski"},
    "journey_affected_caption": {
        "en": "{count} journeys (started in the period) met friction at this stage; newest "
        "first, at most {limit} shown. Open a customer to see their timeline.",
        "fi": "{count} polkua (alkanut jaksolla) kohtasi kitkaa tässä vaiheessa; uusimmat "
        "ensin, enintään {limit}. Avaa asiakas nähdäksesi hänen aikajanansa.",
    },
    "journey_affected_none": {
        "en": "No journey met friction at this stage in the period.",
        "fi": "Yksikään polku ei kohdannut kitkaa tässä vaiheessa jaksolla.",
    },
    "journey_col_first_friction": {"en": "Friction first at", "fi": "Kitka ensin"},
    "journey_col_done": {"en": "Stage done", "fi": "Vaihe valmis"},
    "journey_not_done": {"en": "not done", "fi": "ei valmis"},
    "journey_not_reached": {"en": "not reached (overdue)", "fi": "ei saavutettu (myöhässä)"},
    "journey_col_failed": {"en": "Failed", "fi": "Epäonnistui"},
    "journey_col_late": {"en": "Late", "fi": "Myöhässä"},
    "journey_col_sla": {"en": "SLA breached", "fi": "SLA ylittyi"},
}
