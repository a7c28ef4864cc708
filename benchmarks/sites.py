"""The three sites the cold-start benchmark compares, built from the same pinned parts.

- ``stock``: JupyterLite + the Pyodide kernel as they come, served locally: the npm
  Pyodide runtime, Pyodide's full lock with the wheels the kernel's start-up installs
  (re-hashed, as our build does), ``comm`` in ``pypi/``; no litecourse extension, no
  ``loadPyodideOptions``, default storage names.
- ``litecourse``: our site as ``./run build`` makes it (``build_site``, the same kernel), plus
  the benchmark notebook.
- ``floor``: one page that calls ``loadPyodide()`` from litecourse's ``static/pyodide``
  and prints: no JupyterLite, no packages. Nothing can start Python faster.

``exposeAppInBrowser`` is on in the stock site too: it only sets ``window.jupyterapp``,
which the benchmark reads the kernel status from.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from build_tools import lock as lockmod
from build_tools import paths
from build_tools.download import download
from build_tools.kernel import KERNEL_PACKAGES, kernel_own, local_wheels
from build_tools.names import canonical
from build_tools.pins import read_pins
from build_tools.resolve import resolve
from build_tools.site import build_site, run_lite_build
from build_tools.wheelinfo import sha256

T = TypeVar("T")

BENCH = paths.BUILD / "bench"
NOTEBOOK = "bench.ipynb"
SITES = ("stock", "litecourse", "floor")

#: the benchmark's notebook: one cell a learner runs first
BENCH_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "first", "metadata": {},
               "outputs": [], "source": ["print(1)"]}],
    "metadata": {"kernelspec": {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

FLOOR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body><p>bare Pyodide</p>
<script type="module">
import { loadPyodide } from "./static/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: "./static/pyodide/" });
window.__bench.kernel = performance.now();
window.pyodide = pyodide;
pyodide.setStdout({ batched: text => {
  const out = document.createElement("pre");
  out.className = "bench-output";
  out.textContent = text;
  document.body.appendChild(out);
}});
pyodide.runPython("print(1)");
</script></body></html>
"""


def site_root(name: str) -> Path:
    """Where site ``name`` is served from."""
    return BENCH / name / "_output" if name != "floor" else BENCH / "floor"


def build_all(rebuild: bool = False) -> dict[str, Path]:
    """Build (or reuse, when their inputs are unchanged) the three sites; their roots."""
    BENCH.mkdir(parents=True, exist_ok=True)
    content = _bench_content()
    _build_litecourse(content, rebuild)
    _build_stock(content, rebuild)
    _build_floor()
    return {name: site_root(name) for name in SITES}


def _bench_content() -> Path:
    """The course content plus the benchmark notebook (one folder, for both Lite sites)."""
    content = BENCH / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(paths.CONTENT, content, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (content / NOTEBOOK).write_text(json.dumps(BENCH_NOTEBOOK, indent=1) + "\n")
    return content


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f).encode())
        h.update(f.read_bytes() if f.is_file() else b"")
    return h.hexdigest()


def _up_to_date(name: str, inputs: list[Path], rebuild: bool) -> tuple[bool, str]:
    stamp = BENCH / name / ".inputs"
    fp = _fingerprint(inputs)
    ok = not rebuild and stamp.exists() and stamp.read_text() == fp and (site_root(name) / "index.html").exists()
    return ok, fp


def _fresh_stage(name: str) -> Path:
    """An empty staging folder for benchmark site ``name``."""
    stage = BENCH / name / "lite"
    if stage.exists():
        shutil.rmtree(stage)
    return stage


def _build_litecourse(content: Path, rebuild: bool) -> None:
    from build_tools.extension import extension_targets

    ext = extension_targets(paths.WHEELS / "extension")[0]
    pyodide_dir = paths.STAGE_PYODIDE
    # the build's own code too: a change to how the site is made is a new benchmark site
    inputs = [*content.rglob("*"), *pyodide_dir.iterdir(), ext, paths.COURSE_TOML,
              *(p for p in (paths.ROOT / "build_tools").rglob("*") if "__pycache__" not in p.parts),
              *(paths.LITE_SITE / "home").rglob("*"), *(paths.LITE_SITE / "start-watch").rglob("*"),
              *[paths.LITE_SITE / n for n in ("jupyter-lite.json", "jupyter_lite_config.json", "overrides.json")]]
    ok, fp = _up_to_date("litecourse", inputs, rebuild)
    if ok:
        return
    print("building the litecourse benchmark site ...", flush=True)
    build_site(paths.COURSE_TOML, content, site_root("litecourse"))  # the site ./run build makes, + the notebook
    (BENCH / "litecourse" / ".inputs").write_text(fp)


