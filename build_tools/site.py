"""The static site: ``jupyter lite build`` over a staging folder assembled from our parts."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from .course import Course
from .errors import BuildError
from .tools import run, venv_env

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"


def site_config(template: dict, course: Course, preload: list[str]) -> dict:
    """``jupyter-lite.json`` for the course: the template plus what the course decides.

    >>> from build_tools.course import Course
    >>> cfg = site_config({}, Course("demo", "Demo", "1"), ["micropip"])["jupyter-config-data"]
    >>> cfg["contentsStorageName"], cfg["litecourse"]["courseId"]
    ('litecourse-demo-contents', 'demo')
    """
    config = copy.deepcopy(template)
    config.setdefault("jupyter-lite-schema-version", 0)
    data = config.setdefault("jupyter-config-data", {})
    data["appName"] = course.title
    # storage names derive from the course id: two courses on one origin stay apart,
    # and one course moved to another path keeps its learners' work
    data["contentsStorageName"] = f"{course.storage_prefix}-contents"
    data["settingsStorageName"] = f"{course.storage_prefix}-settings"
    data["litecourse"] = {
        "courseId": course.id,
        "title": course.title,
        "version": course.version,
        "startupSnippet": course.startup,
    }
    plugins = data.setdefault("litePluginSettings", {})
    kernel = plugins.setdefault(KERNEL_PLUGIN, {})
    kernel["disablePyPIFallback"] = True
    options = kernel.setdefault("loadPyodideOptions", {})
    options["packages"] = list(preload)
    return config


def assemble(
    lite_site: Path,
    stage: Path,
    course: Course,
    preload: list[str],
    extension_wheel: Path | None,
    content_dir: Path,
    extra_contents: tuple[Path, ...] = (),
    extra_extensions: tuple[Path, ...] = (),
) -> None:
    """Write the staging lite dir: our config files, generated from ``lite_site/`` + course.

    ``extra_extensions``: prebuilt labextensions (wheels or folders) the site gets besides ours.
    """
    stage.mkdir(parents=True, exist_ok=True)
    template = json.loads((lite_site / "jupyter-lite.json").read_text())
    (stage / "jupyter-lite.json").write_text(
        json.dumps(site_config(template, course, preload), indent=2) + "\n"
    )
    build_config = json.loads((lite_site / "jupyter_lite_config.json").read_text())
    lbc = build_config.setdefault("LiteBuildConfig", {})
    lbc["contents"] = [str(p.resolve()) for p in (content_dir, *extra_contents)]
    lbc["federated_extensions"] = [str(extension_wheel.resolve())] if extension_wheel else []
    lbc["federated_extensions"] += [str(p.resolve()) for p in extra_extensions]
    (stage / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=2) + "\n")
    shutil.copy2(lite_site / "overrides.json", stage / "overrides.json")


def run_lite_build(stage: Path, output_dir: Path) -> None:
    """Run ``jupyter lite build`` from ``stage`` into ``output_dir`` (a clean rebuild)."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    # jupyter lite keeps its own task state beside the config; with a fresh output
    # folder that state would skip steps, so start it fresh too
    for state in stage.glob(".jupyterlite.doit.db*"):
        state.unlink()
    run(
        "jupyter lite build",
        [sys.executable, "-m", "jupyterlite_core", "build",
         "--lite-dir", str(stage), "--output-dir", str(output_dir.resolve())],
        cwd=stage, env=venv_env(),
    )


#: font formats every browser JupyterLab supports has a better twin of: CSS lists them only
#: as fallbacks after ``.woff2``, so they are never fetched
LEGACY_FONT_FORMATS = (".eot", ".svg", ".ttf", ".woff")


