"""Texts of the Feedback page (dashboard/views/feedback.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nav_feedback": {"en": "Feedback", "fi": "Palaute"},
    "fb_title": {"en": "What customers write about", "fi": "Mistä asiakkaat kirjoittavat"},
    "fb_intro": {
        "en": "Survey comments tagged with the themes of the journey map: how often each theme comes "
        "up, how the scores of those who mention it compare with the other commenters, and what they "
        "wrote. Click a theme or a comment to go further.",
        "fi": "Kyselyjen kommentit polkukartan aiheiden mukaan: kuinka usein kukin aihe mainitaan, "
        "miten aiheen maininneiden tulos eroaa muista kommentoijista ja mitä he kirjoittivat. "
        "Napsauta aihetta tai kommenttia nähdäksesi lisää.",
    },
    "fb_unavailable": {
        "en": "The data has no comment themes yet. Refresh the data (Upload data page, or "
        "`python -m pipelines refresh`) to tag the comments.",
        "fi": "Kommenttien aiheita ei ole vielä laskettu. Päivitä tiedot (Tietojen tuonti -sivu tai "
        "`python -m pipelines refresh`), niin kommentit luokitellaan.",
    },
    "fb_no_themes": {
        "en": "The journey map has no themes, so no comment is tagged. Add theme rules to the journey "
        "map's `themes` section (Journey map page) and refresh the data.",
        "fi": "Polkukartassa ei ole aiheita, joten kommentteja ei ole luokiteltu. Lisää aihesäännöt "
        "polkukartan `themes`-osioon (Polkukartta-sivu) ja päivitä tiedot.",
    },
    "fb_no_comments": {
        "en": "No survey response under these filters has a comment.",
        "fi": "Rajauksia vastaavissa kyselyvastauksissa ei ole kommentteja.",
    },
    # the score group filter
    "fb_score_group": {"en": "Score group", "fi": "Vastaajaryhmä"},
    "fb_score_group_help": {
        "en": "Counts, comments and themes of these responses only. The score comparison always uses "
        "every response: within one score group the scores could hardly differ.",
        "fi": "Määrät, kommentit ja aiheet vain näistä vastauksista. Tulosten vertailu käyttää aina "
        "kaikkia vastauksia: yhden ryhmän sisällä tulokset tuskin eroaisivat.",
    },
    "fb_group_all": {"en": "All responses", "fi": "Kaikki vastaukset"},
    "fb_group_nps_positive": {"en": "NPS promoters (9–10)", "fi": "NPS: suosittelijat (9–10)"},
    "fb_group_nps_neutral": {"en": "NPS passives (7–8)", "fi": "NPS: passiiviset (7–8)"},
    "fb_group_nps_negative": {"en": "NPS detractors (0–6)", "fi": "NPS: arvostelijat (0–6)"},
    "fb_group_csat_positive": {"en": "CSAT satisfied (4–5)", "fi": "CSAT: tyytyväiset (4–5)"},
    "fb_group_csat_neutral": {"en": "CSAT not satisfied (1–3)", "fi": "CSAT: muut (1–3)"},
    "fb_group_ces_positive": {"en": "CES easy (5–7)", "fi": "CES: helppo (5–7)"},
    "fb_group_ces_neutral": {"en": "CES not easy (1–4)", "fi": "CES: muut (1–4)"},
    "fb_short_nps_positive": {"en": "promoter", "fi": "suosittelija"},
    "fb_short_nps_neutral": {"en": "passive", "fi": "passiivinen"},
    "fb_short_nps_negative": {"en": "detractor", "fi": "arvostelija"},
    "fb_short_csat_positive": {"en": "satisfied", "fi": "tyytyväinen"},
    "fb_short_csat_neutral": {"en": "not satisfied", "fi": "ei tyytyväinen"},
    "fb_short_ces_positive": {"en": "easy", "fi": "helppo"},
    "fb_short_ces_neutral": {"en": "not easy", "fi": "ei helppo"},
    # key figures
    "fb_kpi_comments": {"en": "Comments", "fi": "Kommentit"},
    "fb_kpi_comments_help": {
        "en": "Survey responses with a written comment (at least one word) under the filters.",
        "fi": "Rajauksia vastaavat kyselyvastaukset, joissa on kirjoitettu kommentti (vähintään yksi sana).",
    },
    "fb_kpi_tagged": {"en": "Mention a theme", "fi": "Mainitsee aiheen"},
    "fb_kpi_tagged_help": {
        "en": "Comments that mention at least one theme of the journey map.",
        "fi": "Kommentit, joissa mainitaan ainakin yksi polkukartan aihe.",
    },
    "fb_kpi_untagged": {"en": "No theme", "fi": "Ei aihetta"},
    "fb_kpi_untagged_help": {
        "en": "Comments that mention no theme: what the theme rules do not catch yet.",
        "fi": "Kommentit, joissa ei mainita mitään aihetta: mitä aihesäännöt eivät vielä tunnista.",
    },
    "fb_kpi_themes": {"en": "Themes mentioned", "fi": "Mainitut aiheet"},
    "fb_kpi_of_themes": {"en": "of {total} in the map", "fi": "polkukartan {total} aiheesta"},
    "fb_kpi_count": {"en": "{count} comments", "fi": "{count} kommenttia"},
    "fb_kpi_share": {"en": "{share} of comments", "fi": "{share} kommenteista"},
    # theme volumes and trend
    "fb_volumes_header": {"en": "Themes customers mention", "fi": "Aiheet, joista asiakkaat kirjoittavat"},
    "fb_col_theme": {"en": "Theme", "fi": "Aihe"},
    "fb_col_owner": {"en": "Owning function", "fi": "Vastuutaho"},
    "fb_col_mentions": {"en": "Mentions", "fi": "Maininnat"},
    "fb_col_share": {"en": "Share of comments", "fi": "Osuus kommenteista"},
    "fb_col_share_help": {
        "en": "Comments that mention the theme, as a share of all comments under the filters.",
        "fi": "Aiheen maininneet kommentit osuutena kaikista rajauksia vastaavista kommenteista.",
    },
    "fb_stage_none": {"en": "No single stage", "fi": "Ei yksittäistä vaihetta"},
    "fb_volumes_caption": {
        "en": "A comment can mention several themes, so the shares add up to more than 100%. "
        "Click a theme to read its comments and open the customers who wrote them.",
        "fi": "Kommentissa voi olla useita aiheita, joten osuuksien summa voi ylittää 100 %. "
        "Napsauta aihetta nähdäksesi sen kommentit ja niiden kirjoittajat.",
    },
    "fb_trend_header": {
        "en": "Share of comments by month: the {count} most mentioned themes",
        "fi": "Osuus kommenteista kuukausittain: {count} mainituinta aihetta",
    },
    "fb_trend_hover": {
        "en": "{theme}<br>{month}: {share} of comments<br>{mentions} of {comments} comments",
        "fi": "{theme}<br>{month}: {share} kommenteista<br>{mentions} / {comments} kommenttia",
    },
    # score comparison
    "fb_scores_header": {
        "en": "Scores of those who mention a theme vs the other commenters",
        "fi": "Aiheen maininneiden tulos verrattuna muihin kommentoijiin",
    },
    "fb_col_mentioning": {"en": "Mention it", "fi": "Maininneet"},
    "fb_col_mentioning_help": {
        "en": "Score of the responses whose comment mentions the theme (n = responses).",
        "fi": "Niiden vastausten tulos, joiden kommentissa aihe mainitaan (n = vastauksia).",
    },
    "fb_col_others": {"en": "Other commenters", "fi": "Muut kommentoijat"},
    "fb_col_others_help": {
        "en": "Score of the other responses with a comment (n = responses).",
        "fi": "Muiden kommentin sisältävien vastausten tulos (n = vastauksia).",
    },
    "fb_col_delta_help": {
        "en": "Score of those who mention the theme minus the other commenters' score.",
        "fi": "Aiheen maininneiden tulos miinus muiden kommentoijien tulos.",
    },
    "fb_score_n": {"en": "{score} (n\u00a0=\u00a0{n})", "fi": "{score} (n\u00a0=\u00a0{n})"},
    "fb_not_enough_n": {
        "en": "Not enough responses (n\u00a0=\u00a0{n})",
        "fi": "Liian vähän vastauksia (n\u00a0=\u00a0{n})",
    },
    "fb_scores_caption": {
        "en": "Significant differences first. Themes nobody mentions under these filters are left out. "
        "The score group filter does not apply here. {units}",
        "fi": "Merkitsevät erot ensin. Aiheet, joita kukaan ei rajauksilla mainitse, on jätetty pois. "
        "Vastaajaryhmän rajaus ei koske tätä taulukkoa. {units}",
    },
    "fb_scores_none": {
        "en": "No theme is mentioned under these filters.",
        "fi": "Rajauksilla yhtäkään aihetta ei mainita.",
    },
    # one theme
    "fb_pick": {"en": "Open a theme", "fi": "Avaa aihe"},
    "fb_pick_placeholder": {"en": "Choose a theme…", "fi": "Valitse aihe…"},
    "fb_pick_hint": {
        "en": "…or click a theme in the table below.",
        "fi": "…tai napsauta aihetta alla olevassa taulukossa.",
    },
    "fb_focus_header": {"en": "Theme: {theme}", "fi": "Aihe: {theme}"},
    "fb_focus_all": {"en": "All themes", "fi": "Kaikki aiheet"},
    "fb_focus_meta": {
        "en": "Journey stage: {stage} · Owning function: {owner}",
        "fi": "Polun vaihe: {stage} · Vastuutaho: {owner}",
    },
    "fb_focus_summary": {
        "en": "{mentions} comments ({share} of all comments) from {customers} customers mention this theme.",
        "fi": "Aihe mainitaan {mentions} kommentissa ({share} kaikista kommenteista), {customers} asiakkaalta.",
    },
    "fb_focus_none": {
        "en": "No comment mentions this theme under these filters.",
        "fi": "Rajauksilla yksikään kommentti ei mainitse tätä aihetta.",
    },
    "fb_gap_lower": {
        "en": "{metric}: those who mention it scored {with_score}, the other commenters "
        "{without_score}: {gap} lower.",
        "fi": "{metric}: aiheen maininneiden tulos oli {with_score} ja muiden kommentoijien "
        "{without_score} eli {gap} heikompi.",
    },
    "fb_gap_higher": {
        "en": "{metric}: those who mention it scored {with_score}, the other commenters "
        "{without_score}: {gap} higher.",
        "fi": "{metric}: aiheen maininneiden tulos oli {with_score} ja muiden kommentoijien "
        "{without_score} eli {gap} parempi.",
    },
    "fb_gap_unclear": {
        "en": "{metric}: {with_score} for those who mention it, {without_score} for the other "
        "commenters; the difference may be chance.",
        "fi": "{metric}: maininneilla {with_score}, muilla kommentoijilla {without_score}; ero voi olla sattumaa.",
    },
    "fb_gap_not_enough": {
        "en": "{metric}: not enough responses to compare ({n_with} mention it, {n_without} others).",
        "fi": "{metric}: liian vähän vastauksia vertailuun (aiheen maininneita {n_with}, muita {n_without}).",
    },
    "fb_gap_help": {
        "en": "Responses: {n_with} mention the theme, {n_without} other commenters. 95% confidence "
        "interval of the difference {ci}; Benjamini–Hochberg adjusted p {p}.",
        "fi": "Vastauksia: aiheen maininneita {n_with}, muita kommentoijia {n_without}. Eron 95 %:n "
        "luottamusväli {ci}; Benjamini–Hochberg-korjattu p {p}.",
    },
    "fb_focus_months": {"en": "Mentions by month", "fi": "Maininnat kuukausittain"},
    "fb_month_hover": {
        "en": "{month}: {mentions} mentions<br>{share} of comments",
        "fi": "{month}: {mentions} mainintaa<br>{share} kommenteista",
    },
    "fb_comments_header": {"en": "What they wrote", "fi": "Mitä he kirjoittivat"},
    "fb_col_responded": {"en": "Answered", "fi": "Vastattu"},
    "fb_col_score": {"en": "Score", "fi": "Tulos"},
    "fb_col_comment": {"en": "Comment", "fi": "Kommentti"},
    "fb_col_terms": {"en": "Matched terms", "fi": "Tunnistetut sanat"},
    "fb_col_terms_help": {
        "en": "The theme's terms found in the comment (journey map rules).",
        "fi": "Kommentista löytyneet aiheen sanat (polkukartan säännöt).",
    },
    "fb_col_customer": {"en": "Customer", "fi": "Asiakas"},
    "fb_col_customer_help": {
        "en": "Click a row to open the customer's timeline.",
        "fi": "Napsauta riviä avataksesi asiakkaan aikajanan.",
    },
    "fb_comments_caption": {
        "en": "{shown} of {count} comments: those about this theme alone first, then the newest. "
        "Click a row to open the customer.",
        "fi": "{shown} / {count} kommenttia: ensin pelkästään tästä aiheesta kirjoitetut, sitten uusimmat. "
        "Napsauta riviä avataksesi asiakkaan.",
    },
    # untagged comments
    "fb_untagged_header": {"en": "Comments without a theme", "fi": "Kommentit ilman aihetta"},
    "fb_untagged_summary": {
        "en": "{count} comments ({share}) mention no theme. Read them for what the rules miss, and add "
        "a theme or a term to the journey map (Journey map page).",
        "fi": "{count} kommenttia ({share}) ei mainitse mitään aihetta. Lue ne nähdäksesi, mitä säännöt "
        "eivät tunnista, ja lisää aihe tai sana polkukarttaan (Polkukartta-sivu).",
    },
    "fb_untagged_none": {
        "en": "Every comment mentions at least one theme.",
        "fi": "Jokainen kommentti mainitsee ainakin yhden aiheen.",
    },
    "fb_untagged_caption": {
        "en": "The {shown} newest. Click a row to open the customer.",
        "fi": "{shown} uusinta. Napsauta riviä avataksesi asiakkaan.",
    },
}
