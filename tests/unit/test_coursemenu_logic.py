"""The Course menu's pure TypeScript logic (zip path safety, names, content, restore plan,
zip directory, backup manifest, storage words), run with node."""

from __future__ import annotations

from pathlib import Path

from pure_ts import SRC, run_node_tests

PURE = ["zippaths.ts", "names.ts", "content.ts", "restoreplan.ts",
        "zipdirectory.ts", "zipcheck.ts", "backupmanifest.ts", "storagewords.ts"]
NODE_TESTS = ["logic.test.mjs", "hostile.test.mjs"]


def test_course_menu_logic_passes_its_node_tests(tmp_path):
    run_node_tests([SRC / "coursemenu" / name for name in PURE],
                   [Path(__file__).parent / "coursemenu" / name for name in NODE_TESTS], "COURSEMENU_LIB", tmp_path)
