"""The benchmark baselines are real, checked implementations: on the scale-S demo the pandas
friction table equals mart_friction and PM4Py's directly-follows counts equal the DuckDB ones."""
from __future__ import annotations

import shutil
import sys

import pandas as pd
import pytest

from bench import baselines
from pipelines.db import connect
from pipelines.journey_map import load_journey_map
from pipelines.journey_map_store import journey_map_for_refresh
from tests.conftest import ROOT


@pytest.fixture()
def con(demo_db):
    connection = connect(demo_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def journey_map(con):
    return journey_map_for_refresh(con)[0]


def test_activity_rules_first_match_whole_value_case_sensitive():
    rules = [("cart_*", "browse"), ("cart_paid", "payment"), ("login*", "account")]
    assert baselines.activity_stages(["cart_paid", "cart_", "cartXpaid", "Login", "login_ok", "x"], rules) == {
        "cart_paid": "browse", "cart_": "browse", "cartXpaid": None, "Login": None,
        "login_ok": "account", "x": None}


def test_journey_stages_sla_breach_and_first_friction():
    """SLA is measured from the previous reached stage's last event; friction = earliest of a
    failed/late event and the breach (at left_at)."""
    jm = load_journey_map()  # picking has sla_hours 72 in data/journey_map.yaml
    sla = next(s.sla_hours for s in jm.stages if s.id == "picking")
    t = pd.Timestamp("2026-01-01 00:00")
    events = pd.DataFrame({
        "event_id": ["1", "2", "3", "4", "5"], "customer_id": ["c"] * 5, "journey_id": ["j"] * 5,
        "activity": ["payment_ok", "order_picked", "order_packed", "shipped", "delivered"],
        "occurred_at": [t, t + pd.Timedelta(hours=1), t + pd.Timedelta(hours=sla + 1),
                        t + pd.Timedelta(hours=sla + 2), t + pd.Timedelta(hours=sla + 3)],
        "outcome": ["ok", "ok", "ok", "FAILED", "ok"],
        "promised_at": [pd.NaT] * 4 + [t]}).astype({"occurred_at": "datetime64[us]",
                                                  "promised_at": "datetime64[us]"})
    js = baselines.journey_stages(baselines.mapped_events(events, jm), jm).set_index("stage")
    assert js.loc["picking", "sla_breached"]
    assert js.loc["picking", "first_friction_at"] == t + pd.Timedelta(hours=sla + 1)
    assert not js.loc["payment", "sla_breached"] and pd.isna(js.loc["payment", "first_friction_at"])
    assert js.loc["delivery", "failed"] and js.loc["delivery", "late"]
    assert js.loc["delivery", "first_friction_at"] == t + pd.Timedelta(hours=sla + 2)


def test_pandas_friction_table_agrees_with_mart_friction(con, journey_map):
    table = baselines.friction_by_stage_pandas(baselines.load_raw(con), journey_map)
    mart = baselines.mart_friction_by_stage(con)
    assert baselines.compare_friction(table, mart) == []
    assert len(table) == len(mart) > 0
    assert table["score_with"].notna().any() and table["delta"].notna().any()


def test_compare_friction_reports_a_difference(con, journey_map):
    table = baselines.friction_by_stage_pandas(baselines.load_raw(con), journey_map)
    mart = baselines.mart_friction_by_stage(con)
    tested = table.index[table["delta"].notna()][0]
    broken = table.copy()
    broken.loc[tested, "score_with"] = broken.loc[tested, "score_with"] * (1 + 1e-7)
    broken.loc[tested, "n_without"] += 1
    problems = baselines.compare_friction(broken, mart)
    assert len(problems) == 2
    assert baselines.compare_friction(table.iloc[1:], mart)[0].endswith("only in mart_friction")


def test_dfg_counts_agree_with_duckdb_and_mart(con, journey_map):
    pytest.importorskip("pm4py")
    edges, start, end = baselines.dfg_pm4py(baselines.event_log(con, journey_map))
    assert edges and all(a != b for a, b in edges)
    assert edges == baselines.dfg_duckdb(con)
    mart = baselines.dfg_mart(con)
    assert mart is not None
    assert (edges, start, end) == mart


def test_bench_exits_non_zero_when_a_baseline_disagrees(demo_db, tmp_path, monkeypatch, capsys):
    db = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, db)
    original = baselines.friction_by_stage_pandas

    def off_by_one(raw, jm):
        table = original(raw, jm)
        table.loc[0, "n_with"] += 1
        return table

    monkeypatch.setattr(baselines, "friction_by_stage_pandas", off_by_one)
    monkeypatch.setitem(sys.modules, "pm4py", None)  # also covers the skip path
    assert baselines.main(["--db", str(db), "--runs", "1", "--skip-refresh"]) == 1
    out = capsys.readouterr().out
    assert "DISAGREE" in out and "pm4py not installed" in out


