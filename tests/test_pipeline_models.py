"""Each SQL model: given the scenario rows -> the expected rows."""

from __future__ import annotations

from datetime import date
from datetime import datetime as dt

import pytest

from pipelines.runner import RefreshError, discover_models
from tests import pipeline_scenario
from tests.scenario_db import refreshed, rows


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with refreshed(tmp_path_factory.mktemp("scenario"), pipeline_scenario) as connection:
        yield connection


def test_every_model_states_its_grain_and_layers_are_ordered():
    models = discover_models()
    layers = [m.layer for m in models]
    assert layers.index("marts") > layers.index("intermediate") > layers.index("staging")
    assert {m.name for m in models} >= {"mart_scores", "mart_friction", "mart_friction_cells"}


def test_stg_survey_responses_drops_scale_mismatch(con):
    assert rows(con, "select response_id from stg_survey_responses order by 1") == [
        ("r1",),
        ("r2",),
        ("r3",),
        ("r5",),
    ]


def test_int_activity_stages_first_matching_rule_and_unmapped(con):
    got = dict(rows(con, "select activity, stage from int_activity_stages"))
    assert got["login"] == "account"
    assert got["order_placed"] == "browse"
    assert got["payment_authorised"] == "payment"
    assert got["delivered"] == "delivery"
    assert got["mystery_event"] is None


def test_int_journey_stages_failure_lateness_and_sla(con):
    got = {
        (j, s): (f, late, sla, first)
        for j, s, f, late, sla, first in rows(
            con,
            """
        select journey_id, stage, failed, late, sla_breached, first_friction_at
        from int_journey_stages""",
        )
    }
    # delivered on the 5th at 12:00, promised by the 4th at 18:00: friction from the promise
    assert got[("j1", "delivery")] == (False, True, False, dt(2026, 1, 4, 18, 0))
    assert got[("j1", "picking")] == (False, False, False, None)  # 23.75 h < 72 h SLA
    # packed 99 h after payment (8:40 on the 3rd): the 72 h SLA passed at 8:40 on the 6th
    assert got[("j2", "picking")] == (False, False, True, dt(2026, 1, 6, 8, 40))
    assert got[("j2", "account")] == (True, False, False, dt(2026, 1, 3, 8, 0))
    assert len(got) == 10


def test_int_journeys(con):
    assert rows(
        con,
        """select journey_id, segment, stages_reached, stages_with_friction, period_month
                        from int_journeys order by 1""",
    ) == [("j1", "household", 5, 1, date(2026, 1, 1)), ("j2", "small_business", 5, 2, date(2026, 1, 1))]


def test_int_contacts_attributed_by_reason_else_journey_position(con):
    got = {
        r[0]: r[1:]
        for r in rows(
            con,
            """
        select contact_id, journey_id, journey_inferred, stage, owner, attribution, avoidable,
               cost_eur, is_repeat, escalation_hours, channel
        from int_contacts_attributed""",
        )
    }
    assert got["k1"] == ("j1", True, "delivery", "logistics", "reason", True, 7.2, False, 12.0, "phone")
    assert got["k2"] == ("j1", True, "delivery", "logistics", "reason", True, 3.6, True, None, "chat")
    assert got["k3"] == ("j2", True, "browse", "sales", "journey_position", False, 4.8, False, None, "email")
    assert got["k4"] == (
        "j2",
        False,
        "delivery",
        "logistics",
        "journey_position",
        False,
        5.4,
        False,
        None,
        "social",
    )


def test_int_responses_attributed_given_under_way_or_none(con):
    got = {
        r[0]: r[1:]
        for r in rows(
            con,
            """
        select response_id, journey_id, attachment, stage, segment from int_responses_attributed""",
        )
    }
    assert got == {
        "r1": ("j1", "given", "delivery", "household"),
        "r2": ("j2", "under_way", "delivery", "small_business"),
        "r3": ("j1", "under_way", "delivery", "household"),
        "r5": (None, "none", "unattached", "unknown"),
    }


def test_int_response_stage_exposure_only_friction_before_answer(con):
    got = {
        (r, s): f
        for r, s, f in rows(
            con,
            """
        select response_id, stage, had_friction from int_response_stage_exposure""",
        )
    }
    assert got[("r1", "delivery")] is True
    # r3 answered at 21:00 on the 4th: after the promise (18:00) and before the late delivery
    # (12:00 on the 5th) - the customer was already waiting for an overdue parcel
    assert got[("r3", "delivery")] is True
    assert got[("r2", "account")] is True and got[("r2", "picking")] is True
    assert got[("r2", "delivery")] is False
    assert sum(1 for (r, _s) in got if r == "r1") == 5
    assert not any(r == "r5" for (r, _s) in got)


