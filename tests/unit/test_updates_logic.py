""""Updated by your teacher": the extension's pure logic (manifest, records, what to flag,
names), compiled with tsc and run with node."""

from __future__ import annotations

from pathlib import Path

from pure_ts import SRC, run_node_tests

PURE = ["updates/versions.ts", "coursemenu/names.ts"]


def test_teacher_updates_logic_passes_its_node_tests(tmp_path):
    run_node_tests([SRC / name for name in PURE], [Path(__file__).parent / "updates" / "logic.test.mjs"],
                   "UPDATES_LIB", tmp_path, keep_folders=True)
