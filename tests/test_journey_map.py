"""The journey map loads, validates with clear messages, and becomes the map_* tables."""

import copy

import pytest
import yaml

from pipelines.journey_map import DEFAULT_MAP_PATH, JourneyMapError, load_journey_map, parse_journey_map
from pipelines.journey_map_frames import journey_map_frames
from pipelines.journey_map_tables import journey_map_tables


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
        "  - themes[7].owner: unknown function ['digital']",  # login_app: the account stage's owner
    ]


def test_demo_map_themes_default_their_owner_to_the_stages():
    themes = {t.id: t for t in load_journey_map().themes}
    assert themes["late_delivery"].stage == "delivery" and themes["late_delivery"].owner == "logistics"
    assert themes["delivery_fee"].owner == "sales"  # given explicitly
    assert themes["passed_around"].stage is None and themes["passed_around"].owner == "customer_service"


def test_bad_themes_are_named_at_their_key_path(raw):
    def edit(d):
        d["themes"][0]["stage"] = "shipping"
        d["themes"][1]["owner"] = "logstics"
        d["themes"][2]["terms"] = ["kul*jetus", "ok", ""]
        d["themes"][3]["exclude"] = "**x"
        d["themes"][4]["colour"] = "red"
        d["themes"][5]["terms"] = []
        d["themes"][6]["id"] = "Refund"
        d["themes"][7]["name"] = {"sv": "Inloggning"}
        d["themes"].append(copy.deepcopy(d["themes"][8]))

    lines = broken(raw, edit).splitlines()[1:]
    n = len(raw["themes"])
    assert lines == [
        "  - themes[0].stage: unknown stage 'shipping'",
        "  - themes[1].owner: unknown function 'logstics'",
        "  - themes[2].terms[0]: 'kul*jetus': '*' may stand once, at the start or the end of a word "
        "(*kuljetus, lasku*)",
        "  - themes[2].terms[2]: '' has no words (letters)",
        "  - themes[3].exclude[0]: '**x': '*' may stand once, at the start or the end of a word "
        "(*kuljetus, lasku*)",
        "  - themes[4].colour: unknown key",
        "  - themes[5].terms: must be a list of words or phrases, e.g. [toimitus, myöhässä, '*kuljetus']",
        "  - themes[6].id: 'Refund' is not a lowercase snake_case id",
        "  - themes[7].name.sv: unknown language; use en and/or fi",
        f"  - themes[{n}].id: {raw['themes'][8]['id']!r} appears more than once",
    ]


def test_a_themes_owner_follows_a_misspelt_stage_owner_and_themes_must_be_a_list(raw):
    msg = broken(raw, lambda d: d["stages"][4].update(owner="logstics"))
    assert "themes[0].owner: unknown function 'logstics'" in msg  # late_delivery: stage delivery
    assert "themes: must be a list of themes" in broken(raw, lambda d: d.update(themes={"a": 1}))
    assert "themes[0]: must be a mapping with id, name and terms" in broken(
        raw, lambda d: d.update(themes=["x"])
    )


def test_theme_frames_are_typed_deterministic_and_one_row_per_term_word(raw):
    from pipelines.refresh_state import map_hash

    jm = load_journey_map()
    frames = journey_map_frames(jm)
    themes, terms = frames["map_themes"], frames["map_theme_terms"]
    assert themes["theme"].tolist() == [t.id for t in jm.themes]
    assert themes["theme_order"].tolist() == list(range(1, len(jm.themes) + 1))
    fast = terms[terms["theme"] == "fast_delivery"]
    first = fast[(fast["kind"] == "include") & (fast["term_order"] == 1)]
    assert first[["term", "position", "n_words", "match", "word"]].values.tolist() == [
        ["nopea toimitus", 1, 2, "exact", "nopea"],
        ["nopea toimitus", 2, 2, "exact", "toimitus"],
    ]
    excluded = fast[fast["kind"] == "exclude"]
    assert excluded[["term_order", "word"]].values.tolist() == [
        [1, "asiakaspalvelu"],
        [2, "customer"],
        [2, "service"],
    ]
    fee = terms[(terms["theme"] == "delivery_fee") & (terms["term_order"] == 1)]
    assert fee[["match", "word"]].values.tolist() == [["suffix", "kulut"]]
    assert map_hash(journey_map_tables(jm)) == map_hash(journey_map_tables(load_journey_map()))
    doc = copy.deepcopy(raw)
    doc.pop("themes")
    empty = journey_map_frames(parse_journey_map(doc))
    for name in ("map_themes", "map_theme_terms"):
        assert empty[name].empty and list(empty[name].dtypes) == list(frames[name].dtypes)
    assert map_hash(journey_map_tables(parse_journey_map(doc))) != map_hash(journey_map_tables(jm))


def test_theme_changes_are_listed_in_words(raw):
    from pipelines.theme_changes import theme_changes

    old = load_journey_map().themes
    doc = copy.deepcopy(raw)
    doc["themes"][0]["terms"].append("viivästyi")
    doc["themes"][1]["exclude"] = []
    doc["themes"][2]["name"] = {"en": "Shipping fee", "fi": "Toimituskulut"}
    removed = doc["themes"].pop(3)
    doc["themes"].append(
        {"id": "gift_card", "name": "Gift card", "stage": "payment", "terms": ["lahjakortti*"]}
    )
    doc["stages"][0]["owner"] = "customer_service"  # login_app's owner follows its stage's
    new = parse_journey_map(doc).themes
    assert theme_changes(old, new) == [
        f"theme {removed['id']} removed",
        "theme late_delivery: terms [myöhässä, myöhästyi, myöhemmin, yli luvatun ajan, late, "
        "past the promised] -> [myöhässä, myöhästyi, myöhemmin, yli luvatun ajan, late, past the promised, "
        "viivästyi]",
        "theme fast_delivery: exclude [asiakaspalvelu, customer service] -> []",
        'theme delivery_fee: name_en "Delivery fee" -> "Shipping fee"',
        "theme login_app: owner digital -> customer_service",
        "theme gift_card added: stage payment, owner payments, terms [lahjakortti*]",
    ]
    assert theme_changes(old, old) == []
    assert theme_changes(old, old[::-1])[-1].startswith("theme order changed: helpful_service, slow_answer")
