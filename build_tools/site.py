"""The static site: ``jupyter lite build`` over a staging folder assembled from our parts."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .course import Course
from .errors import BuildError

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
) -> None:
    """Write the staging lite dir: our config files, generated from ``lite_site/`` + course."""
    stage.mkdir(parents=True, exist_ok=True)
    template = json.loads((lite_site / "jupyter-lite.json").read_text())
    (stage / "jupyter-lite.json").write_text(
        json.dumps(site_config(template, course, preload), indent=2) + "\n"
    )
    build_config = json.loads((lite_site / "jupyter_lite_config.json").read_text())
    lbc = build_config.setdefault("LiteBuildConfig", {})
    lbc["contents"] = [str(content_dir.resolve())]
    lbc["federated_extensions"] = [str(extension_wheel.resolve())] if extension_wheel else []
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
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(stage),
         "--output-dir", str(output_dir.resolve())],
        cwd=stage, capture_output=True, text=True, env=env,
    )
    if result.returncode != 0:
        raise BuildError("jupyter lite build failed:\n" + "\n".join(result.stdout.splitlines()[-15:] + result.stderr.splitlines()[-15:]))


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


def build_course_site(course_toml: Path, content_dir: Path, output_dir: Path) -> Path:
    """Build the site of another course (its own ``course.toml`` and content) into ``output_dir``.

    Reuses the kernel and extension already built for this repository (``doit`` first):
    only the site's configuration and contents differ, so the course must preload and
    ship the same packages as ``course.toml``. Its storage names derive from its own
    id, so two courses served from one origin keep their learners' work apart.

        build_course_site(Path("other/course.toml"), Path("other/content"), Path("/tmp/other"))
    """
    from . import paths
    from .course import load_course
    from .extension import extension_targets
    from .kernel import preload_names
    from .notebooks import check_all

    course = load_course(course_toml)
    ours = load_course(paths.COURSE_TOML)
    if (course.preload, course.installable) != (ours.preload, ours.installable):
        raise BuildError(
            f"{course_toml}: preload/installable must match {paths.COURSE_TOML} "
            "(the kernel built for this repository is reused)"
        )
    wheel = extension_targets(paths.WHEELS / "extension")[0]
    lock = paths.STAGE_PYODIDE / "pyodide-lock.json"
    for part in (wheel, lock):
        if not part.exists():
            raise BuildError(f"{part} is missing: build this repository's site first (./run build)")
    check_all(content_dir)
    stage = paths.BUILD / "courses" / course.id
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    try:  # hard links: the runtime is tens of megabytes and never changes here
        shutil.copytree(paths.STAGE / "static", stage / "static", copy_function=os.link)
    except OSError:
        shutil.rmtree(stage / "static", ignore_errors=True)
        shutil.copytree(paths.STAGE / "static", stage / "static")
    assemble(paths.LITE_SITE, stage, course, preload_names(course), wheel, content_dir)
    build_output(stage, output_dir)
    return output_dir


if __name__ == "__main__":
    # LITECOURSE_COURSE=other/course.toml LITECOURSE_CONTENT=other/content \
    # LITECOURSE_OUTPUT=/tmp/other-site python -m build_tools.site
    try:
        built = build_course_site(
            Path(os.environ["LITECOURSE_COURSE"]),
            Path(os.environ["LITECOURSE_CONTENT"]),
            Path(os.environ["LITECOURSE_OUTPUT"]),
        )
    except KeyError as missing:
        sys.exit(f"set {missing.args[0]} (and LITECOURSE_COURSE, LITECOURSE_CONTENT, LITECOURSE_OUTPUT)")
    except BuildError as exc:
        sys.exit(f"BUILD FAILED: {exc}")
    print(f"built {built}")