def test_owner_cells_count_a_response_once_per_owner(con):
    """mart_friction_cells, owner rows: with friction if any of the owner's stages had it."""
    got = {
        (o, seg): (n_with, n_without)
        for o, seg, n_with, n_without in rows(
            con,
            """
        select key, segment, n_with, n_without from mart_friction_cells
        where dimension = 'owner' and metric = 'nps'""",
        )
    }
    assert got[("warehouse", "small_business")] == (1, 0)  # r2
    assert got[("logistics", "household")] == (1, 0)  # r1: late delivery before the answer
    assert got[("warehouse", "household")] == (0, 1)  # r1: picking went fine
    # r1 reached five stages of five owners; r4 (nps on a 1-5 scale) is not valid
    assert sum(n_with + n_without for (o, seg), (n_with, n_without) in got.items() if seg == "household") == 5


def test_mart_scores_cells(con):
    got = rows(
        con,
        """select period_month, metric, stage, channel, segment, n, n_positive, n_negative,
                              score_sum, value from mart_scores order by metric, segment""",
    )
    assert got == [
        (date(2026, 2, 1), "ces", "unattached", "unknown", "unknown", 1, 1, 0, 6.0, 6.0),
        (date(2026, 1, 1), "csat", "delivery", "chat", "household", 1, 1, 0, 4.0, 100.0),
        (date(2026, 1, 1), "nps", "delivery", "email", "household", 1, 0, 1, 3.0, -100.0),
        (date(2026, 1, 1), "nps", "delivery", "email", "small_business", 1, 1, 0, 10.0, 100.0),
    ]


def test_mart_friction_cells_delivery(con):
    got = rows(
        con,
        """select segment, n_with, neg_with, n_without, pos_without from mart_friction_cells
                       where dimension = 'stage' and key = 'delivery' and metric = 'nps' order by 1""",
    )
    assert got == [("household", 1, 1, 0, 0), ("small_business", 0, 0, 1, 1)]


def test_mart_friction_operations(con):
    got = {
        r[0]: r[1:]
        for r in rows(
            con,
            """
        select segment, reached, late, with_friction, contacts, avoidable_contacts, repeat_contacts,
               transferred_contacts, avoidable_cost_eur
        from mart_friction_operations where dimension = 'stage' and key = 'delivery'""",
        )
    }
    assert got["household"] == (1, 1, 1, 2, 2, 1, 1, pytest.approx(10.8))
    assert got["small_business"] == (1, 0, 0, 1, 0, 0, 1, 0.0)
    esc = rows(
        con,
        """select escalations_received, escalation_hours_sum from mart_friction_operations
                       where dimension = 'owner' and key = 'logistics' and escalations_received > 0""",
    )
    assert esc == [(1, 12.0)]


def test_mart_journey_volume_and_contacts(con):
    assert rows(con, "select segment, journeys from mart_journey_volume order by 1") == [
        ("household", 1),
        ("small_business", 1),
    ]
    got = rows(
        con,
        """select reason, stage, attribution, sum(contacts), sum(repeat_contacts)
                       from mart_contacts group by all order by reason, stage""",
    )
    assert ("where_is_my_order", "delivery", "reason", 2, 1) in got
    assert ("unknown", "browse", "journey_position", 1, 0) in got


def test_mart_friction_below_min_n_is_not_a_number(con):
    got = rows(
        con,
        """select stage, metric, reach, enough_n, delta, p_value, significant, points_at_stake
           from mart_friction
           where dimension = 'stage' and key = 'delivery' and metric = 'nps'""",
    )
    assert got == [("delivery", "nps", 2, False, None, None, False, None)]


def test_broken_model_rolls_back_everything(con, tmp_path, monkeypatch):
    before = rows(con, "select count(*) from mart_refresh_log")[0][0]
    models_dir = tmp_path / "models"
    for layer in ("staging", "intermediate", "marts"):
        (models_dir / layer).mkdir(parents=True)
    (models_dir / "staging" / "stg_customers.sql").write_text(
        "-- grain: one row per customer\n-- key: customer_id\nselect 1 as customer_id, 'x' as segment"
    )
    (models_dir / "marts" / "mart_scores.sql").write_text(
        "-- grain: one row per nothing\n-- key: none (no rows)\nselect * from no_such_table"
    )
    (models_dir / "macros.sql").write_text("select 1")
    import pipelines.runner as runner

    monkeypatch.setattr(runner, "MODELS_DIR", models_dir)
    with pytest.raises(RefreshError, match="mart_scores"):
        runner.refresh(con)
    assert rows(con, "select count(*) from stg_customers")[0][0] == 3  # old state kept
    assert rows(con, "select count(*) from mart_refresh_log")[0][0] == before


def test_materialized_hint_makes_a_view(tmp_path):
    from pipelines.runner import Model

    header = "-- grain: one row per thing\n-- key: x\n"
    view = Model("mart_x", "marts", tmp_path / "mart_x.sql", f"{header}-- materialized: view\nselect 1")
    table = Model("mart_y", "marts", tmp_path / "mart_y.sql", f"{header}select 1")
    staged = Model("stg_z", "staging", tmp_path / "stg_z.sql", f"{header}select 1")
    assert (view.materialized, table.materialized, staged.materialized) == ("view", "table", "view")
