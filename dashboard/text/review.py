"""Texts of the Review page (views/review.py, review_changes.py, review_evidence.py, review_link.py)."""

STRINGS = {
    "rv_title": {"en": "Review meeting", "fi": "Katselmointi"},
    "rv_intro": {
        "en": "For one function (or all) and a meeting date: what changed since the previous "
        "review, the friction it owns with the evidence, its actions and whether they worked, "
        "and the next review. Copy the link at the bottom to reopen exactly this view.",
        "fi": "Yhdelle toiminnolle (tai kaikille) ja kokouspäivälle: mikä on muuttunut edellisen katselmoinnin "
        "jälkeen, toiminnon vastuulla olevat kitkakohdat näyttöineen, sen toimenpiteet ja niiden vaikutus "
        "sekä seuraava katselmointi. Sivun lopun linkki avaa täsmälleen tämän näkymän.",
    },
    "rv_function": {"en": "Function", "fi": "Toiminto"},
    "rv_all_functions": {"en": "All functions", "fi": "Kaikki toiminnot"},
    "rv_meeting": {"en": "Meeting date", "fi": "Kokouspäivä"},
    "rv_window": {"en": "“Did it work?” window", "fi": "”Toimiko se?” -jakso"},
    "rv_weeks": {"en": "{weeks} weeks", "fi": "{weeks} viikkoa"},
    "rv_window_help": {
        "en": "An action's effect compares this many weeks before the day it took effect with as "
        "many weeks after it (cut at the meeting date or the data's last day).",
        "fi": "Toimenpiteen vaikutusta arvioidaan vertaamalla näin monta viikkoa ennen sen "
        "voimaantuloa yhtä moneen viikkoon sen jälkeen (katkaistu kokouspäivään tai "
        "tietojen viimeiseen päivään).",
    },
    "rv_previous": {"en": "Previous review: {date}", "fi": "Edellinen katselmointi: {date}"},
    "rv_since": {"en": "Compare since", "fi": "Vertaa alkaen"},
    "rv_since_help": {
        "en": "No earlier review of this scope is recorded: choose the day to compare from.",
        "fi": "Tälle rajaukselle ei ole kirjattu aiempaa katselmointia: valitse päivä, josta "
        "alkaen verrataan.",
    },
    # what changed
    "rv_changes_header": {"en": "What changed since {since}", "fi": "Mikä muuttui {since} jälkeen"},
    "rv_changes_windows": {
        "en": "After: {after}, compared with as many days before: {before}.",
        "fi": "Jälkeen: {after}, verrattuna yhtä moneen päivään ennen: {before}.",
    },
    "rv_changes_no_data": {
        "en": "There is no data after {since} yet.",
        "fi": "Päivän {since} jälkeen ei ole vielä tietoja.",
    },
    "rv_changes_none": {
        "en": "No significant move: every change's 95% interval includes no change (or there are "
        "too few answers).",
        "fi": "Ei merkitseviä muutoksia: jokaisen muutoksen 95 %:n luottamusväli sisältää nollan "
        "(tai vastauksia on liian vähän).",
    },
    "rv_changes_caption": {
        "en": "Only changes whose 95% confidence interval excludes zero are listed. Many measures "
        "are compared at once, so an occasional move can still be chance.",
        "fi": "Vain muutokset, joiden 95 %:n luottamusväli ei sisällä nollaa, näytetään. Mittareita "
        "verrataan monta kerralla, joten yksittäinen muutos voi silti olla sattumaa.",
    },
    "rv_col_measure": {"en": "Measure", "fi": "Mittari"},
    "rv_col_before": {"en": "Before", "fi": "Ennen"},
    "rv_col_after": {"en": "After", "fi": "Jälkeen"},
    "rv_col_verdict": {"en": "Verdict", "fi": "Tulkinta"},
    "rv_measure_score_gap": {
        "en": "{metric} difference with vs without friction",
        "fi": "{metric}-ero: kitkan kohdanneet vs. muut",
    },
    "rv_measure_friction_rate": {"en": "Friction rate", "fi": "Kitkaosuus"},
    "rv_measure_contacts_per_100": {"en": "Contacts per 100 journeys", "fi": "Yhteydenotot / 100 polkua"},
    "rv_measure_avoidable_cost": {
        "en": "Avoidable cost per 100 journeys",
        "fi": "Vältettävät kulut / 100 polkua",
    },
    "rv_unit_friction_rate": {"en": " pp", "fi": " %-yks."},
    "rv_unit_avoidable_cost": {"en": " €", "fi": " €"},
    "rv_verdict_improved": {"en": "improved", "fi": "parani"},
    "rv_verdict_worse": {"en": "worse", "fi": "heikkeni"},
    "rv_verdict_no_change": {"en": "no measurable change", "fi": "ei mitattavaa muutosta"},
    "rv_verdict_too_few": {
        "en": "no measurable change yet — n too small",
        "fi": "ei vielä mitattavaa muutosta – liian pieni n",
    },
    # evidence
    "rv_evidence_header": {
        "en": "Top friction points and the evidence",
        "fi": "Suurimmat kitkakohdat ja näyttö",
    },
    "rv_evidence_intro": {
        "en": "{period} (the sidebar's period and filters). Ranked as on the Functions page: "
        "significant friction first, then points at stake. Comments: what customers who met the "
        "friction there said most often; each links to a customer's timeline.",
        "fi": "{period} (sivupalkin jakso ja rajaukset). Järjestys kuten Toiminnot-sivulla: merkitsevä kitka "
        "ensin, sitten suurin parannusvara. Kommentit: mitä kitkan kohdanneet asiakkaat sanoivat "
        "useimmin; kustakin pääsee asiakkaan aikajanalle.",
    },
    "rv_evidence_none": {
        "en": "No friction measured for this scope in the period.",
        "fi": "Tälle rajaukselle ei ole mitattu kitkaa jaksolla.",
    },
    "rv_point_ops": {
        "en": "friction rate {rate} · {contacts} contacts per 100 journeys · avoidable cost {cost}",
        "fi": "kitkaosuus {rate} · {contacts} yhteydenottoa / 100 polkua · vältettävät kulut {cost}",
    },
    "rv_point_score": {
        "en": "{metric} with / without friction {with_} / {without}, difference {delta} ({ci}), {significant}",
        "fi": "{metric}: kohdanneet {with_}, muut {without}, ero {delta} ({ci}), {significant}",
    },
    "rv_point_few": {
        "en": "{metric}: fewer than {min_n} answers on one side, no difference shown",
        "fi": "{metric}: alle {min_n} vastausta toisella puolella, eroa ei näytetä",
    },
    "rv_significant": {"en": "significant", "fi": "merkitsevä"},
    "rv_not_significant": {"en": "not significant", "fi": "ei merkitsevä"},
    "rv_no_comments": {
        "en": "No comments from customers who met this friction in the period.",
        "fi": "Kitkan kohdanneilta asiakkailta ei ole kommentteja jaksolla.",
    },
    "rv_comments_header": {
        "en": "What customers who met it said",
        "fi": "Mitä kitkan kohdanneet asiakkaat sanoivat",
    },
    "rv_failed": {"en": "failed", "fi": "epäonnistui"},
    "rv_late": {"en": "late", "fi": "myöhässä"},
    "rv_sla": {"en": "SLA missed", "fi": "SLA ylittyi"},
    # actions
    "rv_actions_header": {"en": "Actions and whether they worked", "fi": "Toimenpiteet ja toimivatko ne"},
    "rv_actions_none": {
        "en": "No open action, and none done in the last half year.",
        "fi": "Ei avoimia toimenpiteitä eikä viimeisen puolen vuoden aikana tehtyjä.",
    },
    "rv_actions_caption": {
        "en": "{open} open, {overdue} overdue; done actions stay here for half a year after they "
        "took effect. “Did it work?” compares {weeks} weeks before and after the day an action "
        "took effect, with the 95% interval of the change.",
        "fi": "{open} avoinna, {overdue} myöhässä; tehdyt toimenpiteet näkyvät puoli vuotta "
        "voimaantulon jälkeen. ”Toimiko se?” vertaa {weeks} viikkoa ennen ja jälkeen "
        "voimaantulopäivän, muutoksen 95 %:n luottamusvälin kanssa.",
    },
    "rv_due": {"en": "due {date}", "fi": "määräpäivä {date}"},
    "rv_in_effect": {"en": "in effect {date}", "fi": "voimassa {date}"},
    "rv_change_caption": {
        "en": "Change: after minus before in the score difference with vs without friction of the "
        "action's metric (NPS, CSAT or CES), or in the friction rate when the action has no "
        "metric; open an action below for every measure.",
        "fi": "Muutos: jälkeen miinus ennen, toimenpiteen mittarissa (NPS, CSAT tai CES) kitkan kohdanneiden ja "
        "muiden välisestä erosta tai kitkaosuudesta, jos toimenpiteellä ei ole mittaria. Avaa toimenpide "
        "alla, niin näet kaikki mittarit.",
    },
    "rv_col_worked": {"en": "Did it work?", "fi": "Toimiko se?"},
    "rv_worked_no_date": {"en": "not in effect yet", "fi": "ei vielä voimassa"},
    "rv_open_action": {"en": "Open an action", "fi": "Avaa toimenpide"},
    "rv_open_action_none": {"en": "(none)", "fi": "(ei mitään)"},
    "rv_effect_windows": {
        "en": "Before: {before} · after: {after}",
        "fi": "Ennen: {before} · jälkeen: {after}",
    },
    "rv_history": {"en": "History of changes", "fi": "Muutoshistoria"},
    # next review
    "rv_next_header": {"en": "Next review", "fi": "Seuraava katselmointi"},
    "rv_next_recorded": {
        "en": "The meeting of {meeting} is recorded; the next review is on **{next}**.",
        "fi": "Kokous {meeting} on kirjattu; seuraava katselmointi on **{next}**.",
    },
    "rv_next_recorded_open": {
        "en": "The meeting of {meeting} is recorded, without a next date.",
        "fi": "Kokous {meeting} on kirjattu ilman seuraavaa päivää.",
    },
    "rv_next_not_recorded": {
        "en": "This meeting is not recorded yet.",
        "fi": "Tätä kokousta ei ole vielä kirjattu.",
    },
    "rv_next_date": {"en": "Next review on", "fi": "Seuraava katselmointi"},
    "rv_next_record": {"en": "Record this meeting", "fi": "Kirjaa tämä kokous"},
    # register
    "rv_register_header": {"en": "All actions", "fi": "Kaikki toimenpiteet"},
    "rv_reg_all_statuses": {"en": "Every status", "fi": "Kaikki tilat"},
    "rv_reg_overdue": {"en": "Overdue only", "fi": "Vain myöhässä"},
    "rv_reg_none": {"en": "No action matches.", "fi": "Ei ehtoja vastaavia toimenpiteitä."},
    "rv_reg_caption": {
        "en": "{count} actions. The ID is what `python -m pipelines actions` takes.",
        "fi": "{count} toimenpidettä. Tunnus on se, jota `python -m pipelines actions` käyttää.",
    },
    # pack and link
    "rv_pack_header": {"en": "Meeting pack", "fi": "Kokousaineisto"},
    "rv_share_header": {"en": "Link to this view", "fi": "Linkki tähän näkymään"},
    "rv_share_caption": {
        "en": "The link reopens this function, meeting date, window, opened action, language and filters.",
        "fi": "Linkki avaa saman toiminnon, kokouspäivän, jakson, avatun toimenpiteen, kielen ja rajaukset.",
    },
    "rv_share_copy": {"en": "Copy link", "fi": "Kopioi linkki"},
    "rv_share_copied": {"en": "Copied", "fi": "Kopioitu"},
    "rv_share_copy_failed": {
        "en": "Not copied: select the link and copy it",
        "fi": "Ei kopioitu: valitse linkki ja kopioi se",
    },
    # --- same-tab drill-down to a customer (issue 14) ------------------------------------------
    "rv_customers_header": {
        "en": "Customers whose timelines show it",
        "fi": "Asiakkaat, joiden aikajanalla kitka näkyy",
    },
    "rv_col_comment": {"en": "Comment", "fi": "Kommentti"},
    "rv_col_answers": {"en": "Answers", "fi": "Vastauksia"},
    "rv_col_newest": {"en": "Newest customer", "fi": "Uusin asiakas"},
    "rv_col_customer": {"en": "Customer", "fi": "Asiakas"},
    "rv_col_stage": {"en": "Journey stage", "fi": "Polun vaihe"},
    "rv_col_first_friction": {"en": "First friction", "fi": "Ensimmäinen kitka"},
    "rv_col_what_happened": {"en": "What happened", "fi": "Mitä tapahtui"},
    # plain column headers; the statistics in their help (issue 14)
    "rv_col_change_plain": {"en": "Change", "fi": "Muutos"},
    "rv_col_change_help": {
        "en": "After minus before. In brackets the range the true change very likely lies in (95% "
        "confidence interval); a change whose range does not include zero is a clear one.",
        "fi": "Jälkeen miinus ennen. Suluissa väli, jolla todellinen muutos hyvin todennäköisesti on "
        "(95 %:n luottamusväli); muutos on selvä, kun väli ei sisällä nollaa.",
    },
    "rv_col_base": {"en": "Counted before / after", "fi": "Mukana ennen / jälkeen"},
    "rv_col_base_help": {
        "en": "How many journeys (friction rate, contacts, cost) or survey answers (scores) each "
        "figure is based on, before and after.",
        "fi": "Kuinka moneen asiakaspolkuun (kitkaosuus, yhteydenotot, kulut) tai kyselyvastaukseen "
        "(tulokset) kukin luku perustuu, ennen ja jälkeen.",
    },
}
