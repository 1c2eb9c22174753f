"""Mapping files for systems loads: the shipped examples are valid, and every mistake is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.loaders import LoadMapping, MappingError

MAPS = Path(__file__).resolve().parent.parent / "data" / "mappings"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("ticketing_fi.yaml", "contacts"),
        ("telephony_utc.yaml", "contacts"),
        ("order_events.yaml", "events"),
        ("billing_customers_fi.yaml", "customers"),
        ("order_log_status.yaml", "events"),
    ],
)
def test_shipped_mappings_are_valid_and_round_trip(name: str, kind: str) -> None:
    mapping = LoadMapping.from_yaml(MAPS / name)
    assert mapping.kind == kind and mapping.columns
    assert LoadMapping.from_dict(mapping.to_dict(), kind, source=name) == mapping
    assert LoadMapping.from_yaml(MAPS / name, kind) == mapping


def test_yaml_keeps_yes_no_and_dates_as_text(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "kind: contacts\nvalues:\n  resolved: {Yes: true, No: false, Kyllä: on}\n"
        "  reason: {2026-01-01: other}\n",
        encoding="utf-8",
    )
    mapping = LoadMapping.from_yaml(path)
    assert mapping.values["resolved"] == {"Yes": True, "No": False, "Kyllä": True}
    assert mapping.values["reason"] == {"2026-01-01": "other"}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "tickets"}, "kind: 'tickets' is not one of contacts, events, customers"),
        ({"kind": "contacts", "colums": {}}, "colums: unknown key; allowed: kind, description, columns,"),
        ({"kind": "contacts", "columns": {"opened": "Avattu"}}, "columns.opened: not a column of contacts"),
        ({"kind": "contacts", "columns": {"opened_at": ""}}, "columns.opened_at: must be the column header"),
        ({"kind": "contacts", "columns": ["Avattu"]}, "columns: must be a mapping"),
        (
            {"kind": "contacts", "constants": {"channel": "fax"}},
            "constants.channel: 'fax' is not a valid channel; use one of phone, email",
        ),
        ({"kind": "contacts", "constants": {"contact_id": "K1"}}, "constants.contact_id: the key column"),
        (
            {"kind": "contacts", "columns": {"channel": "Kanava"}, "constants": {"channel": "phone"}},
            "constants.channel: channel is also mapped to column 'Kanava'",
        ),
        (
            {"kind": "contacts", "constants": {"transfers": -1}},
            "constants.transfers: -1 is not a whole number",
        ),
        (
            {"kind": "contacts", "constants": {"resolved": "maybe"}},
            "constants.resolved: 'maybe' is not a yes/no",
        ),
        (
            {"kind": "events", "values": {"outcome": {"OK": "fine"}}},
            "values.outcome.OK: 'fine' is not a valid outcome; use one of ok, failed",
        ),
        ({"kind": "events", "values": {"occurred_at": {"x": "y"}}}, "values.occurred_at: times cannot"),
        ({"kind": "events", "values": {"outcome": {"ok": "ok", "OK": "ok"}}}, "are the same value"),
        ({"kind": "events", "values": {"outcome": "ok"}}, "values.outcome: must be a mapping"),
        (
            {"kind": "events", "values": {"outcome": {"canceled": "failed", "*": "fine"}}},
            "values.outcome.*: 'fine' is not a valid outcome; use one of ok, failed",
        ),
        (
            {"kind": "contacts", "values": {"transfers": {"*": "some"}}},
            "values.transfers.*: 'some' is not a whole number",
        ),
        (
            {"kind": "contacts", "values": {"resolved": {"*": "perhaps"}}},
            "values.resolved.*: 'perhaps' is not a yes/no value",
        ),
        (
            {"kind": "customers", "values": {"customer_id": {"*": "C1"}}},
            'values.customer_id: "*" cannot map every customer_id to one value',
        ),
        ({"kind": "events", "timestamp_formats": ["dd.mm.yyyy"]}, "'dd.mm.yyyy' is not a strptime format"),
        ({"kind": "events", "timestamp_formats": "%d.%m.%Q"}, "timestamp_formats[0]: '%d.%m.%Q'"),
        ({"kind": "events", "timezone": "Helsinki"}, "timezone: 'Helsinki' is not a time zone name"),
        ({"kind": "events", "decimal_comma": "maybe"}, "decimal_comma: must be true or false"),
        ({"kind": "events", "csv": {"delimiter": ";;"}}, "csv.delimiter: must be one character"),
        ({"kind": "events", "csv": {"encoding": "klingon"}}, "csv.encoding: 'klingon' is not a known"),
        ({"kind": "events", "csv": {"quote": "'"}}, "csv.quote: unknown key; allowed: delimiter, encoding"),
        ({}, "kind: missing"),
        (["kind"], "must be a YAML mapping"),
    ],
)
def test_invalid_mapping_is_named(data, message: str) -> None:
    with pytest.raises(MappingError) as err:
        LoadMapping.from_dict(data, None, source="m.yaml")
    assert str(err.value).startswith("m.yaml: ")
    assert message in str(err.value)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(MappingError) as err:
        LoadMapping.from_dict(
            {"kind": "events", "timezone": "Mars/Base", "columns": {"foo": "x"}, "decimal_comma": "perhaps"}
        )
    text = str(err.value)
    assert "timezone" in text and "columns.foo" in text and "decimal_comma" in text


def test_kind_mismatch_with_the_command(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="the mapping is for contacts, not events"):
        LoadMapping.from_yaml(MAPS / "ticketing_fi.yaml", "events")


def test_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: contacts\ncolumns:\n  contact_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"bad.yaml: not valid YAML \(line \d+"):
        LoadMapping.from_yaml(bad)
    with pytest.raises(MappingError, match="cannot read the mapping file"):
        LoadMapping.from_yaml(tmp_path / "nope.yaml")


def test_delimiter_names_and_single_format_string() -> None:
    mapping = LoadMapping.from_dict(
        {"csv": {"delimiter": "tab"}, "timestamp_format": "%d.%m.%Y", "decimal_comma": "kyllä"}, "customers"
    )
    assert mapping.delimiter == "\t" and mapping.timestamp_formats == ("%d.%m.%Y",)
    assert mapping.decimal_comma is True


def test_catch_all_value_round_trips_through_dict_and_yaml(tmp_path: Path) -> None:
    data = {
        "kind": "events",
        "values": {
            "outcome": {"canceled": "failed", "unavailable": "failed", "*": "ok"},
            "activity": {"*": "order_event"},
        },
    }
    mapping = LoadMapping.from_dict(data)
    assert mapping.values["outcome"] == {"canceled": "failed", "unavailable": "failed", "*": "ok"}
    assert mapping.to_dict()["values"] == data["values"]
    assert LoadMapping.from_dict(mapping.to_dict()) == mapping
    path = tmp_path / "orders.yaml"
    path.write_text(mapping.to_yaml(), encoding="utf-8")
    assert "'*': ok" in path.read_text(encoding="utf-8")
    assert LoadMapping.from_yaml(path) == LoadMapping.from_dict(data, source="orders.yaml")


def test_an_unquoted_catch_all_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text("kind: events\nvalues:\n  outcome:\n    canceled: failed\n    *: ok\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r'must be quoted: "\*": ok'):
        LoadMapping.from_yaml(path)
