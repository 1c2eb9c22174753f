"""The kinds of import: the raw table each one fills, its key, and where replaced rows are kept.

The one list that the schema (core/db.py), the batches and their rollback (core/batches.py), the
loaders' CLI and targets (pipelines/loaders/), the incremental refresh and the demo read. A new
kind of export is one entry here, its raw table in core/schema/ and, for a systems export, its
target columns in pipelines/loaders/targets.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

KindName = Literal["surveys", "contacts", "events", "customers"]
BatchKind = Literal[KindName, "demo"]
Importer = Literal["surveys", "systems"]  # surveys/importer.py | pipelines/loaders


@dataclass(frozen=True)
class LoadKind:
    """One kind of import: the raw table it fills (core/schema/<table>.sql) and that table's key."""

    name: KindName
    table: str
    key: str
    importer: Importer

    @property
    def versions(self) -> str:
        """Where the rows an import replaced are kept: raw_contacts -> raw_contact_versions."""
        return f"{self.table.removesuffix('s')}_versions"


LOAD_KINDS: dict[str, LoadKind] = {
    k.name: k
    for k in (
        LoadKind("surveys", "raw_survey_responses", "response_id", "surveys"),
        LoadKind("contacts", "raw_contacts", "contact_id", "systems"),
        LoadKind("events", "raw_journey_events", "event_id", "systems"),
        LoadKind("customers", "raw_customers", "customer_id", "systems"),
    )
}
SURVEYS: KindName = "surveys"
DEMO: BatchKind = "demo"  # a generated data set: listed with the batches, never rolled back
BATCH_KINDS: tuple[str, ...] = (*LOAD_KINDS, DEMO)
SYSTEMS_KINDS: tuple[str, ...] = tuple(n for n, k in LOAD_KINDS.items() if k.importer == "systems")
RAW_TABLES: tuple[str, ...] = tuple(k.table for k in LOAD_KINDS.values())  # every one has customer_id
