"""REPL links' pure TypeScript logic (which parameters a link sets, which messages carry the
course's own code), run with node."""

from __future__ import annotations

from pathlib import Path

from pure_ts import SRC, run_node_tests


def test_repl_link_logic_passes_its_node_tests(tmp_path):
    tests = [Path(__file__).parent / "repllink" / "logic.test.mjs"]
    run_node_tests([SRC / "repl-link.ts"], tests, "REPLLINK_LIB", tmp_path)
