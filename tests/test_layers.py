"""The packages' imports run one way: dashboard -> surveys -> pipelines -> core (docs/architecture.md).

grimp reads every import in the source, also those inside functions, so a back-arrow added anywhere
fails here with the modules that make it."""

from __future__ import annotations

import grimp
import pytest

LAYERS = ("dashboard", "surveys", "pipelines", "core")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*LAYERS)


def _routes(deps: set) -> list[str]:
    return sorted(
        f"{head} -> {tail}"
        for dep in deps
        for route in dep.routes
        for head in route.heads
        for tail in route.tails
    )


def test_imports_point_down_the_layers_only(graph: grimp.ImportGraph) -> None:
    assert _routes(graph.find_illegal_dependencies_for_layers(layers=LAYERS)) == []


def test_core_imports_none_of_the_packages_above_it(graph: grimp.ImportGraph) -> None:
    above = [
        f"{m} -> {i}"
        for m in graph.find_descendants("core") | {"core"}
        for i in graph.find_modules_directly_imported_by(m)
        if i.split(".")[0] in LAYERS[:-1]
    ]
    assert above == []


def test_the_check_sees_an_import_made_inside_a_function(graph: grimp.ImportGraph) -> None:
    """The layer check is only worth something if a function-level import counts as an arrow."""
    assert graph.direct_import_exists(importer="surveys.cli", imported="pipelines.incremental")
