"""Both local servers (``./run serve`` and the offline zip's launcher) send text assets gzipped
to browsers that accept it, and the same bytes as before to everyone else."""

from __future__ import annotations

import gzip
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from build_tools import paths
from build_tools.serve import make_server
from build_tools.zip import load_launcher

launcher = load_launcher(paths.LAUNCHER)
SCRIPT = "".join(f"console.log({i}); // a line of a bundle\n" for i in range(400)).encode()


def write_site(root: Path) -> Path:
    (root / "build").mkdir()
    (root / "build" / "main.js").write_bytes(SCRIPT)
    (root / "build" / "tiny.js").write_bytes(b"x=1")
    (root / "static").mkdir()
    (root / "static" / "pkg-1.0-py3-none-any.whl").write_bytes(SCRIPT)
    (root / "index.html").write_bytes(b"<!doctype html><title>course</title>" + b" " * 2000)
    return root


def serve_site(root: Path):
    server = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def serve_with_launcher(root: Path):
    handler = launcher.make_handler(str(root), "intro-py", "build-1")
    server = launcher.StaticServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(params=["serve", "launcher"])
def site(request, tmp_path):
    """The same small site behind each server; yields (root, base URL)."""
    root = write_site(tmp_path)
    start = serve_site if request.param == "serve" else serve_with_launcher
    server, url = start(root)
    yield root, url
    server.shutdown()
    server.server_close()


def get(url: str, headers: dict | None = None):
    """(status, headers, body as sent on the wire): urllib never unpacks gzip itself."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, b""


GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_script_is_sent_gzipped_to_a_browser_that_accepts_gzip(site):
    _, url = site
    status, headers, body = get(url + "build/main.js", GZIP)
    assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == SCRIPT
    assert int(headers["Content-Length"]) == len(body) < len(SCRIPT) / 4
    assert headers["Content-Type"] == "text/javascript"


def test_a_client_without_gzip_gets_the_file_as_it_is(site):
    _, url = site
    status, headers, body = get(url + "build/main.js")
    assert (status, body, headers["Content-Encoding"]) == (200, SCRIPT, None)
    assert headers["Vary"] == "Accept-Encoding"


def test_a_folder_index_page_is_sent_gzipped(site):
    root, url = site
    status, headers, body = get(url, GZIP)
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == (root / "index.html").read_bytes()


def test_wheels_and_tiny_files_are_sent_as_they_are(site):
    _, url = site
    for path, expected in (("static/pkg-1.0-py3-none-any.whl", SCRIPT), ("build/tiny.js", b"x=1")):
        status, headers, body = get(url + path, GZIP)
        assert (status, body, headers["Content-Encoding"]) == (200, expected, None), path


def test_a_rebuilt_file_is_compressed_again_not_served_from_the_old_copy(site):
    root, url = site
    get(url + "build/main.js", GZIP)
    rebuilt = SCRIPT.replace(b"a line", b"another line")
    (root / "build" / "main.js").write_bytes(rebuilt)
    os.utime(root / "build" / "main.js", ns=(1, 2_000_000_000_000_000_000))
    _, _, body = get(url + "build/main.js", GZIP)
    assert gzip.decompress(body) == rebuilt


def test_a_warm_visit_revalidates_a_gzipped_file_with_304(site):
    _, url = site
    _, headers, _ = get(url + "build/main.js", GZIP)
    # the dev server validates by ETag, the launcher by date, as browsers send them
    if headers["ETag"]:
        conditional = {"If-None-Match": headers["ETag"]}
    else:
        conditional = {"If-Modified-Since": headers["Last-Modified"]}
    status, _, body = get(url + "build/main.js", {**GZIP, **conditional})
    assert (status, body) == (304, b"")


def test_warming_the_cache_compresses_the_site_before_the_first_request(tmp_path):
    root = write_site(tmp_path)
    cache = launcher.GzipCache()
    cache.warm(str(root))
    main = str(root / "build" / "main.js")
    assert set(cache._copies) == {main, str(root / "index.html")}
    assert gzip.decompress(cache.get(main, os.stat(main))) == SCRIPT
