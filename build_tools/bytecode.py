"""Byte-compiled wheels and standard library: the kernel imports ``.pyc`` instead of compiling
source on every boot.

Wheels from PyPI hold source only, and Pyodide 314 ships its standard library zip as source
too, so the browser's Python compiled every module it imported, on every boot, in the
learner's browser (more than half of the kernel's start). We compile at build time what
every boot imports (:func:`compile_wheel`, :func:`compile_stdlib`), and leave out files of
third-party wheels the kernel never reads (:data:`NEVER_READ`).

The bytecode must be the browser's (Python 3.14, Pyodide's build), so the build runs
:func:`compile_wheel` inside Pyodide under node (:func:`compile_in_pyodide`). This module
uses the standard library only, because that is where it runs.

* In third-party wheels, the modules the kernel imports while it starts become **sourceless**,
  as Pyodide's own packages are (``mod.py`` is replaced by ``mod.pyc``); the others stay
  source, compiled on first use as before. A ``.pyc`` is bigger than its zipped source, so
  compiling only what every boot needs keeps the site about the size it was.
* Our own wheels keep their source (tracebacks and ``inspect`` show our code) and get
  ``__pycache__/mod.cpython-314.pyc`` beside every module.

Which modules are imported at start is measured, not listed: the build installs the wheels
in Pyodide, starts the kernel's Python side as the browser does (``import piplite.piplite``,
``import pyodide_kernel``, the course's start-up snippet, one cell) and reads ``sys.modules``.

The pycs are *unchecked hash-based* (PEP 552): the file system Pyodide unpacks into does not
keep the wheel's timestamps, so timestamp pycs would never be trusted.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

#: where Pyodide installs wheels; compiled code objects name their files under it
SITE_PACKAGES = f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages"
#: where Pyodide puts its standard library zip (``python_stdlib.zip``)
STDLIB_ZIP = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
#: the Python the kernel runs (the compiled wheels are only good for it)
KERNEL_PYTHON = (3, 14)

RUNNER = Path(__file__).with_name("run_python.mjs")
#: what runs inside Pyodide: installs the wheels, starts the kernel, compiles (see its docstring)
DRIVER = Path(__file__).parent / "kernel_code" / "bytecode_driver.py"

#: files of third-party wheels the kernel never reads, by wheel name; unpacking them cost
#: every boot time. jedi: Django's stubs (read only to complete Django, which we do not ship:
#: a missing stub is skipped) and typeshed's Python 2 stubs (jedi reads "2and3", "3" and
#: "3.N" under Python 3).
NEVER_READ = {
    "jedi": (
        "jedi/third_party/django-stubs/",
        "jedi/third_party/typeshed/stdlib/2/",
        "jedi/third_party/typeshed/third_party/2/",
    ),
}
#: typeshed's stubs of third-party libraries, one folder per Python version set
JEDI_THIRD_PARTY_STUBS = "jedi/third_party/typeshed/third_party/"


def unshipped_library_stubs(names: list[str], shipped: set[str]) -> tuple[str, ...]:
    """Prefixes of jedi's stubs for libraries the site does not ship (never read: jedi reads
    a library's stub only while completing that library, which cannot be imported here).

    >>> unshipped_library_stubs([JEDI_THIRD_PARTY_STUBS + "2and3/six/moves.pyi",
    ...     JEDI_THIRD_PARTY_STUBS + "2and3/flask/__init__.pyi", JEDI_THIRD_PARTY_STUBS + "3/toml.pyi"], {"six"})
    ('jedi/third_party/typeshed/third_party/2and3/flask/', 'jedi/third_party/typeshed/third_party/3/toml.pyi')
    """
    found = set()
    for name in names:
        parts = name[len(JEDI_THIRD_PARTY_STUBS):].split("/") if name.startswith(JEDI_THIRD_PARTY_STUBS) else []
        if len(parts) >= 2 and parts[1].removesuffix(".pyi") not in shipped:
            found.add(JEDI_THIRD_PARTY_STUBS + parts[0] + "/" + parts[1] + ("/" if len(parts) > 2 else ""))
    return tuple(sorted(found))


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def _is_module(name: str) -> bool:
    """A ``.py`` the import system loads (not scripts or data in ``*.data/``)."""
    top = name.split("/", 1)[0]
    return name.endswith(".py") and not top.endswith(".data")


def pyc_bytes(source: bytes, filename: str) -> bytes:
    """An unchecked hash-based pyc of ``source`` for the running Python.

    >>> data = pyc_bytes(b"x = 1\\n", "/lib/m.py")
    >>> data[:4] == importlib.util.MAGIC_NUMBER, int.from_bytes(data[4:8], "little")
    (True, 1)
    """
    from importlib._bootstrap_external import _code_to_hash_pyc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. invalid escapes in old packages: not ours to report
        code = compile(source, filename, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def _compiled_files(
    src: Path, where: str, keep_source: bool, only: set[str] | None, drop: tuple[str, ...], in_zip: bool = False
) -> tuple[list[tuple[zipfile.ZipInfo, bytes]], dict]:
    """The files of archive ``src`` with modules compiled (code objects name them ``where/...``).

    ``in_zip``: the archive is imported from as it is (zipimport), which reads ``mod.pyc``
    beside ``mod.py``, never ``__pycache__``.
    """
    tag = sys.implementation.cache_tag
    counts = {"compiled": 0, "kept_source": 0, "dropped": 0}
    files: list[tuple[zipfile.ZipInfo, bytes]] = []
    with zipfile.ZipFile(src) as zin:
        for info in zin.infolist():
            if info.is_dir():
                continue
            if info.filename.startswith(drop):
                counts["dropped"] += 1
                continue
            data = zin.read(info)
            if not _is_module(info.filename):
                files.append((info, data))
                continue
            pyc = None
            if only is None or info.filename in only:
                try:
                    pyc = pyc_bytes(data, f"{where}/{info.filename}")
                except (SyntaxError, ValueError):
                    pass
            if pyc is None:
                counts["kept_source"] += 1
                files.append((info, data))
                continue
            counts["compiled"] += 1
            folder, _, base = info.filename.rpartition("/")
            stem = base[:-3]
            if keep_source:
                files.append((info, data))
                name = f"{stem}.pyc" if in_zip else f"__pycache__/{stem}.{tag}.pyc"
            else:
                name = f"{stem}.pyc"
            pyc_info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=info.date_time)
            pyc_info.external_attr = 0o644 << 16
            files.append((pyc_info, pyc))
    return files, counts


def _write_zip(dest: Path, files: list[tuple[zipfile.ZipInfo, bytes]], folders=(), extra=()) -> None:
    tmp = dest.with_name(dest.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info, data in files:
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
        for folder in folders:
            zout.writestr(zipfile.ZipInfo(folder, date_time=(1980, 1, 1, 0, 0, 0)), b"")
        for info, data in extra:
            zout.writestr(info, data)
    os.replace(tmp, dest)


def compile_wheel(
    src: Path, dest: Path, keep_source: bool, only: set[str] | None = None, drop: tuple[str, ...] = ()
) -> dict:
    """Write ``dest``: the wheel ``src`` with its modules byte-compiled; returns counts.

    ``only`` limits compiling to those paths inside the wheel (None: every module);
    files under the ``drop`` prefixes are left out (see :data:`NEVER_READ`). A
    module that does not compile (e.g. Python 2 leftovers in a test folder) keeps its
    source, as pip would. RECORD is rewritten to list what the new wheel holds.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(tmp / "w-1-py3-none-any.whl", "w") as z:
    ...     z.writestr("w/__init__.py", "X = 2\\n")
    ...     z.writestr("w/later.py", "Y = 3\\n")
    ...     z.writestr("w-1.dist-info/RECORD", "w/__init__.py,,\\nw-1.dist-info/RECORD,,\\n")
    >>> compile_wheel(tmp / "w-1-py3-none-any.whl", tmp / "out.whl", False, only={"w/__init__.py"})
    {'compiled': 1, 'kept_source': 1, 'dropped': 0}
    >>> sorted(zipfile.ZipFile(tmp / "out.whl").namelist())
    ['w-1.dist-info/RECORD', 'w/__init__.pyc', 'w/later.py']
    """
    files, counts = _compiled_files(src, SITE_PACKAGES, keep_source, only, drop)
    records = [i.filename for i, _ in files if i.filename.endswith(".dist-info/RECORD")]
    if not records:
        raise ValueError(f"{src.name} has no RECORD: not a wheel")
    files = [(i, d) for i, d in files if i.filename != records[0]]
    record = "".join(f"{i.filename},{_record_hash(d)},{len(d)}\n" for i, d in files) + f"{records[0]},,\n"
    record_info = zipfile.ZipInfo(records[0], date_time=(1980, 1, 1, 0, 0, 0))
    record_info.external_attr = 0o644 << 16
    # the folders that held what was dropped stay, empty: jedi lists them
    folders = sorted({d.rstrip("/").rpartition("/")[0] + "/" for d in drop})
    _write_zip(dest, files, folders, [(record_info, record.encode())])
    return counts


def compile_stdlib(src: Path, dest: Path, only: set[str]) -> dict:
    """Write ``dest``: Pyodide's standard library zip with ``mod.pyc`` beside ``mod.py`` for
    the modules in ``only``.

    Pyodide 314 ships its standard library as source, and the import system cannot cache
    bytecode inside a zip: every module was compiled on every boot (3.9 of the 7.2 s the
    kernel's imports took under node). The source stays, so tracebacks through the standard
    library still show their lines; modules not imported at start are not compiled.
    """
    files, counts = _compiled_files(src, STDLIB_ZIP, True, only, (), in_zip=True)
    _write_zip(dest, files)
    return counts


def boot_files(site_packages: str = SITE_PACKAGES) -> set[str]:
    """Paths (relative to ``site_packages``, or to the standard library zip) of the modules
    imported so far.

    >>> "bytecode.py" in boot_files(str(Path(__file__).parent))
    True
    """
    root = site_packages.rstrip("/") + "/"
    found = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(root) and path.endswith(".py"):
            found.add(path[len(root):])
    return found


def startup_failure(error: BaseException | None, snippet: str) -> str | None:
    """One line naming the start-up snippet's line and error, or None when it ran.

    ``error`` is what IPython's ``run_cell`` reports (``error_before_exec`` or
    ``error_in_exec``); the line is the deepest one in the snippet's own cell.

    >>> startup_failure(SyntaxError("invalid syntax", ("<cell>", 2, 1, "if x", 2, 5)), "x = 1\\nif x")
    'line 2 (`if x`): SyntaxError: invalid syntax'
    >>> startup_failure(None, "x = 1") is None
    True
    """
    if error is None:
        return None
    import traceback

    line = error.lineno if isinstance(error, SyntaxError) else None
    if line is None:
        cell_frames = [f for f in traceback.extract_tb(error.__traceback__)
                       if not os.path.isfile(f.filename) and not f.filename.startswith("<frozen")]
        line = cell_frames[-1].lineno if cell_frames else None
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    what = f"{type(error).__name__}: {message}".rstrip(": ")
    lines = snippet.splitlines()
    if line and 0 < line <= len(lines):
        return f"line {line} (`{lines[line - 1].strip()}`): {what}"
    return what


def install_wheels(wheels: list[Path], site_packages: str = SITE_PACKAGES) -> None:
    """Unpack wheels into site-packages, as Pyodide's package loader does."""
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            z.extractall(site_packages)


