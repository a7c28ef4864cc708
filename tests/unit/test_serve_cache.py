"""The local server lets warm visits revalidate cheaply and never hides a rebuilt file."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.request

import pytest

from build_tools.serve import make_server


@pytest.fixture
def site(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "716.d56474bfc99eefc5.js").write_text("chunk")
    (tmp_path / "jupyter-lite.json").write_text("{}")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def get(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), b""


def test_a_second_visit_gets_304_for_an_unchanged_file_by_etag(site):
    _, url = site
    status, headers, body = get(url + "jupyter-lite.json")
    assert (status, body, headers["Cache-Control"]) == (200, b"{}", "no-cache")
    status, _, body = get(url + "jupyter-lite.json", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_a_rebuilt_file_is_sent_again_not_304(site):
    root, url = site
    _, headers, _ = get(url + "jupyter-lite.json")
    (root / "jupyter-lite.json").write_text('{"rebuilt": 1}')
    os.utime(root / "jupyter-lite.json", ns=(1, 2_000_000_000_000_000_000))
    status, _, body = get(url + "jupyter-lite.json", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (200, b'{"rebuilt": 1}')


def test_content_hashed_chunks_are_cached_without_revalidation(site):
    _, url = site
    status, headers, _ = get(url + "build/716.d56474bfc99eefc5.js")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
