"""The memory-snapshot probe's judging (``benchmarks/snapshot_probe.py``, issue 16 item 3):
how it reads a session's result and turns what the sessions saw into PASS or FAIL. The
sessions themselves run Pyodide under node (``python -m benchmarks snapshot_probe``)."""

from __future__ import annotations

import doctest
import gzip
import json
import sys

import pytest

from build_tools.paths import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import snapshot_probe as probe  # noqa: E402


def seen(**values) -> dict:
    """A session whose observe() saw ``values`` (each worked)."""
    return {"observed": {key.replace("_", " "): {"ok": True, "value": v} for key, v in values.items()}}


def failed(key: str, error: str) -> dict:
    return {"observed": {key: {"ok": False, "error": error}}}


def random_seen(first: float, after: float) -> dict:
    return {"first": {"random": first, "tempfile name": f"n{first}"},
            "after reseed": {"random": after, "tempfile name": f"n{after}"},
            "reseed": {"generators": 3, "seconds": 0.1}}


def check(checks: list[probe.Check], start: str) -> probe.Check:
    return next(c for c in checks if c.name.startswith(start))


def test_the_session_result_is_found_among_pyodides_own_messages():
    output = "Loading micropip, piplite\nLoaded micropip\nPROBE " + json.dumps({"mode": "restore", "total": 1.2}) + "\n"
    assert probe.parse_session(output) == {"mode": "restore", "total": 1.2}


def test_a_session_without_a_result_says_so_with_its_last_lines():
    with pytest.raises(probe.ProbeError, match="(?s)no PROBE line.*wasm instantiation failed"):
        probe.parse_session("Loading micropip\nwasm instantiation failed!\n")


def test_the_kernels_packages_are_read_from_the_built_site(tmp_path):
    config = {"jupyter-config-data": {"litePluginSettings": {probe.KERNEL_PLUGIN: {
        "loadPyodideOptions": {"packages": ["micropip", "codecharts"]}}}}}
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(config))
    assert probe.site_packages(tmp_path) == ["micropip", "codecharts"]


def test_the_gzipped_size_is_what_gzip_makes(tmp_path):
    data = b"".join(i.to_bytes(4, "little") for i in range(100_000)) + bytes(200_000)
    (tmp_path / "heap.bin").write_bytes(data)
    # the gzip header holds a time stamp, not its size: same length as gzip.compress
    assert probe.gzipped_size(tmp_path / "heap.bin") == len(gzip.compress(data, compresslevel=6))


def test_restores_drawing_the_same_random_number_fail_and_pass_once_reseeded():
    restores = [seen(random=random_seen(0.25, 0.5)), seen(random=random_seen(0.25, 0.75))]
    checks = probe.judge({}, [], {probe.FIXED: restores})
    assert check(checks, "random.random() differs between restores, as").verdict == "FAIL"
    assert check(checks, "random.random() differs after reseeding").verdict == "PASS"


def test_a_value_seen_in_one_restore_only_cannot_show_it_differs():
    checks = probe.judge({}, [], {probe.FIXED: [seen(hash=7)]})
    assert check(checks, "hash('abc') differs between restores").verdict == "n/a"


def test_a_set_order_needs_only_to_vary_since_few_orders_exist():
    orders = [seen(set_order=o) for o in (["a", "b"], ["a", "b"], ["b", "a"])]
    assert probe.differs("order", orders, "set order", every=False).verdict == "PASS"
    assert probe.differs("order", orders[:2], "set order", every=False).verdict == "FAIL"


def test_a_restore_must_give_what_a_normal_boot_gives():
    normals = [seen(our_functions={"codeprose": "The code sets x."})] * 2
    same = [seen(our_functions={"codeprose": "The code sets x."})]
    other = [seen(our_functions={"codeprose": "The code sets y."})]
    assert probe.same_as_normal("f", same, normals, "our functions").verdict == "PASS"
    assert probe.same_as_normal("f", other, normals, "our functions").verdict == "FAIL"


def test_a_failure_in_the_restore_names_the_error():
    result = probe.same_as_normal("f", [failed("our functions", "ModuleNotFoundError: codecharts.magics")],
                                  [seen(our_functions="x")], "our functions")
    assert (result.verdict, result.detail) == ("FAIL", "ModuleNotFoundError: codecharts.magics")


def test_a_restore_that_never_reached_python_fails_to_start():
    checks = probe.judge({}, [], {"as-is": [{"mode": "restore", "error": "RangeError: offset is out of bounds"}]})
    result = check(checks, "restore: loadPyodide({_loadSnapshot}) as it is")
    assert result.verdict == "FAIL" and "RangeError" in result.detail


def test_the_monotonic_clock_is_compared_with_its_value_at_snapshot_time():
    made = {"atSnapshot": {"monotonic": 5.0}}
    behind = probe.judge(made, [], {probe.FIXED: [seen(monotonic=1.5)]})
    ahead = probe.judge(made, [], {probe.FIXED: [seen(monotonic=6.0)]})
    assert check(behind, "time.monotonic()").verdict == "FAIL"
    assert check(ahead, "time.monotonic()").verdict == "PASS"


def test_the_saving_is_normal_start_minus_restore_of_the_medians():
    normals = [{"boot": b, "kernel": {"import piplite": 0.5, "import pyodide_kernel": 0.5}} for b in (2.0, 3.0, 9.0)]
    restores = [{"total": t} for t in (1.0, 1.5, 0.5)]
    assert probe.saving(normals, restores).startswith(
        "saving per start (medians): 4.00s normal − 1.00s restored = 3.00s")


def test_the_probes_examples_hold():
    assert doctest.testmod(probe).failed == 0
