"""Texts of the Functions page (dashboard/views/functions.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fn_title": {"en": "Functions and the friction they own", "fi": "Toiminnot ja niiden omistama kitka"},
    "fn_intro": {
        "en": "Every function owns stages of the customer journey. Here each function sees the "
        "friction it owns, what it costs in avoidable contacts, and how fast it answers "
        "when customer service escalates to it.",
        "fi": "Jokainen toiminto omistaa asiakaspolun vaiheita. Tässä kukin toiminto näkee "
        "omistamansa kitkan, sen hinnan vältettävinä yhteydenottoina ja kuinka nopeasti "
        "se vastaa, kun asiakaspalvelu eskaloi asian sille.",
    },
    "fn_none_selected": {
        "en": "No function matches the stage and function filters.",
        "fi": "Yksikään toiminto ei vastaa vaihe- ja toimintorajauksia.",
    },
    "fn_hours": {"en": "{value} h", "fi": "{value} h"},
    "fn_unattributed": {"en": "Not attributed", "fi": "Ei kohdistettu"},
    "fn_team_unknown": {"en": "Team not recorded", "fi": "Tiimi ei tiedossa"},
    # ranking table
    "fn_ranking_header": {"en": "Ranking of functions", "fi": "Toimintojen järjestys"},
    "fn_col_function": {"en": "Function", "fi": "Toiminto"},
    "fn_col_stages": {"en": "Stages owned", "fi": "Omat vaiheet"},
    "fn_col_stages_help": {
        "en": "Journey stages the function owns, and how many of them show significant friction "
        "on this page.",
        "fi": "Toiminnon omistamat polun vaiheet ja kuinka monessa niistä on tällä sivulla "
        "merkitsevää kitkaa.",
    },
    "fn_stages_value": {
        "en": "{stages} ({significant} significant)",
        "fi": "{stages} ({significant} merkitsevää)",
    },
    "fn_col_stake": {"en": "Points at stake (95% CI)", "fi": "Pisteitä pelissä (95 %:n LV)"},
    "fn_col_stake_help": {
        "en": "How much the overall score would rise if the friction in this function's stages "
        "were removed; the metric where most is at stake (significant ones first).",
        "fi": "Kuinka paljon kokonaistulos nousisi, jos toiminnon vaiheiden kitka poistuisi; "
        "mittari, jossa pelissä on eniten (merkitsevät ensin).",
    },
    "fn_col_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävät yhteydenotot"},
    "fn_col_avoidable_cost": {"en": "Avoidable cost", "fi": "Vältettävien kustannus"},
    "fn_col_response": {"en": "Response median / p90", "fi": "Vasteaika mediaani / p90"},
    "fn_col_answered": {"en": "Answered", "fi": "Vastattu"},
    "fn_col_answered_help": {
        "en": "Share of escalations sent to the function that have an answer time.",
        "fi": "Osuus toiminnolle lähetetyistä eskalaatioista, joihin on vastattu.",
    },
    "fn_ranking_caption": {
        "en": "Functions with significant friction come first, then by points at stake. "
        "Significance is tested for every function and every stage on this page "
        "({tests} cells) and the p-values are adjusted together (Benjamini–Hochberg); "
        "significant means adjusted p < {alpha}.",
        "fi": "Ensin toiminnot, joilla on merkitsevää kitkaa, sitten pelissä olevien pisteiden "
        "mukaan. Merkitsevyys testataan jokaiselle tämän sivun toiminnolle ja vaiheelle "
        "({tests} solua), ja p-arvot korjataan yhdessä (Benjamini–Hochberg); merkitsevä "
        "tarkoittaa korjattua p-arvoa < {alpha}.",
    },
    "fn_contact_scope": {
        "en": "Contact, cost and escalation figures cover all contact channels (the response "
        "channel filter applies to survey scores only); the stage filter selects which "
        "functions and stages are shown, contact totals cover all of a function's stages.",
        "fi": "Yhteydenotto-, kustannus- ja eskalaatioluvut kattavat kaikki yhteydenottokanavat "
        "(vastauskanavan rajaus koskee vain kyselytuloksia); vaiherajaus valitsee näytettävät "
        "toiminnot ja vaiheet, yhteydenottojen summat kattavat toiminnon kaikki vaiheet.",
    },
    # scorecards
    "fn_cards_header": {"en": "Scorecards", "fi": "Tuloskortit"},
    "fn_badge_significant": {"en": "Significant friction", "fi": "Merkitsevää kitkaa"},
    "fn_badge_not_significant": {"en": "No significant friction", "fi": "Ei merkitsevää kitkaa"},
    "fn_badge_not_tested": {"en": "Not enough responses", "fi": "Liian vähän vastauksia"},
    "fn_no_stages": {"en": "no stages", "fi": "ei vaiheita"},
    "fn_card_stages": {
        "en": "Stages owned: {stages} · {significant} of {count} with significant friction",
        "fi": "Omat vaiheet: {stages} · {significant}/{count} merkitsevää kitkaa",
    },
    "fn_metric_stake": {"en": "Points at stake", "fi": "Pisteitä pelissä"},
    "fn_metric_stake_of": {"en": "Points at stake · {metric}", "fi": "Pisteitä pelissä · {metric}"},
    "fn_metric_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävät yhteydenotot"},
    "fn_metric_avoidable_help": {
        "en": "Contacts attributed to this function whose reason is marked avoidable in the "
        "journey map (failure demand).",
        "fi": "Tälle toiminnolle kohdistetut yhteydenotot, joiden syy on polkukartassa merkitty "
        "vältettäväksi (virhekysyntä).",
    },
    "fn_metric_response": {"en": "Response time", "fi": "Vasteaika"},
    "fn_metric_response_help": {
        "en": "Internal response time: hours from an escalation to this function until its answer, among answered "
        "escalations (median and 90th percentile). Unanswered ones are counted in the "
        "answered share, not in the times.",
        "fi": "Sisäinen vasteaika: tunnit eskalaatiosta tälle toiminnolle sen vastaukseen vastatuista eskalaatioista "
        "(mediaani ja 90. persentiili). Vastaamattomat näkyvät vastausosuudessa, eivät "
        "ajoissa.",
    },
    "fn_card_no_stake": {
        "en": "Not enough responses to estimate points at stake.",
        "fi": "Liian vähän vastauksia pelissä olevien pisteiden arvioimiseen.",
    },
    "fn_card_costs": {
        "en": "Avoidable cost {cost} · {contacts} contacts caused in all",
        "fi": "Vältettävien kustannus {cost} · yhteensä {contacts} aiheutettua yhteydenottoa",
    },
    "fn_card_escalations": {
        "en": "{received} escalations received, p90 {p90}, {answered} answered",
        "fi": "{received} eskalaatiota, p90 {p90}, {answered} vastattu",
    },
    "fn_card_no_escalations": {"en": "no escalations received", "fi": "ei eskalaatioita"},
    "fn_trend_rate": {"en": "Friction rate", "fi": "Kitkaosuus"},
    "fn_trend_avoidable": {"en": "Avoidable contacts", "fi": "Vältettävät yhteydenotot"},
    "fn_trend_hover_rate": {"en": "{month}<br>Friction rate {value}", "fi": "{month}<br>Kitkaosuus {value}"},
    "fn_trend_hover_avoidable": {
        "en": "{month}<br>Avoidable contacts {value}",
        "fi": "{month}<br>Vältettäviä yhteydenottoja {value}",
    },
    "fn_cards_caption": {
        "en": "Points at stake per metric (✱ = significant after the page-wide adjustment; "
        "metrics with fewer than {min_n} responses on either side are left out). "
        "Chart: blue line = share of journeys reaching the function's stages that met "
        "friction there (left axis), brown bars = avoidable contacts caused (right axis), "
        "by month.",
        "fi": "Pisteitä pelissä mittareittain (✱ = merkitsevä koko sivun korjauksen jälkeen; "
        "mittarit, joissa jommallakummalla puolella on alle {min_n} vastausta, jätetään pois). "
        "Kaavio: sininen viiva = toiminnon vaiheisiin edenneiden polkujen osuus, joissa oli "
        "kitkaa (vasen akseli), ruskeat pylväät = aiheutetut vältettävät yhteydenotot "
        "(oikea akseli), kuukausittain.",
    },
    # caused by x handled by
    "fn_matrix_header": {"en": "Caused by × handled by", "fi": "Aiheuttaja × käsittelijä"},
    "fn_matrix_intro": {
        "en": "Who caused the contact (the function owning its reason or stage) and which team "
        "handled it: contacts and their cost. Customer service absorbs much of what other "
        "functions cause.",
        "fi": "Kuka aiheutti yhteydenoton (syyn tai vaiheen omistava toiminto) ja mikä tiimi sen "
        "käsitteli: yhteydenotot ja niiden kustannus. Asiakaspalvelu kantaa suuren osan "
        "muiden toimintojen aiheuttamasta.",
    },
    "fn_matrix_caused": {"en": "Caused by", "fi": "Aiheuttaja"},
    "fn_matrix_handled": {"en": "Handled by", "fi": "Käsittelijä"},
    "fn_matrix_hover": {
        "en": "Caused by {caused}<br>Handled by {handled}<br>{contacts} contacts, {avoidable} avoidable"
        "<br>Cost {cost}",
        "fi": "Aiheuttaja {caused}<br>Käsittelijä {handled}<br>{contacts} yhteydenottoa, "
        "{avoidable} vältettävissä<br>Kustannus {cost}",
    },
    "fn_matrix_absorbed": {
        "en": "**Customer service handled {contacts} contacts caused by {owners} other functions** "
        "({share} of all contacts it handled), costing {cost}.",
        "fi": "**Asiakaspalvelu käsitteli {contacts} muiden toimintojen ({owners} kpl) aiheuttamaa "
        "yhteydenottoa** ({share} kaikista sen käsittelemistä), kustannus {cost}.",
    },
    "fn_matrix_table": {"en": "Show as a table", "fi": "Näytä taulukkona"},
    "fn_matrix_empty": {
        "en": "No contacts in the selected period.",
        "fi": "Valitulla jaksolla ei ole yhteydenottoja.",
    },
    "fn_matrix_caption": {
        "en": "Cost = channel cost per handled contact from the journey map. “Not attributed”: "
        "the contact's reason has no stage and its journey could not be placed.",
        "fi": "Kustannus = polkukartan kanavakohtainen hinta käsiteltyä yhteydenottoa kohden. "
        "”Ei kohdistettu”: yhteydenoton syyllä ei ole vaihetta eikä asiakaspolkua löytynyt.",
    },
    "fn_col_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "fn_col_cost": {"en": "Cost", "fi": "Kustannus"},
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
        "fi": "Tämä toiminto ei omista yhtään polun vaihetta.",
    },
    "fn_p_page_help": {
        "en": "p-value adjusted across every cell tested on this page (Benjamini–Hochberg).",
        "fi": "Sivun kaikkien testattujen solujen yli korjattu p-arvo (Benjamini–Hochberg).",
    },
    "fn_col_reach": {"en": "Journeys reached", "fi": "Edenneet polut"},
    "fn_col_friction_rate": {"en": "Friction rate", "fi": "Kitkaosuus"},
    "fn_col_contacts_100": {"en": "Contacts per 100 journeys", "fi": "Yhteydenottoja / 100 polkua"},
    "fn_drill_reasons": {
        "en": "Top contact reasons caused by {name}",
        "fi": "Yleisimmät toiminnon {name} aiheuttamat yhteydenottojen syyt",
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
    "fn_col_repeat_share": {"en": "Repeat share", "fi": "Toistuvien osuus"},
    "fn_col_transfer_share": {"en": "Transferred", "fi": "Siirretty"},
    "fn_open_contacts": {
        "en": "Open the contacts caused by {name}",
        "fi": "Avaa toiminnon {name} aiheuttamat yhteydenotot",
    },
}
