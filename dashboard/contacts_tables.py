"""The Contacts page's tables: reason and key labels, the breakdown by reason, stage, owner or channel
(with repeats for a window and the Pareto), and example-contact tables whose rows open the customer
(dashboard/views/contacts.py draws them)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n, links
from dashboard.contacts_figures import share
from dashboard.i18n import t

# --- labels and formatting ------------------------------------------------------------------


def reason_label(reason: str, mapped: bool, names: dict) -> str:
    """The journey map's name of a reason; unmapped reasons are marked as such."""
    if not mapped:
        return t("ct_reason_missing") if reason == "unknown" else t("ct_reason_unmapped", reason=reason)
    entry = names.get(reason)
    return i18n.localized(entry) if entry is not None else reason


def key_label(key: str, names: dict) -> str:
    if key == "unattributed":
        return t("ct_unattributed")
    return i18n.name_in(names, key)


# --- computation ----------------------------------------------------------------------------


def breakdown(volumes: pd.DataFrame, repeats: pd.DataFrame, by: str) -> pd.DataFrame:
    """Contacts, avoidable, repeats (window), transferred and cost per value of ``by``."""
    frame = volumes.assign(
        avoidable_contacts=volumes["contacts"].where(volumes["avoidable"], 0),
        avoidable_cost=volumes["cost_eur"].where(volumes["avoidable"], 0.0),
    )
    out = frame.groupby(by, as_index=False)[
        ["contacts", "avoidable_contacts", "transferred_contacts", "transfers", "cost_eur", "avoidable_cost"]
    ].sum()
    rep = repeats.groupby(by, as_index=False)["contacts"].sum().rename(columns={"contacts": "repeats"})
    out = out.merge(rep, on=by, how="left").fillna({"repeats": 0})
    return out.sort_values(["contacts", by], ascending=[False, True]).reset_index(drop=True)


def pareto(volumes: pd.DataFrame, repeats: pd.DataFrame) -> pd.DataFrame:
    """Reasons by contacts (most first) with share and cumulative share."""
    table = breakdown(volumes, repeats, "reason")
    flags = (
        volumes.groupby("reason")
        .agg(reason_mapped=("reason_mapped", "any"), avoidable=("avoidable", "any"))
        .reset_index()
    )
    table = table.merge(flags, on="reason", how="left")
    total = table["contacts"].sum()
    table["share"] = table["contacts"] / total if total else 0.0
    table["cumulative"] = table["share"].cumsum()
    return table


# --- rendering ------------------------------------------------------------------------------


def breakdown_display(table: pd.DataFrame, label: str, labels: list[str], window: int) -> pd.DataFrame:
    """The key columns first (what, how many, how many avoidable, what they cost), so a phone
    shows them without scrolling sideways."""
    return pd.DataFrame(
        {
            label: labels,
            t("ct_col_contacts"): [i18n.fmt_int(v) for v in table["contacts"]],
            t("ct_col_avoidable"): [
                i18n.fmt_share(share(a, c), 0) for a, c in zip(table["avoidable_contacts"], table["contacts"])
            ],
            t("ct_col_avoidable_cost"): [i18n.fmt_eur(v) for v in table["avoidable_cost"]],
            t("ct_col_cost"): [i18n.fmt_eur(v) for v in table["cost_eur"]],
            t("ct_col_repeats", days=window): [
                f"{i18n.fmt_int(r)} ({i18n.fmt_share(share(r, c), 0)})"
                for r, c in zip(table["repeats"], table["contacts"])
            ],
            t("ct_col_transferred"): [
                i18n.fmt_share(share(x, c), 0)
                for x, c in zip(table["transferred_contacts"], table["contacts"])
            ],
        }
    )


def pinned(label: str) -> dict:
    """The row's name stays in view when a narrow screen scrolls the table sideways."""
    return {label: st.column_config.TextColumn(pinned=True)}


def customer_rows(customers: pd.Series) -> list:
    """Row targets: each row opens its customer in the same tab."""
    return [links.customer_target(c) if isinstance(c, str) and c else None for c in customers]


def _example_cells(examples: pd.DataFrame, column: str, names: dict[str, dict]) -> list:
    """The cells of one column (a text key) of an example-contacts table."""
    if column == "ct_col_customer":
        return list(examples["customer_id"])
    if column == "ct_col_opened":
        return [i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in examples["opened_at"]]
    if column == "ct_col_reason":
        return [names["reason"].get(r, r) for r in examples["reason"]]
    if column == "ct_col_channel":
        return [i18n.channel_label(c) for c in examples["channel"]]
    if column == "ct_col_stage":
        return [key_label(s, names["stage"]) for s in examples["stage"]]
    if column == "ct_col_handled":
        return [
            key_label(h, names["owner"]) if h != "unknown" else t("ct_team_unknown")
            for h in examples["handling_team"]
        ]
    if column == "ct_col_transfers":
        return [i18n.fmt_int(v) for v in examples["transfers"]]
    if column == "ct_col_resolved":
        return [t("yes") if v is True else t("no") if v is False else "–" for v in examples["resolved"]]
    if column == "ct_col_previous":
        return [
            t("ct_days", value=i18n.fmt_number(d, 1)) if not pd.isna(d) else "–"
            for d in examples["days_since_previous_same_reason"]
        ]
    raise KeyError(column)


def example_contacts(
    examples: pd.DataFrame, columns: tuple[str, ...], names: dict[str, dict], key: str
) -> None:
    """Example contacts as a table whose rows open the customer in the same tab, and its caption.
    ``names``: {"stage": .., "owner": .., "reason": ..} for the readable names."""
    links.drill_table(
        pd.DataFrame({t(column): _example_cells(examples, column, names) for column in columns}),
        customer_rows(examples["customer_id"]),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={t("ct_col_customer"): st.column_config.TextColumn(help=t("ct_col_customer_help"))},
    )
    st.caption(t("ct_examples_caption", count=len(examples)))