def compile_in_pyodide(
    wheels: list[tuple[Path, bool]], startup: str, runtime: Path, lock: Path, stdlib: Path, workdir: Path,
    installed: Sequence[Path] = (),
) -> tuple[dict[Path, Path], Path]:
    """Byte-compile ``(wheel, keep_source)`` pairs and the standard library with the kernel's
    own Python (Pyodide under node).

    ``startup`` is the course's start-up snippet (it imports our packages' magics at boot);
    ``runtime`` holds Pyodide's runtime files, ``lock`` and ``stdlib`` its original lock and
    standard library zip. ``installed`` are wheels installed beside them but not compiled
    (Pyodide's own packages, shipped as Pyodide built them: the snippet may import them).
    Output goes under ``workdir``; returns (source wheel → compiled wheel, compiled standard
    library zip).
    """
    from packaging.utils import parse_wheel_filename

    from .errors import BuildError
    from .pyodide import RUNTIME_FILES
    from .tools import require_command, run

    require_command("node", "node 20 is needed to byte-compile the kernel's wheels")
    workdir = workdir.resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "in").mkdir(parents=True)
    (workdir / "out").mkdir()
    out, job = {}, {"startup": startup, "wheels": [], "installed": [],
                    "stdlib": {"src": "/work/in/python_stdlib.zip", "dest": "/work/out/python_stdlib.zip"}}
    shutil.copy(stdlib, workdir / "in" / "python_stdlib.zip")
    for src in installed:
        shutil.copy(src, workdir / "in" / src.name)
        job["installed"].append(f"/work/in/{src.name}")
    for src, keep in wheels:
        shutil.copy(src, workdir / "in" / src.name)
        out[src] = workdir / "out" / src.name
        job["wheels"].append({"name": src.name, "project": str(parse_wheel_filename(src.name)[0]),
                              "src": f"/work/in/{src.name}",
                              "dest": f"/work/out/{src.name}", "keep_source": keep})
    (workdir / "job.json").write_text(json.dumps(job))
    pyodide_dir = workdir / "runtime"  # the runtime beside the lock it was made with
    pyodide_dir.mkdir()
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", "python_stdlib.zip"):
            (pyodide_dir / name).symlink_to((runtime / name).resolve())
    shutil.copy(lock, pyodide_dir / "pyodide-lock.json")
    (pyodide_dir / "python_stdlib.zip").symlink_to(stdlib.resolve())
    # no column positions in the bytecode: they only place the ^^^ under a source
    # line in tracebacks, and sourceless modules have no line to show (-23 % size)
    env = {**os.environ, "PYODIDE_ENV_PYTHONNODEBUGRANGES": "1"}
    step = "byte-compiling the kernel's wheels in Pyodide"
    run(step, ["node", str(RUNNER), str(pyodide_dir), str(DRIVER),
               f"{Path(__file__).parent}=/build_tools", f"{workdir}=/work"], env=env)
    report = workdir / "report.json"
    stdlib_out = workdir / "out" / "python_stdlib.zip"
    failure = json.loads(report.read_text()).get("startup failure") if report.exists() else None
    if failure:
        # it ran in the kernel's own Python with every shipped wheel: learners would meet it
        raise BuildError(f"course.toml, [kernel] startup fails in the browser's Python, {failure}")
    if not report.exists() or not all(p.exists() for p in [*out.values(), stdlib_out]):
        raise BuildError(f"{step} wrote no report or not every wheel (see {workdir})")
    return out, stdlib_out
