"""The package itself: cheap to import, quiet, documented, pinned."""

import doctest
import importlib
import os
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest
import workings

PACKAGE = Path(__file__).resolve().parents[3] / "packages" / "workings"
MODULES = [
    "workings",
    "workings.answers",
    "workings.dimensions",
    "workings.display",
    "workings.errors",
    "workings.explain",
    "workings.formatting",
    "workings.latex",
    "workings.magics",
    "workings.naming",
    "workings.render",
    "workings.si",
    "workings.sides",
    "workings.units",
]
needs_subprocess = pytest.mark.skipif(
    sys.platform == "emscripten", reason="Pyodide cannot start a subprocess"
)


def run_python(code: str, *flags: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True, text=True, env={**os.environ, **(env or {})},
    )


@needs_subprocess
def test_importing_workings_loads_no_heavy_library():
    code = (
        "import sys, workings\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('handcalcs', 'forallpeople', 'IPython', 'pyparsing')]\n"
        "print(heavy)"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@needs_subprocess
def test_forallpeople_is_imported_without_showing_its_escape_warning(tmp_path):
    # A fresh bytecode cache makes Python compile forallpeople again, which is
    # when the warning is raised; -W error would turn it into an exception.
    code = "from workings.si import units; print(units()['mA'])"
    result = run_python(code, "-W", "error", env={"PYTHONPYCACHEPREFIX": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1.000 mA"
    assert result.stderr == ""


def test_forallpeople_compiled_afresh_shows_no_warning_in_this_interpreter(tmp_path, monkeypatch):
    # The same check in-process, so it also runs in Pyodide's Python 3.14,
    # where the warning is a SyntaxWarning.
    from workings import si

    for name in [m for m in sys.modules if m.split(".")[0] == "forallpeople"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    monkeypatch.setattr(si, "_fp", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        si.load_forallpeople()
    assert [str(w.message) for w in caught] == []


def test_units_load_lazily_on_first_use():
    from workings.si import kOhm, mA

    assert str(1.5 * mA * 2.2 * kOhm) == "3.300 V"


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_are_true(module_name):
    module = importlib.import_module(module_name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures, _ = doctest.testmod(module, optionflags=flags, verbose=False)
    assert failures == 0


@pytest.mark.parametrize(
    "name",
    ["render_workings", "check_dimensions", "check_formulas", "check_answer", "parse_quantity"],
)
def test_public_functions_have_a_docstring_with_an_example(name):
    assert ">>>" in getattr(workings, name).__doc__


def test_every_public_name_has_a_docstring():
    for name in workings.__all__:
        assert getattr(workings, name).__doc__, name


def test_dependencies_are_pinned_exactly():
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    for requirement in project["dependencies"]:
        assert "==" in requirement, requirement
    names = {r.split("==")[0] for r in project["dependencies"]}
    assert {"handcalcs", "forallpeople", "innerscope", "more-itertools", "pyparsing"} <= names
