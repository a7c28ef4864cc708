"""When a kernel started ahead of time may become a new notebook's kernel (pure TypeScript),
run with node."""

from __future__ import annotations

from pathlib import Path

from pure_ts import SRC, run_node_tests


def test_spare_kernel_hand_over_rules_pass_their_node_tests(tmp_path):
    tests = [Path(__file__).parent / "sparekernel" / "logic.test.mjs"]
    run_node_tests([SRC / "spare-kernel-policy.ts"], tests, "SPAREKERNEL_LIB", tmp_path)
