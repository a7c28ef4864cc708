"""The offline launcher holds up and reuses only this very build of the course on its port."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from build_tools import paths
from build_tools import zip as offline_zip
from build_tools.course import Course

launcher = offline_zip.load_launcher(paths.LAUNCHER)
COURSE = Course("intro-py", "Intro to Python", "2026.1")


def small_site(root: Path, text: str = "course") -> Path:
    site = root / "_output"
    site.mkdir(parents=True)
    (site / "index.html").write_text(f"<!doctype html><title>{text}</title>")
    (site / "jupyter-lite.json").write_text(
        '{"jupyter-config-data": {"litecourse": {"courseId": "intro-py"}}}'
    )
    return site


def unzip(target: Path, where: Path) -> Path:
    with zipfile.ZipFile(target) as zf:
        zf.extractall(where)
    return where / offline_zip.zip_stem(COURSE)


@pytest.fixture
def answering(tmp_path):
    """Start a program on a free port that answers the launcher's question with ``answer``."""
    servers = []

    def start(answer: dict) -> int:
        body = json.dumps(answer).encode()

        class Impostor(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Impostor)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def run_launcher(folder: Path, port: int) -> tuple[subprocess.Popen, str]:
    """Start the unzipped launcher on ``port``; returns the process (None if it exited) and what it said."""
    proc = subprocess.Popen(
        [sys.executable, "start_course.py", "--no-browser", "--port", str(port)],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    said = []
    for line in proc.stdout:
        said.append(line)
        if "The course is running at" in line:
            return proc, "".join(said)
    proc.wait(timeout=10)
    return None, "".join(said)


def test_the_zip_writes_a_build_id_that_changes_with_the_site(tmp_path):
    first = unzip(offline_zip.build_zip(small_site(tmp_path / "a"), paths.LAUNCHER, COURSE, tmp_path / "d1"),
                  tmp_path / "u1")
    second = unzip(offline_zip.build_zip(small_site(tmp_path / "b", "changed"), paths.LAUNCHER, COURSE,
                                         tmp_path / "d2"), tmp_path / "u2")
    first_id, second_id = launcher.build_id(first / "site"), launcher.build_id(second / "site")
    assert len(first_id) == 64 and len(second_id) == 64
    assert first_id != second_id


def test_the_launcher_answers_with_its_course_and_build_id(tmp_path):
    server = launcher.StaticServer(("127.0.0.1", 0), launcher.make_handler(str(tmp_path), "intro-py", "b1"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert launcher.running_course(server.server_address[1]) == ("intro-py", "b1")
    finally:
        server.shutdown()
        server.server_close()


def test_the_launcher_refuses_a_stranger_on_its_port_and_says_it_moved(tmp_path, answering):
    folder = unzip(offline_zip.build_zip(small_site(tmp_path), paths.LAUNCHER, COURSE, tmp_path / "d"), tmp_path / "u")
    port = answering({"courseId": "intro-py", "buildId": "not-this-build"})
    proc, said = run_launcher(folder, port)
    try:
        assert proc is not None, said
        assert "already running" not in said
        assert f"Another copy of this course (a different version or download) is running at port {port}" in said
        assert f"The course is running at http://127.0.0.1:{port}/" not in said
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)


def test_the_launcher_refuses_a_program_that_answers_for_another_course(tmp_path, answering):
    folder = unzip(offline_zip.build_zip(small_site(tmp_path), paths.LAUNCHER, COURSE, tmp_path / "d"), tmp_path / "u")
    port = answering({"courseId": "someone-else"})
    proc, said = run_launcher(folder, port)
    try:
        assert proc is not None, said
        assert f"Port {port} is busy" in said
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)


def test_the_launcher_reuses_a_launcher_serving_this_very_build(tmp_path, answering):
    folder = unzip(offline_zip.build_zip(small_site(tmp_path), paths.LAUNCHER, COURSE, tmp_path / "d"), tmp_path / "u")
    port = answering({"courseId": "intro-py", "buildId": launcher.build_id(folder / "site")})
    proc, said = run_launcher(folder, port)
    assert proc is None, "it started a second server instead of reusing the first"
    assert f"already running at http://127.0.0.1:{port}/" in said


def test_the_launcher_answers_a_70_kb_address_with_414(tmp_path):
    server = launcher.StaticServer(("127.0.0.1", 0), launcher.make_handler(str(tmp_path), "intro-py", "b1"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as conn:
            conn.sendall(f"GET /{'a' * 70_000} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 414 ")
    finally:
        server.shutdown()
        server.server_close()


def test_the_launcher_closes_idle_connections_and_queues_bursts(tmp_path):
    assert launcher.StaticServer.request_queue_size >= 128
    server = launcher.StaticServer(("127.0.0.1", 0), launcher.make_handler(str(tmp_path), "x", idle_timeout=0.5))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as conn:
            assert conn.recv(1) == b""
    finally:
        server.shutdown()
        server.server_close()


def test_a_connection_the_browser_resets_prints_no_traceback_in_the_learners_window(tmp_path, capfd):
    import struct
    import time

    server = launcher.StaticServer(("127.0.0.1", 0), launcher.make_handler(str(tmp_path), "x"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5)
        conn.sendall(b"GET /index.html HT")  # half a request line, then a reset (as a closed tab does)
        time.sleep(0.2)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
        time.sleep(0.5)
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err
