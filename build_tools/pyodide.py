"""The Pyodide runtime, from the npm package ``pyodide`` at the version the kernel expects."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

from .errors import BuildError
from .tools import require_command, run

#: the runtime files the kernel loads; the rest of the npm package (types, maps, demo
#: consoles) never reaches the site
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


def kernel_pyodide_version() -> str:
    """The Pyodide version the installed jupyterlite-pyodide-kernel was made for."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def check_pin(pinned: str, expected: str | None = None) -> str:
    """Fail unless our pinned Pyodide is the one the kernel expects.

    >>> check_pin("314.0.6", expected="314.0.6")
    '314.0.6'
    """
    expected = expected or kernel_pyodide_version()
    if pinned != expected:
        raise BuildError(
            f"Pyodide is pinned to {pinned} (pyproject.toml, [tool.litecourse] pyodide), but "
            f"the installed jupyterlite-pyodide-kernel expects {expected}. Change the pin "
            "or the kernel version so they agree."
        )
    return pinned


def fetch_runtime(version: str, cache: Path, dest: Path) -> list[Path]:
    """Put the Pyodide ``version`` runtime files into ``dest`` (``npm pack`` from the registry)."""
    require_command("npm", "node 20 and npm are needed: apt-get install nodejs npm")
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"pyodide-{version}.tgz"
    if not tarball.exists():
        step = f"fetching pyodide@{version} (npm pack)"
        run(step, ["npm", "pack", f"pyodide@{version}", "--pack-destination", str(cache)])
        if not tarball.exists():
            raise BuildError(f"{step} wrote no {tarball.name} into {cache}")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    with tarfile.open(tarball) as tar:
        for name in RUNTIME_FILES:
            member = tar.getmember(f"package/{name}")
            with tar.extractfile(member) as src, open(dest / name, "wb") as out:
                shutil.copyfileobj(src, out)
            written.append(dest / name)
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    if not lock.get("packages"):
        raise BuildError(f"pyodide@{version} has an empty pyodide-lock.json")
    return written
