"""Texts of the Contacts page (dashboard/views/contacts.py)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "ct_title": {"en": "Why customers contact us", "fi": "Miksi asiakkaat ottavat yhteyttä"},
    "ct_intro": {
        "en": "Most contacts mean something already went wrong. Contact reasons come from the "
        "journey map: avoidable ones (failure demand) are caused by friction in the "
        "journey and can be removed at their cause.",
        "fi": "Useimmat yhteydenotot kertovat, että jokin on jo mennyt vikaan. Syyt tulevat polkukartasta: "
        "vältettävissä olevat yhteydenotot (virhekysyntä) johtuvat polun kitkasta, ja ne poistuvat, kun "
        "syy korjataan.",
    },
    "ct_none": {"en": "No contacts match the filters.", "fi": "Rajauksia vastaavia yhteydenottoja ei ole."},
    "ct_unattributed": {"en": "Not attributed", "fi": "Ei kohdistettu"},
    "ct_team_unknown": {"en": "Not recorded", "fi": "Ei tiedossa"},
    # controls
    "ct_channel_filter": {"en": "Contact channel", "fi": "Yhteydenottokanava"},
    "ct_all_channels": {"en": "All contact channels", "fi": "Kaikki yhteydenottokanavat"},
    "ct_channel_filter_help": {
        "en": "The channel the customer used to contact us. The sidebar's channel filter is the "
        "survey response channel and does not apply to contacts.",
        "fi": "Kanava, jota asiakas käytti ottaessaan yhteyttä. Sivupalkin kanavarajaus on "
        "kyselyn vastauskanava eikä koske yhteydenottoja.",
    },
    "ct_response_channel_ignored": {
        "en": "The sidebar's response channel filter applies to survey scores only; use the "
        "contact channel selector above for contacts.",
        "fi": "Sivupalkin vastauskanavarajaus koskee vain kyselytuloksia; rajaa yhteydenottoja "
        "yllä olevalla yhteydenottokanavan valinnalla.",
    },
    "ct_window": {"en": "Repeat contact window (days)", "fi": "Toiston aikaraja (päivää)"},
    "ct_window_help": {
        "en": "A contact is a repeat when the same customer contacted us with the same reason "
        "(any channel) at most this many days earlier. The journey map uses {default} days.",
        "fi": "Yhteydenotto on toistuva, kun sama asiakas otti yhteyttä samasta syystä (missä "
        "tahansa kanavassa) enintään näin monta päivää aiemmin. Polkukartan oletus on "
        "{default} päivää.",
    },
    # KPIs
    "ct_kpi_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "ct_kpi_contacts_help": {
        "en": "Contacts opened in the period (by month of opening).",
        "fi": "Jaksolla avatut yhteydenotot (avauskuukauden mukaan).",
    },
    "ct_kpi_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "ct_kpi_avoidable_help": {
        "en": "Share of contacts whose reason is marked avoidable in the journey map (failure "
        "demand). Unmapped reasons count as not avoidable.",
        "fi": "Niiden yhteydenottojen osuus, joiden syy on polkukartassa merkitty vältettäväksi "
        "(virhekysyntä). Polkukartasta puuttuvat syyt lasketaan ei-vältettäviksi.",
    },
    "ct_kpi_of": {"en": "{count} contacts", "fi": "{count} yhteydenottoa"},
    "ct_kpi_repeats": {"en": "Repeats ({days} d)", "fi": "Toistuvat ({days} pv)"},
    "ct_kpi_repeats_help": {
        "en": "Contacts that followed the same customer's contact with the same reason within {days} days.",
        "fi": "Yhteydenotot, joita edelsi saman asiakkaan samansyinen yhteydenotto {days} päivän sisällä.",
    },
    "ct_kpi_share": {"en": "{share} of contacts", "fi": "{share} yhteydenotoista"},
    "ct_kpi_transferred": {"en": "Transferred", "fi": "Siirretty"},
    "ct_kpi_transferred_help": {
        "en": "Share of contacts passed on at least once to another agent or team.",
        "fi": "Osuus yhteydenotoista, jotka siirrettiin vähintään kerran toiselle käsittelijälle.",
    },
    "ct_kpi_transfers": {"en": "{count} transfers", "fi": "{count} siirtoa"},
    "ct_kpi_cost": {"en": "Handling cost", "fi": "Käsittelykulut"},
    "ct_kpi_cost_help": {
        "en": "Contacts times the cost per contact of their channel (journey map).",
        "fi": "Yhteydenottojen määrä kerrottuna kanavan yhteydenottokohtaisella hinnalla (polkukartta).",
    },
    "ct_kpi_avoidable_cost": {"en": "{cost} avoidable", "fi": "{cost} vältettävissä"},
    # reasons
    "ct_focus_header": {"en": "Contacts at the stage: {stage}", "fi": "Vaiheen yhteydenotot: {stage}"},
    "ct_focus_all": {"en": "All stages", "fi": "Kaikki vaiheet"},
    "ct_focus_none": {
        "en": "No contacts at this stage under the filters.",
        "fi": "Rajauksilla tässä vaiheessa ei ole yhteydenottoja.",
    },
    "ct_focus_summary": {
        "en": "{contacts} contacts, {avoidable} of them avoidable · cost {cost}, of which "
        "{avoidable_cost} avoidable",
        "fi": "{contacts} yhteydenottoa, joista {avoidable} vältettävissä · kulut {cost}, joista "
        "{avoidable_cost} vältettävissä",
    },
    "ct_focus_examples": {"en": "Latest customers at this stage", "fi": "Vaiheen viimeisimmät asiakkaat"},
    "ct_reasons_header": {"en": "Contact reasons", "fi": "Yhteydenottojen syyt"},
    "ct_reason_unmapped": {"en": "{reason} (not in the journey map)", "fi": "{reason} (ei polkukartassa)"},
    "ct_reason_missing": {"en": "No reason recorded", "fi": "Syy puuttuu"},
    "ct_unmapped": {
        "en": "**{count} contacts ({share}) have a reason that is not in the journey map**: "
        "{reasons}. They are attributed to the stage where the customer's journey stood "
        "and counted as not avoidable. Add the reasons to the journey map to classify them.",
        "fi": "**{count} yhteydenoton ({share}) syy puuttuu polkukartasta**: {reasons}. Ne "
        "kohdistetaan vaiheeseen, jossa asiakkaan polku oli, ja lasketaan ei-vältettäviksi. "
        "Lisää syyt polkukarttaan, niin ne luokitellaan.",
    },
    "ct_unmapped_none": {
        "en": "Every contact reason in the period is in the journey map.",
        "fi": "Jakson kaikki yhteydenottojen syyt ovat polkukartassa.",
    },
    "ct_kind_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "ct_kind_value": {"en": "Not avoidable", "fi": "Ei vältettävissä"},
    "ct_kind_unmapped": {"en": "Not in the journey map", "fi": "Ei polkukartassa"},
    "ct_cumulative": {"en": "Cumulative share", "fi": "Kertymä"},
    "ct_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "ct_pareto_hover": {
        "en": "{reason}<br>{contacts} contacts ({share})<br>Cost {cost}",
        "fi": "{reason}<br>{contacts} yhteydenottoa ({share})<br>Kulut {cost}",
    },
    "ct_cumulative_hover": {
        "en": "Up to {reason}: {value} of contacts",
        "fi": "{reason} mukaan lukien: {value} yhteydenotoista",
    },
    "ct_reasons_caption": {
        "en": "Bars: contacts per reason, most frequent first; line: cumulative share of all "
        "contacts (Pareto). Repeats use the window chosen above.",
        "fi": "Pylväät: yhteydenotot syittäin yleisimmästä alkaen; viiva: kertynyt osuus kaikista "
        "yhteydenotoista (Pareto). Toistuvat lasketaan yllä valitulla aikarajalla.",
    },
    "ct_col_reason": {"en": "Contact reason", "fi": "Yhteydenoton syy"},
    "ct_col_cumulative": {"en": "Cumulative", "fi": "Kertymä"},
    "ct_col_contacts": {"en": "Contacts", "fi": "Yhteydenotot"},
    "ct_col_avoidable": {"en": "Avoidable", "fi": "Vältettävissä"},
    "ct_col_repeats": {"en": "Repeats ({days} d)", "fi": "Toistuvat ({days} pv)"},
    "ct_col_transferred": {"en": "Transferred", "fi": "Siirretty"},
    "ct_col_cost": {"en": "Cost", "fi": "Kulut"},
    "ct_col_avoidable_cost": {"en": "Avoidable cost", "fi": "Vältettävät kulut"},
    # channels and breakdowns
    "ct_channels_header": {"en": "Channel mix", "fi": "Kanavajakauma"},
    "ct_channel_hover": {
        "en": "{channel}<br>{contacts} contacts ({share})<br>Cost {cost}",
        "fi": "{channel}<br>{contacts} yhteydenottoa ({share})<br>Kulut {cost}",
    },
    "ct_col_channel": {"en": "Contact channel", "fi": "Kanava"},
    "ct_breakdown_header": {"en": "By journey stage and owner", "fi": "Vaiheittain ja vastuutahoittain"},
    "ct_tab_stage": {"en": "By stage", "fi": "Vaiheittain"},
    "ct_tab_owner": {"en": "By owning function", "fi": "Vastuutahoittain"},
    "ct_col_stage": {"en": "Journey stage", "fi": "Polun vaihe"},
    "ct_col_owner": {"en": "Owning function", "fi": "Vastuutaho"},
    "ct_breakdown_caption": {
        "en": "A contact belongs to the stage of its reason, else to the stage where the "
        "customer's journey stood when they got in touch; the owner is the function that "
        "owns the reason or stage.",
        "fi": "Yhteydenotto kuuluu syynsä vaiheeseen, muuten vaiheeseen, jossa asiakkaan polku oli "
        "yhteydenottohetkellä. Vastuutaho on toiminto, joka vastaa syystä tai vaiheesta.",
    },
    # drill-down
    "ct_drill_header": {"en": "One reason in detail", "fi": "Yksi syy tarkemmin"},
    "ct_select_reason": {"en": "Contact reason", "fi": "Yhteydenoton syy"},
    "ct_drill_summary": {
        "en": "{contacts} contacts ({share} of all) · cost {cost} · {kind}",
        "fi": "{contacts} yhteydenottoa ({share} kaikista) · kulut {cost} · {kind}",
    },
    "ct_by_stage": {"en": "By journey stage", "fi": "Polun vaiheittain"},
    "ct_by_channel": {"en": "By contact channel", "fi": "Kanavittain"},
    "ct_by_month": {"en": "By month", "fi": "Kuukausittain"},
    "ct_examples": {
        "en": "Latest customers with this reason",
        "fi": "Viimeisimmät asiakkaat, joilla tämä syy",
    },
    "ct_examples_none": {
        "en": "No contacts with this reason under the filters.",
        "fi": "Rajauksilla ei ole tämän syyn yhteydenottoja.",
    },
    "ct_examples_caption": {
        "en": "The {count} most recent contacts; click a row to open the customer's whole timeline.",
        "fi": "{count} viimeisintä yhteydenottoa; napsauta riviä, niin asiakkaan koko aikajana avautuu.",
    },
    "ct_col_customer": {"en": "Customer", "fi": "Asiakas"},
    "ct_col_customer_help": {"en": "Opens the customer's timeline.", "fi": "Avaa asiakkaan aikajanan."},
    "ct_col_opened": {"en": "Opened", "fi": "Avattu"},
    "ct_col_handled": {"en": "Handled by", "fi": "Käsittelijä"},
    "ct_col_transfers": {"en": "Transfers", "fi": "Siirrot"},
    "ct_col_resolved": {"en": "Resolved", "fi": "Ratkaistu"},
    "ct_col_previous": {"en": "Since previous same-reason contact", "fi": "Väli edelliseen (sama syy)"},
    "ct_days": {"en": "{value} d", "fi": "{value} pv"},
}
