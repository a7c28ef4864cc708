"""Run node tests of the extension's pure TypeScript modules (no JupyterLab imports).

The modules are compiled with the extension's own ``tsc`` into a temporary folder, whose path
the node tests read from an environment variable, then ``node --test`` runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "packages" / "litecourse-extension"
SRC = EXTENSION / "src"


def run_node_tests(
    sources: list[Path], tests: list[Path], lib_variable: str, out: Path, env: dict | None = None,
    keep_folders: bool = False,
) -> None:
    """Compile ``sources`` into ``out``, run the node ``tests`` with ``lib_variable=out``; fail with their report.

    ``keep_folders``: the compiled files keep their folders under ``src/`` (for modules that
    import each other across folders); otherwise they land side by side in ``out``.
    """
    tsc = EXTENSION / "node_modules" / ".bin" / "tsc"
    if not tsc.exists() or not shutil.which("node"):
        pytest.fail("node and the extension's node_modules are needed: run the build first (see README)")
    compiled = subprocess.run(
        [str(tsc), "--module", "commonjs", "--target", "ES2022", "--lib", "ES2022,DOM", "--strict",
         "--skipLibCheck", *(["--rootDir", str(SRC)] if keep_folders else []), "--outDir", str(out),
         *map(str, sources)],
        capture_output=True, text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    ran = subprocess.run(
        ["node", "--test", *map(str, tests)],
        capture_output=True, text=True, env={**os.environ, lib_variable: str(out), **(env or {})},
    )
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]
