"""codeprose on the kernel's Python: Pyodide (Python 3.14) run by node, plus 3.12+ syntax on the host.

The Pyodide distribution is the one the build fetches (build/cache/pyodide-*.tgz, or a staged
copy); LITECOURSE_PYODIDE_DIR points at another unpacked one. Without node or Pyodide the
Pyodide test is skipped with the reason.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from codeprose import block_ends, describe, strip_block_ends

ROOT = Path(__file__).parents[3]
SRC = ROOT / "packages" / "codeprose" / "src"

HARNESS = r"""
import { loadPyodide } from "PYODIDE_DIR/pyodide.mjs";
import fs from "node:fs";
const [srcDir, script] = process.argv.slice(2);
const py = await loadPyodide({ indexURL: "PYODIDE_DIR/" });
py.FS.mkdirTree("/codeprose_src");
py.FS.mount(py.FS.filesystems.NODEFS, { root: srcDir }, "/codeprose_src");
py.setStdout({ batched: (s) => console.log(s) });
py.setStderr({ batched: (s) => console.error(s) });
await py.runPythonAsync(fs.readFileSync(script, "utf8"));
"""

CHECK = r'''
import ast, doctest, importlib, json, pkgutil, sys
sys.path.insert(0, "/codeprose_src")
import codeprose
lazy = not any(m.startswith("codeprose.") for m in sys.modules)
failures = 0
for info in pkgutil.iter_modules(codeprose.__path__):
    failures += doctest.testmod(importlib.import_module("codeprose." + info.name)).failed
NEW_SYNTAX = """type Pair[T] = tuple[T, T]
def first[T](p: Pair[T]) -> T:
    return p[0]
greeting = t"Hello {name}!"
try:
    pass
except ValueError, TypeError:
    pass
"""
detailed = codeprose.describe(NEW_SYNTAX, "detailed", strict=True)
annotated = codeprose.block_ends(NEW_SYNTAX)
from codeprose.magics import describe_output
bundle, _ = describe_output("--detailed", "if x > 1\n    pass")
print("RESULT " + json.dumps({
    "version": list(sys.version_info[:2]),
    "lazy_import": lazy,
    "doctest_failures": failures,
    "brief": codeprose.describe("import os, math\nimport pandas as pd").text,
    "detailed": [s.text for s in detailed.sentences],
    "round_trip": codeprose.strip_block_ends(annotated) == NEW_SYNTAX
                  and ast.dump(ast.parse(annotated)) == ast.dump(ast.parse(NEW_SYNTAX)),
    "annotated": annotated,
    "ast_view": codeprose.ast_view('t"Hi {name}!"'),
    "syntax_error": bundle["text/plain"],
}))
'''


def _pyodide_dir(tmp_path: Path) -> Path | None:
    candidates = [os.environ.get("LITECOURSE_PYODIDE_DIR"),
                  ROOT / "build" / "lite" / "static" / "pyodide",
                  ROOT / "lite_site" / "_output" / "static" / "pyodide"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "pyodide.mjs").is_file():
            return Path(candidate)
    for tarball in sorted((ROOT / "build" / "cache").glob("pyodide-*.tgz")):
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp_path / "npm", filter="data")
        if (tmp_path / "npm" / "package" / "pyodide.mjs").is_file():
            return tmp_path / "npm" / "package"
    return None


def test_codeprose_runs_in_pyodide_on_python_314(tmp_path):
    node = shutil.which("node")
    pyodide = _pyodide_dir(tmp_path)
    if not node or not pyodide:
        pytest.skip("needs node and the Pyodide distribution the build fetches (or LITECOURSE_PYODIDE_DIR)")
    harness = tmp_path / "harness.mjs"
    harness.write_text(HARNESS.replace("PYODIDE_DIR", str(pyodide.resolve())))
    script = tmp_path / "check.py"
    script.write_text(CHECK)
    run = subprocess.run([node, str(harness), str(SRC.resolve()), str(script)],
                         capture_output=True, text=True, timeout=600)
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["version"][0] == 3 and result["version"][1] >= 14
    assert result["lazy_import"] is True
    assert result["doctest_failures"] == 0
    assert result["brief"] == ("Three modules are imported directly: os and math without aliases, "
                               "and pandas with the alias pd.")
    assert result["detailed"] == [
        "Pair is defined as a type alias for `tuple[T, T]`.",
        "It has the type parameter T.",
        "A function named first is defined.",
        "It has the type parameter T.",
        "first takes one argument: p is required.",
        "Type hints: p is Pair[T] and the result is T.",
        "It returns p[0].",
        "greeting is set to the template string `t'Hello {name}!'`.",
        "It tries the following, watching for errors.",
        "It does nothing here (pass).",
        "If a ValueError or a TypeError happens, it runs this block.",
        "It does nothing here (pass).",
    ]
    assert result["round_trip"] is True
    assert "# end def first" in result["annotated"] and "# end try" in result["annotated"]
    assert "value: TemplateStr" in result["ast_view"] and "Interpolation" in result["ast_view"]
    assert result["syntax_error"] == "line 1: expected ':' after `if x > 1`"


@pytest.mark.skipif(sys.version_info < (3, 12), reason="type parameters are Python 3.12+ syntax")
def test_generic_functions_classes_and_type_aliases_name_their_type_parameters():
    code = "type Pair[T] = tuple[T, T]\nclass Box[T]:\n    pass\ndef f[K, V](d: dict[K, V]) -> K: ...\n"
    text = [s.text for s in describe(code, "detailed", strict=True).sentences]
    assert text[:2] == ["Pair is defined as a type alias for `tuple[T, T]`.", "It has the type parameter T."]
    assert "It has the type parameters K and V." in text
    assert strip_block_ends(block_ends(code)) == code
