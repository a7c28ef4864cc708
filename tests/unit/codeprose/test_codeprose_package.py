"""The package itself: cheap to import, documented examples that hold, the robustness bench."""

import doctest
import importlib
import importlib.util
import io
import pkgutil
import subprocess
import sys
from pathlib import Path

import codeprose
import pytest

BENCH = Path(__file__).parents[3] / "packages" / "codeprose" / "bench" / "stdlib_robustness.py"


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide cannot start a subprocess")
def test_importing_codeprose_loads_no_submodule():
    code = ("import sys, codeprose; "
            "print(sorted(m for m in sys.modules if m.startswith('codeprose.') or m == 'IPython'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api_is_reachable_from_the_package():
    for name in codeprose.__all__:
        assert getattr(codeprose, name) is not None


def test_docstring_examples_hold():
    failures = 0
    for info in pkgutil.iter_modules(codeprose.__path__):
        module = importlib.import_module(f"codeprose.{info.name}")
        failures += doctest.testmod(module, verbose=False).failed
    failures += doctest.testmod(codeprose).failed
    assert failures == 0


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide keeps its standard library in a zip")
def test_robustness_bench_on_a_sample_of_the_standard_library():
    spec = importlib.util.spec_from_file_location("stdlib_robustness", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = io.StringIO()
    counts = bench.run(limit=30, workers=1, out=out)
    assert counts["files"] == 30, out.getvalue()
    assert counts["crash"] == 0 and counts["roundtrip"] == 0, out.getvalue()
    assert counts["ok"] >= 25, out.getvalue()
