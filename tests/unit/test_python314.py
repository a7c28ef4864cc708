"""Each kernel package's unit tests again, in Pyodide's Python 3.14: the browser kernel's Python.

Pyodide runs under node, from the npm package at the version the site pins. The packages'
pure-Python dependencies and pytest come from this environment's site-packages, mounted
into Pyodide's file system; our packages come from their sources.
"""

from __future__ import annotations

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
REPO = HERE.parents[1]
RUNNER = REPO / "build_tools" / "run_python.mjs"
PACKAGES = ("codecharts", "codeprose", "workings")

pytestmark = pytest.mark.skipif(sys.platform == "emscripten", reason="already running in Pyodide")

DRIVER = """\
import os, sys
sys.dont_write_bytecode = True
# the host's pytest plugins (anyio's imports trio, which has no emscripten support) are not ours
os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
sys.path[:0] = ["/repo/packages/{package}/src"]
sys.path.append("/site")
import pytest
print("Python", sys.version.split()[0], "on", sys.platform)
int(pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", "-r", "fEs",
             "--rootdir", "/repo/tests/unit/{package}", "/repo/tests/unit/{package}"]))
"""


def pyodide_version() -> str:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    return config["tool"]["litecourse"]["pyodide"]


@pytest.fixture(scope="module")
def pyodide_runtime(tmp_path_factory) -> Path:
    """A folder holding pyodide.mjs and friends at the pinned version (the build's npm tarball)."""
    if os.environ.get("LITECOURSE_PYODIDE_DIR"):
        return Path(os.environ["LITECOURSE_PYODIDE_DIR"])
    if shutil.which("node") is None:
        pytest.fail("node is needed to run the kernel packages' tests in Pyodide")
    workdir = tmp_path_factory.mktemp("pyodide")
    version = pyodide_version()
    tarball = REPO / "build" / "cache" / f"pyodide-{version}.tgz"
    if not tarball.exists():
        tarball = workdir / f"pyodide-{version}.tgz"
        subprocess.run(
            ["npm", "pack", f"pyodide@{version}", "--pack-destination", str(workdir)],
            check=True, capture_output=True, text=True,
        )
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


@pytest.mark.parametrize("package", PACKAGES)
def test_package_tests_pass_on_the_kernels_python_3_14(package, pyodide_runtime, tmp_path):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(package=package))
    site_packages = sysconfig.get_paths()["purelib"]
    result = subprocess.run(
        ["node", str(RUNNER), str(pyodide_runtime), str(driver), f"{REPO}=/repo", f"{site_packages}=/site"],
        capture_output=True, text=True, timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "Python 3.14." in output and "on emscripten" in output, output[-4000:]
    summary = output.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, output[-4000:]
