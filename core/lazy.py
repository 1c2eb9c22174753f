"""Names a package exports but imports only on first use (PEP 562), so that importing one light
submodule (a CLI's --help) does not pay for the heavy ones (pandas, pyarrow, plotly, openpyxl)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: name -> the submodule (relative) that defines it;
    the first use imports the submodule and keeps the value in the package's namespace."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{where[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
