"""What a wheel file says about itself: name, version, dependencies, imports, purity."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import InvalidWheelFilename, parse_wheel_filename

from .errors import BuildError
from .names import canonical

#: the environment markers of the browser's Python (Pyodide 314.0.6)
PYODIDE_MARKERS = {
    "implementation_name": "cpython",
    "implementation_version": "3.14.2",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_python_implementation": "CPython",
    "platform_release": "5.0.3",
    "platform_system": "Emscripten",
    "platform_version": "#1",
    "python_full_version": "3.14.2",
    "python_version": "3.14",
    "sys_platform": "emscripten",
}


@dataclass(frozen=True)
class WheelInfo:
    """The parts of a wheel that a Pyodide lock entry needs."""

    path: Path
    name: str
    version: str
    requires: tuple[Requirement, ...] = field(default=())
    imports: tuple[str, ...] = field(default=())

    @property
    def depends(self) -> list[str]:
        return sorted({canonical(r.name) for r in self.requires})


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file (Pyodide's lock records it for every wheel)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_pure_wheel_name(file_name: str) -> bool:
    """True for wheels that any Python 3 can install: every tag ``*-none-any``.

    >>> is_pure_wheel_name("six-1.17.0-py2.py3-none-any.whl")
    True
    >>> is_pure_wheel_name("numpy-2.3.0-cp314-cp314-manylinux_2_28_x86_64.whl"), is_pure_wheel_name("x.zip")
    (False, False)
    """
    try:
        tags = parse_wheel_filename(file_name)[3]
    except InvalidWheelFilename:
        return False
    return all(t.abi == "none" and t.platform == "any" for t in tags)


def check_pure(path: Path) -> None:
    """Refuse a wheel with compiled code, naming it.

    The browser's Python can only install pure-Python wheels we ship: a platform
    wheel would fail on the learner's machine, so the build fails here instead.
    """
    if not is_pure_wheel_name(path.name):
        raise BuildError(
            f"{path.name} is not a pure-Python wheel (it contains compiled code for one "
            "platform), so it cannot run in the browser. Remove it or find a pure-Python "
            "alternative."
        )
    with zipfile.ZipFile(path) as zf:
        wheel_meta = next((n for n in zf.namelist() if n.endswith(".dist-info/WHEEL")), None)
        text = zf.read(wheel_meta).decode() if wheel_meta else ""
        compiled = [n for n in zf.namelist() if n.endswith((".so", ".pyd", ".dylib"))]
    if "Root-Is-Purelib: true" not in text or compiled:
        raise BuildError(
            f"{path.name} is not a pure-Python wheel"
            + (f" (it holds {compiled[0]})" if compiled else "")
            + ", so it cannot run in the browser."
        )


def read_wheel(path: Path, extras: frozenset[str] = frozenset()) -> WheelInfo:
    """Read a wheel's name, version, browser-side requirements and top-level imports.

    Requirements whose markers do not hold in Pyodide (``sys_platform == "win32"``,
    extras not asked for) are dropped.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
            meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
            top_level = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
            tops = zf.read(top_level).decode().split() if top_level else []
    except (zipfile.BadZipFile, StopIteration, KeyError) as exc:
        raise BuildError(f"{path.name} is not a readable wheel ({exc})") from exc
    if not tops:
        tops = _imports_from_names(names)
    requires = []
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or _marker_holds(req.marker, extras):
            requires.append(req)
    return WheelInfo(
        path=path,
        name=canonical(meta["Name"]),
        version=meta["Version"],
        requires=tuple(requires),
        imports=tuple(sorted(set(tops))),
    )


def _marker_holds(marker: Marker, extras: frozenset[str]) -> bool:
    envs = [dict(PYODIDE_MARKERS, extra=e) for e in (extras or {""})]
    return any(marker.evaluate(env) for env in envs)


def _imports_from_names(names: list[str]) -> list[str]:
    """Top-level importable names, read from the files a wheel installs."""
    tops = set()
    for n in names:
        first = n.split("/", 1)[0]
        if first.endswith((".dist-info", ".data")):
            continue
        if "/" in n:
            tops.add(first)
        elif n.endswith(".py"):
            tops.add(n[:-3])
    return sorted(t for t in tops if t.isidentifier())
