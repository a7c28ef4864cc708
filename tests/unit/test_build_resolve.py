"""Choosing the wheel for every package the browser kernel may load."""

from __future__ import annotations

import zipfile

import pytest

from build_tools.errors import BuildError
from build_tools.resolve import resolve


def wheel(tmp_path, name, version, requires=()):
    path = tmp_path / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}/__init__.py", "")
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
            f"Requires-Dist: {r}\n" for r in requires
        )
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
        zf.writestr(f"{name}-{version}.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")
    return path


LOCK = {"six": {"name": "six", "version": "1.17.0", "depends": []}}


def fetcher(tmp_path, calls):
    def fetch(specs):
        calls.append(dict(specs))
        return {n: wheel(tmp_path, n.replace("-", "_"), v) for n, v in specs.items()}

    return fetch


def test_our_wheel_lock_packages_and_pins_are_each_taken_from_their_source(tmp_path):
    ours = wheel(tmp_path, "codecharts", "0.1.0", ["pyflowchart==0.6.0", "six"])
    calls = []
    got = resolve(
        ["codecharts"],
        local_wheels={"codecharts": ("ours", ours)},
        lock_packages=LOCK,
        pins={"pyflowchart": "0.6.0"},
        fetch=fetcher(tmp_path, calls),
    )
    assert {n: r.source for n, r in got.items()} == {
        "codecharts": "ours",
        "pyflowchart": "pinned",
        "six": "pyodide-lock",
    }
    assert calls == [{"pyflowchart": "0.6.0", "six": "1.17.0"}]  # one download round, not one per package


def test_an_unpinned_dependency_stops_the_build_naming_who_needs_it(tmp_path):
    ours = wheel(tmp_path, "workings", "0.1.0", ["handcalcs"])
    with pytest.raises(BuildError, match="handcalcs \\(needed by workings\\) has no pinned version"):
        resolve(
            ["workings"],
            local_wheels={"workings": ("ours", ours)},
            lock_packages={},
            pins={},
            fetch=fetcher(tmp_path, []),
        )


def test_a_requirement_the_chosen_version_breaks_stops_the_build(tmp_path):
    ours = wheel(tmp_path, "workings", "0.1.0", ["six>=2"])
    with pytest.raises(BuildError, match="workings needs six>=2, but the site would ship six 1.17.0"):
        resolve(
            ["workings"],
            local_wheels={"workings": ("ours", ours)},
            lock_packages=LOCK,
            pins={},
            fetch=fetcher(tmp_path, []),
        )
