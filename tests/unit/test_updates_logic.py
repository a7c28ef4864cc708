""""Updated by your teacher": the extension's pure logic (manifest, records, what to flag,
names), compiled with tsc and run with node."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "packages" / "litecourse-extension"
PURE = ["updates/versions.ts", "coursemenu/names.ts"]


def test_teacher_updates_logic_passes_its_node_tests(tmp_path):
    tsc = EXTENSION / "node_modules" / ".bin" / "tsc"
    if not tsc.exists() or not shutil.which("node"):
        pytest.fail("node and the extension's node_modules are needed: run the build first (see README)")
    compiled = subprocess.run(
        [str(tsc), "--module", "commonjs", "--target", "ES2022", "--lib", "ES2022,DOM", "--strict",
         "--skipLibCheck", "--rootDir", str(EXTENSION / "src"), "--outDir", str(tmp_path),
         *(str(EXTENSION / "src" / name) for name in PURE)],
        capture_output=True, text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    ran = subprocess.run(
        ["node", "--test", str(Path(__file__).parent / "updates" / "logic.test.mjs")],
        capture_output=True, text=True, env=dict(os.environ, UPDATES_LIB=str(tmp_path)),
    )
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]
