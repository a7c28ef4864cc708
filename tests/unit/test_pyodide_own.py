"""Pyodide's own packages named in the wrong place: one line each, pointing to [kernel] pyodide_packages.

Checked against this build's real Pyodide lock, and through the build's own entry points
(``resolve_kernel``, which ``./run pins`` and the kernel stage both call, and ``build_kernel_dist``).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from build_tools import paths
from build_tools.course import Course
from build_tools.errors import BuildError
from build_tools.kernel import build_kernel_dist, resolve_kernel
from build_tools.pyodide_own import distribution_only, installable_problems, startup_problems


@pytest.fixture(scope="module")
def lock():
    if not paths.BASE_LOCK.exists():
        pytest.fail("Pyodide's lock is missing: run the build first (see README)")
    return json.loads(paths.BASE_LOCK.read_text())["packages"]


COURSE = Course("c", "C", "1", startup="%load_ext workings", preload=("workings",), installable=("pint",))


def test_pyodides_compiled_packages_come_only_from_its_distribution_and_its_pure_ones_do_not(lock):
    own = distribution_only(lock)
    assert {"numpy", "pandas", "scipy"} <= own
    assert not {"rich", "sympy", "pygments", "six"} & own


def test_numpy_in_installable_is_one_line_pointing_to_pyodide_packages(lock):
    assert installable_problems(["pint", "numpy"], [], lock) == [
        "course.toml: [kernel] installable: numpy is one of Pyodide's own packages: "
        "name it in [kernel] pyodide_packages instead"
    ]


def test_a_pure_package_of_pyodides_lock_stays_installable(lock):
    assert installable_problems(["rich", "sympy"], [], lock) == []


def test_numpy_in_installable_and_in_pyodide_packages_is_not_refused(lock):
    assert installable_problems(["numpy"], ["numpy"], lock) == []


def test_resolving_the_kernel_with_numpy_installable_stops_with_that_line_and_no_traceback(lock):
    course = replace(COURSE, installable=("pint", "numpy", "pandas"))
    with pytest.raises(BuildError) as caught:
        resolve_kernel(course, lock, sorted(paths.WHEELS.glob("workings-*.whl")), paths.PINS, paths.CACHE / "wheels")
    assert str(caught.value).splitlines() == [
        f"course.toml: [kernel] installable: {name} is one of Pyodide's own packages: "
        "name it in [kernel] pyodide_packages instead" for name in ("numpy", "pandas")
    ]


def test_a_start_up_import_of_an_unshipped_pyodide_package_names_its_line_and_pyodide_packages(lock):
    snippet = "%load_ext workings\nimport math, numpy as np\nfrom PIL import Image"
    assert startup_problems(snippet, lock, ["workings"]) == [
        "course.toml: [kernel] startup, line 2 (`import math, numpy as np`): numpy is one of Pyodide's own packages: "
        "name it in [kernel] pyodide_packages",
        "course.toml: [kernel] startup, line 3 (`from PIL import Image`): PIL comes from Pillow, one of Pyodide's "
        "own packages: name \"Pillow\" in [kernel] pyodide_packages",
    ]


def test_a_start_up_import_of_a_shipped_package_or_an_optional_one_is_fine(lock):
    snippet = "import numpy\nimport pygments\ntry:\n    import pandas\nexcept ImportError:\n    pandas = None"
    assert startup_problems(snippet, lock, ["numpy", "pygments"]) == []


def test_the_kernel_stage_answers_a_start_up_numpy_import_before_running_anything(lock, tmp_path):
    course = replace(COURSE, startup="%load_ext workings\nimport numpy as np")
    with pytest.raises(BuildError) as caught:
        build_kernel_dist(course, paths.BASE_LOCK, sorted(paths.WHEELS.glob("workings-*.whl")), paths.PINS,
                          paths.CACHE / "wheels", tmp_path / "pyodide", paths.BASE_STDLIB, tmp_path / "bytecode")
    assert str(caught.value) == (
        "course.toml: [kernel] startup, line 2 (`import numpy as np`): numpy is one of Pyodide's own packages: "
        "name it in [kernel] pyodide_packages"
    )
    assert not (tmp_path / "bytecode").exists()  # said before the snippet ran in Pyodide
