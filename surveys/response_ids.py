"""Response ids decided on the whole survey file before any row is checked: generated ids for a
file without a response id column, and the rows that repeat an earlier row's id (with the same
answer or a different one)."""

from __future__ import annotations

import hashlib
from array import array

import numpy as np

from surveys.cell_text import cell_text
from surveys.formats import FlatTable
from surveys.mapping import Mapping


def _content_id(row: list, key_idx: list[int]) -> str:
    """A stable id for files without a response id: the same answer in two exports gets the same id."""
    text = "\x1f".join(str(row[i]) if i < len(row) else "" for i in key_idx)
    return "gen-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def response_ids(
    table: FlatTable, mapping: Mapping, idx: dict[str, int], tests: dict[int, str]
) -> tuple[list[str | None] | None, dict[int, tuple[int, bool]]]:
    """Repeated response ids, decided on the whole file before any row is checked (or released):
    for each row whose id an earlier row already had, (that first row's index, whether both rows
    give the same answer). Test rows and rows without an id take no part. Also the generated ids
    of a file without a response id column (None when it has one: the ids are in the rows).

    Only the ids' hashes are held for the whole file (8 bytes a row); rows whose hash another row
    shares are then compared by their ids themselves, so the result is exact."""
    key_idx = [idx[c] for c in (mapping.responded_at, mapping.customer_id, *mapping.scores) if c]
    answer_idx = [
        idx[c] for c in (mapping.responded_at, mapping.customer_id, mapping.comment, *mapping.scores) if c
    ]
    rows, id_idx = table.rows, (idx[mapping.response_id] if mapping.response_id else None)
    generated: list[str | None] | None = [None] * len(rows) if id_idx is None else None
    hashes, positions = array("q"), array("q")
    for r, row in enumerate(rows):
        if tests and r in tests:
            continue
        if generated is not None:
            rid = generated[r] = _content_id(row, key_idx)
        else:
            rid = cell_text(row[id_idx]) if id_idx < len(row) else None
        if rid is not None:
            hashes.append(hash(rid))
            positions.append(r)
    keys, where = np.frombuffer(hashes, dtype=np.int64), np.frombuffer(positions, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    shared = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        equal = keys[order[1:]] == keys[order[:-1]]
        shared[1:] |= equal
        shared[:-1] |= equal
    candidates = np.sort(where[order[shared]]).tolist()
    del keys, where, order, shared, hashes, positions
    repeated: dict[int, tuple[int, bool]] = {}
    first_of: dict[str, int] = {}
    for r in candidates:
        row = rows[r]
        rid = generated[r] if generated is not None else cell_text(row[id_idx] if id_idx < len(row) else None)
        first_index = first_of.setdefault(rid, r)
        if first_index != r:
            repeated[r] = (first_index, _answer(rows[first_index], answer_idx) == _answer(row, answer_idx))
    return generated, repeated


def _answer(row: list, answer_idx: list[int]) -> tuple:
    """What makes two rows the same answer: time, customer, comment and every score, as written."""
    return tuple(cell_text(row[i]) if i < len(row) else None for i in answer_idx)
