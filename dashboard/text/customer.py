"""Texts of the Customer page (views/customer.py)."""

# Names of the journey events the demo company's systems send (the journey map names stages,
# not events); an event not listed here is shown with its code made readable ("Order picked").
ACTIVITY_NAMES = {
    "account_created": {"en": "Account created", "fi": "Tili luotu"},
    "login": {"en": "Logged in", "fi": "Kirjautui sisään"},
    "password_reset": {"en": "Password reset", "fi": "Salasana vaihdettu"},
    "product_viewed": {"en": "Viewed a product", "fi": "Katsoi tuotetta"},
    "cart_updated": {"en": "Updated the cart", "fi": "Muokkasi ostoskoria"},
    "order_placed": {"en": "Order placed", "fi": "Tilaus tehty"},
    "payment_authorised": {"en": "Payment authorised", "fi": "Maksu hyväksytty"},
    "order_picked": {"en": "Order picked", "fi": "Tilaus keräilty"},
    "order_packed": {"en": "Order packed", "fi": "Tilaus pakattu"},
    "shipped": {"en": "Shipped", "fi": "Lähetetty"},
    "out_for_delivery": {"en": "Out for delivery", "fi": "Jakelussa"},
    "delivered": {"en": "Delivered", "fi": "Toimitettu"},
    "invoice_sent": {"en": "Invoice sent", "fi": "Lasku lähetetty"},
    "invoice_paid": {"en": "Invoice paid", "fi": "Lasku maksettu"},
    "return_requested": {"en": "Return requested", "fi": "Palautuspyyntö tehty"},
    "return_received": {"en": "Return received", "fi": "Palautus vastaanotettu"},
    "refund_paid": {"en": "Refund paid", "fi": "Hyvitys maksettu"},
}