def drop_legacy_fonts(output_dir: Path) -> list[Path]:
    """Delete font files of the app build that have a ``.woff2`` twin; returns them.

    Font Awesome comes in five formats (2.8 MB of its 2.9 MB); browsers that run JupyterLab
    take the ``woff2``. Fonts without a ``woff2`` twin (MathJax's ``woff``) stay.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()); (out / "build").mkdir()
    >>> for n in ("fa-solid.woff2", "fa-solid.svg", "fa-solid.eot", "logo.svg", "MathJax.woff"):
    ...     _ = (out / "build" / n).write_text("x")
    >>> [p.name for p in drop_legacy_fonts(out)]
    ['fa-solid.eot', 'fa-solid.svg']
    >>> sorted(p.name for p in (out / "build").iterdir())
    ['MathJax.woff', 'fa-solid.woff2', 'logo.svg']
    """
    dropped = []
    for woff2 in sorted((output_dir / "build").glob("*.woff2")):
        for suffix in LEGACY_FONT_FORMATS:
            twin = woff2.with_suffix(suffix)
            if twin.exists():
                twin.unlink()
                dropped.append(twin)
    return sorted(dropped)


def build_output(stage: Path, output_dir: Path) -> None:
    """Our site from ``stage``: ``jupyter lite build``, then without what it never serves."""
    run_lite_build(stage, output_dir)
    drop_legacy_fonts(output_dir)


def _same_kernel(course: Course, ours: Course) -> bool:
    """Whether ``course`` needs exactly the kernel built for this repository's course."""
    fields = ("preload", "installable", "pyodide_packages", "pyodide_source", "startup", "widgets")
    return all(getattr(course, f) == getattr(ours, f) for f in fields)


def _kernel_stage(course: Course, stage: Path, pyodide_source: str | None) -> None:
    """Put the kernel for ``course`` into ``stage/static/pyodide``.

    The repository's own kernel (the ``kernel`` task's output) is hard-linked when the course
    needs the same one; otherwise the kernel stage runs for this course: its packages, its
    Pyodide packages, its start-up snippet checked and byte-compiled in Pyodide.
    """
    from . import paths
    from .course import load_course, our_preloads
    from .kernel import build_kernel_dist
    from .pyodide import RUNTIME_FILES

    shipped = paths.STAGE_PYODIDE / "pyodide-lock.json"
    if not shipped.exists():
        raise BuildError(f"{shipped} is missing: build this repository's site first (./run build)")
    dest = stage / "static" / "pyodide"
    if _same_kernel(course, load_course(paths.COURSE_TOML)) and not pyodide_source:
        try:  # hard links: the runtime is tens of megabytes and never changes here
            shutil.copytree(paths.STAGE / "static", stage / "static", copy_function=os.link)
        except OSError:
            shutil.rmtree(stage / "static", ignore_errors=True)
            shutil.copytree(paths.STAGE / "static", stage / "static")
        return
    dest.mkdir(parents=True)
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", "python_stdlib.zip"):
            shutil.copy2(paths.STAGE_PYODIDE / name, dest / name)
    wheels = []
    for name in our_preloads(course, paths.PACKAGES):
        found = sorted(paths.WHEELS.glob(f"{name}-*.whl"))
        if not found:
            raise BuildError(f"the wheel of {name} is missing: build this repository's site first (./run build)")
        wheels.append(found[-1])
    build_kernel_dist(course, paths.BASE_LOCK, wheels, paths.PINS, paths.CACHE / "wheels", dest,
                      paths.BASE_STDLIB, stage / "bytecode", pyodide_source=pyodide_source)


