"""Read a survey file and check it before it is imported: unpack and read it within limits, detect
the survey tool, flatten the headers, propose (or reuse a saved) mapping, and validate every row
(surveys/importer.py writes what this checked)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from core.compressed import unpacked
from core.file_hash import file_sha256
from core.reading import FileRejectedError, Limits, RawTable
from core.table_reader import read_table
from core.timezones import DEFAULT_TIMEZONE
from pipelines.journey_map_store import company_timezone
from surveys.formats import FlatTable, flatten, format_label
from surveys.mapping import Mapping, find_profile, header_signature, load_profile, propose
from surveys.validate import Validated, validate

Progress = Callable[[float, str], None]  # (fraction 0..1, stage: reading | validating | writing | done)


def report(progress: Progress | None, fraction: float, stage: str) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), stage)


def scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback that maps 0..1 onto start..end of `progress`."""
    if progress is None:
        return None
    return lambda fraction, stage: progress(start + (end - start) * fraction, stage)


@dataclass
class Preview:
    """What the user confirms before importing: format, mapping, and the row report."""

    path: Path  # the file the user gave (a .csv.gz or .zip as given)
    table: FlatTable
    raw: RawTable
    mapping: Mapping
    signature: str
    profile: str | None
    file_hash: str  # SHA-256 of the file as given
    not_scores: dict[str, str] = field(default_factory=dict)  # numeric columns never scores, why
    company_timezone: str = DEFAULT_TIMEZONE
    compressed: str | None = None  # 'reviews.csv.gz (gzip)', 'export.zip: reviews.csv'
    rows_released: bool = False  # check(release_rows=True) freed the rows (raw keeps its headers)

    def format_line(self) -> str:
        """'Qualtrics (encoding utf-8, delimiter ',')', 'plain table (no survey tool recognised;
        sheet 'Vastaukset' of Ohjeet, Vastaukset)'."""
        label = format_label(self.table.format, self.raw.kind)
        if self.raw.sheet:
            where = f"sheet {self.raw.sheet!r} of {', '.join(self.raw.sheets)}"
        else:
            where = f"encoding {self.raw.encoding}, delimiter {self.raw.delimiter!r}"
        if self.compressed:
            where += f", unpacked from {self.compressed}"
        return f"{label} ({where})" if "(" not in label else f"{label[:-1]}; {where})"


SURVEY_MAX_ROWS = 1_500_000  # survey default: whole import <= 1.5 GiB (docs/survey-import.md, Memory)


def survey_limits(max_mb: float | None = None, max_rows: int | None = None) -> Limits:
    """Limits.from_env() with the survey importer's row default, SURVEY_MAX_ROWS (systems loads keep
    2,000,000); env CX_MAX_ROWS, then `max_rows`, still override it."""
    limits = Limits.from_env(max_mb, max_rows)
    if max_rows is None and not os.environ.get("CX_MAX_ROWS", "").strip():
        limits = replace(limits, max_rows=SURVEY_MAX_ROWS)
    return limits


def survey_name(path: Path) -> str:
    """'reviews' for reviews.csv, reviews.csv.gz and reviews.zip."""
    name = path.name
    for suffix in (".gz", ".zip", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.stem


def read_file(path: Path, sheet: str | None, limits: Limits) -> tuple[RawTable, str | None]:
    """The file's rows (a .csv.gz or a .zip holding one file is unpacked first, with limits)."""
    if path.is_file() and path.stat().st_size > limits.max_bytes:
        size = path.stat().st_size
        raise FileRejectedError(
            f"{path.name}: is {size:,} bytes, over the maximum of {limits.max_bytes:,} bytes",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    with unpacked(path, limits) as plain:
        raw = read_table(plain.path, sheet, limits)
        return raw, (plain.describe() if plain.compressed else None)


def preview_file(
    path: str | Path,
    con: duckdb.DuckDBPyConnection | None = None,
    sheet: str | None = None,
    profile: str | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Read (unpacking .gz/.zip), detect the format, flatten headers and propose (or reuse a
    saved) mapping. Without `limits`, survey_limits() applies (env CX_MAX_UPLOAD_MB, CX_MAX_ROWS,
    else 200 MB and 1,500,000 rows).
    """
    path = Path(path)
    raw, compressed = read_file(path, sheet, limits if limits is not None else survey_limits())
    table = flatten(raw)
    signature = header_signature(table)
    proposal = propose(table, survey=survey_name(path))
    used_profile, mapping = None, None
    if con is not None and profile:
        mapping, used_profile = load_profile(con, profile), profile
    elif con is not None:
        found = find_profile(con, signature)
        if found:
            used_profile, mapping = found
    return Preview(
        path,
        table,
        raw,
        mapping or proposal.mapping,
        signature,
        used_profile,
        file_sha256(path),
        proposal.not_scores,
        company_timezone(con),
        compressed,
    )


def check(
    preview: Preview,
    mapping: Mapping | None = None,
    keep_one_of_repeats: bool = False,
    progress: Progress | None = None,
    zone_from: str = "",
    release_rows: bool = False,
) -> Validated:
    """Validate every row of the previewed file under `mapping` (default: the preview's);
    `zone_from` names where an explicit time zone came from ('--timezone', 'reviews.yaml').

    `release_rows=True` (the command line, import_file) frees the file's rows as they are checked,
    and the responses as they are written: the preview cannot be checked again afterwards. The
    Upload page keeps them (it checks again when the mapping changes)."""
    if preview.rows_released:
        raise ValueError(
            f"{preview.path.name}: its rows were already released by an import check; read the file again"
        )
    if release_rows:
        _release_raw(preview)
    checked = validate(
        preview.table,
        mapping or preview.mapping,
        progress,
        default_timezone=preview.company_timezone,
        keep_one_of_repeats=keep_one_of_repeats,
        zone_from=zone_from,
        release_rows=release_rows,
    )
    checked.rows_released = release_rows
    return checked


def _release_raw(preview: Preview) -> None:
    """Keep only the header rows of the reader's table (the data rows are the flat table's)."""
    header_rows = max(len(preview.raw.rows) - len(preview.table.rows), 0)
    preview.raw.rows = preview.raw.rows[:header_rows]
    preview.raw.row_numbers = preview.raw.row_numbers[:header_rows]
    preview.rows_released = True


def release_rows_of(preview: Preview) -> None:
    """Free the previewed file's rows (a check() afterwards raises ValueError: read it again)."""
    _release_raw(preview)
    preview.table.rows, preview.table.row_numbers = [], []
