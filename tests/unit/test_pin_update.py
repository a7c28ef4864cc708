"""`./run pins`: an extra's pure-Python dependency closure is pinned from PyPI, compiled code refused.

These tests ask PyPI (the build itself downloads wheels from it).
"""

from __future__ import annotations

import pytest

from build_tools.errors import BuildError
from build_tools.pin_update import new_pin_lines, newest_pure_wheel, update_pins
from build_tools.resolve import resolve


def resolver(roots, pins):
    def run(pick):
        from build_tools.download import download

        return resolve(roots, local_wheels={}, lock_packages={}, pins=pins,
                       fetch=lambda specs: download(specs, run.cache), pick=pick)
    return run


def test_an_extra_and_its_dependencies_are_pinned_in_one_run(tmp_path):
    pins = tmp_path / "kernel-pins.txt"
    pins.write_text("# pins\ncomm==0.2.3\n")
    run = resolver(["openpyxl"], {"comm": "0.2.3"})
    run.cache = tmp_path / "cache"
    added = update_pins(pins, run, run.cache)
    names = [line.split("==")[0] for line in added]
    assert names == ["et-xmlfile", "openpyxl"]
    assert added[0].endswith("# needed by openpyxl")
    text = pins.read_text()
    assert text.startswith("# pins\ncomm==0.2.3\n") and text.endswith("\n".join(added) + "\n")


def test_a_second_run_with_everything_pinned_adds_nothing(tmp_path):
    run = resolver(["et-xmlfile"], {"et-xmlfile": "2.0.0"})
    run.cache = tmp_path / "cache"
    pins = tmp_path / "kernel-pins.txt"
    pins.write_text("et-xmlfile==2.0.0\n")
    assert update_pins(pins, run, run.cache) == []
    assert pins.read_text() == "et-xmlfile==2.0.0\n"


def test_a_package_with_only_compiled_wheels_is_refused_by_name(tmp_path):
    with pytest.raises(BuildError, match=r"^numpy: PyPI has no pure-Python wheel of it for Python 3.14"):
        newest_pure_wheel("numpy", [], tmp_path)


def test_only_new_pins_are_written_with_who_needs_them():
    from types import SimpleNamespace

    from packaging.requirements import Requirement

    def r(source, version, requires=()):
        return SimpleNamespace(
            source=source, version=version, info=SimpleNamespace(requires=[Requirement(x) for x in requires])
        )

    resolved = {"a": r("pinned", "1", ["b>=2", "C_d"]), "b": r("new-pin", "2.1"), "c-d": r("new-pin", "0.3")}
    assert new_pin_lines(resolved) == ["b==2.1  # needed by a", "c-d==0.3  # needed by a"]


def test_an_installable_package_of_pyodides_lock_gets_what_its_wheel_needs_pinned():
    """rich is in Pyodide's lock, which says it needs nothing; its wheel needs markdown-it-py."""
    import json
    from dataclasses import replace

    from build_tools import paths
    from build_tools.course import load_course
    from build_tools.kernel import resolve_kernel

    if not paths.BASE_LOCK.exists():
        pytest.fail("Pyodide's lock is missing: run the build first (see README)")
    course = replace(load_course(paths.ROOT / "tests" / "fixtures" / "course" / "course.toml"), installable=("rich",))
    lock = json.loads(paths.BASE_LOCK.read_text())["packages"]
    picked = {"markdown-it-py": "4.3.0", "mdurl": "0.1.2"}  # what `./run pins` would take, fixed here
    resolved = resolve_kernel(course, lock, sorted(paths.WHEELS.glob("*.whl")), paths.PINS, paths.CACHE / "wheels",
                              lambda name, reqs: picked[name])
    assert new_pin_lines(resolved) == [
        "markdown-it-py==4.3.0  # needed by rich", "mdurl==0.1.2  # needed by markdown-it-py",
    ]
    assert resolved["rich"].source == "pyodide-lock" and "pygments" in resolved["rich"].depends
