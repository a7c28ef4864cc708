"""What the site's service worker keeps offline (``build_tools/offline_cache.py``) and where its
handler goes in the worker (``build_tools/service_worker``). The behaviour itself is tested in
Chromium: ``tests/browser/test_offline_visit.py``."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools import service_worker  # noqa: E402
from build_tools.errors import BuildError  # noqa: E402
from build_tools.offline_cache import MANIFEST, PLACEHOLDER, write_offline_cache  # noqa: E402

JUPYTERLITE_WORKER = '"use strict";self.addEventListener("fetch",onFetch);'


def _site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A built site's folder with ``files`` and a worker that carries our handlers."""
    site = tmp_path / "site"
    site.mkdir(parents=True)
    for path, data in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    (site / "jupyter-lite.json").write_text(json.dumps({"jupyter-config-data": {"appVersion": "0.8.6"}}))
    (site / "service-worker.js").write_text(JUPYTERLITE_WORKER)
    service_worker.extend_service_worker(site)
    return site


def _page_script(tmp_path: Path) -> Path:
    script = tmp_path / "offline.js"
    script.write_text("/* page */")
    return script


def _embedded(site: Path) -> dict:
    code = (site / "service-worker.js").read_text()
    start = code.index("const LISTING = ") + len("const LISTING = ")
    return json.JSONDecoder().raw_decode(code[start:])[0]


def test_every_file_of_the_site_is_listed_with_its_size_and_sri_hash(tmp_path):
    wasm = b"\0asm" * 1000
    site = _site(tmp_path, {"index.html": b"<h1>home</h1>", "static/pyodide/pyodide.asm.wasm": wasm,
                            "files/unit 1/loops.ipynb": b"{}"})
    listing = write_offline_cache(site, _page_script(tmp_path))
    files = {f["path"]: f for f in listing["files"]}
    assert sorted(files) == ["files/unit 1/loops.ipynb", "index.html", "jupyter-lite.json", "offline.js",
                             "static/pyodide/pyodide.asm.wasm"]
    expected = "sha256-" + base64.b64encode(hashlib.sha256(wasm).digest()).decode()
    assert files["static/pyodide/pyodide.asm.wasm"] == {"path": "static/pyodide/pyodide.asm.wasm",
                                                        "size": len(wasm), "integrity": expected}
    assert listing["count"] == 5 and listing["bytes"] == sum(f["size"] for f in listing["files"])
    assert listing["appVersion"] == "0.8.6"
    assert json.loads((site / MANIFEST).read_text()) == listing


def test_the_worker_carries_the_list_so_a_new_build_is_a_new_worker(tmp_path):
    site = _site(tmp_path, {"index.html": b"one"})
    first = write_offline_cache(site, _page_script(tmp_path))
    assert _embedded(site) == first and PLACEHOLDER not in (site / "service-worker.js").read_text()

    rebuilt = _site(tmp_path / "again", {"index.html": b"two"})
    second = write_offline_cache(rebuilt, _page_script(tmp_path))
    assert second["version"] != first["version"]
    assert (rebuilt / "service-worker.js").read_text() != (site / "service-worker.js").read_text()


def test_the_same_files_make_the_same_version(tmp_path):
    one = write_offline_cache(_site(tmp_path / "1", {"a.js": b"x"}), _page_script(tmp_path))
    two = write_offline_cache(_site(tmp_path / "2", {"a.js": b"x"}), _page_script(tmp_path))
    assert one["version"] == two["version"]


def test_a_worker_without_the_offline_handler_fails_the_build_by_name(tmp_path):
    site = _site(tmp_path, {"index.html": b"x"})
    (site / "service-worker.js").write_text(JUPYTERLITE_WORKER)
    with pytest.raises(BuildError, match="offline_cache.js"):
        write_offline_cache(site, _page_script(tmp_path))


def test_the_offline_handler_runs_before_jupyterlites_and_the_others_after(tmp_path):
    site = _site(tmp_path, {})
    code = (site / "service-worker.js").read_text()
    assert code.startswith("'use strict';")
    assert code.index("// offline_cache.js") < code.index(JUPYTERLITE_WORKER) < code.index("// interrupts.js")
    service_worker.extend_service_worker(site)  # again: each part once
    again = (site / "service-worker.js").read_text()
    assert again == code
