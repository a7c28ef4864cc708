"""Decide which wheel serves each Python package the browser kernel can load.

Sources, in order of preference: our own wheels; the Pyodide kernel's own wheels
(piplite, the ipykernel shim, pyodide-kernel); packages in Pyodide's lock (fetched from
PyPI at the lock's version); anything else at the version pinned in ``kernel-pins.txt``.
No version solving: every choice must satisfy every requirement on it, or the build stops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

from .errors import BuildError
from .lock import index_by_canonical
from .names import canonical
from .wheelinfo import WheelInfo, check_pure, read_wheel


@dataclass(frozen=True)
class Resolved:
    """One package the site ships: where it came from and its wheel."""

    name: str
    version: str
    source: str  # "ours" | "kernel" | "pyodide-lock" | "pinned"
    info: WheelInfo


def resolve(
    roots: Iterable[str],
    *,
    local_wheels: dict[str, tuple[str, Path]],
    lock_packages: dict,
    pins: dict[str, str],
    fetch: Callable[[dict[str, str]], dict[str, Path]],
    pins_file: str = "kernel-pins.txt",
    pick: Callable[[str, list[Requirement]], str] | None = None,
) -> dict[str, Resolved]:
    """All packages needed by ``roots``, keyed by canonical name.

    ``local_wheels`` maps canonical names to (source, wheel path) for wheels we have on
    disk; ``fetch`` downloads ``{name: version}`` and returns their paths (one call per
    round, so pip runs a few times, not once per package). A package with no pin stops the
    build, unless ``pick`` is given: it chooses a version for the name and the requirements
    seen on it so far (the result's source is then "new-pin").
    """
    lock_index = index_by_canonical(lock_packages)
    chosen: dict[str, Resolved] = {}
    expanded: set[str] = set()
    asked: list[tuple[str, str, Requirement]] = []  # (parent, name, requirement)
    frontier: list[tuple[str, str]] = [(canonical(r), "the course") for r in roots]
    while frontier:
        to_fetch: dict[str, tuple[str, str]] = {}
        parents: dict[str, str] = {}
        for name, parent in frontier:
            if name in chosen or name in to_fetch:
                continue
            if name in local_wheels:
                source, path = local_wheels[name]
                check_pure(path)
                info = read_wheel(path)
                chosen[name] = Resolved(name, info.version, source, info)
            elif name in lock_index:
                to_fetch[name] = (lock_packages[lock_index[name]]["version"], "pyodide-lock")
            elif name in pins:
                to_fetch[name] = (pins[name], "pinned")
            elif pick is not None:
                to_fetch[name] = (pick(name, [req for _, n, req in asked if n == name]), "new-pin")
            else:
                raise BuildError(
                    f"{name} (needed by {parent}) has no pinned version: run `./run pins` to pin it "
                    f"and its dependencies, or add a line '{name}==VERSION' to {pins_file}"
                )
            parents.setdefault(name, parent)
        if to_fetch:
            paths = fetch({n: v for n, (v, _) in to_fetch.items()})
            for name, (version, source) in to_fetch.items():
                try:
                    check_pure(paths[name])
                except BuildError as exc:
                    raise BuildError(f"{name} (needed by {parents[name]}): {exc}") from None
                chosen[name] = Resolved(name, version, source, read_wheel(paths[name]))
        frontier = []
        for name in [n for n in chosen if n not in expanded]:
            expanded.add(name)
            for req in _requirements(chosen[name], lock_packages, lock_index):
                asked.append((name, canonical(req.name), req))
                frontier.append((canonical(req.name), name))
    _check_versions(chosen, asked)
    return dict(sorted(chosen.items()))


def _requirements(resolved: Resolved, lock_packages: dict, lock_index: dict) -> list[Requirement]:
    if resolved.source == "pyodide-lock":
        # Pyodide's own dependency list is what loadPackage will follow
        entry = lock_packages[lock_index[resolved.name]]
        return [Requirement(d) for d in entry.get("depends", [])]
    return list(resolved.info.requires)


def _check_versions(chosen: dict[str, Resolved], asked: list) -> None:
    for parent, name, req in asked:
        resolved = chosen[name]
        if req.specifier and not req.specifier.contains(resolved.version, prereleases=True):
            raise BuildError(
                f"{parent} needs {req}, but the site would ship {name} {resolved.version} "
                f"({resolved.source}); change the pin or the requirement"
            )
