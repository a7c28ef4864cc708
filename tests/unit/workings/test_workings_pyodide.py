"""The workings tests again, in Pyodide's Python 3.14: the browser kernel's Python.

Pyodide runs under node with the npm package at the version the site pins.  The
package's pure-Python dependencies (the same pinned versions the site ships) and
pytest come from this environment's site-packages, mounted into Pyodide's file
system; workings comes from its source.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
RUNNER = HERE / "pyodide_run.mjs"

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="already running in Pyodide"
)

DRIVER = """\
import sys
sys.dont_write_bytecode = True
sys.path[:0] = ["/repo/packages/workings/src"]
sys.path.append("/site")
import pytest
print("Python", sys.version.split()[0], "on", sys.platform)
int(pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", "-r", "fEs",
             "--rootdir", "/repo/tests/unit/workings", "/repo/tests/unit/workings"]))
"""


def pyodide_version() -> str:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    return config["tool"]["litecourse"]["pyodide"]


def pyodide_runtime(workdir: Path) -> Path:
    """A directory holding pyodide.mjs and friends at the pinned version."""
    if os.environ.get("LITECOURSE_PYODIDE_DIR"):
        return Path(os.environ["LITECOURSE_PYODIDE_DIR"])
    version = pyodide_version()
    # The site build keeps the npm tarball here; fetch it the same way if absent.
    tarball = REPO / "build" / "cache" / f"pyodide-{version}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is needed to fetch Pyodide")
        tarball = workdir / f"pyodide-{version}.tgz"
        subprocess.run(
            ["npm", "pack", f"pyodide@{version}", "--pack-destination", str(workdir)],
            check=True, capture_output=True, text=True,
        )
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def test_the_workings_tests_pass_in_pyodide_python_3_14(tmp_path):
    if shutil.which("node") is None:
        pytest.skip("node is needed to run Pyodide")
    runtime = pyodide_runtime(tmp_path)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    site_packages = sysconfig.get_paths()["purelib"]
    result = subprocess.run(
        ["node", str(RUNNER), str(runtime), str(driver), f"{REPO}=/repo", f"{site_packages}=/site"],
        capture_output=True, text=True, timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "Python 3.14." in output and "on emscripten" in output, output[-4000:]
    summary = output.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, output[-4000:]
