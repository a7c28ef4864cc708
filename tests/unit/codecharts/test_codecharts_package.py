"""The package itself: cheap import, public API, pinned dependencies, docs that hold."""

import ast
import doctest
import importlib
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import codecharts
import pytest

PACKAGE = Path(__file__).parents[3] / "packages" / "codecharts"
SOURCE = PACKAGE / "src" / "codecharts"
needs_subprocess = pytest.mark.skipif(
    sys.platform == "emscripten", reason="Pyodide cannot start a subprocess"
)


def run_python(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


@needs_subprocess
def test_importing_codecharts_loads_nothing_heavy():
    loaded = run_python(
        "import sys, codecharts; print(sorted(m for m in sys.modules "
        "if m.startswith(('codecharts.', 'pyflowchart', 'IPython'))))"
    )
    assert loaded == "[]"


@needs_subprocess
def test_pyflowchart_is_imported_only_when_code_is_drawn():
    loaded = run_python(
        "import sys, codecharts\n"
        "codecharts.describe(codecharts.parse_dsl('a=>start: a\\nb=>end: b\\na->b'))\n"
        "before = 'pyflowchart' in sys.modules\n"
        "codecharts.flowchart_from_code('x = 1')\n"
        "print(before, 'pyflowchart' in sys.modules)"
    )
    assert loaded == "False True"


def test_public_api_is_reachable_from_the_package():
    for name in codecharts.__all__:
        assert getattr(codecharts, name) is not None
    assert callable(codecharts.flowchart_from_code) and callable(codecharts.which_code)


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        codecharts.no_such_thing  # noqa: B018


def test_docstring_examples_hold():
    failures = 0
    for info in pkgutil.iter_modules(codecharts.__path__):
        module = importlib.import_module(f"codecharts.{info.name}")
        failures += doctest.testmod(module, verbose=False).failed
    failures += doctest.testmod(codecharts).failed
    assert failures == 0


def test_dependencies_are_pinned():
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text())
    assert project["build-system"]["build-backend"] == "hatchling.build"
    assert project["project"]["requires-python"] == ">=3.11"
    dependencies = project["project"]["dependencies"]
    assert "pyflowchart==0.6.0" in dependencies
    assert all("==" in dependency for dependency in dependencies)


def test_code_avoids_ast_classes_removed_in_python_3_12_to_3_14():
    removed = {"Num", "Str", "Bytes", "NameConstant", "Ellipsis", "Index", "ExtSlice", "Param"}
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert not (node.value.id == "ast" and node.attr in removed), f"{path.name}: ast.{node.attr}"


@needs_subprocess
def test_benchmark_prints_its_numbers():
    out = subprocess.run(
        [sys.executable, str(PACKAGE / "bench" / "bench_flowchart.py"), "--repeat", "1"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "150-line function:" in out and " ms " in out
    assert "2,000-line script, refused" in out and "too many to draw or read" in out
    assert "2,000-line script, drawn in full:" in out


def test_public_functions_are_not_shadowed_by_submodules():
    # Importing a submodule sets it as a package attribute: none may share a public name.
    for info in pkgutil.iter_modules(codecharts.__path__):
        importlib.import_module(f"codecharts.{info.name}")
        assert info.name not in codecharts.__all__
    assert callable(codecharts.describe)


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide keeps its standard library in a zip")
def test_standard_library_sample_draws_without_a_crash():
    import importlib.util as util

    spec = util.spec_from_file_location("stdlib_robustness", PACKAGE / "bench" / "stdlib_robustness.py")
    bench = util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    counts = bench.check(bench.stdlib_files(None)[::40], functions_per_file=5)
    assert counts["crashes"] == 0, "\n".join(counts["crash_reports"])
    assert counts["charts"] > 50
