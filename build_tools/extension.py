"""Build stage: the litecourse-extension labextension and the wheel that ships it.

The site build passes the wheel to ``LiteBuildConfig.federated_extensions``. Two steps,
each a doit task that decides when it is up to date from its inputs and targets:

* :func:`install_node_modules` — ``npm ci`` (inputs: ``package.json``, ``package-lock.json``;
  target: ``node_modules/.package-lock.json``, which npm writes);
* :func:`build_extension` — ``tsc``, ``jupyter-builder build`` (production, no source maps),
  then ``pip wheel`` (inputs: :func:`extension_file_dep`; target: :func:`extension_targets`).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import tomllib
from pathlib import Path

from . import paths
from .errors import BuildError
from .tools import require_command, run, venv_env

#: where the wheel goes
OUT_DIR = paths.WHEELS / "extension"

#: the one line shown when node or npm is missing or too old
NODE_MISSING = "node 20 and npm are needed to build the extension: apt-get install nodejs npm"
#: what @rspack/core (used by @jupyter/builder) needs: ^20.19.0 || >=22.12.0
MIN_NODE = {20: (20, 19), 21: None, 22: (22, 12)}

#: the Python distribution name, as it appears in wheel file names
WHEEL_STEM = "litecourse_extension"
#: where the built labextension lands (package.json: jupyterlab.outputDir)
LABEXTENSION_SUBDIR = Path("litecourse_extension") / "labextension"

#: what ``npm ci`` installs from (relative to the extension folder)
NPM_INPUTS = ("package.json", "package-lock.json")
#: written by npm at the end of every install: the ``npm ci`` step's target
NPM_INSTALLED = Path("node_modules") / ".package-lock.json"

#: files and folders (relative to the extension folder) whose changes need a rebuild
_SOURCE_FILES = (
    *NPM_INPUTS,
    "tsconfig.json",
    "pyproject.toml",
    "install.json",
    "README.md",
    ".npmrc",
    "webpack.config.js",
    "litecourse_extension/__init__.py",
)
#: kernel_python: the Python the extension sends to the kernel, bundled as text
_SOURCE_TREES = ("src", "style", "kernel_python")


def check_node() -> None:
    """Fail with one line if node or npm is missing or node is too old.

    Example: on a machine without node, ``check_node()`` raises
    ``BuildError(NODE_MISSING)``; with node 20.19+ and npm it returns None.
    """
    try:
        node = require_command("node", NODE_MISSING)
        require_command("npm", NODE_MISSING)
        found = run("node --version", [node, "--version"]).stdout.strip()
    except BuildError:
        raise BuildError(NODE_MISSING) from None  # one line, whatever was missing
    if not node_version_ok(found):
        raise BuildError(f"{NODE_MISSING} (found node {found}, need 20.19+ or 22.12+)")


def node_version_ok(version: str) -> bool:
    """Is this ``node --version`` output new enough for the extension's bundler?

    >>> node_version_ok("v20.20.2"), node_version_ok("v18.19.0"), node_version_ok("v22.1.0")
    (True, False, False)
    """
    match = re.match(r"v?(\d+)\.(\d+)", version.strip())
    if not match:
        return False
    major, minor = int(match[1]), int(match[2])
    if major in MIN_NODE:
        floor = MIN_NODE[major]
        return floor is not None and (major, minor) >= floor
    return major > max(MIN_NODE)


def npm_file_dep(ext_dir: Path = paths.EXTENSION_DIR) -> list[Path]:
    """The files ``npm ci`` installs from.

    >>> [p.name for p in npm_file_dep()]
    ['package.json', 'package-lock.json']
    """
    return [Path(ext_dir) / name for name in NPM_INPUTS]


def extension_file_dep(ext_dir: Path = paths.EXTENSION_DIR) -> list[Path]:
    """Every source file whose change should rebuild the extension, sorted.

    >>> "package-lock.json" in [p.name for p in extension_file_dep()]
    True
    """
    ext_dir = Path(ext_dir)
    files = [ext_dir / name for name in _SOURCE_FILES if (ext_dir / name).is_file()]
    for tree in _SOURCE_TREES:
        files.extend(p for p in (ext_dir / tree).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(files)


def extension_version(ext_dir: Path = paths.EXTENSION_DIR) -> str:
    """The Python package version, from the extension's ``pyproject.toml``.

    >>> extension_version().count(".")
    2
    """
    with (Path(ext_dir) / "pyproject.toml").open("rb") as fid:
        return tomllib.load(fid)["project"]["version"]


def wheel_path(out_dir: Path = OUT_DIR, ext_dir: Path = paths.EXTENSION_DIR) -> Path:
    """Where ``build_extension`` puts the wheel.

    >>> wheel_path(Path("build/extension")).name.endswith("-py3-none-any.whl")
    True
    """
    return Path(out_dir) / f"{WHEEL_STEM}-{extension_version(ext_dir)}-py3-none-any.whl"


def extension_targets(out_dir: Path = OUT_DIR, ext_dir: Path = paths.EXTENSION_DIR) -> list[Path]:
    """The files the build produces, for a doit task's ``targets``."""
    return [wheel_path(out_dir, ext_dir)]


