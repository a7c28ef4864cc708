"""The offline zip: the built site plus a launcher that serves it on 127.0.0.1.

``build/dist/litecourse-<course-id>-<version>.zip`` unzips into one folder:

    litecourse-<id>-<version>/
        site/                   the built site (lite_site/_output), plus .litecourse-build
        start_course.py         Python-stdlib launcher (build_tools/launcher/)
        start-course.bat        double-click on Windows
        start-course.command    double-click on macOS
        README.txt              steps for Windows, macOS and Linux
"""

from __future__ import annotations

import hashlib
import string
import zipfile
from pathlib import Path

from .course import Course

LAUNCHER_FILES = ("start_course.py", "start-course.bat", "start-course.command")
README = "README.txt"
#: files a learner double-clicks or runs must keep their execute bit when unzipped
EXECUTABLE = {"start_course.py", "start-course.command"}
#: already compressed: deflating them again costs time and saves nothing
STORED_SUFFIXES = {".whl", ".zip", ".png", ".woff2", ".woff", ".gz"}
#: every entry gets this timestamp, so the same inputs give the same zip
FIXED_DATE = (2020, 1, 1, 0, 0, 0)


def zip_stem(course: Course) -> str:
    """The zip's file name without ``.zip``, also the top folder inside it.

    >>> zip_stem(Course("reading-code", "Reading", "2026.11.1"))
    'litecourse-reading-code-2026.11.1'
    """
    return f"litecourse-{course.id}-{course.version}"


def zip_path(dist: Path, course: Course) -> Path:
    """Where the zip for ``course`` is written."""
    return dist / f"{zip_stem(course)}.zip"


def launcher_sources(launcher_dir: Path) -> list[Path]:
    """The launcher files that go beside the site (file_dep of the zip task)."""
    return [launcher_dir / name for name in (*LAUNCHER_FILES, README)]


def load_launcher(launcher_dir: Path):
    """The launcher script as a module (it is a standalone script, not part of build_tools)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("litecourse_start_course", launcher_dir / "start_course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_text(template: str, course: Course, port: int) -> str:
    """README.txt for the course: the template with title, version, folder and ports filled in.

    >>> readme_text("$title $version at :$port, else :$next_port ($folder)", Course("x", "Intro", "1"), 8765)
    'Intro 1 at :8765, else :8766 (litecourse-x-1)'
    """
    return string.Template(template).substitute(
        title=course.title, version=course.version, folder=zip_stem(course),
        port=port, next_port=port + 1,
    )


def site_digest(files) -> str:
    """The build id: sha256 over ``(name, bytes)`` pairs, each length-prefixed, in the order given.

    The launcher reuses a server already on its port only when it answers with this id, so
    another build of the course (or any other program) is never taken for this one.

    >>> site_digest([("a", b"bc")]) == site_digest([("ab", b"c")])
    False
    """
    digest = hashlib.sha256()
    for name, data in files:
        for part in (name.encode("utf-8"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """sha256 over every file of ``folder``: its path inside the folder and its bytes.

    The zip task is up to date only while this stays the same, so a changed wheel (a rebuilt
    package keeps its file name) is always shipped. A missing folder has a digest too.

    >>> folder_digest(Path("/no/such/folder")) == site_digest([])
    True
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return site_digest((p.relative_to(folder).as_posix(), p.read_bytes()) for p in files)


def zip_entries(site: Path, launcher_dir: Path, stem: str) -> list[tuple[str, Path]]:
    """``(name in zip, file on disk)`` for every file: the launcher first, then the site, sorted."""
    entries = [(f"{stem}/{name}", launcher_dir / name) for name in LAUNCHER_FILES]
    entries += [
        (f"{stem}/site/{p.relative_to(site).as_posix()}", p)
        for p in sorted(site.rglob("*")) if p.is_file()
    ]
    return entries


def _info(name: str, executable: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    info.create_system = 3  # unix, so unzip tools honour the mode bits
    suffix = Path(name).suffix
    info.compress_type = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
    return info


def build_zip(site: Path, launcher_dir: Path, course: Course, dist: Path) -> Path:
    """Write the offline zip for ``course``; returns its path.

    Written to a temporary name first, so an interrupted build never leaves a broken zip.
    """
    from .errors import BuildError

    if not (site / "index.html").is_file():
        raise BuildError(f"{site} has no index.html: build the site first (./run build)")
    launcher = load_launcher(launcher_dir)
    port = launcher.PREFERRED_PORT
    stem = zip_stem(course)
    target = zip_path(dist, course)
    dist.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    build_name = f"{stem}/site/{launcher.BUILD_ID_FILE}"
    files = []
    with zipfile.ZipFile(partial, "w", compresslevel=6) as zf:
        for name, path in zip_entries(site, launcher_dir, stem):
            data = path.read_bytes()
            files.append((name, data))
            zf.writestr(_info(name, path.name in EXECUTABLE), data)
        # the launcher and the site as zipped, so a changed launcher is a new build too
        zf.writestr(_info(build_name, False), site_digest(files) + "\n")
        readme = readme_text((launcher_dir / README).read_text(encoding="utf-8"), course, port)
        # Windows Notepad copes with either, but CRLF reads right in every editor there
        zf.writestr(_info(f"{stem}/{README}", False), readme.replace("\r\n", "\n").replace("\n", "\r\n"))
    partial.replace(target)
    return target
