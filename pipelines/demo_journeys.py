"""Customers, order journeys and their events for one chunk of the demo company (vectorised).

Times are float seconds elapsed since the start of the demo period (local midnight); the
writer turns them into UTC. Day-based rules (promises at 20:00, office hours) count whole days
from that start, so in summer they sit an hour later on the local clock.
A journey is laid out as a fixed row of event slots; masks say which slots happen, so the
whole chunk is built with array operations and flattened once.
"""

from __future__ import annotations

import numpy as np

from pipelines import demo_model as m

DAY, HOUR, MINUTE = 86400.0, 3600.0, 60.0
ACTIVITIES = (
    "account_created",
    "login",
    "password_reset",
    "product_viewed",
    "cart_updated",
    "order_placed",
    "order_confirmation_sent",
    "payment_authorised",
    "order_picked",
    "order_packed",
    "shipped",
    "out_for_delivery",
    "delivered",
    "invoice_sent",
    "invoice_paid",
    "return_requested",
    "return_received",
    "refund_paid",
)
ACT = {name: i for i, name in enumerate(ACTIVITIES)}
MAX_VIEWS = 8
SLOTS = (
    ["login", "login"]
    + ["product_viewed"] * MAX_VIEWS
    + ["cart_updated"] * 2
    + [
        "order_placed",
        "order_confirmation_sent",
        "payment_authorised",
        "payment_authorised",
        "order_picked",
        "order_packed",
        "shipped",
        "out_for_delivery",
        "delivered",
        "invoice_sent",
        "invoice_sent",
        "invoice_paid",
        "return_requested",
        "return_received",
        "refund_paid",
    ]
)
S = {
    name: i
    for i, name in enumerate(
        ["acc0", "acc1"]
        + [f"view{i}" for i in range(MAX_VIEWS)]
        + [
            "cart0",
            "cart1",
            "placed",
            "confirm",
            "pay1",
            "pay2",
            "pick",
            "pack",
            "ship",
            "ofd",
            "deliv",
            "inv1",
            "inv2",
            "invpaid",
            "rreq",
            "rrec",
            "refund",
        ]
    )
}
NS = len(SLOTS)
SLOT_ACT = np.array([ACT[a] for a in SLOTS], dtype=np.int8)
JOURNEY_GAP = 0.2  # minimum distance between a customer's journey starts, as a share of the year

# seasonality of order starts: month (Jan..Dec), weekday (Mon..Sun), hour of day
MONTH_W = np.array([0.85, 0.80, 0.90, 0.95, 0.95, 0.90, 0.80, 0.95, 1.00, 1.05, 1.35, 1.30])
DOW_W = np.array([1.10, 1.05, 1.00, 1.00, 0.90, 0.80, 1.15])
HOUR_W = np.array(
    [
        0.3,
        0.15,
        0.1,
        0.1,
        0.1,
        0.2,
        0.5,
        1.0,
        1.4,
        1.6,
        1.7,
        1.8,
        2.0,
        1.9,
        1.8,
        1.8,
        1.9,
        2.1,
        2.4,
        2.8,
        3.0,
        2.7,
        1.8,
        0.9,
    ]
)


def start_calendar(hours: np.ndarray) -> np.ndarray:
    """Cumulative distribution of journey starts over the real hours of the period, weighted by
    the local wall-clock hour (datetime64[h]) each of them falls on."""
    days = hours.astype("datetime64[D]")
    month = hours.astype("datetime64[M]").astype(np.int64) % 12
    dow = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    hod = (hours - days).astype(np.int64)
    w = MONTH_W[month] * DOW_W[dow] * HOUR_W[hod]
    return np.concatenate([[0.0], np.cumsum(w)]) / w.sum()


