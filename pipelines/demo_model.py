"""Parameters and score models of the demo company (the planted truth lives here).

Score models are built so that the pipeline's friction delta recovers each planted effect
of EFFECTS without bias: those frictions are drawn independently of each other and of segment,
response rates do not depend on friction, and the expected score is exactly additive in the
effects (no clipping, no rounding of a continuous draw).

One friction is correlated on purpose (issue 16, the driver pair): failed order confirmation
e-mails share a cause with late deliveries, so they are drawn far more often on a journey whose
delivery is late, and they move no score. The with/without view flags both stages; a model that
adjusts for the other frictions must find that only late delivery hurts. The harmless friction is
drawn from its own random stream and has no effect, so every other draw and the unbiasedness of
each EFFECTS entry stay as they were (its own stage's with/without is biased by design).
"""

from __future__ import annotations

import numpy as np

# --- planted effects (stage, metric) -> effect; owners come from the journey map -----------
EFFECTS = {
    ("delivery", "nps"): -30.0,  # late delivery
    ("invoicing", "nps"): -25.0,  # invoice error
    ("picking", "nps"): -15.0,  # wrong or missing item
    ("payment", "ces"): -1.5,  # failed payment attempt
    ("account", "nps"): 0.0,  # login failures: frequent, but no effect on any score
}
DESCRIPTIONS = {
    ("delivery", "nps"): "Late or lost deliveries (not delivered by the promised time), ~18% of "
    "deliveries, falling to ~8% over the last three months; half the NPS "
    "invitations go out on the promised day, so late customers often answer "
    "while still waiting (friction dated at the promise, not the delivery)",
    ("invoicing", "nps"): "Invoice errors (invoice_sent failed, then corrected), ~9% of invoiced journeys",
    ("picking", "nps"): "Wrong or missing item (order_packed failed), ~5% of orders",
    ("payment", "ces"): "Failed payment attempt (payment_authorised failed, then retry), ~7% of payments",
    ("account", "nps"): "Login failures (login failed), ~12% of logins, with no effect on any score; "
    "none from IT's planted fix 70 days before the end (pipelines/demo_actions.py)",
}
# --- the driver pair: two correlated frictions at different stages, only one hurts ------------
HARMLESS_DRIVER = ("browse", "nps")  # failed order confirmation e-mail
DRIVER_EFFECTS = {("delivery", "nps"): EFFECTS[("delivery", "nps")], HARMLESS_DRIVER: 0.0}
DRIVER_DESCRIPTIONS = {
    ("delivery", "nps"): "Late or lost deliveries: the friction that hurts (the same planted effect "
    "as in frictions); failed order confirmation e-mails come with it far more often",
    HARMLESS_DRIVER: "Order confirmation e-mail failed (order_confirmation_sent failed), in ~35% of "
    "journeys whose delivery is late and ~4% of the others (a shared cause): with/without flags it, "
    "yet it moves no score; a model adjusted for late delivery must find no effect",
}
P_CONFIRM_FAIL_LATE, P_CONFIRM_FAIL = 0.35, 0.04  # P(confirmation e-mail fails | delivery late / not)
DEFAULT_OWNERS = {
    "browse": "sales",
    "delivery": "logistics",
    "invoicing": "billing",
    "picking": "warehouse",
    "payment": "payments",
    "account": "digital",
}

