"""Every third-party module the code imports is declared in pyproject.toml.

The CI installs the dev extras, which pull in more than a plain ``pip install .``: a module that
arrives only through another package (numpy through datasketch, say) works in CI and breaks a
user's install. Module-level imports must be runtime dependencies, except in the packages of
an optional feature (imported only when that feature is used); imports inside functions may
come from an extra.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = {"archive", "crawler", "scheduler"}
#: Packages loaded only by an optional feature: their module-level imports may need its extra.
OPTIONAL_FEATURE_PACKAGES = ("crawler/distributed/",)
_NAME = re.compile(r"^[A-Za-z0-9._-]+")


def _canonical(name: str) -> str:
    """Return a distribution name in PEP 503 normal form."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    """Return (runtime distributions, distributions of any extra but dev)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_canonical(_NAME.match(d)[0]) for d in project["dependencies"]}
    extras = {
        _canonical(_NAME.match(d)[0])
        for name, deps in project["optional-dependencies"].items()
        if name != "dev"
        for d in deps
    }
    return runtime, extras


def _imports() -> dict[tuple[str, bool], set[str]]:
    """Return {(top-level module, needed by a plain install): files importing it}."""
    found: dict[tuple[str, bool], set[str]] = {}
    files = [*ROOT.glob("archive/**/*.py"), *ROOT.glob("crawler/**/*.py"), ROOT / "scheduler.py"]
    for path in files:
        tree = ast.parse(path.read_text(), str(path))
        module_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in FIRST_PARTY or top in sys.stdlib_module_names:
                    continue
                relative = str(path.relative_to(ROOT))
                required = id(node) in module_level and not relative.startswith(
                    OPTIONAL_FEATURE_PACKAGES
                )
                found.setdefault((top, required), set()).add(relative)
    return found


def test_every_imported_module_is_declared() -> None:
    runtime, extras = _declared()
    providers = packages_distributions()
    missing = []
    for (module, required), files in sorted(_imports().items()):
        dists = {_canonical(d) for d in providers.get(module, [])}
        allowed = runtime if required else runtime | extras
        if not dists & allowed:
            where = "module level" if required else "an optional feature"
            missing.append(f"{module} (from {sorted(dists) or '?'}; {where} in {sorted(files)})")
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_the_check_sees_module_level_imports() -> None:
    imports = _imports()
    assert ("scrapy", True) in imports
    assert ("numpy", True) in imports
