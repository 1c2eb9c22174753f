"""Compressed exports (.csv.gz, a .zip holding one CSV, XLSX or Parquet) load like the plain file,
within the size and ratio limits; a rejected archive is a clear problem row and writes nothing."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core.db import connect
from core.reading import Limits
from pipelines.cli import main
from pipelines.loaders import load_file, preview_load
from tests.actors import EDITOR

ORDERS_HEAD = "order_id;customer_unique_id;event;event_timestamp;order_status\n"


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _orders_csv(rows: int = 40) -> bytes:
    """An order export (one row per order event, ';'-separated), as a shop system writes it."""
    lines = [ORDERS_HEAD]
    for i in range(rows):
        lines.append(
            f"e481f51cbdc54678b7cc49136f2d{i:04d};7c396fd4830fd04220f754e42b4e{i % 7:04d};"
            f"order_purchase;2026-03-{i % 28 + 1:02d} 10:56:33;delivered\n"
        )
    return "".join(lines).encode("utf-8")


MAPPING = {
    "kind": "events",
    "csv": {"delimiter": ";"},
    "columns": {
        "journey_id": "order_id",
        "customer_id": "customer_unique_id",
        "activity": "event",
        "occurred_at": "event_timestamp",
        "outcome": "order_status",
    },
    "values": {"outcome": {"canceled": "failed", "*": "ok"}},
}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_csv_gz_loads_with_the_original_name_and_hash(con, tmp_path, monkeypatch) -> None:
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "olist_orders.csv.gz"
    path.write_bytes(gzip.compress(_orders_csv()))
    preview = preview_load(con, "events", path, MAPPING)
    assert preview.ok and preview.compressed == "gzip" and preview.format == "csv"
    assert preview.rows_read == 40 and preview.source_file == "olist_orders.csv.gz"
    result = load_file(con, "events", path, MAPPING, actor=EDITOR)
    assert result.status == "imported" and result.rows_written == 40, result.report_csv()
    assert con.execute("select source_file, file_hash, row_count from import_batches").fetchall() == [
        ("olist_orders.csv.gz", _sha(path), 40)
    ]
    assert load_file(con, "events", path, MAPPING, actor=EDITOR).status == "already_imported"
    assert not list(scratch.iterdir())  # the unpacked copies are removed


def test_zip_holding_one_csv_xlsx_or_parquet(con, tmp_path) -> None:
    csv_zip = _zip(tmp_path / "export.zip", {"orders.csv": _orders_csv(5)})
    result = load_file(con, "events", csv_zip, MAPPING, actor=EDITOR)
    assert result.status == "imported" and result.compressed == "zip: orders.csv"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["customer_id", "segment"])
    ws.append(["C1", "household"])
    book = io.BytesIO()
    wb.save(book)
    assert load_file(
        con, "customers", _zip(tmp_path / "c.zip", {"asiakkaat.xlsx": book.getvalue()}), actor=EDITOR
    ).ok
    buf = io.BytesIO()
    pq.write_table(pa.table({"customer_id": ["C2"], "segment": ["premium"]}), buf)
    assert load_file(
        con,
        "customers",
        _zip(tmp_path / "p.zip", {"__MACOSX/._x": b"junk", "c.parquet": buf.getvalue()}),
        actor=EDITOR,
    ).ok
    assert con.execute("select customer_id, segment from raw_customers order by 1").fetchall() == [
        ("C1", "household"),
        ("C2", "premium"),
    ]


def test_problem_rows_of_a_compressed_csv_are_its_lines(con, tmp_path) -> None:
    data = _orders_csv(3).replace(b"2026-03-02 10:56:33", b"eilen")
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress(data))
    result = load_file(con, "events", path, MAPPING, actor=EDITOR)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "event_timestamp", "eilen")]


@pytest.mark.parametrize(
    "make, reason",
    [
        (
            lambda d: _zip(d / "two.zip", {"a.csv": b"x\n1\n", "b.csv": b"x\n2\n"}),
            "two.zip: the zip archive holds 2 files (a.csv, b.csv); give one file per import",
        ),
        (lambda d: _zip(d / "empty.zip", {}), "empty.zip is an empty zip archive: it holds no file"),
        (
            lambda d: (
                (d / "broken.csv.gz").write_bytes(gzip.compress(_orders_csv())[:60]) and d / "broken.csv.gz"
            ),
            "broken.csv.gz: the compressed data is broken",
        ),
        (
            lambda d: (
                (d / "nested.csv.gz").write_bytes(gzip.compress(gzip.compress(_orders_csv())))
                and d / "nested.csv.gz"
            ),
            "nested.csv.gz: holds another compressed file",
        ),
    ],
)
def test_rejected_archives_are_a_problem_row_and_write_nothing(con, tmp_path, make, reason) -> None:
    path = make(tmp_path)
    result = load_file(con, "events", path, MAPPING, actor=EDITOR)
    assert result.status == "rejected"
    [problem] = result.problems
    assert problem.row == 0
    assert problem.reason.startswith(reason)
    assert con.execute("select count(*) from import_batches").fetchall() == [(0,)]
    assert preview_load(con, "events", path, MAPPING).problems[0].reason == problem.reason


def test_size_and_ratio_limits(con, tmp_path) -> None:
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(gzip.compress(ORDERS_HEAD.encode() + b"0" * (30 * 1024 * 1024), 9))
    result = load_file(con, "events", bomb, MAPPING, actor=EDITOR)
    assert result.status == "rejected"
    assert "ratio above 200:1 (possible zip bomb)" in result.problems[0].reason
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress(_orders_csv(200)))
    small = Limits(max_uncompressed_bytes=4000)
    assert (
        "unpacks to more than 4,000 bytes"
        in load_file(con, "events", path, MAPPING, limits=small, actor=EDITOR).problems[0].reason
    )
    tiny = Limits(max_bytes=100)
    assert (
        "over the maximum of 100"
        in load_file(con, "events", path, MAPPING, limits=tiny, actor=EDITOR).problems[0].reason
    )
    # the unpacked file may be larger than the upload limit (it is bounded by the unpacking limit)
    roomy = Limits(max_bytes=path.stat().st_size + 1)
    assert load_file(con, "events", path, MAPPING, limits=roomy, actor=EDITOR).status == "imported"


def test_cli_loads_a_gz_export(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress(_orders_csv(12)))
    mapping = tmp_path / "orders.yaml"
    mapping.write_text(
        'kind: events\ncsv: {delimiter: ";"}\ncolumns:\n  journey_id: order_id\n'
        "  customer_id: customer_unique_id\n  activity: event\n  occurred_at: event_timestamp\n"
        '  outcome: order_status\nvalues:\n  outcome: {canceled: failed, "*": ok}\n',
        encoding="utf-8",
    )
    assert (
        main(["load", "events", str(path), "--mapping", str(mapping), "--no-refresh", "--db", str(db)]) == 0
    )
    out = capsys.readouterr()
    assert "file: orders.csv.gz (csv, gzip) as events" in out.err
    assert "12 rows written" in out.out
