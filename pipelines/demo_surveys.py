"""Survey responses of one chunk: post-delivery NPS, checkout CES and contact CSAT."""

from __future__ import annotations

import numpy as np

from pipelines import demo_model as m
from pipelines import demo_text as text
from pipelines.demo_journeys import DAY, MINUTE

SURVEYS = (
    ("post_delivery_nps", "nps", 0, 10, "delivery"),
    ("checkout_ces", "ces", 1, 7, "checkout"),
    ("contact_csat", "csat", 1, 5, "contact"),
)
# response channels: the survey's own channels first, then the contact channels
CHANNELS = ("email", "sms", "web", "app", "phone", "chat", "social", "web_form", "store")
CONTACT_CHANNEL = np.array(
    [CHANNELS.index(c) for c in ("phone", "email", "chat", "social", "web_form", "store")]
)


def _nps_comment_category(
    rng: np.random.Generator, j: dict[str, np.ndarray], rows: np.ndarray, score: np.ndarray
) -> np.ndarray:
    """A comment topic that fits what happened on the journey and the score given."""
    n = rows.size
    generic = np.where(
        score >= 9, text.CAT["praise"], np.where(score >= 7, text.CAT["neutral"], text.CAT["negative"])
    )
    topic = np.full(n, -1)
    for flag, cat in (
        ("login_fail", "login"),
        ("refund_late", "refund"),
        ("late", "late"),
        ("inv_err", "invoice"),
        ("wrong", "wrong"),
    ):  # last one wins
        topic = np.where(j[flag][rows], text.CAT[cat], topic)
    has_topic = topic >= 0
    # detractors and passives mostly write about the friction; promoters forgive it
    out = np.where(has_topic & (score < 9) & (rng.random(n) < 0.85), topic, generic)
    return np.where(has_topic & (score >= 9), text.CAT["mixed"], out)


def _csat_comment_category(score: np.ndarray, transfers: np.ndarray, resolved: np.ndarray) -> np.ndarray:
    low = np.where(
        transfers >= 2,
        text.CAT["cs_transfer"],
        np.where(~resolved, text.CAT["cs_unresolved"], text.CAT["cs_neg"]),
    )
    return np.where(score >= 4, text.CAT["cs_pos"], low)


def make_surveys(
    rng: np.random.Generator,
    j: dict[str, np.ndarray],
    cust: dict[str, np.ndarray],
    c: dict[str, np.ndarray],
    t_end: float,
    tables: tuple,
) -> dict[str, np.ndarray]:
    n = j["t0"].size
    seg = cust["segment"][j["cust"]]

    # delivery NPS: 25% of paid journeys. Half the invitations go out on the promised delivery
    # day (answered within days, so a late customer often answers while still waiting), the
    # others 1-7 days after the journey's last event. A friction moves the score only when it
    # had happened by the answer - lateness from the promise on, the others at their event.
    pick = np.flatnonzero(j["paid"] & ~j["stuck"] & (rng.random(n) < m.P_NPS))  # sent once shipped
    at_promise = rng.random(pick.size) < m.P_NPS_AT_PROMISE
    nps_t = np.where(
        at_promise,
        j["promised"][pick] + rng.exponential(m.NPS_AT_PROMISE_DAYS, pick.size) * DAY,
        j["last"][pick] + (1 + np.minimum(rng.exponential(1.5, pick.size), 6)) * DAY,
    )
    pick, nps_t = pick[nps_t < t_end], nps_t[nps_t < t_end]
    eff = m.NPS_BASE[seg[pick]].copy()
    planted = {**m.EFFECTS, **m.DRIVER_EFFECTS}
    for flag, key, since in (
        ("late", ("delivery", "nps"), "promised"),
        ("inv_err", ("invoicing", "nps"), "inv1"),
        ("wrong", ("picking", "nps"), "packed"),
        ("login_fail", ("account", "nps"), "t0"),
        ("confirm_fail", m.HARMLESS_DRIVER, "confirmed"),  # 0: with late delivery, hurts nothing itself
    ):
        eff += planted[key] * (j[flag][pick] & (j[since][pick] <= nps_t))
    nps = m.draw_nps(rng, eff)
    nps_channel = (rng.random(pick.size) < 0.25).astype(np.int8)  # email / sms
    nps_cat = np.where(rng.random(pick.size) < m.P_COMMENT_NPS, _nps_comment_category(rng, j, pick, nps), -1)

    # checkout CES: 15% of journeys that reached payment, minutes after the last payment event
    ces_rows = np.flatnonzero(j["ordered"] & (rng.random(n) < m.P_CES))
    pay_done = np.where(j["paid"], j["t_paid"], j["pay1"])[ces_rows]
    ces_t = pay_done + rng.uniform(1, 20, ces_rows.size) * MINUTE
    ces_rows, ces_t = ces_rows[ces_t < t_end], ces_t[ces_t < t_end]
    ces_mean = m.CES_BASE + m.EFFECTS[("payment", "ces")] * j["pay_fail"][ces_rows]
    ces = m.draw_ces(rng, ces_mean)
    ces_channel = (2 + (rng.random(ces_rows.size) < 0.4)).astype(np.int8)  # web / app

    # contact CSAT: 30% of contacts, within a day, in the contact's channel
    k = c["row"].size
    cs = np.flatnonzero(rng.random(k) < m.P_CSAT)
    done = np.where(np.isnan(c["closed"]), c["opened"], c["closed"])[cs]
    cs_t = done + rng.uniform(10, 24 * 60, cs.size) * MINUTE
    cs = cs[cs_t < t_end]
    cs_t = cs_t[cs_t < t_end]
    csat = m.draw_csat(rng, c["transfers"][cs], c["resolved"][cs])
    cs_cat = np.where(
        rng.random(cs.size) < m.P_COMMENT_CSAT,
        _csat_comment_category(csat, c["transfers"][cs], c["resolved"][cs]),
        -1,
    )

    rows = np.concatenate([pick, ces_rows, c["row"][cs]])
    s = {
        "survey": np.concatenate([np.zeros(pick.size), np.ones(ces_rows.size), np.full(cs.size, 2)]).astype(
            np.int8
        ),
        "score": np.concatenate([nps, ces, csat]),
        "row": rows,
        "t": np.concatenate([nps_t, ces_t, cs_t]),
        "channel": np.concatenate([nps_channel, ces_channel, CONTACT_CHANNEL[c["channel"][cs]]]).astype(
            np.int8
        ),
        "journey_known": rng.random(rows.size) >= m.P_NO_JOURNEY_ID,
    }
    # truth bookkeeping: NPS answers with the journey given, before the cutoff, while the
    # journey was overdue (after the promise, before the parcel arrived - if it ever did)
    waiting = j["late"][pick] & (nps_t >= j["promised"][pick]) & (nps_t < j["delivered"][pick])
    s["answered_while_overdue"] = (
        np.concatenate([waiting & (nps_t < t_end - DAY), np.zeros(ces_rows.size + cs.size, dtype=bool)])
        & s["journey_known"]
    )
    lang_en = cust["lang_en"][j["cust"][rows]]
    category = np.concatenate([nps_cat, np.full(ces_rows.size, -1), cs_cat])
    days = np.concatenate(
        [j["late_days"][pick], np.ones(ces_rows.size, np.int64), np.ones(cs.size, np.int64)]
    )
    s["comment"] = text.choose_variants(rng, category, lang_en.astype(np.int64), days, tables)
    s["lang_en"] = lang_en
    order = np.argsort(s["t"], kind="stable")
    return {key: v[order] for key, v in s.items()}