# --- customers ---------------------------------------------------------------------------
SEGMENTS = ("household", "small_business", "premium")
SEGMENT_P = (0.75, 0.20, 0.05)
NPS_BASE = np.array([40.0, 33.0, 52.0])  # by segment; weighted mean ~39
JOURNEYS_PER_CUSTOMER = np.array(
    [  # P(1..4 journeys) by segment
        [0.85, 0.11, 0.03, 0.01],
        [0.72, 0.18, 0.07, 0.03],
        [0.70, 0.20, 0.07, 0.03],
    ]
)
PLUS_TIER_P = np.array([0.20, 0.35, 0.90])
REGIONS = (
    "Uusimaa",
    "Pirkanmaa",
    "Varsinais-Suomi",
    "Pohjois-Pohjanmaa",
    "Keski-Suomi",
    "Pohjois-Savo",
    "Satakunta",
    "Päijät-Häme",
    "Etelä-Pohjanmaa",
    "Pohjanmaa",
    "Lappi",
    "Kanta-Häme",
    "Kymenlaakso",
    "Pohjois-Karjala",
    "Etelä-Savo",
    "Etelä-Karjala",
    "Kainuu",
    "Keski-Pohjanmaa",
    "Ahvenanmaa",
)
REGION_W = np.array(
    [35.0, 9.5, 8.5, 7.5, 5.0, 4.4, 3.8, 3.6, 3.4, 3.2, 3.0, 3.0, 2.9, 2.8, 2.3, 2.2, 1.2, 1.2, 0.5]
)
REGION_P = REGION_W / REGION_W.sum()
# lateness multiplier by region (long distances up north); normalised to mean 1 below
REGION_LATE = np.array([0.85] + [1.0] * 9 + [1.6] + [1.0] * 5 + [1.4, 1.0, 1.5])
REGION_LATE = REGION_LATE / float(REGION_LATE @ REGION_P)
EN_SHARE = 0.30
NEW_CUSTOMER_SHARE = 0.20

# --- friction and flow rates -------------------------------------------------------------
P_LOGIN_FAIL = 0.12
P_PASSWORD_RESET = 0.35  # of login failures recovered by password reset
P_ABANDON_BROWSE = 0.05
P_PAY_FAIL = 0.07
P_PAY_ABANDON = 0.15  # of payment failures that never retry
P_WRONG_ITEM = 0.05
P_LATE_BASE, P_LATE_NOW = 0.18, 0.08
P_INVOICE = 0.40
P_INVOICE_ERROR = 0.09
P_RETURN, P_RETURN_WRONG = 0.10, 0.50
P_REFUND_LATE = 0.10
LATE_DAYS_P = np.array([0.45, 0.25, 0.15, 0.09, 0.06])  # 1..5 days late
P_LOST = 0.01  # of shipped parcels: never delivered (late from the promise on)
P_STUCK = 0.004  # of paid orders: never picked (the 72 h picking SLA passes unreached)
P_SAME_SECOND_PAYMENT = 0.08  # of orders: the payment is logged in the same second as the order

# --- surveys -----------------------------------------------------------------------------
P_NPS, P_CES, P_CSAT = 0.25, 0.15, 0.30
P_NPS_AT_PROMISE = 0.5  # of NPS invitations: sent on the promised delivery day, not after the journey
NPS_AT_PROMISE_DAYS = 0.75  # mean days from that invitation to the answer (exponential)
P_NO_JOURNEY_ID = 0.30
P_COMMENT_NPS, P_COMMENT_CSAT = 0.35, 0.25
PASSIVE_SHARE = 0.30
NPS_PMF = {  # score pmfs within each class
    "promoter": (np.array([9, 10]), np.array([0.45, 0.55])),
    "passive": (np.array([7, 8]), np.array([0.40, 0.60])),
    "detractor": (np.arange(7), np.array([0.04, 0.03, 0.05, 0.08, 0.13, 0.27, 0.40])),
}
CES_BASE = 5.6
CES_HIGH = np.array([0.00, 0.01, 0.02, 0.04, 0.10, 0.28, 0.55])
CES_LOW = np.array([0.12, 0.20, 0.22, 0.18, 0.13, 0.10, 0.05])
CSAT_GOOD = np.array([0.01, 0.02, 0.05, 0.30, 0.62])
CSAT_BAD = np.array([0.25, 0.25, 0.25, 0.15, 0.10])
# contact handling quality q = Q0 + Q_RESOLVED*resolved - Q_TRANSFER*transfers; P(good shape) = q
Q0, Q_RESOLVED, Q_TRANSFER, Q_TARGET = 0.30, 0.60, 0.08, 0.78


def _draw(rng: np.random.Generator, values: np.ndarray, pmf: np.ndarray, n: int) -> np.ndarray:
    cdf = np.cumsum(pmf / pmf.sum())
    return values[np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(values) - 1)]


