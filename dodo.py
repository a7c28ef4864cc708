"""doit tasks that build the course site. Logic lives in build_tools/; this file wires it.

    doit            # build lite_site/_output
    doit serve      # build, then serve on http://127.0.0.1:8000/
    doit list       # every task with its doc
"""

from __future__ import annotations

import functools
import os
import shutil
import sys

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from build_tools import paths
from build_tools.course import check_preload, load_course, our_preloads, tool_packages
from build_tools.errors import BuildError
from build_tools.sources import module_sources

paths.BUILD.mkdir(parents=True, exist_ok=True)  # doit keeps its state file there

DOIT_CONFIG = {
    "default_tasks": ["site"],
    "dep_file": str(paths.DOIT_DB),
    "backend": "json",
    "verbosity": 2,
}


def _preloaded() -> tuple[str, ...]:
    """Our kernel packages (folders in packages/) that the course preloads (wheels are built for them).

    Read when doit loads this file, before any task: a mistake in course.toml ends the
    build here with its messages, one line each, and no traceback.
    """
    try:
        course = load_course(paths.COURSE_TOML)
        check_preload(course, paths.PACKAGES)
    except BuildError as exc:
        print(f"\nBUILD FAILED: {exc}\n", file=sys.stderr)
        raise SystemExit(1) from None
    return our_preloads(course, paths.PACKAGES)


KERNEL_PACKAGES = _preloaded()
#: every tool package of ours: all get wheels, so any course (a test's fixture course too) can preload them
TOOL_PACKAGES = tuple(tool_packages(paths.PACKAGES))
#: a Pyodide distribution (folder, tarball or URL) for this build, over course.toml's pyodide_source
PYODIDE_SOURCE_ENV = "LITECOURSE_PYODIDE_SOURCE"


def _fail_clearly(action):
    """Turn a BuildError into one readable message instead of doit's traceback: the build ends
    with that message alone (the failure is not reported again by doit, whose report names the
    task and the wrapper function) and a non-zero exit."""

    def run(*args, **kwargs):
        try:
            action(*args, **kwargs)
        except BuildError as exc:
            print(f"\nBUILD FAILED: {exc}\n", file=sys.stderr)
            return TaskFailed(str(exc), report=False)
        return None

    run.__name__ = getattr(action, "__name__", "action")
    return run


def _pyodide_pin() -> str:
    import tomllib

    return tomllib.loads(paths.PYPROJECT.read_text())["tool"]["litecourse"]["pyodide"]


def task_pyodide():
    """Pyodide runtime from the npm package at the version the kernel expects."""
    from build_tools import pyodide

    def fetch():
        version = pyodide.check_pin(_pyodide_pin())
        pyodide.fetch_runtime(version, paths.CACHE, paths.STAGE_PYODIDE)
        paths.BASE_LOCK.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(paths.STAGE_PYODIDE / "pyodide-lock.json", paths.BASE_LOCK)
        # the kernel task ships it byte-compiled
        shutil.move(paths.STAGE_PYODIDE / "python_stdlib.zip", paths.BASE_STDLIB)

    return {
        "actions": [_fail_clearly(fetch)],
        "file_dep": [paths.PYPROJECT, *module_sources("build_tools.pyodide")],
        "targets": [paths.STAGE_PYODIDE / n for n in pyodide.RUNTIME_FILES
                    if n not in ("pyodide-lock.json", "python_stdlib.zip")]
        + [paths.BASE_LOCK, paths.BASE_STDLIB],
    }


def _wheel_target(name: str):
    import tomllib

    meta = tomllib.loads((paths.PACKAGES / name / "pyproject.toml").read_text())["project"]
    return paths.WHEELS / f"{name}-{meta['version']}-py3-none-any.whl"


def task_wheels():
    """Pure-Python wheels of our kernel packages (packages/*)."""
    from build_tools.wheels import build_wheel, package_sources

    for name in TOOL_PACKAGES:
        yield {
            "name": name,
            "actions": [_fail_clearly(lambda name=name: build_wheel(paths.PACKAGES / name, paths.WHEELS))],
            "file_dep": [*package_sources(paths.PACKAGES / name), *module_sources("build_tools.wheels")],
            "targets": [_wheel_target(name)],
        }


def task_extension():
    """The litecourse JupyterLab extension: node_modules (npm ci), then the wheel of its prebuilt labextension."""
    from build_tools import extension

    yield {
        "name": "node_modules",
        "actions": [_fail_clearly(lambda: extension.install_node_modules(paths.EXTENSION_DIR))],
        "file_dep": [*extension.npm_file_dep(paths.EXTENSION_DIR), *module_sources("build_tools.extension")],
        "targets": [paths.EXTENSION_DIR / extension.NPM_INSTALLED],
    }
    yield {
        "name": "wheel",
        "actions": [_fail_clearly(lambda: extension.build_extension(paths.EXTENSION_DIR, extension.OUT_DIR))],
        "file_dep": [*extension.extension_file_dep(paths.EXTENSION_DIR), paths.EXTENSION_DIR / extension.NPM_INSTALLED,
                     *module_sources("build_tools.extension")],
        "targets": extension.extension_targets(extension.OUT_DIR),
    }


