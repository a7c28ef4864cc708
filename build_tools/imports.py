"""Every notebook's imports checked at build: a module the site cannot give learners stops it.

A course notebook that says ``import pandas`` on a site without pandas would fail for every
learner, offline, with no way to fix it. So the build reads each code cell as IPython would
run it (magics, ``!`` and ``%pip`` lines transformed first), collects its imports, and names
each one the site cannot provide, with the fix.

What a site provides: the kernel's standard library (Pyodide's own zip and the modules built
into its Python), every package in the shipped lock (ours, the kernel's, the extras learners
may ``%pip install``), and the notebook's own modules (a ``helper.py`` beside it, or one an
earlier cell writes with ``%%writefile``). Imports guarded by ``try: ... except ImportError``
are optional by intent and not checked. A cell tagged ``allow-missing-import`` (or the
standard ``raises-exception``), or a notebook whose metadata has
``"litecourse": {"allow_missing_imports": true}``, is not checked either.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError
from .widgets import TURN_ON, WIDGET_MODULES

#: cell tags that turn the check off for that cell
SKIP_TAGS = frozenset({"allow-missing-import", "raises-exception"})
#: modules Pyodide's Python has built in besides the standard library
PYODIDE_BUILTINS = frozenset({"js", "pyodide_js", "pyodide", "_pyodide"})
_WRITEFILE = re.compile(r"^%%writefile(?:\s+-a)?\s+(\S+\.py)\s*$")


@dataclass(frozen=True)
class MissingImport:
    """One import in one cell that the site cannot satisfy."""

    notebook: str  # path inside content/
    cell: int  # 1-based, counting every cell as Jupyter shows them
    line: int  # inside the cell
    module: str  # the top-level name

    def message(self, fix: str) -> str:
        return f"content/{self.notebook}, cell {self.cell}, line {self.line}: `import {self.module}` — {fix}"


def _optional(node: ast.Try) -> bool:
    names = set()
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names |= {k.id for k in kinds if isinstance(k, ast.Name)}
        if handler.type is None:
            names.add("Exception")
    return bool(names & {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, top-level module) for every import a code cell would run, in IPython syntax.

    >>> imported_modules("%pip install x\\nimport os.path, numpy as np\\nfrom . import a\\n"
    ...                  "try:\\n    import ujson\\nexcept ImportError:\\n    ujson = None")
    [(2, 'os'), (2, 'numpy')]
    >>> imported_modules("def f(:")  # a cell that does not parse is the learner's exercise
    []
    """
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return []
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Try) and _optional(node):
            for child in node.orelse + node.finalbody:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def stdlib_modules(stdlib_zip: Path) -> set[str]:
    """Top-level modules of the kernel's standard library: Pyodide's zip plus built-in ones.

    The zip holds the pure-Python part. Modules compiled into Pyodide's Python are not in
    it; this Python's compiled standard-library modules stand for them (``math``,
    ``_json``...). Pure-Python modules Pyodide leaves out (``tkinter``) stay out.
    """
    with zipfile.ZipFile(stdlib_zip) as zf:
        names = {PurePosixPath(n).parts[0].removesuffix(".py") for n in zf.namelist()}
    compiled = set(sys.builtin_module_names)
    for name in sys.stdlib_module_names:
        spec = importlib.util.find_spec(name) if name not in compiled else None
        origin = getattr(spec, "origin", "") or ""
        if origin.endswith((".so", ".pyd")):
            compiled.add(name)
    return names | compiled | PYODIDE_BUILTINS


def lock_imports(lock: dict) -> dict[str, str]:
    """Module → package name for every package of a Pyodide lock.

    >>> lock_imports({"packages": {"scikit-learn": {"name": "scikit-learn", "imports": ["sklearn"]}}})
    {'sklearn': 'scikit-learn'}
    """
    return {m: entry.get("name", key)
            for key, entry in lock.get("packages", {}).items() for m in entry.get("imports", [])}


def _own_modules(notebook: Path, cells: list[dict]) -> set[str]:
    own = {p.stem for p in notebook.parent.glob("*.py")}
    own |= {p.name for p in notebook.parent.iterdir() if p.is_dir() and not p.name.startswith(".")}
    for cell in cells:
        first = _source(cell).split("\n", 1)[0]
        match = _WRITEFILE.match(first)
        if cell.get("cell_type") == "code" and match:
            own.add(PurePosixPath(match.group(1)).stem)
    return own


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def missing_imports(notebook: Path, nb: dict, content_dir: Path, available: set[str]) -> list[MissingImport]:
    """Imports of ``nb`` (at ``notebook``) that neither ``available`` nor its folder provide."""
    if (nb.get("metadata", {}).get("litecourse") or {}).get("allow_missing_imports") is True:
        return []
    cells = nb.get("cells", [])
    own = _own_modules(notebook, cells)
    rel = notebook.relative_to(content_dir).as_posix()
    missing = []
    for number, cell in enumerate(cells, 1):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.get("cell_type") != "code" or tags & SKIP_TAGS or _WRITEFILE.match(_source(cell).split("\n", 1)[0]):
            continue
        for line, module in imported_modules(_source(cell)):
            if module not in available and module not in own:
                missing.append(MissingImport(rel, number, line, module))
    return missing


def fix_for(module: str, pyodide_packages: dict[str, str]) -> str:
    """What the educator can do about a module the site lacks."""
    if module in WIDGET_MODULES:  # the page needs the widget manager too: installable would not do
        return f"widgets need the widget manager in the page: {TURN_ON}"
    if module in pyodide_packages:
        package = pyodide_packages[module]
        return (f"'{module}' comes from Pyodide's package '{package}', which this site does not ship: add "
                f"\"{package}\" to [kernel] pyodide_packages in course.toml")
    return (f"the site cannot provide '{module}': if it is a pure-Python package on PyPI, add \"{module}\" to "
            "[kernel] installable in course.toml and run `./run pins` (learners then `%pip install` it); "
            "if the notebook ships it, put it beside the notebook; if the import is meant to fail, "
            "tag the cell 'allow-missing-import'")


def check_imports(content_dir: Path, notebooks: list[tuple[Path, dict]], shipped_lock: dict, base_lock: dict,
                  stdlib_zip: Path) -> None:
    """Stop the build naming every import, in every notebook, that the site cannot provide."""
    available = stdlib_modules(stdlib_zip) | set(lock_imports(shipped_lock))
    pyodide_packages = lock_imports(base_lock)
    problems = [m for path, nb in notebooks for m in missing_imports(path, nb, content_dir, available)]
    if problems:
        raise BuildError("\n".join(m.message(fix_for(m.module, pyodide_packages)) for m in problems))
