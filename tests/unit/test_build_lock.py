"""Pyodide lock handling: closure, pruning, re-hashing, added entries."""

from __future__ import annotations

import pytest

from build_tools import lock
from build_tools.errors import BuildError


def entry(name, depends=(), file_name=None):
    return {
        "name": name, "version": "1.0", "depends": list(depends),
        "file_name": file_name or f"{name}-1.0-py3-none-any.whl", "sha256": "old",
        "imports": [name], "install_dir": "site", "package_type": "package",
        "unvendored_tests": True,
    }


LOCK = {
    "info": {"python": "3.14.2"},
    "packages": {
        "ipython": entry("ipython", ["prompt_toolkit", "traitlets"]),
        "prompt-toolkit": entry("prompt_toolkit", ["wcwidth"]),
        "traitlets": entry("traitlets"),
        "wcwidth": entry("wcwidth"),
        "numpy": entry("numpy"),
    },
}


def test_closure_follows_dependencies_across_name_spellings():
    assert lock.closure(LOCK["packages"], ["ipython"]) == ["ipython", "prompt-toolkit", "traitlets", "wcwidth"]


def test_closure_names_who_needed_a_missing_package():
    packages = {"a": entry("a", ["ghost"])}
    with pytest.raises(BuildError, match="'ghost' \\(needed by a\\)"):
        lock.closure(packages, ["a"])


def test_prune_keeps_only_the_closure_and_drops_unvendored_tests():
    pruned = lock.prune(LOCK, lock.closure(LOCK["packages"], ["ipython"]))
    assert "numpy" not in pruned["packages"]
    assert set(pruned["packages"]) == {"ipython", "prompt-toolkit", "traitlets", "wcwidth"}
    assert not any(e["unvendored_tests"] for e in pruned["packages"].values())
    assert LOCK["packages"]["ipython"]["unvendored_tests"] is True  # input untouched


def test_prune_refuses_an_entry_whose_dependency_would_not_ship():
    with pytest.raises(BuildError, match="ipython depends on"):
        lock.prune(LOCK, ["ipython", "traitlets"])


def test_with_entries_adds_and_replaces_by_canonical_name():
    added = lock.with_entries(
        LOCK, {"Prompt_Toolkit": lock.wheel_entry("prompt_toolkit", "9", "p.whl", "h", ["prompt_toolkit"], [])}
    )
    assert added["packages"]["prompt-toolkit"]["version"] == "9"
    assert list(added["packages"]).count("prompt-toolkit") == 1
