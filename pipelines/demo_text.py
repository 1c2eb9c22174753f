"""Free-text comment templates for the demo company, in Finnish and English.

Every comment category has templates per language; a rendered variant is template x optional
closing sentence, and for late deliveries also x the number of days late. All variants are
rendered once into one flat list, so choosing comments for a million responses is an integer
index into that list (no per-row string formatting).
"""

from __future__ import annotations

import numpy as np

LANGUAGES = ("fi", "en")
MAX_LATE_DAYS = 5
DAYS = {
    "fi": ["päivän", "kaksi päivää", "kolme päivää", "neljä päivää", "viisi päivää"],
    "en": ["a day", "two days", "three days", "four days", "five days"],
}

# category -> language -> templates. '{d}' is replaced by the number of days late.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "late": {
        "fi": [
            "Toimitus myöhästyi {d} eikä kukaan kertonut miksi.",
            "Paketti tuli {d} luvattua myöhemmin.",
            "Odotin pakettia {d} yli luvatun ajan, eikä seuranta päivittynyt.",
            "Toimitus oli {d} myöhässä. Jouduin soittamaan asiakaspalveluun kysyäkseni, missä tilaus on.",
            "Lupasitte toimituksen tiettynä päivänä, mutta paketti tuli {d} myöhässä.",
        ],
        "en": [
            "Delivery was {d} late and nobody told me why.",
            "The parcel arrived {d} later than promised.",
            "I waited {d} past the promised date and the tracking never updated.",
            "Delivery was {d} late. I had to call customer service to find out where my order was.",
            "You promised delivery on a specific day, but the parcel came {d} late.",
        ],
    },
    "invoice": {
        "fi": [
            "Laskussa oli väärä summa, ja sen korjaaminen vei viikkoja.",
            "Sain laskun tuotteista, joita en ollut tilannut.",
            "Lasku tuli kahteen kertaan, ja jouduin selvittämään asiaa itse.",
            "Eräpäivä oli jo mennyt, kun korjattu lasku vihdoin saapui.",
        ],
        "en": [
            "The invoice had the wrong amount and it took weeks to get it corrected.",
            "I was invoiced for items I never ordered.",
            "I got the same invoice twice and had to sort it out myself.",
            "The due date had already passed by the time the corrected invoice arrived.",
        ],
    },
    "wrong": {
        "fi": [
            "Paketissa oli väärä tuote, ja vaihtaminen oli hankalaa.",
            "Tilauksesta puuttui yksi tuote.",
            "Sain eri värisen tuotteen kuin tilasin.",
            "Väärä koko, vaikka tilausvahvistuksessa luki oikein.",
        ],
        "en": [
            "The parcel contained the wrong product and exchanging it was a hassle.",
            "One item was missing from my order.",
            "I received a different colour than I ordered.",
            "Wrong size, even though the order confirmation was correct.",
        ],
    },
    "refund": {
        "fi": [
            "Palautuksen hyvitys kesti aivan liian kauan.",
            "Palautin tuotteen jo aikaa sitten, mutta rahoja ei ole näkynyt.",
        ],
        "en": [
            "The refund for my return took far too long.",
            "I returned the item ages ago, but the money never showed up.",
        ],
    },
    "login": {
        "fi": [
            "Kirjautuminen ei onnistunut, ja salasanan vaihtaminen oli työlästä.",
            "Sovellus kirjasi minut jatkuvasti ulos.",
        ],
        "en": ["I could not log in and resetting the password was tedious.", "The app kept logging me out."],
    },
    "mixed": {
        "fi": [
            "Pientä viivettä oli, mutta asiakaspalvelu hoiti asian nopeasti.",
            "Kaikki ei mennyt putkeen, mutta ongelma korjattiin ystävällisesti.",
        ],
        "en": [
            "There was a small hiccup, but customer service sorted it out quickly.",
            "Not everything went smoothly, but the problem was fixed in a friendly way.",
        ],
    },
    "praise": {
        "fi": [
            "Nopea toimitus ja hyvin pakattu. Kiitos!",
            "Tilaaminen oli helppoa, ja paketti tuli jo seuraavana päivänä.",
            "Hyvät tuotteet ja toimitus juuri luvattuna päivänä.",
            "Olen tilannut monta kertaa, ja aina kaikki on toiminut.",
            "Paketti tuli lähimpään noutopisteeseen nopeasti, erinomaista palvelua.",
        ],
        "en": [
            "Fast delivery and well packed. Thank you!",
            "Ordering was easy and the parcel arrived the very next day.",
            "Good products and delivery exactly on the promised day.",
            "I have ordered many times and everything has always worked.",
            "The parcel reached my nearest pick-up point quickly, excellent service.",
        ],
    },
    "neutral": {
        "fi": [
            "Ihan ok, mutta toimituskulut voisivat olla pienemmät.",
            "Tuote oli kunnossa, valikoima voisi olla laajempi.",
            "Perushyvä kokemus, ei mitään erityistä.",
        ],
        "en": [
            "Fine, but the delivery fee could be lower.",
            "The product was fine; the range could be wider.",
            "A decent experience, nothing special.",
        ],
    },
    "negative": {
        "fi": [
            "Hinnat ovat nousseet liikaa, saman saa halvemmalla muualta.",
            "Tuotteen laatu ei vastannut kuvausta.",
            "Pakkauksessa oli aivan liikaa muovia.",
        ],
        "en": [
            "Prices have gone up too much; I can find the same cheaper elsewhere.",
            "The product quality did not match the description.",
            "Far too much plastic in the packaging.",
        ],
    },
    "cs_pos": {
        "fi": [
            "Asiakaspalvelija oli ystävällinen, ja asia hoitui heti.",
            "Nopea vastaus ja selkeät ohjeet, kiitos.",
            "Sain apua heti ensimmäisellä yhteydenotolla.",
        ],
        "en": [
            "The agent was friendly and the issue was sorted straight away.",
            "Quick reply and clear instructions, thanks.",
            "I got help on my very first contact.",
        ],
    },
    "cs_transfer": {
        "fi": [
            "Minua siirrettiin henkilöltä toiselle, eikä kukaan tuntunut tietävän vastausta.",
            "Jouduin selittämään asiani moneen kertaan eri ihmisille.",
        ],
        "en": [
            "I was passed from one person to another and nobody seemed to know the answer.",
            "I had to explain my issue over and over to different people.",
        ],
    },
    "cs_unresolved": {
        "fi": [
            "Asia ei ratkennut, eikä luvattua takaisinsoittoa koskaan tullut.",
            "Sain vastauksen, mutta ongelma on edelleen olemassa.",
        ],
        "en": [
            "The issue was not resolved and the promised call-back never came.",
            "I got a reply, but the problem is still there.",
        ],
    },
    "cs_neg": {
        "fi": ["Vastausta piti odottaa aivan liian kauan.", "Vastaus oli ympäripyöreä eikä auttanut."],
        "en": ["I had to wait far too long for an answer.", "The answer was vague and did not help."],
    },
}
CATEGORIES = tuple(TEMPLATES)
CAT = {name: i for i, name in enumerate(CATEGORIES)}
POSITIVE = {"mixed", "praise", "cs_pos"}
NEUTRAL = {"neutral"}

