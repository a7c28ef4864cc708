"""`doit zip` re-packs whenever anything it packs changed (issue "An educator's fork stays green", item 7).

The project's own ``dodo.py`` task runs through doit's command line, with the site and the
output folders moved into a temporary folder (``-s``: the site task it depends on is not run,
the test changes the site itself, as a rebuilt package would).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_tools import paths
from build_tools import zip as offline_zip
from build_tools.course import load_course

ROOT = Path(__file__).resolve().parents[2]
WHEEL = "static/pyodide/codecharts-0.1.0-py3-none-any.whl"

# the real dodo.py, its build folders moved under the test's own folder
WRAPPER = """\
import pathlib, sys
sys.path.insert(0, {root!r})
import build_tools.paths as p
tmp = pathlib.Path({tmp!r})
p.BUILD, p.OUTPUT, p.DIST, p.DOIT_DB = tmp / "build", tmp / "_output", tmp / "dist", tmp / "build" / "doit.json"
import dodo
from dodo import *  # every task, so the zip task's task_dep exists; -s runs the zip alone
DOIT_CONFIG = dict(dodo.DOIT_CONFIG, dep_file=str(p.DOIT_DB))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A built site (as far as the zip is concerned) and a doit file whose zip task (the project's) packs it."""
    site = tmp_path / "_output"
    (site / "static" / "pyodide").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>course</title>")
    (site / "jupyter-lite.json").write_text('{"jupyter-config-data": {}}')
    (site / WHEEL).write_bytes(b"the wheel as first built")
    (tmp_path / "zip_only.py").write_text(WRAPPER.format(root=str(ROOT), tmp=str(tmp_path)))
    return tmp_path


def doit_zip(project: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "doit", "-f", str(project / "zip_only.py"), "-s", "zip"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def zipped(project: Path, name: str) -> bytes:
    target = offline_zip.zip_path(project / "dist", load_course(paths.COURSE_TOML))
    stem = target.name.removesuffix(".zip")
    with zipfile.ZipFile(target) as zf:
        return zf.read(f"{stem}/site/{name}")


def test_doit_zip_after_a_package_change_ships_the_new_wheel(project):
    doit_zip(project)
    assert zipped(project, WHEEL) == b"the wheel as first built"
    # a rebuilt package keeps its wheel's file name: only the bytes change
    (project / "_output" / WHEEL).write_bytes(b"the wheel after a change to the package")
    assert ".  zip" in doit_zip(project), "the zip was packed again"
    assert zipped(project, WHEEL) == b"the wheel after a change to the package"


def test_doit_zip_packs_a_file_the_site_gained(project):
    doit_zip(project)
    (project / "_output" / "files" / "week2").mkdir(parents=True)
    (project / "_output" / "files" / "week2" / "new.ipynb").write_text("{}")
    doit_zip(project)
    assert zipped(project, "files/week2/new.ipynb") == b"{}"


def test_doit_zip_of_an_unchanged_site_is_up_to_date(project):
    doit_zip(project)
    assert "-- zip" in doit_zip(project), "nothing changed: doit skips the zip"
