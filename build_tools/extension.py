"""Build stage: the litecourse-extension labextension and the wheel that ships it.

The site build passes the wheel to ``LiteBuildConfig.federated_extensions``.
Steps: ``npm ci`` (only when ``node_modules`` is missing or ``package-lock.json``
changed), ``tsc``, ``jupyter-builder build`` (production, no source maps), then
``pip wheel``. A doit task uses it like this::

    def task_extension():
        return {
            "file_dep": extension_file_dep(EXTENSION_DIR),
            "targets": extension_targets(OUT_DIR),
            "actions": [(extension_action, [EXTENSION_DIR, OUT_DIR])],
        }
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: the extension's source folder
EXTENSION_DIR = REPO_ROOT / "packages" / "litecourse-extension"
#: where the wheel goes unless the caller says otherwise
DEFAULT_OUT_DIR = REPO_ROOT / "build" / "extension"

#: the one line shown when node or npm is missing or too old
NODE_MISSING = "node 20 and npm are needed to build the extension: apt-get install nodejs npm"
#: what @rspack/core (used by @jupyter/builder) needs: ^20.19.0 || >=22.12.0
MIN_NODE = {20: (20, 19), 21: None, 22: (22, 12)}

#: the Python distribution name, as it appears in wheel file names
WHEEL_STEM = "litecourse_extension"
#: where the built labextension lands (package.json: jupyterlab.outputDir)
LABEXTENSION_SUBDIR = Path("litecourse_extension") / "labextension"

#: files and folders (relative to the extension folder) whose changes need a rebuild
_SOURCE_FILES = (
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "pyproject.toml",
    "install.json",
    "README.md",
    ".npmrc",
    "litecourse_extension/__init__.py",
)
_SOURCE_TREES = ("src", "style")

# stamps live inside node_modules: wiping it forces a full rebuild
_NPM_STAMP = Path("node_modules") / ".litecourse-npm-ci.sha256"
_BUILD_STAMP = Path("node_modules") / ".litecourse-build.json"

_TAIL_LINES = 40


class ExtensionBuildError(RuntimeError):
    """A build step failed; the message says which step and shows its output."""


def check_node() -> None:
    """Fail with one line if node or npm is missing or node is too old.

    Example: on a machine without node, ``check_node()`` raises
    ``ExtensionBuildError(NODE_MISSING)``; with node 20.19+ and npm it returns None.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise ExtensionBuildError(NODE_MISSING)
    try:
        found = subprocess.run(
            [node, "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise ExtensionBuildError(NODE_MISSING) from None
    if not node_version_ok(found):
        raise ExtensionBuildError(f"{NODE_MISSING} (found node {found}, need 20.19+ or 22.12+)")


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


def extension_file_dep(ext_dir: Path = EXTENSION_DIR) -> list[Path]:
    """Every source file whose change should rebuild the extension, sorted.

    >>> "package-lock.json" in [p.name for p in extension_file_dep()]
    True
    """
    ext_dir = Path(ext_dir)
    files = [ext_dir / name for name in _SOURCE_FILES if (ext_dir / name).is_file()]
    for tree in _SOURCE_TREES:
        files.extend(p for p in (ext_dir / tree).rglob("*") if p.is_file())
    return sorted(files)


def extension_version(ext_dir: Path = EXTENSION_DIR) -> str:
    """The Python package version, from the extension's ``pyproject.toml``.

    >>> extension_version().count(".")
    2
    """
    with (Path(ext_dir) / "pyproject.toml").open("rb") as fid:
        return tomllib.load(fid)["project"]["version"]


def wheel_path(out_dir: Path = DEFAULT_OUT_DIR, ext_dir: Path = EXTENSION_DIR) -> Path:
    """Where ``build_extension`` puts the wheel.

    >>> wheel_path(Path("build/extension")).name.endswith("-py3-none-any.whl")
    True
    """
    return Path(out_dir) / f"{WHEEL_STEM}-{extension_version(ext_dir)}-py3-none-any.whl"


def extension_targets(out_dir: Path = DEFAULT_OUT_DIR, ext_dir: Path = EXTENSION_DIR) -> list[Path]:
    """The files the build produces, for a doit task's ``targets``."""
    return [wheel_path(out_dir, ext_dir)]


def build_extension(ext_dir: Path = EXTENSION_DIR, out_dir: Path = DEFAULT_OUT_DIR) -> Path:
    """Build the labextension and its wheel into ``out_dir``; return the wheel path.

    Does nothing (and returns at once) when the sources and the wheel are
    unchanged since the last build.
    """
    ext_dir, out_dir = Path(ext_dir).resolve(), Path(out_dir).resolve()
    wheel = wheel_path(out_dir, ext_dir)
    inputs = _inputs_digest(ext_dir)
    if _up_to_date(ext_dir, wheel, inputs):
        return wheel
    check_node()
    install_node_modules(ext_dir)
    compile_typescript(ext_dir)
    build_labextension(ext_dir)
    built = build_wheel(ext_dir, out_dir)
    stamp = {"inputs": inputs, "wheel": str(built), "wheel_sha256": _sha256(built)}
    (ext_dir / _BUILD_STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return built


def extension_action(ext_dir: Path = EXTENSION_DIR, out_dir: Path = DEFAULT_OUT_DIR) -> bool:
    """``build_extension`` for a doit action: a failure prints one clear message
    (no traceback) and returns False, which doit reports as a failed task.
    """
    try:
        build_extension(ext_dir, out_dir)
    except ExtensionBuildError as error:
        print(f"extension: {error}", file=sys.stderr)
        return False
    return True


def install_node_modules(ext_dir: Path = EXTENSION_DIR) -> bool:
    """Run ``npm ci`` if ``node_modules`` is missing or ``package-lock.json`` changed.

    Returns whether ``npm ci`` ran.
    """
    ext_dir = Path(ext_dir)
    lock = ext_dir / "package-lock.json"
    if not lock.is_file():
        raise ExtensionBuildError(f"{lock} is missing: run `npm install` in {ext_dir} and commit it")
    digest = _sha256(lock)
    stamp = ext_dir / _NPM_STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
        return False
    _run("npm ci", ["npm", "ci", "--no-audit", "--no-fund"], ext_dir)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return True


def compile_typescript(ext_dir: Path = EXTENSION_DIR) -> None:
    """Compile ``src/`` to ``lib/`` with the extension's own TypeScript."""
    ext_dir = Path(ext_dir)
    tsc = ext_dir / "node_modules" / "typescript" / "bin" / "tsc"
    _run("tsc", ["node", str(tsc), "--project", str(ext_dir / "tsconfig.json")], ext_dir)


def build_labextension(ext_dir: Path = EXTENSION_DIR) -> Path:
    """Bundle ``lib/`` into the prebuilt labextension (production, no source maps).

    Returns the labextension folder; stale chunks from earlier builds are removed.
    """
    ext_dir = Path(ext_dir)
    output = ext_dir / LABEXTENSION_SUBDIR
    shutil.rmtree(output, ignore_errors=True)
    env = _venv_env()
    builder = shutil.which("jupyter-builder", path=env["PATH"])
    if builder is None:
        raise ExtensionBuildError(
            "jupyter-builder is needed to build the extension: pip install jupyter-builder==1.3.0"
        )
    _run("jupyter-builder build", [builder, "build", "."], ext_dir, env=env)
    if not (output / "package.json").is_file():
        raise ExtensionBuildError(f"jupyter-builder did not write {output / 'package.json'}")
    return output


def build_wheel(ext_dir: Path = EXTENSION_DIR, out_dir: Path = DEFAULT_OUT_DIR) -> Path:
    """Package the built labextension as a wheel in ``out_dir``; return its path.

    Older litecourse_extension wheels in ``out_dir`` are removed so that only
    the current one can be picked up.
    """
    ext_dir, out_dir = Path(ext_dir), Path(out_dir)
    if importlib.util.find_spec("hatchling") is None:
        raise ExtensionBuildError(
            "hatchling is needed to build the extension wheel: pip install hatchling==1.33.0"
        )
    wheel = wheel_path(out_dir, ext_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{WHEEL_STEM}-*.whl"):
        old.unlink()
    _run(
        "pip wheel",
        [
            sys.executable, "-m", "pip", "wheel",
            "--no-deps", "--no-build-isolation", "--no-cache-dir",
            "--disable-pip-version-check", "--quiet",
            "-w", str(out_dir), str(ext_dir),
        ],
        ext_dir,
        env=_venv_env(),
    )
    if not wheel.is_file():
        raise ExtensionBuildError(f"pip wheel did not write {wheel}")
    return wheel


def _venv_env() -> dict[str, str]:
    """The environment with this Python's ``bin`` first on PATH (for jupyter-builder)."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])
    return env


def _run(step: str, cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    """Run one build step; on failure raise with the step's name and output tail."""
    try:
        result = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise ExtensionBuildError(f"{step}: {error.filename} not found") from None
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(output[-_TAIL_LINES:])
        raise ExtensionBuildError(f"{step} failed in {cwd} (exit {result.returncode}):\n{tail}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _inputs_digest(ext_dir: Path) -> str:
    """One hash over every source file's path and content."""
    digest = hashlib.sha256()
    for path in extension_file_dep(ext_dir):
        digest.update(path.relative_to(ext_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _up_to_date(ext_dir: Path, wheel: Path, inputs: str) -> bool:
    stamp_file = ext_dir / _BUILD_STAMP
    if not (wheel.is_file() and stamp_file.is_file()):
        return False
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return (
        stamp.get("inputs") == inputs
        and stamp.get("wheel") == str(wheel)
        and stamp.get("wheel_sha256") == _sha256(wheel)
    )


def main() -> int:
    """``python -m build_tools.extension [OUT_DIR]``: build and print the wheel path."""
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT_DIR
    try:
        print(build_extension(EXTENSION_DIR, out_dir))
    except ExtensionBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
