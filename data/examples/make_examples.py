"""Regenerate the walkthrough files (README, "Your own data"): python data/examples/make_examples.py

A small web shop in São Paulo, shaped like a real e-commerce order export (the public Olist data
set: purchase, approval, hand-over to the carrier and delivery timestamps against an estimated
delivery date, and 1-5 reviews requested around that date):

* order_events.csv - the order system's event log in local time (America/Sao_Paulo), one row
  per event; every row repeats the order's estimated delivery date and the order status (values
  nobody planned for: delivered, shipped, canceled, unavailable, ...); a purchase and its
  approval are often logged in the same second; some parcels are late, some never arrive.
* reviews.csv - the review export: its own headers, day/month/year times, scores 1-5, free text;
  one review is listed twice, once for each of two orders of the customer (as in Olist).
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDERS = 800
START = datetime(2026, 3, 1, 8, 0)


def _orders(rng: random.Random) -> list[dict]:
    orders = []
    for i in range(ORDERS):
        customer = f"cu{rng.randrange(650):04d}"
        placed = START + timedelta(minutes=rng.randrange(60 * 24 * 150))
        approved = placed if rng.random() < 0.15 else placed + timedelta(minutes=rng.randrange(5, 600))
        promised = (placed + timedelta(days=rng.choice([7, 8, 10, 12]))).replace(hour=0, minute=0, second=0)
        fate = rng.random()
        canceled = fate < 0.03
        lost = 0.03 <= fate < 0.05
        late = 0.05 <= fate < 0.20
        carrier = approved + timedelta(hours=rng.uniform(20, 60))
        if late:
            delivered = promised + timedelta(days=rng.uniform(1, 9), hours=rng.uniform(9, 18))
        else:
            delivered = carrier + timedelta(days=rng.uniform(1, 4))
            delivered = min(delivered, promised - timedelta(hours=rng.uniform(1, 30)))
        orders.append(
            {
                "id": f"ord{i:05d}",
                "customer": customer,
                "placed": placed,
                "approved": approved,
                "promised": promised,
                "canceled": canceled,
                "lost": lost,
                "late": late,
                "carrier": carrier,
                "delivered": delivered,
            }
        )
    return orders


def _events(orders: list[dict], end: datetime) -> list[list[str]]:
    rows = [
        [
            "order_id",
            "customer_unique_id",
            "event",
            "event_time",
            "order_status",
            "order_estimated_delivery_date",
        ]
    ]
    fmt = "%Y-%m-%d %H:%M:%S"
    for o in sorted(orders, key=lambda o: o["placed"]):
        if o["canceled"]:
            status = "canceled"
        elif o["lost"]:
            status = "unavailable" if o["id"][-1] in "02468" else "shipped"
        else:
            status = "delivered" if o["delivered"] <= end else "shipped"
        steps = [("purchase", o["placed"]), ("approved", o["approved"])]
        if not o["canceled"]:
            steps.append(("handed_to_carrier", o["carrier"]))
            if not o["lost"]:
                steps.append(("delivered", o["delivered"]))
        for event, when in steps:
            if when <= end:
                rows.append(
                    [o["id"], o["customer"], event, when.strftime(fmt), status, o["promised"].strftime(fmt)]
                )
    return rows


def _reviews(rng: random.Random, orders: list[dict], end: datetime) -> list[list[str]]:
    rows = [["review_id", "client", "order_ref", "answered_at", "satisfaction_1_to_5", "review_comment"]]
    good = ["Chegou antes do prazo, recomendo", "Arrived early, great", "Produto ótimo", ""]
    bad = [
        "Ainda não recebi o produto",
        "Parcel came days late",
        "Atrasou muito e ninguém avisou",
        "Still waiting for my order",
    ]
    listed = []
    for o in orders:
        if o["canceled"] or rng.random() > 0.7:
            continue
        asked = o["promised"] + timedelta(hours=rng.uniform(0, 36))  # request around the promise
        answered = asked + timedelta(hours=rng.expovariate(1 / 20))
        if answered > end:
            continue
        waiting = (o["late"] or o["lost"]) and answered >= o["promised"]
        score = rng.choice([1, 1, 2, 2, 3]) if waiting else rng.choice([3, 4, 5, 5, 5])
        comment = rng.choice(bad if waiting else good)
        listed.append(
            [
                f"rv{len(listed):05d}",
                o["customer"],
                o["id"],
                answered.strftime("%d/%m/%Y %H:%M"),
                str(score),
                comment,
            ]
        )
    # one review for two orders of the same customer: the same review, listed twice
    first = listed[10]
    twin = (
        next(o for o in orders if o["customer"] == first[1] and o["id"] != first[2])
        if any(o["customer"] == first[1] and o["id"] != first[2] for o in orders)
        else None
    )
    if twin is not None:
        listed.insert(11, [first[0], first[1], twin["id"], *first[3:]])
    return rows + listed


def main() -> None:
    rng = random.Random(2026)
    orders = _orders(rng)
    end = START + timedelta(days=165)
    for name, rows in (
        ("order_events.csv", _events(orders, end)),
        ("reviews.csv", _reviews(rng, orders, end)),
    ):
        with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)


if __name__ == "__main__":
    main()
