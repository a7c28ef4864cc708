"""Pyodide's own packages by name: taken with their closure from a distribution, every file verified.

The distribution is a local folder of real files (``tests/fixtures/pyodide_dist.py``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools import paths  # noqa: E402
from build_tools.distribution import open_distribution, take_packages  # noqa: E402
from build_tools.errors import BuildError  # noqa: E402
from tests.fixtures.pyodide_dist import COMPILED, PLATFORM, make_distribution  # noqa: E402

VERSION = "314.0.6"


@pytest.fixture(scope="module")
def base_lock():
    if not paths.BASE_LOCK.exists():
        pytest.fail("Pyodide's lock is missing: run the build first (see README)")
    return json.loads(paths.BASE_LOCK.read_text())


@pytest.fixture(scope="module")
def dist_folder(tmp_path_factory, base_lock):
    return make_distribution(tmp_path_factory.mktemp("dist") / "pyodide")


def take(source, names, dest, base_lock, shipped=None):
    dist = open_distribution(str(source), VERSION, base_lock, dest.parent / "cache", Path.cwd())
    return take_packages(dist, names, dest, shipped or {})


def test_a_package_comes_with_its_closure_from_a_local_distribution_verified(tmp_path, dist_folder, base_lock):
    entries = take(dist_folder, ["sympy"], tmp_path / "out", base_lock)
    assert sorted(entries) == ["mpmath", "sympy"]
    for entry in entries.values():
        shipped = tmp_path / "out" / entry["file_name"]
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == entry["sha256"]


def test_a_compiled_wheel_for_pyodides_platform_is_taken_from_the_distributions_lock(tmp_path, dist_folder, base_lock):
    entries = take(dist_folder, [COMPILED[0]], tmp_path / "out", base_lock)
    assert entries[COMPILED[0]]["imports"] == [COMPILED[2]]
    assert entries[COMPILED[0]]["file_name"].endswith("-pyemscripten_2026_0_wasm32.whl")


def test_a_tampered_file_fails_the_build_naming_it(tmp_path, dist_folder, base_lock):
    bad = tmp_path / "bad"
    shutil.copytree(dist_folder, bad)
    entry = json.loads((bad / "pyodide-lock.json").read_text())["packages"]["mpmath"]
    data = bytearray((bad / entry["file_name"]).read_bytes())
    data[100] ^= 1
    (bad / entry["file_name"]).write_bytes(bytes(data))
    with pytest.raises(BuildError, match=rf"^{entry['file_name']} from .* does not match Pyodide's lock"):
        take(bad, ["sympy"], tmp_path / "out", base_lock)
    assert not (tmp_path / "out" / entry["file_name"]).exists()


def test_a_tarball_of_the_distribution_works_as_the_folder_does(tmp_path, dist_folder, base_lock):
    tarball = tmp_path / "pyodide-314.0.6.tar.bz2"
    with tarfile.open(tarball, "w:bz2") as tar:
        tar.add(dist_folder, arcname="pyodide")
    assert sorted(take(tarball, ["sympy"], tmp_path / "out", base_lock)) == ["mpmath", "sympy"]


def test_no_route_to_the_distribution_fails_naming_the_package_and_the_source(tmp_path, base_lock):
    source = "http://127.0.0.1:9/pyodide/v314.0.6/full/"  # nothing listens on port 9
    with pytest.raises(BuildError) as caught:
        take(source, ["mpmath"], tmp_path / "out", base_lock)
    message = str(caught.value)
    assert message.startswith(
        f"could not get Pyodide's package mpmath ({base_lock['packages']['mpmath']['file_name']}) from {source}"
    )
    assert "\n" not in message and "Traceback" not in message


def test_a_package_pyodide_does_not_have_is_named(tmp_path, dist_folder, base_lock):
    with pytest.raises(BuildError, match="package 'no-such-package' is not in the Pyodide lock"):
        take(dist_folder, ["no-such-package"], tmp_path / "out", base_lock)


def test_packages_the_site_already_ships_are_not_taken_again(tmp_path, dist_folder, base_lock):
    entries = take(dist_folder, ["sympy"], tmp_path / "out", base_lock, shipped={"mpmath": {"name": "mpmath"}})
    assert sorted(entries) == ["sympy"]


def test_a_distribution_for_another_python_is_refused(tmp_path, dist_folder, base_lock):
    other = tmp_path / "other"
    other.mkdir()
    lock = json.loads((dist_folder / "pyodide-lock.json").read_text())
    lock["info"]["python"] = "3.13.2"
    (other / "pyodide-lock.json").write_text(json.dumps(lock))
    with pytest.raises(BuildError, match="is for Python 3.13, but the site's Pyodide runs Python 3.14"):
        take(other, ["sympy"], tmp_path / "out", base_lock)


def tiny_wheel(folder: Path, name: str, requires: list[str], source: str) -> Path:
    """A pure-Python wheel of one module ``name`` that needs ``requires``."""
    import zipfile

    path = folder / f"{name}-1.0-py3-none-any.whl"
    info = f"{name}-1.0.dist-info"
    files = {
        f"{name}.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
        + "".join(f"Requires-Dist: {r}\n" for r in requires),
        f"{info}/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/top_level.txt": f"{name}\n",
    }
    with zipfile.ZipFile(path, "w") as zf:
        for file_name, text in files.items():
            zf.writestr(file_name, text)
        zf.writestr(f"{info}/RECORD", "".join(f"{f},,\n" for f in [*files, f"{info}/RECORD"]))
    return path


@pytest.fixture(scope="module")
def kernel_with_pyodides_packages(tmp_path_factory, dist_folder):
    """The kernel stage for a course whose tool needs a compiled package of Pyodide's lock (luau-wasm,
    in the distribution's lock, which stands for Pyodide's here) and whose start-up imports sympy,
    one of its ``pyodide_packages``."""
    import shutil as sh

    from build_tools.course import Course
    from build_tools.kernel import build_kernel_dist
    from build_tools.pyodide import RUNTIME_FILES

    if not list(paths.WHEELS.glob("workings-*.whl")):
        pytest.fail("the build's inputs are missing: run the build first (see README)")
    tmp = tmp_path_factory.mktemp("kernel")
    dest = tmp / "pyodide"
    dest.mkdir()
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", "python_stdlib.zip"):
            sh.copy(paths.STAGE_PYODIDE / name, dest / name)
    tool = tiny_wheel(tmp, "luautool", ["luau-wasm"], "import luau_wasm\nANSWER = luau_wasm.execute('print(6 * 7)')\n")
    course = Course("c", "C", "1", preload=("workings", "luautool"), pyodide_packages=("sympy",),
                    startup="%load_ext workings\nimport sympy\nimport luautool\nassert luautool.ANSWER.strip() == '42'")
    resolved = build_kernel_dist(
        course, dist_folder / "pyodide-lock.json", [*sorted(paths.WHEELS.glob("workings-*.whl")), tool], paths.PINS,
        paths.CACHE / "wheels", dest, paths.BASE_STDLIB, tmp / "bytecode", pyodide_source=str(dist_folder),
    )
    return resolved, dest, json.loads((dest / "pyodide-lock.json").read_text())["packages"]


def test_a_compiled_pyodide_package_an_extra_needs_is_shipped_from_the_distribution(kernel_with_pyodides_packages):
    resolved, dest, lock = kernel_with_pyodides_packages
    assert resolved["luau-wasm"].source == "pyodide-dist"
    entry = lock["luau-wasm"]
    shipped = dest / entry["file_name"]
    assert entry["file_name"].endswith(f"-{PLATFORM}.whl")
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == entry["sha256"]
    assert lock["luautool"]["depends"] == ["luau-wasm"]  # loading the tool loads it


def test_a_start_up_snippet_may_import_the_courses_pyodide_packages(kernel_with_pyodides_packages):
    _, _, lock = kernel_with_pyodides_packages  # the snippet ran in Pyodide during the stage, with them
    assert {"sympy", "mpmath", "luau-wasm", "luautool"} <= set(lock)
