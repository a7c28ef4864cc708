"""Fetch wheels from PyPI with pip, for the browser's Python 3.14."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import BuildError
from .names import canonical, wheel_project, wheel_version


def find_cached(cache: Path, name: str, version: str) -> Path | None:
    """A wheel for ``name==version`` already in ``cache``, if any."""
    for path in sorted(cache.glob("*.whl")):
        if wheel_project(path.name) == canonical(name) and wheel_version(path.name) == version:
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
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-3:])
            raise BuildError(f"could not download wheels {sorted(wanted)} from PyPI:\n{tail}")
    found = {}
    for name, version in specs.items():
        path = find_cached(cache, name, version)
        if path is None:
            raise BuildError(f"pip gave no wheel for {name}=={version}")
        found[canonical(name)] = path
    return found
