"""Optional extras (pandas, pyarrow, Datasette, matplotlib): import them with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingDependencyError(RuntimeError):
    """An optional extra is not installed; the message says what to install."""


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Return the imported module, or raise MissingDependencyError naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"{purpose} needs {module.split('.')[0]}: pip install 'newsarchive[{extra}]'"
        ) from None
