"""The offline zip (issue 6, part 4): unzip it, start its launcher, learn offline from it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import FIXTURE_TOML
from lab import cell_text_outputs, notebook_json, open_notebook, run_cell, wait_for_kernel

from build_tools import paths
from build_tools import zip as offline_zip
from build_tools.course import load_course

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory, built_site):
    """The course zip, built from the test site and unzipped into a fresh folder."""
    course = load_course(FIXTURE_TOML)
    dist = tmp_path_factory.mktemp("dist")
    target = offline_zip.build_zip(built_site, paths.LAUNCHER, course, dist)
    print(f"\nzip: {target.stat().st_size / 1e6:.1f} MB")
    where = tmp_path_factory.mktemp("learner")
    with zipfile.ZipFile(target) as zf:
        zf.extractall(where)
    return where / offline_zip.zip_stem(course)


def start(folder, port):
    """Start the launcher as a learner would (without a browser); wait for its address line."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "start_course.py", "--no-browser", "--port", str(port)],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "The course is running at" in line:
            print(f"launcher ready in {time.perf_counter() - began:.2f} s")
            return proc, line.split(" at ")[1].strip(), "".join(lines)
    proc.wait(timeout=10)
    pytest.fail("the launcher did not start:\n" + "".join(lines))


def test_unzipped_course_runs_a_notebook_cell_offline_from_its_launcher(unzipped, new_profile):
    port = free_port()
    proc, url, said = start(unzipped, port)
    try:
        assert url == f"http://127.0.0.1:{port}/"
        assert "busy" not in said
        page = new_profile().page()
        open_notebook(page, url, "welcome.ipynb")
        wait_for_kernel(page)
        run_cell(page, 2)
        assert "Hello from Python, running in your browser!" in cell_text_outputs(notebook_json(page)["cells"][2])

        # started again while it runs (a second double-click): it points at the running one
        again = subprocess.run(
            [sys.executable, "start_course.py", "--no-browser", "--port", str(port)],
            cwd=unzipped, capture_output=True, text=True, timeout=30,
        )
        assert again.returncode == 0
        assert f"already running at {url}" in again.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_launcher_moves_to_the_next_port_when_another_program_has_it_and_says_so(unzipped):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        busy = other.getsockname()[1]
        proc, url, said = start(unzipped, busy)
        try:
            assert f"Port {busy} is busy" in said
            assert url != f"http://127.0.0.1:{busy}/"
            assert f"uses port {url.rsplit(':', 1)[1].strip('/')}" in said

            # a second start finds the course where the first one went, instead of a third port
            again = subprocess.run(
                [sys.executable, "start_course.py", "--no-browser", "--port", str(busy)],
                cwd=unzipped, capture_output=True, text=True, timeout=60,
            )
            assert f"already running at {url}" in again.stdout
        finally:
            proc.terminate()
            proc.wait(timeout=10)
