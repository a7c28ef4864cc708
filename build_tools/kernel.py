"""What the browser kernel loads: every wheel it needs and one pruned Pyodide lock.

Everything the kernel imports at start (its own packages and ours) is listed in
``loadPyodideOptions.packages`` and fetched in parallel while Pyodide starts, instead of
being installed one after another with micropip.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from packaging.utils import parse_wheel_filename

from . import lock as lockmod
from . import widgets
from .bytecode import compile_in_pyodide
from .course import Course
from .distribution import open_distribution, take_packages
from .download import download
from .errors import BuildError
from .names import canonical
from .pins import read_pins
from .pyodide_own import distribution_only, installable_problems, startup_problems
from .resolve import Resolved, resolve
from .wheelinfo import sha256

#: what pyodide-kernel 0.8.6 installs at start; named here so Pyodide loads them in parallel
KERNEL_PACKAGES = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")


def kernel_wheels_dir() -> Path:
    """The folder of wheels jupyterlite-pyodide-kernel ships (piplite, ipykernel shim, ...)."""
    import sys

    return (
        Path(sys.prefix) / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    )


def _pyodide_version() -> str:
    """The pinned Pyodide version (pyproject.toml): the release its packages come from."""
    import tomllib

    from . import paths

    return tomllib.loads(paths.PYPROJECT.read_text())["tool"]["litecourse"]["pyodide"]


def preload_names(course: Course) -> list[str]:
    """Package names for ``loadPyodideOptions.packages``, kernel's first then ours."""
    return [*KERNEL_PACKAGES, *(canonical(p) for p in course.preload)]


def local_wheels(our_wheels: list[Path]) -> dict[str, tuple[str, Path]]:
    """Wheels on disk by project name: ours ("ours"), then the kernel's own ("kernel")."""
    local = {parse_wheel_filename(p.name)[0]: ("ours", p) for p in our_wheels}
    for p in sorted(kernel_wheels_dir().glob("*.whl")):
        project = parse_wheel_filename(p.name)[0]
        if project != "widgetsnbextension":
            local.setdefault(project, ("kernel", p))
    return local


def kernel_own(lock_packages: dict) -> frozenset[str]:
    """The kernel's own packages in Pyodide's lock and their closure there (canonical names).

    They load at every start, with the dependencies Pyodide's lock gives them.

    >>> sorted(kernel_own({"ipython": {"depends": ["Pygments"]}, "pygments": {}, "rich": {}}))
    ['ipython', 'pygments']
    """
    index = lockmod.index_by_canonical(lock_packages)
    roots = [n for n in KERNEL_PACKAGES if canonical(n) in index]
    return frozenset(canonical(key) for key in lockmod.closure(lock_packages, roots))


def resolve_kernel(
    course: Course, lock_packages: dict, our_wheels: list[Path], pins_path: Path, cache: Path, pick=None
) -> dict[str, Resolved]:
    """Every package the kernel ships for ``course``: ours, the kernel's, the lock's, the pinned.

    ``pick`` chooses versions for packages without a pin (see :func:`resolve`); without it an
    unpinned package stops the build. A package of the lock that only Pyodide's distribution
    provides comes back with source "pyodide-dist" (no wheel yet); named in ``installable``
    it stops the build, pointing to ``[kernel] pyodide_packages``.
    """
    problems = installable_problems(course.installable, course.pyodide_packages, lock_packages)
    if problems:
        raise BuildError("\n".join(problems))
    local = local_wheels(our_wheels)
    if course.widgets:  # the kernel's empty stand-in for the classic Notebook's widget files
        local.setdefault(widgets.STAND_IN_PACKAGE, ("kernel", widgets.stand_in_wheel(kernel_wheels_dir())))
    from_pyodide = {canonical(n) for n in course.pyodide_packages}  # shipped as Pyodide built them
    roots = [*preload_names(course), *course.installable, *widgets.kernel_roots(course)]
    return resolve(
        [n for n in roots if canonical(n) not in from_pyodide],
        local_wheels=local,
        lock_packages=lock_packages,
        pins=read_pins(pins_path),
        fetch=lambda specs: download(specs, cache),
        pins_file=str(pins_path),
        pick=pick,
        distribution=distribution_only(lock_packages),
        lock_depends_only=kernel_own(lock_packages),
    )