def build_site(
    course_toml: Path,
    content_dir: Path,
    output_dir: Path,
    *,
    stage: Path | None = None,
    pyodide_source: str | None = None,
) -> Path:
    """Build the complete site of a course (its ``course.toml`` and content) into ``output_dir``.

    The one way a site is made: the ``site`` task, other courses (tests' fixture courses, a
    second course on one origin) and the benchmark all come here. Every site gets the
    checks (notebooks, imports), the start-up code (our tools first, offline ``%pip``), the
    home page, the embed page and the offline package index.

    ``stage`` is a staging folder whose ``static/pyodide`` already holds this course's kernel
    (the ``site`` task's, made by the ``kernel`` task); without it, a folder under ``build/``
    is used and the kernel is reused from this repository's build when the course needs the
    same one, else built for it (``pyodide_source``: a Pyodide distribution for its Pyodide
    packages). Its storage names derive from the course's own id, so two courses served from
    one origin keep their learners' work apart.
    """
    from . import (
        embed,
        frame_notice,
        guide,
        homepage,
        kernel_worker,
        learner_python,
        offline_cache,
        offline_pip,
        output_limit,
        paths,
        service_worker,
        start_watch,
        storage_limit,
        tools_first,
        versions,
        widgets,
    )
    from .course import check_preload, load_course, our_preloads
    from .extension import extension_targets
    from .imports import check_imports
    from .kernel import preload_names
    from .notebooks import check_all

    course = load_course(course_toml)
    check_preload(course, paths.PACKAGES)
    wheel = extension_targets(paths.WHEELS / "extension")[0]
    if not wheel.exists():
        raise BuildError(f"{wheel} is missing: build this repository's site first (./run build)")
    notebooks = check_all(content_dir)
    guide.check_not_shadowed(content_dir)
    own_stage = stage is None
    if own_stage:
        # one staging folder per output folder: two builds of one course (a test's second
        # edition beside the first) may run at the same time
        where = hashlib.sha256(str(Path(output_dir).resolve()).encode()).hexdigest()[:10]
        stage = paths.BUILD / "courses" / f"{course.id}-{where}"
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        _kernel_stage(course, stage, pyodide_source)
    pyodide_dir = stage / "static" / "pyodide"
    shipped_lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    check_imports(content_dir, notebooks, shipped_lock, json.loads(paths.BASE_LOCK.read_text()), paths.BASE_STDLIB)
    # micropip offline: the start-up snippet points it at the index of the shipped wheels
    site_course = offline_pip.with_offline_pip(course, sorted(offline_pip.shipped_wheels(shipped_lock)))
    # writes from Python that would outgrow the browser fail as OSError, not a crashed tab
    site_course = storage_limit.with_storage_limit(site_course)
    # a flood of output (`while True: print(n)`) is gathered and capped, never a frozen tab
    site_course = output_limit.with_output_limit(site_course)
    # a warning once per run, `SyntaxError: incomplete input`: shown as IPython on CPython shows them
    site_course = learner_python.with_learner_python(site_course)
    site_course = tools_first.with_our_tools_first(site_course, our_preloads(course, paths.PACKAGES),
                                                   shipped_lock["packages"])
    # the learners' guide belongs to every site: generated, in a contents folder of its own
    guide_file = guide.write_guide(course, stage / "guide")
    assemble(paths.LITE_SITE, stage, site_course, preload_names(course), wheel, content_dir, (guide_file.parent,),
             widgets.site_extensions(course, paths.PINS, paths.CACHE / "wheels"))
    build_output(stage, output_dir)
    # the kernel finds its own modules without asking the learner's drive a hundred times
    kernel_worker.edit_kernel_workers(output_dir)
    service_worker.extend_service_worker(output_dir)  # interrupts, offline visits
    # a frame the browser refuses storage or scripts shows the course's notice, not a blank box
    frame_notice.write_frame_notices(output_dir, course)
    start_watch.add_start_watch(output_dir)  # a stalled start is said and retried, never a white page
    embed.write_embed_files(output_dir, course, content_dir, paths.EMBED_ASSETS)
    offline_pip.write_index(output_dir / "static" / "pyodide")
    # the course home page replaces JupyterLite's redirecting root index.html
    homepage.write_home(output_dir, content_dir, course, paths.LITE_SITE / "home" / "home.js", guide_file)
    versions.write_versions(output_dir)  # which version of each notebook this build ships
    # last, over the complete site: what the service worker keeps for offline visits
    offline_cache.write_offline_cache(output_dir, paths.LITE_SITE / "home" / offline_cache.PAGE_SCRIPT)
    if own_stage:
        shutil.rmtree(stage, ignore_errors=True)  # the site holds copies of all it needs
    return output_dir


if __name__ == "__main__":
    # LITECOURSE_COURSE=other/course.toml LITECOURSE_CONTENT=other/content \
    # LITECOURSE_OUTPUT=/tmp/other-site python -m build_tools.site
    try:
        built = build_site(
            Path(os.environ["LITECOURSE_COURSE"]),
            Path(os.environ["LITECOURSE_CONTENT"]),
            Path(os.environ["LITECOURSE_OUTPUT"]),
        )
    except KeyError as missing:
        sys.exit(f"set {missing.args[0]} (and LITECOURSE_COURSE, LITECOURSE_CONTENT, LITECOURSE_OUTPUT)")
    except BuildError as exc:
        sys.exit(f"BUILD FAILED: {exc}")
    print(f"built {built}")
