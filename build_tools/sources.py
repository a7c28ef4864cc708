"""The build's own code as task inputs: a task that runs a module depends on every module it
imports from ``build_tools``, found by reading their imports (so a new import needs no edit in
``dodo.py``, and a change to any of them re-runs the task)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name


def _module_file(name: str) -> Path | None:
    """The file of ``build_tools.<name>`` (a module or a package's ``__init__``), if it exists."""
    parts = name.split(".")[1:]
    module = PACKAGE_DIR.joinpath(*parts).with_suffix(".py") if parts else PACKAGE_DIR / "__init__.py"
    package = PACKAGE_DIR.joinpath(*parts, "__init__.py")
    return next((p for p in (module, package) if p.is_file()), None)


def _imported(name: str, file: Path) -> set[str]:
    """``build_tools`` modules that ``file`` (module ``name``) imports, anywhere in it."""
    tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
    here = name.split(".") if file.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            if stem.split(".")[0] != PACKAGE:
                continue
            found.add(stem)
            found.update(f"{stem}.{a.name}" for a in node.names)  # `from . import x` names modules
    return found


def module_sources(*modules: str) -> list[Path]:
    """The files of ``modules`` and of every ``build_tools`` module they import, sorted.

    >>> [p.name for p in module_sources("build_tools.lock")]
    ['__init__.py', 'errors.py', 'lock.py', 'names.py']
    """
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        file = _module_file(name)
        if file is None:  # an imported name that is not a module (`from .x import f`)
            continue
        seen[name] = file
        todo.extend(_imported(name, file))
        parent = name.rpartition(".")[0]
        if parent:
            todo.append(parent)
    return sorted(set(seen.values()))
