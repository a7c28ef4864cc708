"""Serving the site: MIME types Pyodide needs, and a clear answer when the port is taken."""

from __future__ import annotations

import http.client
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

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


# --- holding up: long addresses, idle connections, bursts (shared with the offline launcher)


@pytest.fixture
def site_server(tmp_path):
    """``make_server`` on a free port, serving ``tmp_path`` in a thread; yields (server, port)."""
    (tmp_path / "index.html").write_text("<p>hi</p>")
    servers = []

    def start(**options):
        server = make_server(tmp_path, 0, **options)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def raw_request(port: int, request_line: str, timeout: float = 10) -> bytes:
    """Send one request over a real socket; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"{request_line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_a_70_kb_address_gets_414_uri_too_long_with_a_short_body(site_server):
    _, port = site_server()
    answer = raw_request(port, f"GET /{'a' * 70_000} HTTP/1.1")
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 414 ")
    assert 0 < len(body) < 2000


def test_an_address_just_over_8_kb_gets_414_and_one_just_under_is_served(site_server):
    _, port = site_server()
    over = "GET /index.html?" + "a" * 8200 + " HTTP/1.1"
    under = "GET /index.html?" + "a" * 8100 + " HTTP/1.1"
    assert raw_request(port, over).startswith(b"HTTP/1.1 414 ")
    assert raw_request(port, under).startswith(b"HTTP/1.1 200 ")


def test_a_malformed_request_line_gets_400_not_a_dropped_connection(site_server):
    _, port = site_server()
    assert raw_request(port, "GET / extra HTTP/1.1").startswith(b"HTTP/1.1 400 ")


def test_the_server_keeps_a_real_listen_backlog():
    # a busy server (here: one not accepting yet) must queue a burst, not reset it
    server = make_server(Path("."), 0)
    try:
        assert server.request_queue_size >= 128
        port = server.server_address[1]
        burst = []
        try:
            for _ in range(100):
                burst.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        finally:
            for conn in burst:
                conn.close()
        assert len(burst) == 100
    finally:
        server.server_close()


def test_an_idle_connection_is_closed_after_the_timeout(site_server):
    _, port = site_server(idle_timeout=0.5)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        began = time.monotonic()
        assert conn.recv(1) == b"", "the server should close a connection that sends nothing"
        assert time.monotonic() - began < 4


def test_keep_alive_serves_several_requests_on_one_connection(site_server):
    _, port = site_server()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        for _ in range(3):
            conn.request("GET", "/index.html")
            response = conn.getresponse()
            assert response.status == 200 and response.read() == b"<p>hi</p>"
        assert conn.sock is not None, "the connection was closed between requests"
    finally:
        conn.close()


def _serving(root: Path, ignore_sigint: bool):
    """``python -m build_tools.serve`` as ``./run serve`` execs it; a shell's background job
    inherits SIGINT ignored, as ``./run serve &`` does."""
    import signal
    import subprocess
    import sys

    def background_job():
        if ignore_sigint:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    port = free_port(8500)
    process = subprocess.Popen([sys.executable, "-m", "build_tools.serve", str(root), "--port", str(port)],
                               cwd=Path(__file__).resolve().parents[2], preexec_fn=background_job,
                               stdout=subprocess.PIPE, text=True)
    assert "Serving the course" in process.stdout.readline()
    return process, port


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_serve_stops_when_it_is_sent_a_signal_even_as_a_background_job(tmp_path, signal_name):
    import signal

    (tmp_path / "index.html").write_text("<!doctype html>")
    process, port = _serving(tmp_path, ignore_sigint=True)
    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).close()
    process.send_signal(getattr(signal, signal_name))
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"the server was still running 10 s after {signal_name}")
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
    assert "Stopped." in process.stdout.read()
