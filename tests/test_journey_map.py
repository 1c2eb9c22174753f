"""The journey map loads, validates with clear messages, and becomes the map_* tables."""

import copy

import pytest
import yaml

from pipelines.journey_map import DEFAULT_MAP_PATH, JourneyMapError, load_journey_map, parse_journey_map
from pipelines.journey_map_frames import journey_map_frames


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))


def test_demo_map_is_valid():
    jm = load_journey_map()
    assert 6 <= len(jm.stages) <= 10
    assert len({s.owner for s in jm.stages}) >= 5
    assert jm.settings["min_n"] == 30
    assert jm.stage("delivery").owner == "logistics"
    owners = {r.reason: r.owner for r in jm.contact_reasons}
    assert owners["invoice_error"] == "billing"  # defaults to the stage owner
    assert owners["complaint"] is None


def broken(raw, edit) -> str:
    doc = copy.deepcopy(raw)
    edit(doc)
    with pytest.raises(JourneyMapError) as info:
        parse_journey_map(doc, "journey_map.yaml")
    return str(info.value)


def test_unknown_owner_is_named(raw):
    msg = broken(raw, lambda d: d["stages"][4].update(owner="logstics"))
    assert "journey_map.yaml" in msg and "stages[4].owner" in msg and "logstics" in msg


def test_every_problem_is_listed_at_once(raw):
    def edit(d):
        d["activities"][0]["stage"] = "nowhere"
        d["contact_reasons"][0]["avoidable"] = "yes"
        d["channel_costs"]["fax"] = 1.0
        d["settings"]["min_n"] = 0
        d["targets"]["nps"] = 250

    msg = broken(raw, edit)
    for where in (
        "activities[0].stage",
        "contact_reasons[0].avoidable",
        "channel_costs.fax",
        "settings.min_n",
        "targets.nps",
    ):
        assert where in msg


def test_duplicates_missing_names_and_unknown_keys(raw):
    def edit(d):
        d["stages"].append(copy.deepcopy(d["stages"][0]))
        d["functions"][0]["name"] = {"en": " ", "fi": None}
        d["stages"][1]["colour"] = "red"
        d["functions"][1]["head"] = "someone"
        d["activities"][2]["stge"] = "browse"

    msg = broken(raw, edit)
    assert "'account' appears more than once" in msg
    assert "functions[0].name" in msg and "stages[1].colour" in msg
    assert "functions[1].head" in msg and "activities[2].stge" in msg


def test_one_language_is_enough_and_the_other_falls_back_to_it(raw):
    doc = copy.deepcopy(raw)
    for function in doc["functions"]:
        function["name"] = {"en": function["name"]["en"]}  # an English-only company
    doc["stages"][0]["name"] = "Tili"  # a plain text is a name in both
    doc["contact_reasons"][0]["name"] = {"fi": "Kirjautuminen"}
    jm = parse_journey_map(doc, "one_language.yaml")
    assert jm.functions["digital"] == ("IT & digital services", "IT & digital services")
    assert (jm.stages[0].name_en, jm.stages[0].name_fi) == ("Tili", "Tili")
    assert (jm.contact_reasons[0].name_en, jm.contact_reasons[0].name_fi) == ("Kirjautuminen",) * 2
    doc["stages"][1]["name"] = {"sv": "Bläddra"}
    with pytest.raises(JourneyMapError, match=r"stages\[1\].name.sv: unknown language"):
        parse_journey_map(doc, "one_language.yaml")


def test_timezone_setting_is_validated(raw):
    assert load_journey_map().timezone == "Europe/Helsinki"
    doc = copy.deepcopy(raw)
    doc["settings"]["timezone"] = "America/Sao_Paulo"
    assert parse_journey_map(doc).timezone == "America/Sao_Paulo"
    msg = broken(raw, lambda d: d["settings"].update(timezone="Mars/Olympus"))
    assert "settings.timezone: 'Mars/Olympus' is not a time zone name" in msg


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("stages: [unclosed", encoding="utf-8")
    with pytest.raises(JourneyMapError, match="map.yaml is not valid YAML"):
        load_journey_map(path)


def test_frames_escape_like_wildcards():
    frames = journey_map_frames(load_journey_map())
    rules = frames["map_activity_rules"].set_index("pattern")["like_pattern"]
    assert rules["login*"] == "login%"
    assert rules["order_placed"] == r"order\_placed"
    assert list(frames["map_stages"]["stage_order"]) == list(range(1, len(frames["map_stages"]) + 1))


def test_completes_defaults_to_the_last_stage(raw):
    doc = copy.deepcopy(raw)
    for stage in doc["stages"]:
        stage.pop("completes", None)
    jm = parse_journey_map(doc, "journey_map.yaml")
    assert [s.id for s in jm.stages if s.completes] == [jm.stages[-1].id]
    frame = journey_map_frames(jm)["map_stages"]
    assert frame["completes_journey"].tolist() == [False] * (len(jm.stages) - 1) + [True]


def test_completes_and_in_progress_days_are_validated(raw):
    message = broken(
        raw, lambda d: (d["stages"][0].update(completes="yes"), d["settings"].update(in_progress_days=-1))
    )
    assert "stages[0].completes: 'yes' must be true or false" in message
    assert "settings.in_progress_days: -1 must be a number >= 0" in message


def test_references_of_any_shape_are_problems_in_the_order_of_the_file(raw):
    """A list or mapping where an id belongs is named, not a TypeError (unhashable), and the
    cross-section problems stand among the fields' own in the file's order."""

    def edit(d):
        d["settings"]["min_n"] = 1
        d["stages"][0]["owner"] = ["digital"]
        d["activities"][1]["stage"] = {"en": "browse"}
        d["contact_reasons"][0]["stage"] = []

    lines = broken(raw, edit).splitlines()[1:]
    assert lines == [
        "  - settings.min_n: 1 must be a whole number >= 2",
        "  - stages[0].owner: unknown function ['digital']",
        "  - activities[1].stage: unknown stage {'en': 'browse'}",
        "  - contact_reasons[0].stage: unknown stage []",
    ]
