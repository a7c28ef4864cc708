"""Pyodide lock files: the closure of what we ship, pruned, with entries for the files we add.

Pure functions over the lock's JSON (a dict with ``info`` and ``packages``) so the
rules are unit-tested without downloading anything.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .errors import BuildError
from .names import canonical


def index_by_canonical(packages: dict) -> dict[str, str]:
    """Map every canonical name to the lock key that holds it.

    >>> index_by_canonical({"prompt-toolkit": {"name": "prompt_toolkit"}})
    {'prompt-toolkit': 'prompt-toolkit'}
    """
    index = {}
    for key, entry in packages.items():
        index[canonical(key)] = key
        index[canonical(entry.get("name", key))] = key
    return index


def closure(packages: dict, roots: Iterable[str]) -> list[str]:
    """Lock keys of ``roots`` and of everything they depend on, sorted.

    Dependency names are matched after normalisation (``prompt_toolkit`` finds the key
    ``prompt-toolkit``). A name missing from the lock is an error that names who asked.

    >>> pkgs = {"a": {"depends": ["B_c"]}, "b-c": {"depends": []}, "z": {"depends": []}}
    >>> closure(pkgs, ["a"])
    ['a', 'b-c']
    """
    index = index_by_canonical(packages)
    seen: set[str] = set()
    todo = [(r, None) for r in roots]
    while todo:
        name, wanted_by = todo.pop()
        key = index.get(canonical(name))
        if key is None:
            who = f" (needed by {wanted_by})" if wanted_by else ""
            raise BuildError(f"package {name!r}{who} is not in the Pyodide lock")
        if key in seen:
            continue
        seen.add(key)
        todo.extend((dep, key) for dep in packages[key].get("depends", []))
    return sorted(seen)


def prune(lock: dict, keep: Iterable[str]) -> dict:
    """A copy of ``lock`` holding only the entries in ``keep`` (lock keys).

    Every ``depends`` of a kept entry must be kept too, so no entry can point at a
    package the site does not ship.
    """
    keep = set(keep)
    packages = {k: copy.deepcopy(v) for k, v in lock["packages"].items() if k in keep}
    missing = keep - packages.keys()
    if missing:
        raise BuildError(f"cannot keep {sorted(missing)}: not in the lock")
    index = index_by_canonical(packages)
    for key, entry in packages.items():
        dangling = [d for d in entry.get("depends", []) if canonical(d) not in index]
        if dangling:
            raise BuildError(f"{key} depends on {dangling}, which the site would not ship")
        # the site ships no unvendored test packages
        entry["unvendored_tests"] = False
    return {"info": copy.deepcopy(lock["info"]), "packages": dict(sorted(packages.items()))}


def wheel_entry(
    name: str,
    version: str,
    file_name: str,
    sha256: str,
    imports: Iterable[str],
    depends: Iterable[str],
) -> dict:
    """A lock entry for a pure-Python wheel we add ourselves (ours, or the kernel's).

    >>> wheel_entry("comm", "0.2.3", "comm-0.2.3-py3-none-any.whl", "ab", ["comm"], [])["install_dir"]
    'site'
    """
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "install_dir": "site",
        "sha256": sha256,
        "package_type": "package",
        "imports": sorted(imports),
        "depends": sorted(depends),
        "unvendored_tests": False,
        "shared_library": False,
    }


def with_entries(lock: dict, entries: dict[str, dict]) -> dict:
    """A copy of ``lock`` with ``entries`` added or replacing those of the same name."""
    packages = copy.deepcopy(lock["packages"])
    index = index_by_canonical(packages)
    for name, entry in entries.items():
        packages.pop(index.get(canonical(name), ""), None)
        packages[canonical(name)] = entry
    return {"info": copy.deepcopy(lock["info"]), "packages": dict(sorted(packages.items()))}

