"""Customer contacts of one chunk: mostly failure demand caused by journey friction."""

from __future__ import annotations

import numpy as np

from pipelines import demo_model as m
from pipelines.demo_journeys import DAY, HOUR, MINUTE

REASONS = (
    "login_problem",
    "product_question",
    "change_order",
    "payment_failed",
    "wrong_item",
    "where_is_my_order",
    "damaged_delivery",
    "invoice_error",
    "return_request",
    "refund_delay",
    "complaint",
    "other",
)
R = {name: i for i, name in enumerate(REASONS)}
CHANNELS = ("phone", "email", "chat", "social", "web_form", "store")
TEAMS = ("customer_service", "billing", "warehouse")
FUNCTIONS = ("digital", "sales", "payments", "warehouse", "logistics", "billing")
# owning function of each reason (the stage owner in data/journey_map.yaml); -1 = none
OWNER = np.array([0, 1, 1, 2, 3, 4, 4, 5, 3, 3, -1, -1])
P_ESCALATE = np.array([0.10, 0.08, 0.12, 0.15, 0.25, 0.20, 0.30, 0.35, 0.05, 0.30, 0.0, 0.0])
# median internal response time in hours per function (billing slowest, logistics fastest)
ESCALATION_MEDIAN_H = np.array([10.0, 6.0, 5.0, 8.0, 3.0, 30.0])

CHANNEL_MIX = np.array(
    [  # phone, email, chat, social, web_form, store
        [0.34, 0.22, 0.24, 0.05, 0.12, 0.03],  # default
        [0.30, 0.38, 0.15, 0.03, 0.13, 0.01],  # money matters
        [0.25, 0.15, 0.45, 0.05, 0.10, 0.00],  # login
        [0.36, 0.18, 0.26, 0.07, 0.09, 0.04],  # delivery and products received
        [0.20, 0.20, 0.40, 0.08, 0.07, 0.05],
    ]
)  # pre-purchase questions
CHANNEL_PROFILE = np.array([2, 4, 0, 1, 3, 3, 3, 1, 3, 1, 0, 0])
TRANSFERS = np.array(
    [  # P(0..3 transfers)
        [0.80, 0.16, 0.03, 0.01],  # value demand and general
        [0.65, 0.25, 0.07, 0.03],  # operational failures
        [0.50, 0.30, 0.15, 0.05],  # payments and refunds
        [0.25, 0.35, 0.25, 0.15],
    ]
)  # billing issues are passed around the most
TRANSFER_PROFILE = np.array([1, 0, 0, 2, 1, 1, 1, 3, 0, 2, 0, 0])
P_RESOLVED = np.array([m.resolved_probability(p) for p in TRANSFERS])[TRANSFER_PROFILE]
# handling time: lognormal median minutes per channel
HANDLE_MEDIAN_MIN = np.array([7.0, 8 * 60.0, 12.0, 3 * 60.0, 20 * 60.0, 10.0])
P_REPEAT = 0.5  # unresolved contacts followed by the same customer again
P_NO_JOURNEY_ID = 0.40
P_NO_REASON = 0.03