def install_node_modules(ext_dir: Path = paths.EXTENSION_DIR) -> None:
    """``npm ci``: ``node_modules`` exactly as ``package-lock.json`` says."""
    ext_dir = Path(ext_dir)
    lock = ext_dir / "package-lock.json"
    if not lock.is_file():
        raise BuildError(f"{lock} is missing: run `npm install` in {ext_dir} and commit it")
    check_node()
    run("npm ci", ["npm", "ci", "--no-audit", "--no-fund"], ext_dir)


def build_extension(ext_dir: Path = paths.EXTENSION_DIR, out_dir: Path = OUT_DIR) -> Path:
    """Build the labextension and its wheel into ``out_dir``; return the wheel path.

    ``node_modules`` must be installed (:func:`install_node_modules`).
    """
    ext_dir, out_dir = Path(ext_dir).resolve(), Path(out_dir).resolve()
    check_node()
    compile_typescript(ext_dir)
    build_labextension(ext_dir)
    return build_wheel(ext_dir, out_dir)


def compile_typescript(ext_dir: Path = paths.EXTENSION_DIR) -> None:
    """Compile ``src/`` to ``lib/`` with the extension's own TypeScript."""
    ext_dir = Path(ext_dir)
    tsc = ext_dir / "node_modules" / "typescript" / "bin" / "tsc"
    run("tsc", ["node", str(tsc), "--project", str(ext_dir / "tsconfig.json")], ext_dir)


def build_labextension(ext_dir: Path = paths.EXTENSION_DIR) -> Path:
    """Bundle ``lib/`` into the prebuilt labextension (production, no source maps).

    Returns the labextension folder; stale chunks from earlier builds are removed.
    """
    ext_dir = Path(ext_dir)
    output = ext_dir / LABEXTENSION_SUBDIR
    shutil.rmtree(output, ignore_errors=True)
    env = venv_env()
    builder = require_command(
        "jupyter-builder", "It builds the extension: pip install jupyter-builder==1.3.0", path=env["PATH"]
    )
    run("jupyter-builder build", [builder, "build", "."], ext_dir, env=env)
    if not (output / "package.json").is_file():
        raise BuildError(f"jupyter-builder did not write {output / 'package.json'}")
    return output


def build_wheel(ext_dir: Path = paths.EXTENSION_DIR, out_dir: Path = OUT_DIR) -> Path:
    """Package the built labextension as a wheel in ``out_dir``; return its path.

    Older litecourse_extension wheels in ``out_dir`` are removed so that only
    the current one can be picked up.
    """
    ext_dir, out_dir = Path(ext_dir), Path(out_dir)
    if importlib.util.find_spec("hatchling") is None:
        raise BuildError("hatchling is needed to build the extension wheel: pip install hatchling==1.33.0")
    wheel = wheel_path(out_dir, ext_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{WHEEL_STEM}-*.whl"):
        old.unlink()
    run(
        "pip wheel",
        [
            sys.executable, "-m", "pip", "wheel",
            "--no-deps", "--no-build-isolation", "--no-cache-dir",
            "--disable-pip-version-check", "--quiet",
            "-w", str(out_dir), str(ext_dir),
        ],
        ext_dir,
        env=venv_env(),
    )
    if not wheel.is_file():
        raise BuildError(f"pip wheel did not write {wheel}")
    return wheel
