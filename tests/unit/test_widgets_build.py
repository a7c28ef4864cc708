"""Widgets are one setting: a course that asks gets ipywidgets in the kernel and the widget manager in the page.

Resolved with this build's real inputs: Pyodide's lock, the pins, the Pyodide kernel's wheels
and the wheel cache (so the widget wheels are those the pins name).
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace

import pytest
from packaging.utils import parse_wheel_filename

from build_tools import paths
from build_tools.course import load_course
from build_tools.kernel import resolve_kernel
from build_tools.pins import read_pins
from build_tools.widgets import MANAGER_EXTENSION, site_extensions

WIDGET_PACKAGES = {"ipywidgets", "jupyterlab-widgets", "widgetsnbextension"}


@pytest.fixture(scope="module")
def course():
    if not paths.BASE_LOCK.exists():
        pytest.fail("the build's Pyodide lock is missing: run the build first (see README)")
    return replace(load_course(paths.COURSE_TOML), widgets=False)


def resolved(course):
    lock = json.loads(paths.BASE_LOCK.read_text())["packages"]
    ours = sorted(paths.WHEELS.glob("*.whl"))
    return resolve_kernel(course, lock, ours, paths.PINS, paths.CACHE / "wheels")


def test_a_course_with_widgets_ships_pinned_ipywidgets_and_the_kernels_empty_widgetsnbextension(course):
    got = resolved(replace(course, widgets=True))
    pins = read_pins(paths.PINS)
    assert got["ipywidgets"].version == pins["ipywidgets"] and got["ipywidgets"].source == "pinned"
    assert got["jupyterlab-widgets"].version == pins["jupyterlab-widgets"]
    stand_in = got["widgetsnbextension"]
    assert stand_in.source == "kernel"  # not the real one, megabytes of the classic Notebook's JavaScript
    assert stand_in.info.path.stat().st_size < 10_000
    # the stand-in ipywidgets accepts: resolve checks every requirement, and this is the one it names
    assert any(r.name == "widgetsnbextension" and r.specifier.contains(stand_in.version)
               for r in got["ipywidgets"].info.requires)


def test_a_course_without_widgets_ships_none_of_their_packages_and_no_extension(course):
    assert not WIDGET_PACKAGES & set(resolved(course))
    assert site_extensions(course, paths.PINS, paths.CACHE / "wheels") == ()


def test_the_widget_manager_for_the_page_is_the_pinned_jupyterlab_widgets_wheels_labextension(course):
    (wheel,) = site_extensions(replace(course, widgets=True), paths.PINS, paths.CACHE / "wheels")
    name, version, *_ = parse_wheel_filename(wheel.name)
    assert (name, str(version)) == ("jupyterlab-widgets", read_pins(paths.PINS)["jupyterlab-widgets"])
    with zipfile.ZipFile(wheel) as zf:
        found = [n for n in zf.namelist() if n.endswith(f"labextensions/{MANAGER_EXTENSION}/package.json")]
        assert len(found) == 1
        assert json.loads(zf.read(found[0]))["jupyterlab"]["_build"]["load"].startswith("static/remoteEntry")
