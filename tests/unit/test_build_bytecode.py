"""Byte-compiled kernel wheels (build_tools/bytecode.py), checked with this Python's bytecode.

The build runs the same functions inside Pyodide for Python 3.14; here the host's Python
compiles and imports, which exercises the same file layout and pyc rules.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import sys
import zipfile
from pathlib import Path

import pytest

from build_tools import bytecode
from build_tools.bytecode import compile_wheel, unshipped_library_stubs

TAG = sys.implementation.cache_tag


def make_wheel(folder: Path, files: dict[str, str]) -> Path:
    wheel = folder / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
        z.writestr("demo-1.0.dist-info/RECORD", "".join(f"{n},,\n" for n in files) + "demo-1.0.dist-info/RECORD,,\n")
    return wheel


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Unpack a wheel into a fresh folder on sys.path and import from it."""

    def install(wheel: Path) -> Path:
        site = tmp_path / "site"
        with zipfile.ZipFile(wheel) as z:
            z.extractall(site)
        monkeypatch.syspath_prepend(str(site))
        for name in [m for m in sys.modules if m == "demo" or m.startswith("demo.")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        return site

    yield install
    for name in [m for m in sys.modules if m == "demo" or m.startswith("demo.")]:
        del sys.modules[name]


def test_a_third_party_module_imported_at_start_ships_as_bytecode_only_and_imports(tmp_path, installed):
    src = make_wheel(tmp_path, {"demo/__init__.py": "VALUE = 6 * 7\n", "demo/later.py": "X = 1\n"})
    out = tmp_path / "out.whl"
    counts = compile_wheel(src, out, keep_source=False, only={"demo/__init__.py"})
    assert counts == {"compiled": 1, "kept_source": 1, "dropped": 0}
    site = installed(out)
    assert not (site / "demo" / "__init__.py").exists()
    import demo

    assert demo.VALUE == 42 and demo.__file__.endswith("__init__.pyc")
    assert (site / "demo" / "later.py").exists()  # not imported at start: stays source


def test_our_modules_keep_their_source_and_the_bytecode_is_used_without_checking_it(tmp_path, installed):
    src = make_wheel(tmp_path, {"demo/__init__.py": "VALUE = 'compiled'\n"})
    out = tmp_path / "out.whl"
    compile_wheel(src, out, keep_source=True)
    site = installed(out)
    assert (site / "demo" / "__pycache__" / f"__init__.{TAG}.pyc").exists()
    # unpacking loses the wheel's timestamps, so the pyc must not depend on them: change
    # the source behind its back and the unchecked pyc still answers
    (site / "demo" / "__init__.py").write_text("VALUE = 'source'\n")
    import demo

    assert demo.VALUE == "compiled"


def test_a_module_that_does_not_compile_keeps_its_source(tmp_path):
    src = make_wheel(tmp_path, {"demo/__init__.py": "", "demo/py2.py": "print 'old'\n"})
    out = tmp_path / "out.whl"
    assert compile_wheel(src, out, keep_source=False)["kept_source"] == 1
    assert "demo/py2.py" in zipfile.ZipFile(out).namelist()


def test_record_lists_every_file_with_its_hash(tmp_path):
    src = make_wheel(tmp_path, {"demo/__init__.py": "A = 1\n", "demo/data.txt": "hello"})
    out = tmp_path / "out.whl"
    compile_wheel(src, out, keep_source=True)
    with zipfile.ZipFile(out) as z:
        record = z.read("demo-1.0.dist-info/RECORD").decode().splitlines()
        files = [n for n in z.namelist() if not n.endswith("/") and not n.endswith("RECORD")]
        rows = {line.split(",")[0]: line.split(",")[1:] for line in record}
        for name in files:
            digest = base64.urlsafe_b64encode(hashlib.sha256(z.read(name)).digest()).rstrip(b"=").decode()
            assert rows[name] == [f"sha256={digest}", str(len(z.read(name)))]
    assert set(rows) == {*files, "demo-1.0.dist-info/RECORD"}


def test_dropped_files_are_left_out_but_their_folder_stays(tmp_path, installed):
    src = make_wheel(tmp_path, {"demo/__init__.py": "", "demo/stubs/py2/a.pyi": "x: int\n", "demo/stubs/3/b.pyi": ""})
    out = tmp_path / "out.whl"
    counts = compile_wheel(src, out, keep_source=False, drop=("demo/stubs/py2/",))
    assert counts["dropped"] == 1
    site = installed(out)
    assert not (site / "demo" / "stubs" / "py2").exists()
    assert (site / "demo" / "stubs").is_dir() and (site / "demo" / "stubs" / "3" / "b.pyi").exists()


def test_jedi_keeps_the_stubs_of_libraries_we_ship_only():
    base = "jedi/third_party/typeshed/third_party/"
    names = [base + "2and3/six/__init__.pyi", base + "2and3/requests/api.pyi", base + "3/toml.pyi",
             base + "2and3/typing_extensions.pyi"]
    assert unshipped_library_stubs(names, {"six", "typing_extensions"}) == (
        base + "2and3/requests/",
        base + "3/toml.pyi",
    )


def test_the_standard_library_zip_gets_bytecode_beside_its_source_and_imports_from_it(tmp_path, monkeypatch):
    from build_tools.bytecode import compile_stdlib

    src = tmp_path / "stdlib.zip"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("stdmod/__init__.py", "def fail():\n    raise ValueError('from the zip')\n")
        z.writestr("stdmod/unused.py", "X = 1\n")
    out = tmp_path / "python_stdlib.zip"
    assert compile_stdlib(src, out, only={"stdmod/__init__.py"})["compiled"] == 1
    assert sorted(zipfile.ZipFile(out).namelist()) == ["stdmod/__init__.py", "stdmod/__init__.pyc", "stdmod/unused.py"]
    monkeypatch.syspath_prepend(str(out))
    importlib.invalidate_caches()
    import stdmod

    try:
        assert stdmod.__file__.endswith("__init__.pyc")
        # the source is still there for tracebacks
        assert "raise ValueError" in stdmod.__loader__.get_source("stdmod")
    finally:
        del sys.modules["stdmod"]


# --- the start-up snippet is checked where it runs at build time ------------------------


@pytest.mark.parametrize(
    "snippet, expected",
    [
        (
            "x = 1\nimport no_such_module_here",
            "line 2 (`import no_such_module_here`): ModuleNotFoundError: No module named 'no_such_module_here'",
        ),
        (
            "%load_ext no_such_extension_here",
            "line 1 (`%load_ext no_such_extension_here`): "
            "ModuleNotFoundError: No module named 'no_such_extension_here'",
        ),
        ("x = (1,\n", "SyntaxError"),
    ],
)
def test_a_failing_start_up_snippet_is_named_by_line_and_error(snippet, expected):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        ran = shell.run_cell(snippet)
        failure = bytecode.startup_failure(ran.error_before_exec or ran.error_in_exec, snippet)
    finally:
        InteractiveShell.clear_instance()
    assert failure is not None and expected in failure


def test_the_kernel_stage_fails_the_build_when_the_start_up_snippet_fails_in_pyodide(tmp_path):
    """The real stage, with the built inputs: the snippet runs in the kernel's own Python."""
    import shutil as sh

    from build_tools import paths
    from build_tools.course import Course
    from build_tools.errors import BuildError
    from build_tools.kernel import build_kernel_dist
    from build_tools.pyodide import RUNTIME_FILES

    if not paths.BASE_LOCK.exists() or not list(paths.WHEELS.glob("*.whl")):
        pytest.fail("the build's inputs are missing: run the build first (see README)")
    dest = tmp_path / "pyodide"
    dest.mkdir()
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", "python_stdlib.zip"):
            sh.copy(paths.STAGE_PYODIDE / name, dest / name)
    # a module nothing provides: only the run in Pyodide finds it (a Pyodide package is answered
    # before, pointing to pyodide_packages: tests/unit/test_pyodide_own.py)
    course = Course("c", "C", "1", startup="%load_ext workings\nimport no_such_module as m", preload=("workings",))
    wheels = sorted(p for p in paths.WHEELS.glob("workings-*.whl"))
    with pytest.raises(BuildError) as caught:
        build_kernel_dist(
            course,
            paths.BASE_LOCK,
            wheels,
            paths.PINS,
            paths.CACHE / "wheels",
            dest,
            paths.BASE_STDLIB,
            tmp_path / "bytecode",
        )
    assert str(caught.value) == (
        "course.toml, [kernel] startup fails in the browser's Python, "
        "line 2 (`import no_such_module as m`): ModuleNotFoundError: No module named 'no_such_module'"
    )
