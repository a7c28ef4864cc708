"""The Course menu's pure TypeScript logic (zip path safety, names, content, restore plan,
zip directory, backup manifest, storage words), run with node."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "packages" / "litecourse-extension"
PURE = ["zippaths.ts", "names.ts", "content.ts", "restoreplan.ts",
        "zipdirectory.ts", "zipcheck.ts", "backupmanifest.ts", "storagewords.ts"]
NODE_TESTS = ["logic.test.mjs", "hostile.test.mjs"]


def test_course_menu_logic_passes_its_node_tests(tmp_path):
    tsc = EXTENSION / "node_modules" / ".bin" / "tsc"
    if not tsc.exists() or not shutil.which("node"):
        pytest.fail("node and the extension's node_modules are needed: run the build first (see README)")
    sources = [str(EXTENSION / "src" / "coursemenu" / name) for name in PURE]
    compiled = subprocess.run(
        [str(tsc), "--module", "commonjs", "--target", "ES2022", "--lib", "ES2022,DOM", "--strict",
         "--skipLibCheck", "--outDir", str(tmp_path), *sources],
        capture_output=True, text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    ran = subprocess.run(
        ["node", "--test", *(str(Path(__file__).parent / "coursemenu" / name) for name in NODE_TESTS)],
        capture_output=True, text=True, env=dict(os.environ, COURSEMENU_LIB=str(tmp_path)),
    )
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]
