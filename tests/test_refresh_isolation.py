"""A reader on another cursor sees the previous complete state until the refresh commits."""

from __future__ import annotations

from datetime import datetime

import pipelines.runner as runner
from core.db import connect
from tests import pipeline_scenario


def test_reader_sees_old_state_during_refresh(tmp_path, monkeypatch):
    con = connect(tmp_path / "iso.duckdb")
    pipeline_scenario.load(con)
    runner.refresh(con)
    reader = con.cursor()
    before = reader.execute("select sum(n) from mart_scores").fetchall()[0][0]
    con.execute(
        """insert into raw_survey_responses (response_id, batch_id, survey, metric, score,
                   scale_min, scale_max, customer_id, responded_at)
                   values ('r9', 'b2', 's', 'nps', 9, 0, 10, 'c1', ?)""",
        [datetime(2026, 1, 7)],
    )
    seen_mid_refresh: list[tuple] = []
    original_drop = runner.drop_relation

    def drop_and_peek(connection, name):
        original_drop(connection, name)
        if name == "mart_friction":  # the last mart: everything else is already rebuilt
            seen_mid_refresh.append(
                reader.execute(
                    "select (select sum(n) from mart_scores), (select count(*) from int_responses_attributed)"
                ).fetchall()[0]
            )

    monkeypatch.setattr(runner, "drop_relation", drop_and_peek)
    runner.refresh(con)
    assert seen_mid_refresh == [(before, 4)]  # old marts, old intermediate rows
    assert reader.execute("select sum(n) from mart_scores").fetchall()[0][0] == before + 1
    con.close()
