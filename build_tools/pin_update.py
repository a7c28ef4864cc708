"""``./run pins``: pin every package the kernel ships that has no pin yet, with its dependencies.

Like pip-compile for the browser kernel: the educator names a package in ``course.toml``
(``[kernel] installable``); this command walks its dependency closure for the kernel's Python
(3.14), takes for each unpinned package the newest pure-Python wheel on PyPI that meets every
requirement seen on it, and appends ``NAME==VERSION`` lines to ``lite_site/kernel-pins.txt``.
Existing pins are kept as they are. A dependency with only compiled wheels is refused by name:
it could not run in the browser.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import parse_wheel_filename

from .errors import BuildError
from .names import canonical
from .resolve import Resolved
from .tools import run

#: the kernel's Python; wheels are chosen for it, whatever Python runs the build
KERNEL_PYTHON = "3.14"


def newest_pure_wheel(name: str, requirements: list[Requirement], cache: Path) -> str:
    """Download the newest pure-Python wheel of ``name`` that meets ``requirements``; its version.

    The wheel lands in ``cache``, where the build's downloads look first.
    """
    spec = SpecifierSet()
    for req in requirements:
        spec &= req.specifier
    wanted = f"{name}{spec}"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            run(f"looking for {wanted} on PyPI (pip download)",
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                 "--python-version", KERNEL_PYTHON, "--platform", "any", "--dest", tmp, wanted])
        except BuildError as error:
            raise BuildError(f"{wanted}: PyPI has no pure-Python wheel of it for Python {KERNEL_PYTHON}, so it "
                             "cannot run in the browser (a package with compiled code runs only if Pyodide ships "
                             f"it)\n{error}") from None
        wheels = sorted(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise BuildError(f"{wanted}: pip download gave {len(wheels)} wheels, expected one")
        cache.mkdir(parents=True, exist_ok=True)
        target = cache / wheels[0].name
        shutil.move(wheels[0], target)
    return str(parse_wheel_filename(target.name)[1])


def new_pin_lines(resolved: dict[str, Resolved]) -> list[str]:
    """``NAME==VERSION  # needed by ...`` for every package pinned by this run, in name order."""
    lines = []
    for name, r in sorted(resolved.items()):
        if r.source != "new-pin":
            continue
        users = sorted(other for other, o in resolved.items() if o.info is not None
                       and any(canonical(req.name) == name for req in o.info.requires))
        lines.append(f"{name}=={r.version}" + (f"  # needed by {', '.join(users)}" if users else ""))
    return lines


def update_pins(pins_path: Path, resolve_with: Callable, cache: Path) -> list[str]:
    """Resolve with new pins picked from PyPI and append them to ``pins_path``; the lines added."""
    resolved = resolve_with(lambda name, reqs: newest_pure_wheel(name, reqs, cache))
    lines = new_pin_lines(resolved)
    if lines:
        text = pins_path.read_text(encoding="utf-8")
        pins_path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return lines


def main() -> int:
    """Pin what the course needs; print what was added. Run by ``./run pins`` after the wheels are built."""
    import json

    from . import paths
    from .course import load_course
    from .kernel import resolve_kernel

    try:
        course = load_course(paths.COURSE_TOML)
        lock = json.loads(paths.BASE_LOCK.read_text())["packages"]
        ours = sorted(paths.WHEELS.glob("*.whl"))
        cache = paths.CACHE / "wheels"
        added = update_pins(paths.PINS, lambda pick: resolve_kernel(course, lock, ours, paths.PINS, cache, pick), cache)
    except BuildError as exc:
        print(f"PINS NOT UPDATED: {exc}", file=sys.stderr)
        return 1
    where = paths.PINS.relative_to(paths.ROOT)
    if added:
        print("\n".join([f"added to {where}:", *(f"  {line}" for line in added)]))
    else:
        print(f"{where}: every package is pinned")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
