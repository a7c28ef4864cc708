"""Pyodide's own packages (numpy, pandas, sympy…) from a Pyodide distribution, verified.

The npm package ``pyodide`` holds the runtime and the lock, not the packages. The lock names,
for each package, the exact file and its sha256. A course that lists packages in
``[kernel] pyodide_packages`` gets each one with its dependency closure from a distribution
source, every file checked against the lock's sha256, copied beside the runtime and kept in
the shipped lock, so ``import numpy`` loads it on demand from the site itself.

A source is the official release for the pinned version (the default, which a GitHub
Actions build can reach), a local folder of a distribution, or its tarball (``.tar.bz2``…).
A folder or tarball that holds its own ``pyodide-lock.json`` is read with that lock (it must be
for the same Python); otherwise the npm package's lock applies.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import lock as lockmod
from .errors import BuildError
from .names import canonical

#: the official distribution of a Pyodide version, one file per package (as the kernel's
#: default ``pyodideUrl`` uses)
OFFICIAL = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
TARBALL_SUFFIXES = (".tar.bz2", ".tar.gz", ".tgz", ".tar", ".tar.xz")
#: seconds to wait for the official release before saying it cannot be reached
TIMEOUT = 60


@dataclass(frozen=True)
class Distribution:
    """Where packages come from: its description, its lock, and a reader of its files."""

    source: str
    lock: dict
    read: Callable[[str], bytes]  # a lock ``file_name`` -> the file's bytes (raises OSError)


def _python(lock: dict) -> str:
    return ".".join(str(lock.get("info", {}).get("python", "")).split(".")[:2])


def _checked_lock(lock: dict, base_lock: dict, source: str) -> dict:
    if _python(lock) != _python(base_lock):
        raise BuildError(
            f"the Pyodide distribution at {source} is for Python {_python(lock) or '?'}, but the site's "
            f"Pyodide runs Python {_python(base_lock)}: use the distribution of the pinned Pyodide version"
        )
    return lock


def _from_folder(folder: Path, base_lock: dict) -> Distribution:
    own = folder / "pyodide-lock.json"
    lock = json.loads(own.read_text(encoding="utf-8")) if own.is_file() else base_lock
    checked = _checked_lock(lock, base_lock, str(folder))
    return Distribution(str(folder), checked, lambda name: (folder / name).read_bytes())


def _from_tarball(path: Path, base_lock: dict) -> Distribution:
    try:
        tar = tarfile.open(path)
        members = {PurePosixPath(m.name).name: m for m in tar.getmembers() if m.isfile()}
    except (OSError, tarfile.TarError) as exc:
        raise BuildError(f"the Pyodide distribution {path} cannot be read as a tarball ({exc})") from None

    def read(name: str) -> bytes:
        if name not in members:
            raise OSError(f"{path} holds no file {name}")
        return tar.extractfile(members[name]).read()

    lock = json.loads(read("pyodide-lock.json")) if "pyodide-lock.json" in members else base_lock
    return Distribution(str(path), _checked_lock(lock, base_lock, str(path)), read)


def _from_url(base: str, base_lock: dict, cache: Path) -> Distribution:
    base = base if base.endswith("/") else base + "/"

    def read(name: str) -> bytes:
        cached = cache / name
        if cached.is_file():
            return cached.read_bytes()
        try:
            with urllib.request.urlopen(base + name, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) only
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise OSError(getattr(exc, "reason", exc)) from None
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
        return data

    return Distribution(base, base_lock, read)


def open_distribution(
    source: str | None, version: str, base_lock: dict, cache: Path, relative_to: Path
) -> Distribution:
    """The distribution at ``source`` (None: the official release of ``version``).

    A relative path is read from ``relative_to`` (the folder of ``course.toml``).
    """
    if not source:
        return _from_url(OFFICIAL.format(version=version), base_lock, cache / f"pyodide-{version}")
    if source.startswith(("http://", "https://")):
        return _from_url(source, base_lock, cache / f"pyodide-{version}")
    path = (relative_to / source).resolve()
    if path.is_dir():
        return _from_folder(path, base_lock)
    if path.is_file() and path.name.endswith(TARBALL_SUFFIXES):
        return _from_tarball(path, base_lock)
    raise BuildError(
        f"the Pyodide distribution {source!r} is neither a folder, a tarball nor an http(s) address "
        f"(looked for {path})"
    )


def take_packages(dist: Distribution, names: list[str], dest: Path, shipped: dict) -> dict[str, dict]:
    """Copy ``names`` and their closure from ``dist`` into ``dest``; their lock entries by key.

    Packages already in ``shipped`` (lock entries the site has from elsewhere) are kept as
    they are. Every file must match the lock's sha256, or the build stops naming it.
    """
    known = {canonical(n) for n in lockmod.index_by_canonical(shipped)}
    entries = {}
    for key in lockmod.closure(dist.lock["packages"], names):
        entry = dist.lock["packages"][key]
        if canonical(entry.get("name", key)) in known:
            continue
        file_name = entry["file_name"]
        try:
            data = dist.read(file_name)
        except OSError as exc:
            raise BuildError(
                f"could not get Pyodide's package {entry.get('name', key)} ({file_name}) from {dist.source}: {exc}. "
                "Build where that source is reachable (GitHub Actions is), or set [kernel] pyodide_source in "
                "course.toml (or LITECOURSE_PYODIDE_SOURCE) to a folder or tarball of the distribution"
            ) from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.get("sha256"):
            raise BuildError(
                f"{file_name} from {dist.source} does not match Pyodide's lock (sha256 {digest[:12]}…, the lock says "
                f"{str(entry.get('sha256'))[:12]}…): the file is damaged or was changed, so the build refuses it"
            )
        dest.mkdir(parents=True, exist_ok=True)
        (dest / file_name).write_bytes(data)
        entries[key] = dict(entry, unvendored_tests=False)
    return entries
