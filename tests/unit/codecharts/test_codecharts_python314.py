"""codecharts on the kernel's Python: Pyodide (Python 3.14) run by node.

The same code must give the same charts, descriptions and quizzes on the host's
CPython and in the kernel. The Pyodide distribution is the one the build fetches
(build/cache/pyodide-*.tgz, or a staged copy); LITECOURSE_PYODIDE_DIR points at
another unpacked one. Without node or Pyodide the test is skipped with the reason.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from codecharts.description import describe
from codecharts.dsl import emit_dsl
from codecharts.from_code import flowchart_from_code
from codecharts.quiz import make_which_code, make_which_flowchart

ROOT = Path(__file__).parents[3]
SRC = ROOT / "packages" / "codecharts" / "src"

SAMPLE = """\
def grade(scores):
    total = 0
    for s in scores:
        if s < 0:
            continue
        total += s
    else:
        print('all read')
    match total:
        case 0:
            return 'none'
        case _:
            print(total)
    while total > 100:
        total -= 100
    return total
name = input('Name? ')
print(grade([1, 2]), name)
"""

HARNESS = r"""
import { loadPyodide } from "PYODIDE_DIR/pyodide.mjs";
import fs from "node:fs";
const [srcDir, pyflowchartDir, script] = process.argv.slice(2);
try {
  const py = await loadPyodide({ indexURL: "PYODIDE_DIR/" });
  for (const [dir, at] of [[srcDir, "/codecharts_src"], [pyflowchartDir, "/pyflowchart_src"]]) {
    py.FS.mkdirTree(at);
    py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, at);
  }
  py.setStdout({ batched: (s) => console.log(s) });
  py.setStderr({ batched: (s) => console.error(s) });
  await py.runPythonAsync(fs.readFileSync(script, "utf8"));
} catch (error) {
  // Only the message: node's own report prints a megabyte of minified Pyodide source.
  console.error(String(error && error.message ? error.message : error).slice(-6000));
  process.exitCode = 1;
}
"""

CHECK = r'''
import doctest, importlib, json, pkgutil, sys
sys.path[:0] = ["/codecharts_src", "/pyflowchart_src"]
import codecharts
lazy = not any(m.startswith(("codecharts.", "pyflowchart")) for m in sys.modules)
failures = 0
for info in pkgutil.iter_modules(codecharts.__path__):
    if info.name != "magics":  # needs IPython, which the kernel brings; tested on the host
        failures += doctest.testmod(importlib.import_module("codecharts." + info.name)).failed
failures += doctest.testmod(codecharts).failed
from codecharts.quiz import make_which_code, make_which_flowchart
sample = SAMPLE_REPR
chart = codecharts.flowchart_from_code(sample)
function = codecharts.flowchart_from_code(sample, function="grade")
try:
    codecharts.flowchart_from_code("x = 1\ny = 2\nif x > y\n    pass\n")
    syntax = None
except codecharts.CodeSyntaxError as error:
    syntax = str(error)
NEW_SYNTAX = """type Pair[T] = tuple[T, T]
def first[T](p: Pair[T]) -> T:
    return p[0]
try:
    print(t"Hi {first((1, 2))}")
except ValueError, TypeError:
    pass
"""
new = codecharts.flowchart_from_code(NEW_SYNTAX)
print("RESULT " + json.dumps({
    "version": list(sys.version_info[:2]),
    "lazy_import": lazy,
    "doctest_failures": failures,
    "dsl": codecharts.emit_dsl(chart),
    "description": codecharts.describe(chart),
    "function_dsl": codecharts.emit_dsl(function),
    "quiz_flowchart": make_which_flowchart(sample, options=3, seed=7, function="grade").data,
    "quiz_code": make_which_code(sample, options=4, seed=7, function="grade").data,
    "syntax_error": syntax,
    "new_syntax": [(n.kind, n.label) for n in new.nodes],
    "round_trip": codecharts.parse_dsl(codecharts.emit_dsl(new)) == new,
}))
'''


def _pyodide_dir(tmp_path: Path) -> Path | None:
    candidates = [
        os.environ.get("LITECOURSE_PYODIDE_DIR"),
        ROOT / "build" / "lite" / "static" / "pyodide",
        ROOT / "lite_site" / "_output" / "static" / "pyodide",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "pyodide.mjs").is_file():
            return Path(candidate)
    for tarball in sorted((ROOT / "build" / "cache").glob("pyodide-*.tgz")):
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp_path / "npm", filter="data")
        if (tmp_path / "npm" / "package" / "pyodide.mjs").is_file():
            return tmp_path / "npm" / "package"
    return None


def test_codecharts_gives_the_same_results_in_pyodide_on_python_314(tmp_path):
    node = shutil.which("node")
    pyodide = _pyodide_dir(tmp_path)
    if not node or not pyodide:
        pytest.skip("needs node and the Pyodide distribution the build fetches (or LITECOURSE_PYODIDE_DIR)")
    # pyflowchart is pure Python: the host's installed copy is the pinned 0.6.0 the kernel gets.
    pyflowchart_parent = Path(importlib.util.find_spec("pyflowchart").origin).parents[1]
    harness = tmp_path / "harness.mjs"
    harness.write_text(HARNESS.replace("PYODIDE_DIR", str(pyodide.resolve())))
    script = tmp_path / "check.py"
    script.write_text(CHECK.replace("SAMPLE_REPR", repr(SAMPLE)))
    run = subprocess.run(
        [node, str(harness), str(SRC.resolve()), str(pyflowchart_parent), str(script)],
        capture_output=True, text=True, timeout=600,
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])

    assert result["version"][0] == 3 and result["version"][1] >= 14
    assert result["lazy_import"] is True
    assert result["doctest_failures"] == 0
    chart = flowchart_from_code(SAMPLE)
    assert result["dsl"] == emit_dsl(chart)
    assert result["description"] == describe(chart)
    assert result["function_dsl"] == emit_dsl(flowchart_from_code(SAMPLE, function="grade"))
    assert result["quiz_flowchart"] == make_which_flowchart(SAMPLE, options=3, seed=7, function="grade").data
    assert result["quiz_code"] == make_which_code(SAMPLE, options=4, seed=7, function="grade").data
    assert result["syntax_error"] == "line 3: expected ':' after `if x > y`"
    assert [tuple(pair) for pair in result["new_syntax"]] == [
        ("start", "start"),
        ("operation", "type Pair[T] = tuple[T, T]"),
        ("operation", "def first(p: Pair[T])"),
        ("output", "print(t'Hi {first((1, 2))}')"),
        ("condition", "exception raised?"),
        ("condition", "except (ValueError, TypeError)"),
        ("operation", "pass"),
        ("end", "end"),
    ]
    assert result["round_trip"] is True
