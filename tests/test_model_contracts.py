"""The models' contracts, machine-checked: every declared key is unique and never null (on the demo
at scale S and on the hand-made scenarios); every model parses; headers, layers and cycles are
enforced by the runner."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlglot

from core.db import connect
from pipelines.model_files import (
    Contract,
    Layer,
    Model,
    dependency_order,
    discover_models,
    parsed_references,
    read_contract,
    table_references,
)
from pipelines.runner import RefreshError
from tests import pipeline_scenario, scenario_journey, scenario_ownership
from tests.scenario_db import refreshed

MODELS = discover_models()
SCENARIOS = {"pipeline": pipeline_scenario, "journey": scenario_journey, "ownership": scenario_ownership}


@pytest.fixture(scope="module")
def demo_con(demo_db):
    connection = connect(demo_db)  # the app's settings: a page test may have it open in this process
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def scenario_cons(tmp_path_factory):
    with ExitStack() as stack:
        yield {
            name: stack.enter_context(refreshed(tmp_path_factory.mktemp(name), scenario))
            for name, scenario in SCENARIOS.items()
        }


def key_violations(con, model: Model) -> tuple[int, int]:
    """(key values held by more than one row, rows with a null in the key)."""
    key = ", ".join(model.contract.key)
    duplicated = con.execute(
        f"select count(*) from (select {key} from {model.name} group by all having count(*) > 1)"
    ).fetchall()[0][0]
    nulls = con.execute(
        f"select count(*) from {model.name} where " + " or ".join(f"{c} is null" for c in model.contract.key)
    ).fetchall()[0][0]
    return duplicated, nulls


@pytest.mark.parametrize("model", [m for m in MODELS if m.contract.key], ids=lambda m: m.name)
def test_declared_key_is_unique_and_not_null_on_the_demo(demo_con, model):
    rows = demo_con.execute(f"select count(*) from {model.name}").fetchall()[0][0]
    assert key_violations(demo_con, model) == (0, 0), f"{model.path}: key {model.contract.key}"
    assert rows > 0 or model.name == "mart_unmapped_activities"  # the demo maps every activity


def test_declared_keys_hold_on_the_hand_made_scenarios(scenario_cons):
    broken = {
        (name, m.name): key_violations(con, m)
        for name, con in scenario_cons.items()
        for m in MODELS
        if m.contract.key
    }
    assert {k: v for k, v in broken.items() if v != (0, 0)} == {}


def test_a_model_without_a_key_says_why():
    keyless = {m.name: m.contract.no_key_reason for m in MODELS if not m.contract.key}
    assert keyless == {
        "int_data_end": "a single row: the moment the event data ends, for the whole database",
        "int_journeys_end": "a single row: where the journey data ends for outcomes, for the whole database",
    }


def test_every_model_parses_with_sqlglot():
    for model in MODELS:
        sqlglot.parse_one(model.sql, read="duckdb")  # raises on a parse error
        assert parsed_references(model.sql) is not None, model.path  # None: the identifier fallback


def test_sql_sqlglot_cannot_parse_falls_back_to_its_identifiers_with_a_warning():
    with pytest.warns(UserWarning, match="x.sql: sqlglot cannot parse it"):
        got = table_references("select * from stg_a where (( -- int_c\n join int_b 'int_d'", "x.sql")
    assert got == {"stg_a", "int_b"}  # not the comment, not the string


def test_contract_lines():
    path = Path("m.sql")
    assert read_contract(path, "-- grain: one row per contact\n-- key: contact_id\nselect 1") == Contract(
        "one row per contact", ("contact_id",)
    )
    assert read_contract(
        path, "-- grain: one row per month x owner\n-- key: period_month, owner\nselect 1"
    ).key == ("period_month", "owner")
    assert read_contract(path, "-- grain: a single row\n-- key: none (one row)\nselect 1") == Contract(
        "a single row", (), "one row"
    )


@pytest.mark.parametrize(
    "text, says",
    [
        ("-- one row per contact\n-- key: contact_id\nselect 1", "first line must state the grain"),
        ("-- grain: one row per contact\nselect 1", "second line must state the key"),
        (
            "-- grain: one row per contact\n-- incremental: customer_id\n-- key: contact_id\nselect 1",
            "second line must state the key",
        ),
        ("-- grain: one row per contact\n-- key: none\nselect 1", "without a key must say why"),
        (
            "-- grain: one row per contact\n-- key: contact_id contact_id\nselect 1",
            "key must be column names",
        ),
        ("", "first line must state the grain"),
    ],
)
def test_runner_refuses_a_model_without_grain_and_key(tmp_path, text, says):
    (tmp_path / "staging").mkdir()
    path = tmp_path / "staging" / "stg_contacts.sql"
    path.write_text(text)
    with pytest.raises(RefreshError, match=says) as error:
        discover_models(tmp_path)
    assert str(path) in str(error.value)


HEADER = "-- grain: one row per thing\n-- key: id\n"


def model(name: str, layer: Layer, body: str) -> Model:
    return Model(name, layer, Path(f"{layer}/{name}.sql"), HEADER + body)


def test_dependencies_come_from_the_parse_tree_not_from_comments_strings_or_ctes():
    models = [
        model("stg_a", "staging", "select * from raw_a"),
        # mentions int_c in a comment and a string, and has a CTE named like a model
        model(
            "int_b",
            "intermediate",
            "-- int_c is not read\nwith int_c as (select 'int_c' as id)\n"
            "select * from stg_a join int_c using (id)",
        ),
        model("int_c", "intermediate", "select * from int_b where id in (select id from stg_a)"),
        model("mart_d", "marts", "select * from int_c union all select * from mart_e"),
        model("mart_e", "marts", "select * from (select * from stg_a) as s"),
    ]
    assert [m.name for m in dependency_order(models)] == ["stg_a", "int_b", "int_c", "mart_e", "mart_d"]
    assert models[1].reads == {"stg_a"}
    assert models[3].reads == {"int_c", "mart_e"}


def test_a_cycle_is_an_error_naming_it():
    models = [
        model("int_a", "intermediate", "select * from int_b"),
        model("int_b", "intermediate", "select * from int_a"),
    ]
    either = "int_a reads int_b reads int_a|int_b reads int_a reads int_b"
    with pytest.raises(RefreshError, match=f"cycle: ({either})$"):
        dependency_order(models)


def test_reading_a_later_layer_is_an_error():
    models = [
        model("int_a", "intermediate", "select * from mart_b"),
        model("mart_b", "marts", "select 1 as id"),
    ]
    with pytest.raises(
        RefreshError, match="intermediate/int_a.sql: a intermediate model may not read the marts model mart_b"
    ):
        dependency_order(models)


def test_the_models_build_layer_by_layer_with_positions_before_attribution():
    names = [m.name for m in MODELS]
    layers = [m.layer for m in MODELS]
    assert layers == sorted(layers, key=["staging", "intermediate", "marts"].index)
    assert names.index("int_contact_positions") < names.index("int_contacts_attributed")
    assert names.index("int_response_positions") < names.index("int_responses_attributed")


def test_contact_and_response_positions_are_one_rule():
    """The two position models differ only in their moments (the rule is kept once, in two files
    so that each side refreshes on its own)."""
    by_name = {m.name: m.sql for m in MODELS}
    contact, response = by_name["int_contact_positions"], by_name["int_response_positions"]

    def after_moments(sql: str) -> str:
        return sql[sql.index("\n),\n", sql.index("with moments as (")) :]

    def rule_comment(sql: str) -> str:
        return sql[sql.index("-- The stage a journey stands at") : sql.index("with moments as (")]

    assert after_moments(contact) == after_moments(response)
    assert rule_comment(contact) == rule_comment(response)
    assert "from stg_contacts" in contact and "from stg_survey_responses" in response


def test_comment_and_note_text_models_are_one_rule():
    """The lemma and theme models of survey comments and of contact notes differ only in the texts
    they read (kept once, in two files each, so that each side refreshes on its own)."""
    by_name = {m.name: m.sql for m in MODELS}

    def after_texts(sql: str) -> str:
        return sql[sql.index("\n),\n", sql.index("with texts as (")) :]

    def body(sql: str) -> str:
        return sql[sql.index("-- A word is a run") : sql.index("with texts as (")]

    comment, note = by_name["int_comment_lemmas"], by_name["int_note_lemmas"]
    assert after_texts(comment) == after_texts(note)
    assert body(comment) == body(note)
    assert "from stg_survey_responses" in comment and "from stg_contacts" in note
    assert "stg_contacts" not in comment and "stg_survey_responses" not in note
    # the comment side is rebuilt by survey response (its `incremental:` line says so), the note side not
    themes = [
        x for x in by_name["int_comment_themes"].splitlines()[1:] if not x.startswith("-- incremental:")
    ]
    note_themes = [
        x for x in by_name["int_note_themes"].splitlines()[1:] if not x.startswith("-- incremental:")
    ]
    assert [line.replace("int_note_lemmas", "int_comment_lemmas") for line in note_themes] == themes