def build_kernel_dist(
    course: Course,
    base_lock_path: Path,
    our_wheels: list[Path],
    pins_path: Path,
    cache: Path,
    dest: Path,
    base_stdlib: Path,
    bytecode_dir: Path,
    pyodide_source: str | None = None,
) -> dict[str, Resolved]:
    """Write ``dest/pyodide-lock.json`` and every wheel it names into ``dest``.

    ``dest`` already holds the Pyodide runtime. Every wheel, and the standard library
    ``base_stdlib``, is byte-compiled for the kernel's Python first
    (:mod:`build_tools.bytecode`, working in ``bytecode_dir``), so the lock's hashes are
    those of the files shipped. The lock is Pyodide's own, pruned to
    what we ship, plus entries for wheels that are not in it (ours, the kernel's, their
    dependencies, the course's installable extras), each re-hashed from the file shipped.
    Pyodide's own packages the course names (``pyodide_packages``), and those compiled ones an
    extra needs, come with their closure from the Pyodide distribution at ``pyodide_source``
    (default: the course's, else the official release), verified against its lock and shipped
    unchanged; the start-up snippet runs with them. Its imports of Pyodide's packages the site
    does not ship stop the build first, pointing to ``[kernel] pyodide_packages``.
    """
    base = json.loads(base_lock_path.read_text())
    resolved = resolve_kernel(course, base["packages"], our_wheels, pins_path, cache)
    wheels = {n: r for n, r in resolved.items() if r.info is not None}
    for old in dest.glob("*.whl"):
        old.unlink()
    # Pyodide's own packages (named, or needed by an extra) with their closure, shipped unchanged
    from_dist = [*course.pyodide_packages, *(n for n, r in resolved.items() if r.info is None)]
    taken = _take_from_distribution(course, from_dist, base, cache, dest, pyodide_source, wheels)
    problems = startup_problems(course.startup, base["packages"], [*wheels, *_names(taken)])
    if problems:
        raise BuildError("\n".join(problems))
    # our own wheels keep their source beside the bytecode; third-party ones ship compiled only;
    # Pyodide's are installed too, for the start-up snippet that imports them
    compiled, stdlib = compile_in_pyodide(
        [(r.info.path, r.source == "ours") for r in wheels.values()], course.startup, dest,
        base_lock_path, base_stdlib, bytecode_dir,
        installed=[dest / e["file_name"] for e in taken.values() if e["file_name"].endswith(".whl")],
    )
    shutil.copy2(stdlib, dest / "python_stdlib.zip")
    entries = {}
    for name, r in wheels.items():
        shipped = dest / r.info.path.name
        shutil.copy2(compiled[r.info.path], shipped)
        entries[name] = lockmod.wheel_entry(
            name, r.version, r.info.path.name, sha256(shipped), r.info.imports, r.depends,
        )
    from_lock = [n for n, r in wheels.items() if r.source == "pyodide-lock"]
    if from_lock:
        kept = lockmod.prune(base, lockmod.closure(base["packages"], from_lock))
    else:
        kept = {"info": base["info"], "packages": {}}
    # lock entries keep Pyodide's own metadata (imports) but name our files, and every dependency
    index = lockmod.index_by_canonical(kept["packages"])
    for name in from_lock:
        kept["packages"][index[name]].update(
            file_name=entries[name]["file_name"], sha256=entries[name]["sha256"], depends=list(resolved[name].depends))
    for name in _names(taken):  # what the distribution gave replaces the lock's entry for it
        kept["packages"].pop(index.get(name, ""), None)
    others = {n: e for n, e in entries.items() if resolved[n].source != "pyodide-lock"}
    final = lockmod.with_entries(lockmod.with_entries(kept, others), taken)
    lockmod.prune(final, final["packages"])  # proves no entry depends on something unshipped
    (dest / "pyodide-lock.json").write_text(json.dumps(final, indent=1, sort_keys=True) + "\n")
    return resolved


def _names(entries: dict[str, dict]) -> set[str]:
    return {canonical(e.get("name", key)) for key, e in entries.items()}


def _take_from_distribution(
    course: Course, names: list[str], base: dict, cache: Path, dest: Path, pyodide_source: str | None,
    wheels: dict[str, Resolved],
) -> dict[str, dict]:
    """Lock entries of ``names`` and their closure, copied into ``dest`` from Pyodide's distribution."""
    if not names:
        return {}
    dist = open_distribution(pyodide_source or course.pyodide_source or None, _pyodide_version(), base,
                             cache.parent, Path.cwd())
    taken = take_packages(dist, names, dest, {n: {"name": n} for n in wheels})
    for entry in taken.values():
        size = (dest / entry["file_name"]).stat().st_size
        print(f"  Pyodide package {entry['file_name']} ({size / 1e6:.1f} MB, sha256 verified)", flush=True)
    return taken