def task_kernel():
    """Every wheel the browser kernel loads, and one pruned, re-hashed Pyodide lock."""
    from build_tools.bytecode import DRIVER, RUNNER
    from build_tools.kernel import build_kernel_dist

    our_wheels = [_wheel_target(n) for n in KERNEL_PACKAGES]

    def build():
        build_kernel_dist(
            load_course(paths.COURSE_TOML), paths.BASE_LOCK, our_wheels, paths.PINS,
            paths.CACHE / "wheels", paths.STAGE_PYODIDE, paths.BASE_STDLIB, paths.BUILD / "bytecode",
            pyodide_source=os.environ.get(PYODIDE_SOURCE_ENV),
        )

    return {
        "actions": [_fail_clearly(build)],
        "file_dep": [paths.BASE_LOCK, paths.BASE_STDLIB, paths.PINS, paths.COURSE_TOML, *our_wheels,
                     *module_sources("build_tools.kernel"), RUNNER, DRIVER],
        # the distribution named on the command line is an input too
        "uptodate": [config_changed({"pyodide_source": os.environ.get(PYODIDE_SOURCE_ENV, "")})],
        "targets": [paths.STAGE_PYODIDE / "pyodide-lock.json", paths.STAGE_PYODIDE / "python_stdlib.zip"],
    }


def _content_files():
    return sorted(p for p in paths.CONTENT.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)


HOME_SCRIPT = paths.LITE_SITE / "home" / "home.js"


def _site_parts() -> list:
    """Everything a site's build reads besides its course (course.toml and content): the
    configuration, the staged kernel, the extension, the start-up code and the build's code."""
    from build_tools import embed, extension, offline_pip, service_worker, tools_first
    from build_tools.pyodide import RUNTIME_FILES

    return [
        *[paths.LITE_SITE / n for n in ("jupyter-lite.json", "jupyter_lite_config.json", "overrides.json")],
        *[paths.STAGE_PYODIDE / n for n in RUNTIME_FILES],  # the runtime, lock and standard library
        *extension.extension_targets(paths.WHEELS / "extension"),
        *embed.embed_sources(paths.EMBED_ASSETS),
        paths.BASE_LOCK, paths.BASE_STDLIB,
        HOME_SCRIPT, tools_first.SOURCE, offline_pip.SOURCE,
        paths.LITE_SITE / "start-watch" / "start-watch.js",
        *(paths.ROOT / "build_tools" / "kernel_code" / n
          for n in ("storage_guard.py", "write_guard.js", "output_limit.py", "learner_python.py")),
        paths.ROOT / "build_tools" / "frame_notice.js",
        *(paths.ROOT / "build_tools" / "guide" / n for n in ("__init__.py", "your-work.md")),
        *service_worker.parts(), *service_worker.first_parts(), paths.LITE_SITE / "home" / "offline.js",
        *module_sources(*(f"build_tools.{m}" for m in (
            "course", "embed", "extension", "frame_notice", "guide", "homepage", "imports", "kernel",
            "kernel_worker", "notebooks", "offline_cache", "offline_pip", "output_limit", "pyodide",
            "service_worker", "site", "start_watch", "storage_limit", "tools_first", "versions", "widgets"))),
    ]


def task_site():
    """The static site in lite_site/_output (jupyter lite build over the staged parts)."""
    from build_tools import embed, site

    def build():
        site.build_site(paths.COURSE_TOML, paths.CONTENT, paths.OUTPUT, stage=paths.STAGE)

    return {
        "actions": [_fail_clearly(build)],
        "file_dep": [paths.COURSE_TOML, *_content_files(), *_site_parts()],
        "task_dep": ["kernel"],
        "targets": [paths.OUTPUT / "jupyter-lite.json", paths.OUTPUT / "index.html",
                    *embed.embed_targets(paths.OUTPUT)],
        "clean": True,
    }


def task_test_sites():
    """The test suite's sites (build/test-sites/): the fixture course and its second edition,
    built once and shared by the browser tests (tests/browser/conftest.py asks for them)."""
    from build_tools import test_sites

    for name in test_sites.NAMES:
        yield {
            "name": name,
            "actions": [_fail_clearly(functools.partial(test_sites.build_test_site, name))],
            "file_dep": [*test_sites.fixture_files(), *_site_parts(), *module_sources("build_tools.test_sites")],
            # the repository's site first: its kernel and extension wheel are reused
            "task_dep": ["site"],
            "targets": [test_sites.site_dir(name) / "index.html", test_sites.site_dir(name) / "jupyter-lite.json"],
            "clean": [(shutil.rmtree, [test_sites.site_dir(name)], {"ignore_errors": True})],
        }


def task_serve():
    """Serve lite_site/_output on 127.0.0.1 (PORT=8000 by default; doit serve port=8123)."""
    from build_tools.serve import serve

    return {
        "actions": [(serve, [paths.OUTPUT])],
        "params": [{"name": "port", "long": "port", "type": int, "default": 8000}],
        "task_dep": ["site"],
        "uptodate": [False],
        "verbosity": 2,
    }


def task_zip():
    """The offline zip: build/dist/litecourse-<id>-<version>.zip (the site + a launcher)."""
    from build_tools import zip as offline_zip

    course = load_course(paths.COURSE_TOML)

    def build():
        target = offline_zip.build_zip(paths.OUTPUT, paths.LAUNCHER, load_course(paths.COURSE_TOML), paths.DIST)
        print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")

    def same_site_as_zipped(task, values):
        # the zip packs every file of the site: read after the site task ran, so a rebuilt wheel is seen
        digest = offline_zip.folder_digest(paths.OUTPUT)
        task.value_savers.append(lambda: {"site": digest})
        return values.get("site") == digest

    return {
        "actions": [_fail_clearly(build)],
        "file_dep": [paths.COURSE_TOML, *offline_zip.launcher_sources(paths.LAUNCHER),
                     *module_sources("build_tools.zip")],
        "task_dep": ["site"],
        "uptodate": [same_site_as_zipped],
        "targets": [offline_zip.zip_path(paths.DIST, course)],
        "clean": True,
    }
