"""Choosing the wheel for every package the browser kernel may load."""

from __future__ import annotations

import zipfile

import pytest

from build_tools.errors import BuildError
from build_tools.resolve import resolve


def wheel(tmp_path, name, version, requires=()):
    path = tmp_path / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}/__init__.py", "")
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
            f"Requires-Dist: {r}\n" for r in requires
        )
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)
        zf.writestr(f"{name}-{version}.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")
    return path


LOCK = {"six": {"name": "six", "version": "1.17.0", "depends": []}}


def fetcher(tmp_path, calls, requires=None):
    def fetch(specs):
        calls.append(dict(specs))
        return {n: wheel(tmp_path, n.replace("-", "_"), v, (requires or {}).get(n, ())) for n, v in specs.items()}

    return fetch


def test_our_wheel_lock_packages_and_pins_are_each_taken_from_their_source(tmp_path):
    ours = wheel(tmp_path, "codecharts", "0.1.0", ["pyflowchart==0.6.0", "six"])
    calls = []
    got = resolve(
        ["codecharts"],
        local_wheels={"codecharts": ("ours", ours)},
        lock_packages=LOCK,
        pins={"pyflowchart": "0.6.0"},
        fetch=fetcher(tmp_path, calls),
    )
    assert {n: r.source for n, r in got.items()} == {
        "codecharts": "ours",
        "pyflowchart": "pinned",
        "six": "pyodide-lock",
    }
    assert calls == [{"pyflowchart": "0.6.0", "six": "1.17.0"}]  # one download round, not one per package


def test_an_unpinned_dependency_stops_the_build_naming_who_needs_it(tmp_path):
    ours = wheel(tmp_path, "workings", "0.1.0", ["handcalcs"])
    with pytest.raises(BuildError, match="handcalcs \\(needed by workings\\) has no pinned version"):
        resolve(
            ["workings"],
            local_wheels={"workings": ("ours", ours)},
            lock_packages={},
            pins={},
            fetch=fetcher(tmp_path, []),
        )


def test_a_requirement_the_chosen_version_breaks_stops_the_build(tmp_path):
    ours = wheel(tmp_path, "workings", "0.1.0", ["six>=2"])
    with pytest.raises(BuildError, match="workings needs six>=2, but the site would ship six 1.17.0"):
        resolve(
            ["workings"],
            local_wheels={"workings": ("ours", ours)},
            lock_packages=LOCK,
            pins={},
            fetch=fetcher(tmp_path, []),
        )


#: Pyodide 314.0.6's lock says rich depends on nothing; its wheel needs markdown-it-py and pygments
RICH_LOCK = {
    "rich": {"name": "rich", "version": "14.3.3", "file_name": "rich-14.3.3-py3-none-any.whl", "depends": []},
    "pygments": {"name": "Pygments", "version": "2.20.0", "file_name": "pygments-2.20.0-py3-none-any.whl",
                 "depends": []},
}
RICH_REQUIRES = {"rich": ["markdown-it-py>=2.2.0", "pygments<3.0.0,>=2.13.0", "ipywidgets>=7.5.1; extra == 'jupyter'"],
                 "markdown-it-py": ["mdurl~=0.1"]}


def test_a_lock_package_ships_every_dependency_its_wheel_needs_that_the_lock_leaves_out(tmp_path):
    got = resolve(
        ["rich"], local_wheels={}, lock_packages=RICH_LOCK, pins={"markdown-it-py": "4.3.0", "mdurl": "0.1.2"},
        fetch=fetcher(tmp_path, [], RICH_REQUIRES),
    )
    assert {n: r.source for n, r in got.items()} == {
        "rich": "pyodide-lock", "pygments": "pyodide-lock", "markdown-it-py": "pinned", "mdurl": "pinned",
    }
    # the site's lock lists them, so loading rich loads them
    assert got["rich"].depends == ("markdown-it-py", "pygments")
    assert got["markdown-it-py"].depends == ("mdurl",)


def test_an_unpinned_dependency_of_a_lock_package_is_asked_for_by_name(tmp_path):
    with pytest.raises(BuildError, match="^markdown-it-py \\(needed by rich\\) has no pinned version"):
        resolve(["rich"], local_wheels={}, lock_packages=RICH_LOCK, pins={},
                fetch=fetcher(tmp_path, [], RICH_REQUIRES))


def test_a_lock_packages_wheel_specifier_is_checked_on_what_the_site_ships(tmp_path):
    wanted = "rich needs markdown-it-py>=2.2.0, but the site would ship markdown-it-py 1.0"
    with pytest.raises(BuildError, match=wanted):
        resolve(["rich"], local_wheels={}, lock_packages=RICH_LOCK, pins={"markdown-it-py": "1.0", "mdurl": "0.1.2"},
                fetch=fetcher(tmp_path, [], RICH_REQUIRES))


def test_the_kernels_own_lock_packages_keep_the_dependencies_the_lock_gives_them(tmp_path):
    lock = {"ipython": {"name": "ipython", "version": "9.12.0", "depends": ["pygments"]}, **RICH_LOCK}
    requires = {"ipython": ["ipython-pygments-lexers", "pygments"]}  # Pyodide leaves the lexers out
    got = resolve(["ipython"], local_wheels={}, lock_packages=lock, pins={}, fetch=fetcher(tmp_path, [], requires),
                  lock_depends_only=frozenset({"ipython", "pygments"}))
    assert sorted(got) == ["ipython", "pygments"]
    assert got["ipython"].depends == ("pygments",)


NUMPY = {"name": "numpy", "version": "2.4.6", "file_name": "numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
         "depends": []}


def test_a_compiled_lock_package_an_extra_needs_is_left_to_pyodides_distribution(tmp_path):
    calls = []
    got = resolve(["tinyarray"], local_wheels={}, lock_packages={"numpy": NUMPY}, pins={"tinyarray": "1.0"},
                  fetch=fetcher(tmp_path, calls, {"tinyarray": ["numpy>=2"]}), distribution=frozenset({"numpy"}))
    assert got["numpy"].source == "pyodide-dist" and got["numpy"].info is None and got["numpy"].version == "2.4.6"
    assert calls == [{"tinyarray": "1.0"}]  # nothing asked of PyPI for numpy
    assert got["tinyarray"].depends == ("numpy",)


def test_a_compiled_lock_package_at_a_version_an_extra_refuses_stops_the_build(tmp_path):
    wanted = "tinyarray needs numpy<2, but the site would ship numpy 2.4.6 \\(pyodide-dist\\)"
    with pytest.raises(BuildError, match=wanted):
        resolve(["tinyarray"], local_wheels={}, lock_packages={"numpy": NUMPY}, pins={"tinyarray": "1.0"},
                fetch=fetcher(tmp_path, [], {"tinyarray": ["numpy<2"]}), distribution=frozenset({"numpy"}))
