"""Serving the site: MIME types Pyodide needs, and a clear answer when the port is taken."""

from __future__ import annotations

import socket
import threading
import urllib.request

from build_tools.serve import free_port, make_server


def test_wasm_and_module_files_get_the_types_browsers_require(tmp_path):
    (tmp_path / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (tmp_path / "pyodide.mjs").write_text("export {}")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(base + "pyodide.asm.wasm") as r:
            assert r.headers["Content-Type"] == "application/wasm"
        with urllib.request.urlopen(base + "pyodide.mjs") as r:
            assert r.headers["Content-Type"].startswith("text/javascript")
    finally:
        server.shutdown()
        server.server_close()


def test_a_busy_port_gives_the_next_free_one():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert free_port(taken) > taken


def test_serve_says_aloud_when_it_moves_to_another_port(tmp_path, capsys, monkeypatch):
    from build_tools import serve as serve_mod

    (tmp_path / "index.html").write_text("<p>hi</p>")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]


        def fake_serve_forever(self):
            raise KeyboardInterrupt

        monkeypatch.setattr(serve_mod.http.server.ThreadingHTTPServer, "serve_forever", fake_serve_forever)
        serve_mod.serve(tmp_path, taken)
    out = capsys.readouterr().out
    assert f"Port {taken} is in use; using" in out
    assert "Serving the course at http://127.0.0.1:" in out
