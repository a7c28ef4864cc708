"""What the site's service worker keeps for offline use: ``litecourse-offline.json``.

After one online visit a learner can open and run the course without the network: the
service worker (``build_tools/service_worker/first/offline_cache.js``) keeps a copy of every
file of the built site in the browser's Cache Storage. The build lists those files with the
size and the SRI hash (``sha256-…``) of each, and a version made from that list, and embeds the
list in ``service-worker.js``: a new build changes the worker's bytes, so the browser installs
the new worker, which fetches only the files whose hash changed (the browser checks each one)
and then drops the old copy. The learner's work lives in IndexedDB and is never touched.

Run ``python -m build_tools.offline_cache [site folder]`` to print what a site keeps offline.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
from pathlib import Path

from .errors import BuildError

#: the list at the site's root (for the home page, tools and educators)
MANIFEST = "litecourse-offline.json"
WORKER = "service-worker.js"
#: what ``offline_cache.js`` holds until the build puts the list there (valid JS: no list)
PLACEHOLDER = "/*LITECOURSE_OFFLINE_MANIFEST*/null"
#: the home page's script that prepares the offline copy and says how far it got
PAGE_SCRIPT = "offline.js"


def integrity(data: bytes) -> str:
    """The Subresource Integrity value of ``data`` (what ``fetch(url, {integrity})`` checks).

    >>> integrity(b"")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def site_files(output_dir: Path) -> list[dict]:
    """Every file of the built site but the worker and this list: ``{path, size, integrity}``.

    Paths use ``/`` and are relative to the site's root, sorted.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); (d / "lab").mkdir()
    >>> _ = (d / "lab" / "index.html").write_text("hi"); _ = (d / WORKER).write_text("sw")
    >>> [(f["path"], f["size"]) for f in site_files(d)]
    [('lab/index.html', 2)]
    """
    found = []
    for path in sorted(output_dir.rglob("*")):
        relative = path.relative_to(output_dir).as_posix()
        # the worker is fetched by the browser itself, never through a worker
        if path.is_file() and relative not in (WORKER, MANIFEST):
            data = path.read_bytes()
            found.append({"path": relative, "size": len(data), "integrity": integrity(data)})
    return found


def manifest(files: list[dict], app_version: str) -> dict:
    """The offline list: a version that changes whenever any file does, totals, and the files.

    ``app_version`` is JupyterLite's (its pages forget their worker when it changes).

    >>> m = manifest([{"path": "a", "size": 3, "integrity": "sha256-x"}], "0.8.6")
    >>> m["count"], m["bytes"], len(m["version"])
    (1, 3, 16)
    >>> m["version"] == manifest([{"path": "a", "size": 3, "integrity": "sha256-y"}], "0.8.6")["version"]
    False
    """
    digest = hashlib.sha256()
    for entry in files:
        digest.update(f"{entry['path']}\n{entry['integrity']}\n".encode())
    return {
        "version": digest.hexdigest()[:16],
        "appVersion": app_version,
        "count": len(files),
        "bytes": sum(entry["size"] for entry in files),
        "files": files,
    }


def embed(worker_code: str, listing: dict) -> str:
    """The worker's code with ``listing`` in place of the placeholder (which must be there once).

    >>> embed("const M = " + PLACEHOLDER + ";", {"version": "v"})
    'const M = {"version":"v"};'
    """
    if worker_code.count(PLACEHOLDER) != 1:
        raise BuildError(f"{WORKER}: the offline cache's placeholder {PLACEHOLDER} is missing "
                         "(build_tools/service_worker/first/offline_cache.js)")
    return worker_code.replace(PLACEHOLDER, json.dumps(listing, separators=(",", ":")))


def write_offline_cache(output_dir: Path, page_script: Path) -> dict:
    """List the complete site in ``output_dir`` for its worker; call it after every other step.

    Copies the home page's ``offline.js`` first (it is part of what is kept), writes
    ``litecourse-offline.json`` and embeds the list in ``service-worker.js``; returns the list.
    """
    shutil.copy2(page_script, output_dir / PAGE_SCRIPT)
    config = json.loads((output_dir / "jupyter-lite.json").read_text(encoding="utf-8"))
    app_version = config.get("jupyter-config-data", {}).get("appVersion", "")
    listing = manifest(site_files(output_dir), app_version)
    (output_dir / MANIFEST).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    worker = output_dir / WORKER
    worker.write_text(embed(worker.read_text(encoding="utf-8"), listing), encoding="utf-8")
    return listing


def describe(listing: dict) -> str:
    """One line for people: how many files and bytes a learner's browser keeps.

    >>> describe({"count": 2, "bytes": 41_500_000})
    '2 files, 41500000 bytes (41.5 MB)'
    """
    return f"{listing['count']} files, {listing['bytes']} bytes ({listing['bytes'] / 1e6:.1f} MB)"


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "lite_site/_output")
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except OSError:
        sys.exit(f"{site / MANIFEST} is missing: build the site first (./run build)")
    print(f"{site}: a learner's browser keeps {describe(data)} for offline use (version {data['version']})")
