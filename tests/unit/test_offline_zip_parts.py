"""The offline zip and its launcher (issue 6, part 4): what goes in, and how the launcher picks a port."""

from __future__ import annotations

import socket
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_tools import paths
from build_tools import zip as offline_zip
from build_tools.course import Course
from build_tools.errors import BuildError

COURSE = Course("intro-py", "Intro to Python", "2026.1")
launcher = offline_zip.load_launcher(paths.LAUNCHER)


def small_site(root: Path) -> Path:
    site = root / "_output"
    (site / "static" / "pyodide").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>course</title>")
    (site / "static" / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (site / "jupyter-lite.json").write_text(
        '{"jupyter-config-data": {"litecourse": {"courseId": "intro-py"}}}'
    )
    return site


def test_zip_holds_the_site_the_launcher_and_a_filled_in_readme_under_one_folder(tmp_path):
    target = offline_zip.build_zip(small_site(tmp_path), paths.LAUNCHER, COURSE, tmp_path / "dist")
    assert target == tmp_path / "dist" / "litecourse-intro-py-2026.1.zip"
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        readme = zf.read("litecourse-intro-py-2026.1/README.txt").decode()
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
    top = "litecourse-intro-py-2026.1/"
    assert {top + n for n in ("start_course.py", "start-course.bat", "start-course.command", "README.txt",
                              "site/index.html", "site/static/pyodide/pyodide.asm.wasm")} <= names
    assert "Intro to Python (version 2026.1)" in readme
    assert f"http://127.0.0.1:{launcher.PREFERRED_PORT}/" in readme
    assert "$" not in readme, "a placeholder was left unfilled"
    assert "choose Course > Download all my work" in " ".join(readme.split())  # the Course menu's backup
    assert "\r\n" in readme
    assert modes[top + "start-course.command"] & stat.S_IXUSR
    assert modes[top + "start_course.py"] & stat.S_IXUSR
    assert not modes[top + "site/index.html"] & stat.S_IXUSR


def test_same_inputs_give_the_same_zip_bytes(tmp_path):
    site = small_site(tmp_path)
    first = offline_zip.build_zip(site, paths.LAUNCHER, COURSE, tmp_path / "a").read_bytes()
    second = offline_zip.build_zip(site, paths.LAUNCHER, COURSE, tmp_path / "b").read_bytes()
    assert first == second


def test_zip_of_an_unbuilt_site_fails_with_a_message(tmp_path):
    with pytest.raises(BuildError, match="build the site first"):
        offline_zip.build_zip(tmp_path / "nothing", paths.LAUNCHER, COURSE, tmp_path / "dist")


def test_launcher_serves_wasm_and_modules_with_the_types_browsers_require():
    assert launcher.MIME_TYPES[".wasm"] == "application/wasm"
    assert launcher.MIME_TYPES[".mjs"] == "text/javascript"
    assert launcher.MIME_TYPES[".json"] == "application/json"


def test_launcher_takes_the_preferred_port_when_it_is_free():
    with socket.socket() as probe:  # a port that is free right now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server, note = launcher.bind(launcher.make_handler(".", "x"), port)
    try:
        assert server.server_address[1] == port
        assert note == ""
    finally:
        server.server_close()


def test_launcher_port_busy_takes_the_next_free_port_and_says_so():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        server, note = launcher.bind(launcher.make_handler(".", "x"), taken)
        try:
            chosen = server.server_address[1]
            assert chosen > taken
            assert f"Port {taken} is busy" in note
            assert f"uses port {chosen}" in note
        finally:
            server.server_close()


def test_launcher_stops_with_a_message_when_the_site_folder_is_missing(tmp_path):
    script = tmp_path / "start_course.py"
    script.write_text((paths.LAUNCHER / "start_course.py").read_text())
    result = subprocess.run([sys.executable, str(script), "--no-browser"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "Unzip the whole download first" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_launcher_script_is_valid_python_3_8():
    import ast

    ast.parse((paths.LAUNCHER / "start_course.py").read_text(), feature_version=(3, 8))