def _between(rng, a: np.ndarray, b: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return a + (b - a) * rng.uniform(lo, hi, a.size)


def _office_hours(rng: np.random.Generator, t: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Phone, chat and store contacts happen when they are open (8-20); written ones any time."""
    live = np.isin(channel, [CHANNELS.index("phone"), CHANNELS.index("chat"), CHANNELS.index("store")])
    day = np.floor(t / DAY)
    hour = (t - day * DAY) / HOUR
    opens = 8 + np.minimum(rng.exponential(3.0, t.size), 11.5)  # morning peak, then tails off
    next_open = np.where(hour >= 20, day + 1, day) * DAY + opens * HOUR
    return np.where(live & ((hour < 8) | (hour >= 20)), next_open, t)


def _contact_triggers(rng: np.random.Generator, j: dict[str, np.ndarray]) -> tuple[list, list, list]:
    """Which journeys cause which first contacts, and when."""
    n = j["t0"].size
    u = lambda: rng.random(n)  # noqa: E731
    rows, reasons, times = [], [], []

    def add(reason: str, mask: np.ndarray, t: np.ndarray) -> None:
        idx = np.flatnonzero(mask)
        rows.append(idx)
        reasons.append(np.full(idx.size, R[reason], dtype=np.int8))
        times.append(t[idx])

    paid, late = j["paid"], j["late"]
    # a lost parcel is chased for ten days after its promise (it never arrives)
    chased_until = np.where(j["lost"], j["promised"] + 10 * DAY, j["delivered"])
    add(
        "where_is_my_order", j["stuck"] & (u() < 0.8), j["t_paid"] + rng.uniform(3, 10, n) * DAY
    )  # paid, and nothing happens
    add("login_problem", j["login_fail"] & (u() < 0.25), j["t0"] + rng.uniform(2, 90, n) * MINUTE)
    add("payment_failed", j["pay_fail"] & (u() < 0.30), j["pay1"] + rng.uniform(5, 360, n) * MINUTE)
    add("wrong_item", j["wrong"] & (u() < 0.70), j["delivered"] + rng.uniform(1, 48, n) * HOUR)
    add(
        "where_is_my_order",
        late & (u() < np.where(j["lost"], 0.9, 0.45)),
        _between(rng, j["promised"], chased_until, 0.05, 0.9),
    )
    add(
        "where_is_my_order",
        paid & ~late & (u() < 0.03),
        _between(rng, j["shipped"], j["delivered"], 0.2, 0.9),
    )
    add("damaged_delivery", paid & (u() < 0.015), j["delivered"] + rng.uniform(1, 72, n) * HOUR)
    add("invoice_error", j["inv_err"] & (u() < 0.55), _between(rng, j["inv1"], j["inv2"], 0.05, 0.8))
    add("return_request", j["returned"] & (u() < 0.30), j["req"] + rng.uniform(0, 3, n) * HOUR)
    add(
        "refund_delay",
        j["refund_late"] & (u() < 0.50),
        _between(rng, j["refund_promised"], j["refund"], 0.1, 0.9),
    )
    add("product_question", u() < 0.06, _between(rng, j["t0"], j["last_view"], 0.0, 1.0))
    add(
        "change_order",
        j["ordered"] & (u() < 0.03),
        np.where(
            paid,
            _between(rng, j["placed"], j["shipped"], 0.05, 0.9),
            j["placed"] + rng.uniform(5, 120, n) * MINUTE,
        ),
    )
    friction = j["late"] | j["wrong"] | j["inv_err"] | j["refund_late"]
    add(
        "complaint",
        paid & (u() < np.where(friction, 0.06, 0.01)),
        j["delivered"] + rng.uniform(0, 10, n) * DAY,
    )
    add("other", u() < 0.02, _between(rng, j["t0"], np.maximum(j["last"], j["t0"] + HOUR), 0.0, 1.0))
    return rows, reasons, times


def _handle(rng: np.random.Generator, reason: np.ndarray) -> dict[str, np.ndarray]:
    """Channel, transfers and resolution of contacts with these reasons."""
    k = reason.size
    cdf = np.cumsum(CHANNEL_MIX, axis=1)[CHANNEL_PROFILE[reason]]
    channel = np.minimum((rng.random(k)[:, None] > cdf).sum(axis=1), len(CHANNELS) - 1)
    tcdf = np.cumsum(TRANSFERS, axis=1)[TRANSFER_PROFILE[reason]]
    transfers = np.minimum((rng.random(k)[:, None] > tcdf).sum(axis=1), 3)
    resolved = rng.random(k) < P_RESOLVED[reason]
    return {"channel": channel.astype(np.int8), "transfers": transfers.astype(np.int32), "resolved": resolved}


def make_contacts(rng: np.random.Generator, j: dict[str, np.ndarray], t_end: float) -> dict[str, np.ndarray]:
    with np.errstate(invalid="ignore"):  # a lost parcel is never delivered: its delivery time is inf
        rows, reasons, times = _contact_triggers(rng, j)
    row, reason, opened = np.concatenate(rows), np.concatenate(reasons), np.concatenate(times)
    finite = np.isfinite(opened)  # contacts "after delivery" of parcels that never came
    row, reason, opened = row[finite], reason[finite], opened[finite]
    h = _handle(rng, reason)
    parts = [dict(row=row, reason=reason, opened=opened, follow_up=np.zeros(row.size, dtype=bool), **h)]
    # repeat contacts: the same customer and reason again within days when unresolved
    prev = parts[0]
    for _ in range(2):
        again = ~prev["resolved"] & (rng.random(prev["row"].size) < P_REPEAT)
        rep_reason = prev["reason"][again]
        rep = _handle(rng, rep_reason)
        keep_channel = rng.random(rep_reason.size) < 0.6
        rep["channel"] = np.where(keep_channel, prev["channel"][again], rep["channel"]).astype(np.int8)
        rep.update(
            row=prev["row"][again],
            reason=rep_reason,
            opened=prev["opened"][again] + rng.uniform(4 * HOUR, 5 * DAY, rep_reason.size),
            follow_up=np.ones(rep_reason.size, dtype=bool),
        )
        parts.append(rep)
        prev = rep
    c = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    c["opened"] = _office_hours(rng, c["opened"], c["channel"])
    keep = c["opened"] < t_end
    c = {key: v[keep] for key, v in c.items()}
    order = np.argsort(c["opened"], kind="stable")
    c = {key: v[order] for key, v in c.items()}
    k = c["row"].size
    reason = c["reason"]

    handle = np.exp(np.log(HANDLE_MEDIAN_MIN[c["channel"]] * MINUTE) + 0.7 * rng.standard_normal(k))
    closed = c["opened"] + handle
    team = np.zeros(k, dtype=np.int8)
    team[(reason == R["invoice_error"]) & (rng.random(k) < 0.20)] = 1
    team[np.isin(reason, [R["return_request"], R["refund_delay"]]) & (rng.random(k) < 0.10)] = 2
    owner = OWNER[reason]
    asked = c["opened"] + rng.uniform(5, 120, k) * MINUTE
    # escalate to the owning function (not when that function handled the contact itself)
    esc = (
        (owner >= 0)
        & (rng.random(k) < P_ESCALATE[reason])
        & (asked < t_end)
        & ~((team == 1) & (owner == FUNCTIONS.index("billing")))
    )
    median = ESCALATION_MEDIAN_H[np.maximum(owner, 0)] * HOUR
    answered = asked + np.exp(np.log(median) + 0.8 * rng.standard_normal(k))
    closed = np.where(esc, np.maximum(closed, answered + rng.uniform(5, 120, k) * MINUTE), closed)
    c.update(
        closed=np.where(closed < t_end, closed, np.nan),
        team=team,
        escalated_to=np.where(esc, owner, -1).astype(np.int8),
        asked=np.where(esc, asked, np.nan),
        answered=np.where(esc & (answered < t_end), answered, np.nan),
        true_reason=reason,
        reason=np.where(rng.random(k) < P_NO_REASON, -1, reason).astype(np.int8),
        journey_known=rng.random(k) >= P_NO_JOURNEY_ID,
    )
    return c