STRINGS = {
    "customer_title": {"en": "Customer timeline", "fi": "Asiakkaan aikajana"},
    "customer_intro": {
        "en": "One customer's journey events, contacts and survey answers in time order, with "
        "friction highlighted. The whole history is shown; the sidebar filters do not apply.",
        "fi": "Yhden asiakkaan polkutapahtumat, yhteydenotot ja kyselyvastaukset aikajärjestyksessä, "
        "kitka korostettuna. Koko historia näytetään; sivupalkin rajaukset eivät koske tätä sivua.",
    },
    "customer_search": {"en": "Customer id", "fi": "Asiakastunnus"},
    "customer_search_placeholder": {"en": "e.g. {example}", "fi": "esim. {example}"},
    "customer_search_help": {
        "en": "The customer id as it appears in the source systems. Links from the other pages fill it in.",
        "fi": "Asiakastunnus sellaisena kuin se on lähdejärjestelmissä. Muiden sivujen linkit täyttävät sen "
        "valmiiksi.",
    },
    "customer_prompt": {
        "en": "Enter a customer id, or open one from the affected customers on the Journey page.",
        "fi": "Kirjoita asiakastunnus tai avaa asiakas Asiakaspolku-sivun kitkan kohdanneiden listasta.",
    },
    "customer_examples": {
        "en": "Customers who met friction: {ids}",
        "fi": "Kitkan kohdanneita asiakkaita: {ids}",
    },
    "customer_unknown": {
        "en": "No customer with the id “{customer}” has journey events, contacts or survey "
        "responses. Check the id (it is case-sensitive).",
        "fi": "Tunnuksella ”{customer}” ei löydy polkutapahtumia, yhteydenottoja eikä "
        "kyselyvastauksia. Tarkista tunnus (isot ja pienet kirjaimet erotellaan).",
    },
    "customer_segment": {"en": "Segment", "fi": "Segmentti"},
    "customer_journeys": {"en": "Journeys", "fi": "Polkuja"},
    "customer_events": {"en": "Journey events", "fi": "Polkutapahtumia"},
    "customer_contacts": {"en": "Contacts", "fi": "Yhteydenottoja"},
    "customer_responses": {"en": "Survey responses", "fi": "Kyselyvastauksia"},
    "customer_friction_items": {"en": "{n} with friction", "fi": "kitkaa: {n}"},
    "customer_journeys_header": {"en": "Journeys", "fi": "Polut"},
    "customer_timeline_header": {"en": "Timeline", "fi": "Aikajana"},
    "customer_timeline_caption": {
        "en": "Red marks friction: a failed event, a deadline that passed before the step was "
        "done (shown when it passed), an avoidable contact (failure demand), or an answer "
        "given after friction in its journey. Times are {zone} time.",
        "fi": "Punainen tarkoittaa kitkaa: epäonnistunut tapahtuma, määräaika, joka ylittyi ennen kuin vaihe "
        "oli tehty (näytetään ylittymishetkellä), vältettävissä ollut yhteydenotto tai vastaus, joka "
        "annettiin polun kitkan jälkeen. Ajat ovat aikavyöhykkeellä {zone}.",
    },
    "customer_kind_event": {"en": "Journey event", "fi": "Polkutapahtuma"},
    "customer_kind_deadline": {"en": "Missed deadline", "fi": "Ylittynyt määräaika"},
    "customer_kind_contact": {"en": "Contact", "fi": "Yhteydenotto"},
    "customer_deadline_what": {"en": "{stage}: deadline passed", "fi": "{stage}: määräaika ylittyi"},
    "customer_deadline_promise": {
        "en": "promise to the customer broken",
        "fi": "asiakkaalle annettu lupaus ei pitänyt",
    },
    "customer_deadline_sla": {"en": "service level (SLA) missed", "fi": "palvelutaso (SLA) ei toteutunut"},
    "customer_deadline_both": {
        "en": "promise and service level (SLA) missed",
        "fi": "lupaus ja palvelutaso (SLA) eivät toteutuneet",
    },
    "customer_deadline_not_done": {
        "en": "still not done when the data ends",
        "fi": "ei vieläkään tehty aineiston päättyessä",
    },
    "customer_deadline_done_late": {"en": "done late", "fi": "tehtiin myöhässä"},
    "customer_kind_response": {"en": "Survey response", "fi": "Kyselyvastaus"},
    "customer_friction": {"en": "Friction", "fi": "Kitka"},
    "customer_no_friction": {"en": "No friction", "fi": "Ei kitkaa"},
    "customer_outcome_completed": {"en": "Completed", "fi": "Valmis"},
    "customer_outcome_dropped": {"en": "Dropped", "fi": "Keskeytynyt"},
    "customer_outcome_in_progress": {"en": "In progress", "fi": "Kesken"},
    "customer_outcome_none": {"en": "No mapped events", "fi": "Ei vaiheisiin kuuluvia tapahtumia"},
    "customer_no_journey": {"en": "(no journey)", "fi": "(ei polkua)"},
    "customer_unmapped": {"en": "(not mapped)", "fi": "(ei vaihetta)"},
    "customer_failed": {"en": "failed", "fi": "epäonnistui"},
    "customer_ok": {"en": "done", "fi": "tehty"},
    "customer_ok_late": {"en": "done late", "fi": "tehty myöhässä"},
    "customer_late": {"en": "late", "fi": "myöhässä"},
    "customer_friction_summary": {
        "en": "Friction in this timeline ({n}), red in the table below:",
        "fi": "Kitka tällä aikajanalla ({n}), punaisella alla olevassa taulukossa:",
    },
    "customer_friction_more": {"en": "… and {n} more", "fi": "… ja {n} muuta"},
    "customer_no_friction_summary": {
        "en": "No friction in this customer's timeline.",
        "fi": "Tämän asiakkaan aikajanalla ei ole kitkaa.",
    },
    "customer_event_code": {"en": "event code {code}", "fi": "tapahtumakoodi {code}"},
    "customer_handled_by": {"en": "{channel}, handled by {team}", "fi": "{channel}, käsittelijä {team}"},
    "customer_score": {"en": "score {score}", "fi": "pisteet {score}"},
    "customer_col_time": {"en": "Time", "fi": "Aika"},
    "customer_col_kind": {"en": "Kind", "fi": "Tyyppi"},
    "customer_col_journey": {"en": "Journey", "fi": "Polku"},
    "customer_col_stage": {"en": "Stage", "fi": "Vaihe"},
    "customer_col_owner": {"en": "Owner", "fi": "Vastuutaho"},
    "customer_col_what": {"en": "What", "fi": "Mitä"},
    "customer_col_detail": {"en": "Detail", "fi": "Lisätiedot"},
    "customer_col_friction": {"en": "Friction", "fi": "Kitka"},
    "customer_col_started": {"en": "Started", "fi": "Alkoi"},
    "customer_col_stages": {"en": "Stages visited", "fi": "Käydyt vaiheet"},
    "customer_col_outcome": {"en": "Outcome", "fi": "Tila"},
    "customer_col_friction_items": {"en": "With friction", "fi": "Joissa kitkaa"},
    "customer_col_contacts": {"en": "Contacts", "fi": "Yhteydenottoja"},
    "customer_col_responses": {"en": "Responses", "fi": "Vastauksia"},
}
