"""Every page is a module dashboard/views/<page>.py that draws nothing when imported (the router
calls its render()), with its texts in dashboard/text/ and no reach into another page's privates."""

from __future__ import annotations

import ast
import subprocess
import sys

from dashboard.navigation import all_pages
from tests.conftest import ROOT

IMPORT_ALL = """
import importlib
import streamlit.delta_generator as dg

def refuse(*args, **kwargs):
    raise AssertionError("a Streamlit element was drawn at import")

dg.DeltaGenerator._enqueue = dg.DeltaGenerator._block = refuse   # elements and containers
from dashboard.navigation import all_pages
for page in all_pages():
    assert callable(importlib.import_module(f"dashboard.views.{page.view}").render), page.view
print("imported", len(all_pages()))
"""


def test_every_page_imports_without_drawing_anything():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == f"imported {len(all_pages())}"


def test_every_page_has_its_texts_and_no_view_uses_another_modules_private_names():
    for page in all_pages():
        assert (ROOT / "dashboard" / "text" / f"{page.view}.py").is_file(), page.view
    modules = {"charts", "i18n", "data", "links", "page", "filters", "journey_figures", "jd", "q"}
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
            ):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                raise AssertionError(f"{where} uses {node.value.id}.{node.attr}")