def draw_nps(rng: np.random.Generator, effect_points: np.ndarray) -> np.ndarray:
    """0-10 scores with E[NPS] = effect_points exactly (fixed 30% passives, no clipping)."""
    e = effect_points / 100.0
    p_pro = (1.0 - PASSIVE_SHARE + e) / 2.0
    if e.size and (p_pro.min() < 0 or p_pro.max() > 1 - PASSIVE_SHARE):
        raise ValueError("NPS model out of range: lower the planted effects")
    u = rng.random(e.size)
    score = np.empty(e.size, dtype=np.float64)
    cls_pro, cls_pas = u < p_pro, (u >= p_pro) & (u < p_pro + PASSIVE_SHARE)
    cls_det = ~(cls_pro | cls_pas)
    for mask, name in ((cls_pro, "promoter"), (cls_pas, "passive"), (cls_det, "detractor")):
        values, pmf = NPS_PMF[name]
        score[mask] = _draw(rng, values, pmf, int(mask.sum()))
    return score


def _mix_discrete(
    rng: np.random.Generator, weight_high: np.ndarray, high: np.ndarray, low: np.ndarray
) -> np.ndarray:
    use_high = rng.random(weight_high.size) < weight_high
    out = np.empty(weight_high.size, dtype=np.float64)
    values = np.arange(1, high.size + 1)
    out[use_high] = _draw(rng, values, high, int(use_high.sum()))
    out[~use_high] = _draw(rng, values, low, int((~use_high).sum()))
    return out


def _mean(pmf: np.ndarray) -> float:
    return float(np.arange(1, pmf.size + 1) @ (pmf / pmf.sum()))


def draw_ces(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    """1-7 scores whose expectation is exactly `mean` (mixture of two fixed shapes)."""
    lo, hi = _mean(CES_LOW), _mean(CES_HIGH)
    w = (mean - lo) / (hi - lo)
    if w.size and (w.min() < 0 or w.max() > 1):
        raise ValueError("CES model out of range")
    return _mix_discrete(rng, w, CES_HIGH, CES_LOW)


def draw_csat(rng: np.random.Generator, transfers: np.ndarray, resolved: np.ndarray) -> np.ndarray:
    """1-5 scores that depend only on how the contact was handled."""
    q = Q0 + Q_RESOLVED * resolved.astype(np.float64) - Q_TRANSFER * transfers
    return _mix_discrete(rng, np.clip(q, 0.0, 1.0), CSAT_GOOD, CSAT_BAD)


def resolved_probability(transfer_pmf: np.ndarray) -> float:
    """P(resolved) making E[q] = Q_TARGET for a reason with this transfer distribution, so
    that CSAT has the same expectation for every contact reason (no stage effect on CSAT)."""
    mean_t = float(np.arange(transfer_pmf.size) @ transfer_pmf)
    return (Q_TARGET - Q0 + Q_TRANSFER * mean_t) / Q_RESOLVED


def truth(owners: dict[str, str] | None = None) -> list[dict]:
    """The planted truth: one entry per (stage, metric) with its owner and effect."""
    owners = {**DEFAULT_OWNERS, **(owners or {})}
    return [
        {
            "stage": stage,
            "owner": owners[stage],
            "metric": metric,
            "effect": effect,
            "description": DESCRIPTIONS[(stage, metric)],
        }
        for (stage, metric), effect in EFFECTS.items()
    ]


def driver_truth(owners: dict[str, str] | None = None) -> list[dict]:
    """The planted driver pair: both frictions, `"kind": "driver"`, effect 0 for the harmless one."""
    owners = {**DEFAULT_OWNERS, **(owners or {})}
    return [
        {
            "kind": "driver",
            "stage": stage,
            "owner": owners[stage],
            "metric": metric,
            "effect": effect,
            "description": DRIVER_DESCRIPTIONS[(stage, metric)],
        }
        for (stage, metric), effect in DRIVER_EFFECTS.items()
    ]