def _from_quantile(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    h = np.clip(np.searchsorted(cdf, u, side="right") - 1, 0, cdf.size - 2)
    frac = (u - cdf[h]) / (cdf[h + 1] - cdf[h])
    return (h + np.clip(frac, 0.0, 0.9999)) * HOUR


def _choice(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    cdf = np.cumsum(np.asarray(p, dtype=np.float64))
    return np.minimum(np.searchsorted(cdf / cdf[-1], rng.random(n), side="right"), len(p) - 1)


def make_customers(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    seg = _choice(rng, np.array(m.SEGMENT_P), n)
    cdf = np.cumsum(m.JOURNEYS_PER_CUSTOMER, axis=1)[seg]
    k = 1 + (rng.random(n)[:, None] > cdf[:, :-1]).sum(axis=1)
    return {
        "segment": seg.astype(np.int8),
        "region": _choice(rng, m.REGION_P, n).astype(np.int8),
        "plus": rng.random(n) < m.PLUS_TIER_P[seg],
        "lang_en": rng.random(n) < m.EN_SHARE,
        "new": rng.random(n) < m.NEW_CUSTOMER_SHARE,
        "n_journeys": k.astype(np.int64),
    }


def _late_probability(t_ship: np.ndarray, t_end: float) -> np.ndarray:
    """18% of deliveries are late, falling linearly to 8% over the last three months."""
    begin, reach = t_end - 91 * DAY, t_end - 30 * DAY
    share = np.clip((t_ship - begin) / (reach - begin), 0.0, 1.0)
    return m.P_LATE_BASE + (m.P_LATE_NOW - m.P_LATE_BASE) * share


def make_journeys(
    rng: np.random.Generator, cust: dict[str, np.ndarray], cdf: np.ndarray, t_end: float
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Per-journey facts and the flattened, time-ordered event list of one chunk."""
    k = cust["n_journeys"]
    c = np.repeat(np.arange(k.size), k)
    n = c.size
    rank = np.arange(n) - np.repeat(np.cumsum(k) - k, k)
    # start quantiles: sorted uniforms per customer with a minimum gap between journeys
    v = rng.random(n) * (1.0 - (k[c] - 1) * JOURNEY_GAP)
    v = v[np.argsort(c + v * 0.999, kind="stable")]
    t0 = _from_quantile(cdf, v + rank * JOURNEY_GAP)
    r = lambda: rng.random(n)  # noqa: E731 - fresh uniforms
    # the driver pair's harmless friction draws from its own stream: every other draw is unchanged
    side = rng.spawn(1)[0]
    j: dict[str, np.ndarray] = {"cust": c, "t0": t0}

    # --- what happens (frictions drawn independently of each other and of segment, but for the
    # driver pair's harmless one, drawn once lateness is known) ---
    created = cust["new"][c] & (rank == 0)
    login_fail = (r() < m.P_LOGIN_FAIL) & ~created
    pw_reset = login_fail & (r() < m.P_PASSWORD_RESET)
    n_views = 1 + np.minimum(rng.poisson(2.5, n), MAX_VIEWS - 1)
    n_cart = 1 + (r() < 0.4)
    ordered = r() >= m.P_ABANDON_BROWSE
    pay_fail = ordered & (r() < m.P_PAY_FAIL)
    paid = ordered & ~(pay_fail & (r() < m.P_PAY_ABANDON))
    stuck = paid & (r() < m.P_STUCK)  # paid, but the warehouse never picks the order
    fulfilled = paid & ~stuck
    wrong = fulfilled & (r() < m.P_WRONG_ITEM)
    late_u = r()
    invoice = paid & (r() < m.P_INVOICE)
    inv_err = invoice & (r() < m.P_INVOICE_ERROR)
    returned = paid & (r() < np.where(wrong, m.P_RETURN_WRONG, m.P_RETURN))
    refund_late = returned & (r() < m.P_REFUND_LATE)

    T = np.empty((n, NS), dtype=np.float64)
    E = np.zeros((n, NS), dtype=bool)
    F = np.zeros((n, NS), dtype=bool)
    A = np.tile(SLOT_ACT, (n, 1))
    A[:, S["acc0"]] = np.where(created, ACT["account_created"], ACT["login"])
    A[:, S["acc1"]] = np.where(pw_reset, ACT["password_reset"], ACT["login"])

    def put(slot: str, t: np.ndarray, exists: np.ndarray | bool = True, failed=False) -> None:
        T[:, S[slot]], E[:, S[slot]], F[:, S[slot]] = t, exists, failed

    put("acc0", t0, True, login_fail)
    retry = np.where(pw_reset, rng.uniform(2, 15, n), rng.uniform(0.3, 5, n)) * MINUTE
    put("acc1", t0 + retry, login_fail)
    t_acc = np.where(login_fail, t0 + retry, t0)
    views = t_acc[:, None] + np.cumsum(10 + rng.exponential(75, (n, MAX_VIEWS)), axis=1)
    T[:, S["view0"] : S["view0"] + MAX_VIEWS] = views
    E[:, S["view0"] : S["view0"] + MAX_VIEWS] = np.arange(MAX_VIEWS) < n_views[:, None]
    rows = np.arange(n)
    last_view = views[rows, n_views - 1]
    carts = last_view[:, None] + np.cumsum(5 + rng.exponential(60, (n, 2)), axis=1)
    T[:, S["cart0"] : S["cart0"] + 2] = carts
    E[:, S["cart0"] : S["cart0"] + 2] = np.arange(2) < n_cart[:, None]
    placed = carts[rows, n_cart - 1] + 30 + rng.exponential(120, n)
    put("placed", placed, ordered)
    same_second = r() < m.P_SAME_SECOND_PAYMENT  # logged in the order's second (file order decides)
    pay1 = np.where(same_second, placed, placed + rng.uniform(5, 60, n))
    pay2 = pay1 + rng.uniform(60, 900, n)
    # the order confirmation e-mail goes out between the order and its payment (same second when
    # the payment is); its failure is drawn below, once lateness is known
    confirmed = placed + side.random(n) * (pay1 - placed)
    put("confirm", confirmed, ordered)
    put("pay1", pay1, ordered, pay_fail)
    put("pay2", pay2, ordered & pay_fail & paid)
    t_paid = np.where(pay_fail, pay2, pay1)
    picked = t_paid + np.exp(np.log(10 * HOUR) + 0.6 * rng.standard_normal(n))
    packed = picked + rng.uniform(5, 45, n) * MINUTE
    shipped = packed + rng.uniform(1, 8, n) * HOUR
    put("pick", picked, fulfilled)
    put("pack", packed, fulfilled, wrong)
    put("ship", shipped, fulfilled)

    late = fulfilled & (late_u < _late_probability(shipped, t_end) * m.REGION_LATE[cust["region"][c]])
    late_days = 1 + _choice(rng, m.LATE_DAYS_P, n)
    ship_day = np.floor(shipped / DAY)
    transit = 1 + (r() < 0.55) + (r() < 0.15)
    promise_day = ship_day + transit + np.where(late, 0, r() < 0.3)
    deliv_day = ship_day + transit + np.where(late, late_days, 0)
    delivered = deliv_day * DAY + rng.uniform(9, 19, n) * HOUR
    promised = promise_day * DAY + 20 * HOUR
    lost = fulfilled & (r() < m.P_LOST)  # the parcel never arrives
    late = late | lost
    # order confirmation e-mail failed: shares a cause with late delivery, moves no score
    confirm_fail = ordered & (side.random(n) < np.where(late, m.P_CONFIRM_FAIL_LATE, m.P_CONFIRM_FAIL))
    F[:, S["confirm"]] = confirm_fail
    delivered = np.where(lost | stuck, np.inf, delivered)
    arrives = fulfilled & ~lost
    put("ofd", deliv_day * DAY + rng.uniform(6.5, 8.5, n) * HOUR, arrives)
    put("deliv", delivered, arrives)

    invoice, inv_err, returned = invoice & arrives, inv_err & arrives, returned & arrives
    refund_late = refund_late & returned
    inv1 = delivered + rng.uniform(0.5, 6, n) * HOUR  # the invoice goes out once the parcel is delivered
    inv2 = inv1 + rng.uniform(2, 10, n) * DAY
    put("inv1", inv1, invoice, inv_err)
    put("inv2", inv2, inv_err)
    put("invpaid", np.where(inv_err, inv2, inv1) + rng.uniform(2, 21, n) * DAY, invoice)

    req = delivered + (1 + np.minimum(rng.exponential(3, n), 13)) * DAY
    rec = req + rng.uniform(2, 6, n) * DAY
    refund_promised = (np.floor(rec / DAY) + 5) * DAY + 20 * HOUR  # refund within 5 days
    refund = np.where(
        refund_late, refund_promised + rng.uniform(1, 7, n) * DAY, rec + rng.uniform(0.5, 4.5, n) * DAY
    )
    put("rreq", req, returned)
    put("rrec", rec, returned)
    put("refund", refund, returned)

    # deadline bookkeeping for the truth file: the promise passed before the data ends
    # (cutoff one day before the end) while the parcel had not arrived by then
    cutoff = t_end - DAY
    j["overdue_never_done"] = fulfilled & (shipped < t_end) & (promised < cutoff) & (delivered >= t_end)
    # ... and the picking SLA (72 h after payment) passed before the cutoff with nothing picked
    sla = 72 * HOUR
    j["picking_overdue_unreached"] = (
        paid & (t_paid < t_end) & (t_paid + sla < cutoff) & (stuck | (picked >= t_end))
    )
    j.update(
        created=created,
        login_fail=login_fail,
        ordered=ordered,
        pay_fail=pay_fail,
        confirm_fail=confirm_fail,
        paid=paid,
        wrong=wrong,
        late=late,
        late_days=np.where(late, late_days, 0),
        lost=lost,
        stuck=stuck,
        same_second=same_second & ordered,
        packed=packed,
        invoice=invoice,
        inv_err=inv_err,
        returned=returned,
        refund_late=refund_late,
        last_view=last_view,
        placed=placed,
        confirmed=confirmed,
        pay1=pay1,
        t_paid=t_paid,
        shipped=shipped,
        delivered=delivered,
        promised=promised,
        inv1=inv1,
        inv2=inv2,
        req=req,
        refund=refund,
        refund_promised=refund_promised,
        last=np.where(E, T, -np.inf).max(axis=1),
    )

    # --- flatten: keep what happened before the end of the period, order by time -------
    keep = np.flatnonzero((E & (T < t_end)).ravel())
    jrow, slot = np.divmod(keep, NS)
    t = np.floor(T.ravel()[keep]).astype(np.int64)
    order = np.argsort((jrow.astype(np.int64) << 27) | t, kind="stable")
    jrow, slot, keep, t = jrow[order], slot[order], keep[order], t[order]
    prom = np.full(keep.size, np.nan)
    # the order system writes the promised delivery time on every delivery event
    is_deliv = (slot == S["ship"]) | (slot == S["ofd"]) | (slot == S["deliv"])
    is_refund = slot == S["refund"]
    prom[is_deliv] = promised[jrow[is_deliv]]
    prom[is_refund] = refund_promised[jrow[is_refund]]
    events = {"jrow": jrow, "t": t, "act": A.ravel()[keep], "failed": F.ravel()[keep], "promised": prom}
    return j, events