def test_bench_passes_on_the_demo(demo_db, tmp_path, capsys):
    db = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, db)
    assert baselines.main(["--db", str(db), "--runs", "1", "--skip-refresh"]) == 0
    assert '"agree": true' in capsys.readouterr().out


# --- boundary cases the demo does not hit: a tiny company, refreshed, pandas vs mart_friction ---

T = pd.Timestamp
EVENTS = [  # event_id, customer, journey, activity, occurred_at, outcome, promised_at
    ("e101", "c1", "j1", "login", T("2026-01-01 10:00"), "ok", None),
    ("e102", "c1", "j1", "payment_card", T("2026-01-01 10:30"), "ok", None),
    ("e103", "c1", "j1", "order_picked", T("2026-01-02 00:00"), "ok", None),
    ("e104", "c1", "j1", "order_packed", T("2026-01-04 10:30"), "ok", None),  # exactly 72 h: no breach
    ("e105", "c1", "j1", "shipped", T("2026-01-05 00:00"), "failed", None),
    ("e106", "c1", "j1", "delivered", T("2026-01-06 00:00"), "ok", T("2026-01-05 12:00")),
    ("e201", "c2", "j2", "login", T("2026-01-01 09:00"), "FAILED", None),
    ("e202", "c2", "j2", "payment_card", T("2026-01-01 09:30"), "ok", None),
    ("e203", "c2", "j2", "order_picked", T("2026-01-01 10:00"), "ok", None),
    ("e204", "c2", "j2", "order_packed", T("2026-01-04 09:30:01"), "ok", None),  # 72 h + 1 s: breach
    ("e301", "c3", "j3", "login", T("2026-01-02 08:00"), "ok", None),
    ("e302", "c3", "j3", "payment_card", T("2026-01-02 08:10"), "ok", None),
    ("e303", "c3", "j3", "order_picked", T("2026-01-02 09:00"), "ok", None),
    ("e304", "c3", "j3", "unmapped_thing", T("2026-01-02 09:30"), "failed", None),
    ("e401", "c1", "j4", "login", T("2026-01-10 00:00"), "ok", None),
    ("e501", "c4", "j5", "login", T("2026-01-03 12:00"), "ok", None),
    ("e502", "c4", "j5", "payment_card", T("2026-01-03 12:05"), "ok", None),
]
RESPONSES = [  # id, metric, score, scale_min, scale_max, customer, journey, responded_at
    ("r1", "nps", 2, 0, 10, "c1", None, T("2026-01-05 00:00")),     # at the failed event: with friction
    ("r2", "nps", 9, 0, 10, "c1", "", T("2026-01-10 00:00")),       # at j4's start: attaches to j4
    ("r3", "nps", 3, 0, 10, "c2", "j2", T("2026-01-04 09:30:01")),  # at the SLA breach
    ("r4", "nps", 5, 0, 10, "c2", " j2 ", T("2026-01-01 09:00")),   # at entry and failure of account
    ("r5", "nps", 10, 0, 10, "c3", None, T("2026-01-02 09:30")),
    ("r6", "nps", 8, 0, 10, "c4", None, T("2026-01-03 12:05")),
    ("r7", "nps", 1, 1, 5, "c4", None, T("2026-01-03 13:00")),      # wrong scale: excluded
    ("r8", "nps", 7, 0, 10, "c5", None, T("2026-01-03 13:00")),     # no journey: only in n_all
    ("r9", "csat", 4, 1, 5, "c1", None, T("2026-01-06 00:00")),
    ("r10", "csat", 2, 1, 5, "c3", None, T("2026-01-02 09:00")),
]
CONTACTS = [  # id, customer, journey, opened_at, channel, reason, transfers
    ("k1", "c1", None, T("2026-01-05 00:00"), "phone", "where_is_my_order", 0),
    ("k2", "c1", None, T("2026-01-12 00:00"), "chat", "where_is_my_order", 0),   # exactly 7 days: repeat
    ("k3", "c1", None, T("2026-01-19 00:00:01"), " Email", "Where_Is_My_Order ", 0),  # 7 d + 1 s: not
    ("k4", "c2", None, T("2026-01-01 10:00"), "phone", None, 0),   # at picking's entry: position picking
    ("k5", "c3", None, T("2026-01-02 08:05"), "chat", "complaint", 0),  # reason without stage: position
    ("k6", "c5", None, T("2026-01-03 00:00"), "phone", "other", 0),     # no journey: unattributed
    ("k7", "c4", None, T("2026-01-03 12:05"), "social", "payment_failed", 0),
    ("k8", "c2", "j2", T("2025-12-31 00:00"), "store", "wrong_item", 2),
]


