"""Files written from Python cannot outgrow the browser (kernel start-up code).

The write guard is run for real in Pyodide under node, on a stand-in for JupyterLite's
``/drive`` (an in-memory filesystem mounted there); the browser test
(tests/browser/test_hostile_restore.py) runs it in the real kernel against the real drive.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).parent))

from test_python314 import RUNNER, pyodide_runtime  # noqa: E402,F401  (the fixture)

from build_tools.course import Course  # noqa: E402
from build_tools.storage_limit import GUARD_PY, startup_code, with_storage_limit  # noqa: E402

DRIVER = r'''
import errno, sys
import pyodide_js
from pyodide.code import run_js

# a stand-in for JupyterLite's DriveFS: files in memory, mounted at /drive, with an API
# whose saves on close fail (as DriveFS reports them: EINVAL) for files named refused.bin
run_js("""(M) => {
  const ops = M.MEMFS.ops_table.file.stream;
  ops.close = stream => {
    if (stream.path.endsWith('refused.bin')) throw new M.FS.ErrnoError(M.ERRNO_CODES.EINVAL);
  };
  const drive = Object.assign(Object.create(M.MEMFS), {API: {}, stream_ops: ops});
  M.FS.mkdir('/drive');
  M.FS.mount(drive, {}, '/drive');
}""")(pyodide_js._module)
namespace = {}
exec(open(sys.argv_code).read(), namespace)
print("names left behind:", sorted(k for k in namespace if k != "__builtins__"))

try:
    with open("/drive/big.bin", "wb") as f:
        f.write(b"0" * 5000)
except OSError as e:
    print("refused:", e.errno == errno.ENOSPC)
    error = e
with open("/drive/small.bin", "wb") as f:
    f.write(b"0" * 900)
with open("/drive/chunks.bin", "wb", buffering=0) as f:
    try:
        for _ in range(20):
            f.write(b"0" * 100)
    except OSError as e:
        print("chunks refused at limit", e.errno == errno.ENOSPC)
        error = e  # the latest refusal is the one explained
import os
print("sizes:", os.path.getsize("/drive/small.bin"), os.path.getsize("/drive/chunks.bin"))

guard = {}
exec(compile(open(sys.argv_guard).read(), "storage_guard.py", "exec"), guard)
state = pyodide_js.FS.lookupPath("/drive").node.mount.type.stream_ops.litecourseGuard

class Shell:
    def _get_exc_info(self, exc_tuple):
        return exc_tuple
    def showtraceback(self, exc_tuple=None, **kwargs):
        print("shown:", exc_tuple[1])

shell = Shell()
guard["_litecourse_explain_full_storage"](shell, state)
shell.showtraceback((OSError, error, None))

try:
    with open("/drive/refused.bin", "wb") as f:
        f.write(b"0" * 500)
    print("save refused: no")
except OSError as e:
    print("save refused:", e.errno == errno.ENOSPC)
    refused_error = e

shell.showtraceback((OSError, refused_error, None))
0
'''


def run_in_pyodide(runtime: Path, tmp_path: Path, file_cap: int) -> str:
    code = tmp_path / "startup.py"
    code.write_text(startup_code(file_cap))
    driver = tmp_path / "driver.py"
    driver.write_text(
        f"import sys\nsys.argv_code = '/work/startup.py'\nsys.argv_guard = '/guard/{GUARD_PY.name}'\n" + DRIVER
    )
    result = subprocess.run(
        ["node", str(RUNNER), str(runtime), str(driver), f"{tmp_path}=/work", f"{GUARD_PY.parent}=/guard"],
        capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, output
    return result.stdout


@pytest.fixture(scope="module")
def guarded_run(pyodide_runtime, tmp_path_factory) -> str:
    """What the driver printed: one run in Pyodide, read by each test below."""
    return run_in_pyodide(pyodide_runtime, tmp_path_factory.mktemp("guard"), file_cap=1000)


def test_a_write_beyond_the_cap_fails_as_no_space_and_smaller_files_are_written(guarded_run):
    out = guarded_run
    assert "refused: True" in out
    assert "chunks refused at limit True" in out
    # the small file is whole; the chunked one stopped at the cap, nothing past it
    assert "sizes: 900 1000" in out


def test_a_save_the_browser_refuses_is_no_space_not_invalid_argument(guarded_run):
    out = guarded_run
    assert "save refused: True" in out


def test_the_refusal_is_shown_in_plain_words_with_what_to_do(guarded_run):
    out = guarded_run
    shown, refused = [line for line in out.splitlines() if line.startswith("shown:")]
    assert "No space left: this course's storage is full" in shown
    assert '"chunks.bin" (1.1 KB)' in shown and "at most 1.0 KB" in shown
    assert "Course › Download all my work" in shown and "delete large files" in shown
    assert '"refused.bin" (500 bytes): the browser refused to store it' in refused


def test_the_start_up_code_leaves_the_learners_namespace_clean(guarded_run):
    out = guarded_run
    assert "names left behind: []" in out


def test_the_start_up_code_does_nothing_outside_pyodide():
    namespace: dict = {}
    exec(startup_code(), namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == []


def test_the_write_guard_is_appended_to_the_course_start_up_snippet():
    course = with_storage_limit(Course("c", "C", "1", startup="%load_ext workings"))
    assert course.startup.startswith("%load_ext workings\n")
    assert "_litecourse_storage_guard(" in course.startup