# optional closing sentences; '' appears twice so that most comments end without one
CLOSERS = {
    "negative": {
        "fi": [
            "",
            "",
            " Todella turhauttavaa.",
            " Toivottavasti tähän puututaan.",
            " En ole kovin tyytyväinen.",
        ],
        "en": ["", "", " Really frustrating.", " I hope you fix this.", " Not very happy."],
    },
    "positive": {
        "fi": ["", "", " Suosittelen!", " Tilaan varmasti uudelleen."],
        "en": ["", "", " Recommended!", " I will definitely order again."],
    },
    "neutral": {"fi": ["", "", " Katsotaan ensi kerralla."], "en": ["", "", " We will see next time."]},
}


def _tone(category: str) -> str:
    if category in POSITIVE:
        return "positive"
    return "neutral" if category in NEUTRAL else "negative"


def build_variants() -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """All rendered comments plus, per (category, language), offset / per-day count / day count.

    The variant for category c, language l, days late d (1-based, ignored when the category
    has no day dimension) and uniform u is
    offset[c, l] + (min(d, ndays[c, l]) - 1) * per_day[c, l] + floor(u * per_day[c, l]).
    """
    texts: list[str] = []
    shape = (len(CATEGORIES), len(LANGUAGES))
    offset = np.zeros(shape, dtype=np.int64)
    per_day = np.zeros(shape, dtype=np.int64)
    ndays = np.ones(shape, dtype=np.int64)
    for c, category in enumerate(CATEGORIES):
        for lang_i, lang in enumerate(LANGUAGES):
            templates = TEMPLATES[category][lang]
            closers = CLOSERS[_tone(category)][lang]
            with_days = any("{d}" in t for t in templates)
            offset[c, lang_i] = len(texts)
            per_day[c, lang_i] = len(templates) * len(closers)
            ndays[c, lang_i] = MAX_LATE_DAYS if with_days else 1
            for d in range(ndays[c, lang_i]):
                for template in templates:
                    for closer in closers:
                        texts.append(template.replace("{d}", DAYS[lang][d]) + closer)
    return texts, offset, per_day, ndays


def choose_variants(
    rng: np.random.Generator, category: np.ndarray, lang: np.ndarray, days: np.ndarray, tables: tuple
) -> np.ndarray:
    """Vectorised variant index for each (category, language, days) row; -1 stays -1."""
    _, offset, per_day, ndays = tables
    out = np.full(category.shape, -1, dtype=np.int64)
    has = category >= 0
    c, lang_i = category[has], lang[has]
    d = np.clip(days[has], 1, None)
    d = np.minimum(d, ndays[c, lang_i])
    pick = (rng.random(c.size) * per_day[c, lang_i]).astype(np.int64)
    out[has] = offset[c, lang_i] + (d - 1) * per_day[c, lang_i] + pick
    return out
