"""Fetch wheels from PyPI with pip, for the browser's Python 3.14."""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.utils import InvalidWheelFilename, canonicalize_version, parse_wheel_filename

from .errors import BuildError
from .names import canonical
from .tools import run


def find_cached(cache: Path, name: str, version: str) -> Path | None:
    """A wheel for ``name==version`` already in ``cache``, if any."""
    for path in sorted(cache.glob("*.whl")):
        try:
            project, found, _, _ = parse_wheel_filename(path.name)
        except InvalidWheelFilename:
            continue  # not ours to judge: pip never writes one
        if project == canonical(name) and canonicalize_version(found) == canonicalize_version(version):
            return path
    return None


def download(specs: dict[str, str], cache: Path) -> dict[str, Path]:
    """Download ``{name: version}`` as wheels for Python 3.14 into ``cache``; one pip run.

    Only wheels are accepted (never an sdist to build). A project that has only compiled
    wheels still downloads here, and is refused by the purity check that follows, by name.
    """
    cache.mkdir(parents=True, exist_ok=True)
    wanted = {n: v for n, v in specs.items() if find_cached(cache, n, v) is None}
    if wanted:
        cmd = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--python-version", "3.14", "--dest", str(cache),
            *[f"{n}=={v}" for n, v in sorted(wanted.items())],
        ]
        run(f"downloading wheels {sorted(wanted)} from PyPI (pip download)", cmd)
    found = {}
    for name, version in specs.items():
        path = find_cached(cache, name, version)
        if path is None:
            raise BuildError(f"pip gave no wheel for {name}=={version}")
        found[canonical(name)] = path
    return found
