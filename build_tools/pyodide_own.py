"""Pyodide's own packages: which only its distribution provides, and a course that names one
in the wrong place.

Pyodide builds some packages for the browser itself (numpy, pandas: compiled for its
platform). PyPI has no wheel of them that runs there, so the build takes them from Pyodide's
distribution, as it takes the course's ``[kernel] pyodide_packages``. A course reaches them
through ``pyodide_packages`` only: named in ``[kernel] installable``, or imported by the
start-up snippet without being shipped, each is one line that says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from .imports import imported_modules, lock_imports
from .names import canonical
from .wheelinfo import is_pure_wheel_name

#: what every answer here tells the educator to do
FIX = "[kernel] pyodide_packages"


def distribution_only(lock_packages: dict) -> frozenset[str]:
    """Canonical names of the lock's packages whose file is not a pure-Python wheel.

    Pure ones come from PyPI at the lock's version; these come from Pyodide's distribution.

    >>> distribution_only({"numpy": {"file_name": "numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl"},
    ...                    "rich": {"file_name": "rich-14.3.3-py3-none-any.whl"}})
    frozenset({'numpy'})
    """
    return frozenset(canonical(entry.get("name", key)) for key, entry in lock_packages.items()
                     if not is_pure_wheel_name(entry.get("file_name", "")))


def installable_problems(installable: Iterable[str], pyodide_packages: Iterable[str], lock_packages: dict) -> list[str]:
    """One line for each name in ``[kernel] installable`` that only Pyodide's distribution provides.

    >>> lock = {"numpy": {"name": "numpy", "file_name": "numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl"}}
    >>> installable_problems(["pint", "NumPy"], [], lock)  # doctest: +NORMALIZE_WHITESPACE
    ["course.toml: [kernel] installable: NumPy is one of Pyodide's own packages:
      name it in [kernel] pyodide_packages instead"]
    >>> installable_problems(["numpy"], ["numpy"], lock)  # named there too: Pyodide's is the one shipped
    []
    """
    own = distribution_only(lock_packages)
    named = {canonical(n) for n in pyodide_packages}
    return [f"course.toml: [kernel] installable: {name} is one of Pyodide's own packages: name it in {FIX} instead"
            for name in installable if canonical(name) in own and canonical(name) not in named]


def startup_problems(startup: str, lock_packages: dict, shipped: Iterable[str]) -> list[str]:
    """One line for each import of the start-up snippet from a Pyodide package the site does not ship.

    ``shipped`` holds the names of every package the site ships (any spelling).

    >>> lock = {"numpy": {"name": "numpy", "imports": ["numpy"]},
    ...         "scikit-learn": {"name": "scikit-learn", "imports": ["sklearn"]}}
    >>> for line in startup_problems("%load_ext workings\\nimport numpy as np\\nimport sklearn", lock, []):
    ...     print(line)  # doctest: +NORMALIZE_WHITESPACE
    course.toml: [kernel] startup, line 2 (`import numpy as np`): numpy is one of Pyodide's own packages:
      name it in [kernel] pyodide_packages
    course.toml: [kernel] startup, line 3 (`import sklearn`): sklearn comes from scikit-learn,
      one of Pyodide's own packages: name "scikit-learn" in [kernel] pyodide_packages
    >>> startup_problems("import numpy", lock, ["NumPy"])
    []
    """
    packages = lock_imports({"packages": lock_packages})
    have = {canonical(n) for n in shipped}
    lines = startup.splitlines()
    problems = []
    for line, module in imported_modules(startup):
        package = packages.get(module)
        if package is None or canonical(package) in have:
            continue
        text = lines[line - 1].strip() if 0 < line <= len(lines) else module
        where = f"course.toml: [kernel] startup, line {line} (`{text}`)"
        if canonical(package) == canonical(module):
            problems.append(f"{where}: {module} is one of Pyodide's own packages: name it in {FIX}")
        else:
            problems.append(f"{where}: {module} comes from {package}, one of Pyodide's own packages: "
                            f"name \"{package}\" in {FIX}")
    return problems
