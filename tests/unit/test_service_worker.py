"""The site's service worker is JupyterLite's with our handlers appended (``build_tools/service_worker``).

Run for real in the browser by tests/browser/test_interrupt.py (interrupts) and the offline tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.service_worker import MARKER, extend_service_worker, parts  # noqa: E402


def test_our_handlers_come_after_jupyterlites_each_in_its_own_scope(tmp_path):
    (tmp_path / "service-worker.js").write_text('"use strict";const CACHE="precache";lite();')
    code = extend_service_worker(tmp_path).read_text()
    head, ours = code.split(MARKER)
    assert head.rstrip().endswith('"use strict";const CACHE="precache";lite();'), "JupyterLite's code, then ours"
    for part in parts():
        assert f"// {part.name}\n(function () {{\n" in ours
    assert ours.count("(function () {") == len(parts()) >= 1


def test_building_twice_appends_once(tmp_path):
    (tmp_path / "service-worker.js").write_text("lite();")
    extend_service_worker(tmp_path)
    code = extend_service_worker(tmp_path).read_text()
    assert code.count(MARKER) == 1 and code.count("lite();") == 1


def test_the_extended_worker_is_valid_javascript(tmp_path):
    (tmp_path / "service-worker.js").write_text('"use strict";const CACHE="precache";')
    worker = extend_service_worker(tmp_path)
    checked = subprocess.run(["node", "--check", str(worker)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