def _build_stock(content: Path, rebuild: bool) -> None:
    base_lock = paths.BASE_LOCK
    # Pyodide's runtime as it ships: its own standard library zip, not our byte-compiled one
    runtime = [p for p in paths.STAGE_PYODIDE.iterdir()
               if not p.name.endswith((".whl", ".json")) and p.name != "python_stdlib.zip" and p.is_file()]
    inputs = [base_lock, paths.BASE_STDLIB, paths.PINS, *runtime, *content.rglob("*")]
    ok, fp = _up_to_date("stock", inputs, rebuild)
    if ok:
        return
    stage = _fresh_stage("stock")
    pyodide_dir = stage / "static" / "pyodide"
    pyodide_dir.mkdir(parents=True)
    for f in runtime:
        shutil.copy2(f, pyodide_dir / f.name)
    shutil.copy2(paths.BASE_STDLIB, pyodide_dir / "python_stdlib.zip")
    lock, pypi_wheels = stock_kernel_files(json.loads(base_lock.read_text()), pyodide_dir)
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock) + "\n")
    (stage / "pypi").mkdir()
    for wheel in pypi_wheels:
        shutil.copy2(wheel, stage / "pypi" / wheel.name)
    (stage / "jupyter-lite.json").write_text(json.dumps({
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {"exposeAppInBrowser": True},
    }, indent=2) + "\n")
    (stage / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {"no_sourcemaps": True, "contents": [str(content.resolve())]},
    }, indent=2) + "\n")
    print("building the stock benchmark site ...", flush=True)
    run_lite_build(stage, site_root("stock"))
    (BENCH / "stock" / ".inputs").write_text(fp)


def stock_kernel_files(base: dict, dest: Path) -> tuple[dict, list[Path]]:
    """Pyodide's full lock, re-hashed for the wheels stock start-up loads (copied to ``dest``),
    and the wheels that belong in ``pypi/`` (those neither the lock nor the kernel ships).
    """
    resolved = resolve(
        KERNEL_PACKAGES, local_wheels=local_wheels([]), lock_packages=base["packages"],
        pins=read_pins(paths.PINS), fetch=lambda specs: download(specs, paths.CACHE / "wheels"),
        pins_file=str(paths.PINS), lock_depends_only=kernel_own(base["packages"]),
    )
    from_lock = [n for n, r in resolved.items() if r.source == "pyodide-lock"]
    lock = json.loads(json.dumps(base))
    index = lockmod.index_by_canonical(lock["packages"])
    for key in lockmod.closure(lock["packages"], from_lock):
        r = resolved[canonical(key)]
        shutil.copy2(r.info.path, dest / r.info.path.name)
        lock["packages"][index[canonical(key)]].update(file_name=r.info.path.name, sha256=sha256(r.info.path))
    pypi = [r.info.path for r in resolved.values() if r.source == "pinned"]
    return lock, pypi


def _build_floor() -> None:
    floor = site_root("floor")
    floor.mkdir(parents=True, exist_ok=True)
    (floor / "index.html").write_text(FLOOR_PAGE)
    static = floor / "static"
    if static.is_symlink() or static.exists():
        static.unlink()
    static.symlink_to(site_root("litecourse").resolve() / "static")


def size_and_files(root: Path) -> tuple[int, int]:
    """Bytes and number of files under ``root`` (following the floor's symlink)."""
    files = [p for p in root.rglob("*") if p.is_file()]
    if root == site_root("floor"):
        files = [root / "index.html", *(p for p in (root / "static" / "pyodide").iterdir() if p.is_file())]
    return sum(p.stat().st_size for p in files), len(files)


def size_budget(stock: Path, litecourse: Path) -> tuple[int, int]:
    """(budget, litecourse size) in bytes: the budget is stock's size plus what litecourse adds
    by necessity: the wheels stock does not ship (ours and their dependencies, as shipped)
    and our extension."""
    shipped = lambda root: {p.name: p.stat().st_size for p in (root / "static" / "pyodide").glob("*.whl")}  # noqa: E731
    ours, theirs = shipped(litecourse), shipped(stock)
    extension = litecourse / "extensions" / "litecourse-extension"
    added = sum(size for name, size in ours.items() if name not in theirs)
    added += sum(p.stat().st_size for p in extension.rglob("*") if p.is_file())
    return size_and_files(stock)[0] + added, size_and_files(litecourse)[0]


def serve_all(roots: dict[str, Path]) -> tuple[dict[str, str], Callable[[], None]]:
    """Serve each site on a loopback port of its own: ({name: base URL}, a function that stops them)."""
    import threading

    from build_tools.serve import make_server

    servers = {name: make_server(root, 0) for name, root in roots.items()}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        for server in servers.values():
            server.shutdown()

    return {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in servers.items()}, stop


def rotated(arms: Sequence[T], round_index: int) -> list[T]:
    """``arms`` starting at a different one each round, so a busy machine slows every arm alike.

    >>> rotated("abc", 1)
    ['b', 'c', 'a']
    """
    start = round_index % len(arms)
    return list(arms[start:]) + list(arms[:start])
