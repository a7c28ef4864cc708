"""Decide which wheel serves each Python package the browser kernel can load.

Sources, in order of preference: our own wheels; the Pyodide kernel's own wheels
(piplite, the ipykernel shim, pyodide-kernel); packages in Pyodide's lock (pure ones fetched
from PyPI at the lock's version, compiled ones taken later from Pyodide's distribution);
anything else at the version pinned in ``kernel-pins.txt``.
No version solving: every choice must satisfy every requirement on it, or the build stops.

Every dependency is followed, wherever it comes from. Pyodide's lock lists a package's
dependencies as Pyodide's recipe chose them, which can be fewer than its wheel needs (the
lock's ``rich`` depends on nothing; its wheel needs markdown-it-py and pygments). So a lock
package needs what the lock says *and* what its wheel says, except the kernel's own packages
(``lock_depends_only``): the kernel starts with them as Pyodide ships them.
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
    source: str  # "ours" | "kernel" | "pyodide-lock" | "pinned" | "new-pin" | "pyodide-dist"
    info: WheelInfo | None  # None for "pyodide-dist": its file comes from Pyodide's distribution
    depends: tuple[str, ...] = ()  # its dependencies as the site's lock lists them (loadPackage follows them)


def resolve(
    roots: Iterable[str],
    *,
    local_wheels: dict[str, tuple[str, Path]],
    lock_packages: dict,
    pins: dict[str, str],
    fetch: Callable[[dict[str, str]], dict[str, Path]],
    pins_file: str = "kernel-pins.txt",
    pick: Callable[[str, list[Requirement]], str] | None = None,
    distribution: frozenset[str] = frozenset(),
    lock_depends_only: frozenset[str] = frozenset(),
) -> dict[str, Resolved]:
    """All packages needed by ``roots``, keyed by canonical name.

    ``local_wheels`` maps canonical names to (source, wheel path) for wheels we have on
    disk; ``fetch`` downloads ``{name: version}`` and returns their paths (one call per
    round, so pip runs a few times, not once per package). A package with no pin stops the
    build, unless ``pick`` is given: it chooses a version for the name and the requirements
    seen on it so far (the result's source is then "new-pin").

    ``distribution`` names the lock's packages that only Pyodide's distribution provides
    (compiled for the browser): they are neither fetched nor followed here (source
    "pyodide-dist", their closure comes with them). ``lock_depends_only`` names lock packages
    whose dependencies are the lock's alone.
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
                chosen[name] = Resolved(name, info.version, source, info, tuple(info.depends))
            elif name in lock_index and name in distribution:
                entry = lock_packages[lock_index[name]]
                chosen[name] = Resolved(name, entry["version"], "pyodide-dist", None, tuple(entry.get("depends", [])))
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
                info = read_wheel(paths[name])
                depends = tuple(info.depends)
                if source == "pyodide-lock":
                    entry = lock_packages[lock_index[name]]
                    depends = lock_depends(entry, info.requires, name in lock_depends_only)
                chosen[name] = Resolved(name, version, source, info, depends)
        frontier = []
        for name in [n for n in chosen if n not in expanded]:
            expanded.add(name)
            for req in _requirements(chosen[name]):
                asked.append((name, canonical(req.name), req))
                frontier.append((canonical(req.name), name))
    _check_versions(chosen, asked)
    return dict(sorted(chosen.items()))


def lock_depends(entry: dict, wheel_requires: Iterable[Requirement], lock_only: bool = False) -> tuple[str, ...]:
    """The dependencies of a package of Pyodide's lock: the lock's, then those of its wheel the lock leaves out.

    ``lock_only`` keeps the lock's list as it is.

    >>> rich = {"name": "rich", "depends": []}
    >>> lock_depends(rich, [Requirement("markdown-it-py>=2.2.0"), Requirement("Pygments<3,>=2.13.0")])
    ('markdown-it-py', 'pygments')
    >>> lock_depends({"depends": ["prompt_toolkit"]}, [Requirement("prompt-toolkit>=3"), Requirement("jedi")], True)
    ('prompt_toolkit',)
    """
    listed = tuple(entry.get("depends", []))
    if lock_only:
        return listed
    known = {canonical(d) for d in listed}
    added = [canonical(r.name) for r in wheel_requires if canonical(r.name) not in known]
    return listed + tuple(dict.fromkeys(added))


def _requirements(resolved: Resolved) -> list[Requirement]:
    """What to follow from ``resolved``: its dependencies, with its wheel's specifiers on them."""
    if resolved.info is None:
        return []  # Pyodide's distribution: the closure comes with it
    names = {canonical(d) for d in resolved.depends}
    reqs = [r for r in resolved.info.requires if canonical(r.name) in names]
    have = {canonical(r.name) for r in reqs}
    return reqs + [Requirement(d) for d in resolved.depends if canonical(d) not in have]


def _check_versions(chosen: dict[str, Resolved], asked: list) -> None:
    for parent, name, req in asked:
        resolved = chosen[name]
        if req.specifier and not req.specifier.contains(resolved.version, prereleases=True):
            raise BuildError(
                f"{parent} needs {req}, but the site would ship {name} {resolved.version} "
                f"({resolved.source}); change the pin or the requirement"
            )