@pytest.fixture()
def boundary_db(tmp_path):
    from pipelines.runner import refresh

    yaml_path = tmp_path / "journey_map.yaml"
    yaml_path.write_text((ROOT / "data" / "journey_map.yaml").read_text(encoding="utf-8")
                         .replace("min_n: 30", "min_n: 2"), encoding="utf-8")
    frames = {
        "raw_customers": pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4", "c5"], "batch_id": "b"}),
        "raw_journey_events": pd.DataFrame(EVENTS, columns=[
            "event_id", "customer_id", "journey_id", "activity", "occurred_at", "outcome", "promised_at"]),
        "raw_survey_responses": pd.DataFrame(RESPONSES, columns=[
            "response_id", "metric", "score", "scale_min", "scale_max", "customer_id", "journey_id",
            "responded_at"]).assign(survey="s"),
        "raw_contacts": pd.DataFrame(CONTACTS, columns=[
            "contact_id", "customer_id", "journey_id", "opened_at", "channel", "reason", "transfers"]),
    }
    con = connect(tmp_path / "b.duckdb")
    for table, frame in frames.items():
        frame = frame.assign(batch_id="b")
        for col in ("occurred_at", "promised_at", "responded_at", "opened_at"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col]).astype("datetime64[us]")
        con.register("frame", frame)
        con.execute(f"insert into {table} by name select * from frame")
        con.unregister("frame")
    refresh(con, journey_map_path=yaml_path)
    yield con, load_journey_map(yaml_path)
    con.close()


def test_boundaries_agree_with_mart_friction(boundary_db):
    con, jm = boundary_db
    table = baselines.friction_by_stage_pandas(baselines.load_raw(con), jm)
    assert baselines.compare_friction(table, baselines.mart_friction_by_stage(con)) == []
    rows = {(r["stage"], r["metric"]): r for r in table.to_dict("records")}
    account = rows[("account", "nps")]
    assert (account["n_with"], account["n_without"], account["n_all"]) == (2, 4, 7)
    assert (account["score_with"], account["score_without"]) == (-100.0, 25.0)
    assert (rows[("delivery", "nps")]["n_with"], rows[("delivery", "nps")]["n_without"]) == (1, 0)
    assert (rows[("picking", "nps")]["n_with"], rows[("picking", "nps")]["n_without"]) == (1, 2)
    assert (rows[("picking", "csat")]["n_with"], rows[("picking", "csat")]["n_without"]) == (0, 2)
    assert rows[("picking", "nps")]["late_rate"] == pytest.approx(1 / 3)
    delivery, picking = rows[("delivery", "nps")], rows[("picking", "nps")]
    assert (delivery["contacts"], delivery["repeat_share"]) == (3, pytest.approx(1 / 3))
    assert (picking["contacts"], picking["transfer_rate"]) == (2, 0.5)
    assert (account["contacts"], account["avoidable_share"]) == (1, 0.0)
