"""Free-text notes of the demo company's contacts, and the follow-ups logged under another reason.

An agent writes a short note on every contact, in Finnish or English, about what the customer asked
(one template per true reason), "again" in front when it is a follow-up. A share of the follow-ups is
logged under "other" instead of their reason: the same question, which only the note shows. That is
what a real contact centre does, and the reason-based repeat count misses it; the repeated-questions
model (int_repeated_questions) must find it through the note's theme. The number planted is in the
truth file ("repeated_questions").

Notes draw from their own random stream (the chunk's seed plus NOTES_STREAM), so adding them moved
no other draw of the demo.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo_contacts import REASONS

NOTES_STREAM = 16
P_FINNISH = 0.8
P_RELOGGED = 0.3  # follow-ups logged under "other"
# true reason -> language -> templates; each names the question in words a journey-map theme with
# a stage knows (data/journey_map.yaml themes), except where no such theme exists
NOTES: dict[str, dict[str, list[str]]] = {
    "login_problem": {
        "fi": [
            "Kirjautuminen ei onnistu sovellukseen.",
            "Asiakas ei pääse kirjautumaan, salasanan vaihto ei auta.",
        ],
        "en": ["Customer cannot log in to the app.", "Password reset does not help, still cannot log in."],
    },
    "product_question": {
        "fi": ["Kysyi tuotteen laadusta ennen tilausta.", "Kysymys tuotteen laadusta ja materiaalista."],
        "en": [
            "Asked about the product quality before ordering.",
            "Question about the quality of a material.",
        ],
    },
    "change_order": {
        "fi": ["Haluaa muuttaa tilauksen toimitusosoitetta.", "Tilaukseen lisättävä tuote."],
        "en": ["Wants to change the delivery address of the order.", "Wants to add an item to the order."],
    },
    "payment_failed": {
        "fi": ["Maksu ei mennyt läpi kortilla.", "Verkkopankkimaksu keskeytyi."],
        "en": ["Card payment did not go through.", "Online bank payment was interrupted."],
    },
    "wrong_item": {
        "fi": ["Paketissa väärä tuote.", "Tilauksesta puuttui tuote, tilalla väärä tuote."],
        "en": ["Wrong product in the parcel.", "An item was missing and a wrong product came instead."],
    },
    "where_is_my_order": {
        "fi": ["Kysyy missä paketti on, toimitus myöhässä.", "Paketti myöhässä eikä seuranta päivity."],
        "en": [
            "Asks where the parcel is, the delivery is late.",
            "Parcel is late and tracking does not update.",
        ],
    },
    "damaged_delivery": {
        "fi": ["Pakkaus oli rikki ja tuote vaurioitunut.", "Tuote saapui rikkinäisessä pakkauksessa."],
        "en": ["The packaging was broken and the item damaged.", "Item arrived in damaged packaging."],
    },
    "invoice_error": {
        "fi": ["Laskussa väärä summa.", "Lasku tuli kahteen kertaan."],
        "en": ["Wrong amount on the invoice.", "The invoice came twice."],
    },
    "return_request": {
        "fi": ["Haluaa tehdä palautuksen, kysyy ohjeita.", "Palautus: tuote ei sopinut."],
        "en": ["Wants to make a return and asks how.", "Return: the item did not fit."],
    },
    "refund_delay": {
        "fi": ["Hyvitys palautuksesta ei ole tullut.", "Odottaa yhä hyvitystä."],
        "en": ["The refund for a return has not arrived.", "Still waiting for the refund."],
    },
    "complaint": {
        "fi": ["Asiakas antoi palautetta palvelusta.", "Yleinen valitus."],
        "en": ["Customer gave feedback on the service.", "General complaint."],
    },
    "other": {
        "fi": ["Yleinen kysymys.", "Muu asia."],
        "en": ["General question.", "Something else."],
    },
}
# the theme with a stage (data/journey_map.yaml) that tags every note of a reason; the notes of the
# other reasons mention none (tests/test_demo_notes.py checks both)
THEME_OF = {
    "login_problem": "login_app",
    "product_question": "product_quality",
    "wrong_item": "wrong_item",
    "where_is_my_order": "late_delivery",
    "damaged_delivery": "packaging",
    "invoice_error": "invoice_problem",
    "return_request": "refund",
    "refund_delay": "refund",
}
AGAIN = {"fi": "Uusi yhteydenotto samasta asiasta. ", "en": "Contacting us again about the same thing. "}
LANGUAGES = ("fi", "en")
PER_REASON = 2  # templates per reason and language


def note_texts() -> list[str]:
    """Every note: index ((reason * 2 + language) * 2 + again) * PER_REASON + template."""
    texts = []
    for reason in REASONS:
        for language in LANGUAGES:
            for again in (False, True):
                for template in NOTES[reason][language]:
                    texts.append((AGAIN[language] if again else "") + template)
    return texts


def add_notes(seed: int, chunk: int, contacts: dict[str, np.ndarray]) -> None:
    """Give one chunk's contacts their notes (`note`: an index into note_texts()) and log a share of
    the follow-ups under "other"."""
    rng = np.random.default_rng([seed, chunk, NOTES_STREAM])
    true_reason = contacts["true_reason"].astype(np.int64)
    k = true_reason.size
    again = contacts["follow_up"]
    language = (rng.random(k) >= P_FINNISH).astype(np.int64)
    template = rng.integers(0, PER_REASON, k)
    contacts["note"] = ((true_reason * 2 + language) * 2 + again) * PER_REASON + template
    other = REASONS.index("other")
    relog = again & (contacts["reason"] >= 0) & (true_reason != other) & (rng.random(k) < P_RELOGGED)
    contacts["reason"] = np.where(relog, other, contacts["reason"]).astype(np.int8)


def relogged_with_theme(contacts: dict[str, np.ndarray], customer: np.ndarray) -> int:
    """Follow-ups logged under "other" whose note's theme the same customer's earlier contact (its
    true reason's theme) had at most 90 days before: the repeated questions only the notes show.
    ``customer``: each contact's customer. Counted from the true reasons, not from the notes."""
    themes = sorted(set(THEME_OF.values()))
    code = np.full(len(REASONS), -1)
    for reason, theme in THEME_OF.items():
        code[REASONS.index(reason)] = themes.index(theme)
    theme = code[contacts["true_reason"]]
    opened = contacts["opened"]
    order = np.lexsort((opened, theme, customer))
    same_group = np.zeros(order.size, dtype=bool)
    same_group[1:] = (customer[order][1:] == customer[order][:-1]) & (theme[order][1:] == theme[order][:-1])
    gap = np.full(order.size, np.inf)
    gap[1:] = opened[order][1:] - opened[order][:-1]
    earlier = np.zeros(order.size, dtype=bool)
    earlier[order] = same_group & (gap <= 90 * 86400)
    relogged = contacts["follow_up"] & (contacts["reason"] == REASONS.index("other")) & (theme >= 0)
    return int((relogged & earlier).sum())
