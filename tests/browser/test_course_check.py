"""A fork's course that raises errors on purpose and runs a shell command goes green knowingly:
the rot guard lists those cells with the tag that fixes each, ``./run check --accept`` tags
exactly them, and the guard then passes (issue 27; the course: tests/fixtures/errors-course)."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest
from conftest import ROOT, serve_in_thread
from coursecheck import run_notebook

from build_tools.course_check import RAISES, SKIP, main
from build_tools.site import build_site

pytestmark = pytest.mark.browser

COURSE = ROOT / "tests" / "fixtures" / "errors-course"
NB = "09-errors.ipynb"


def check_in_browser(page, toml: Path, content: Path, site: Path):
    """``./run check``'s rot guard, run in this test's browser: builds the course, runs its notebook."""

    def rot_guard(failures_file: Path, args: list[str]) -> int:
        url, server = serve_in_thread(build_site(toml, content, site))
        try:
            failures = run_notebook(page, url, NB)
        finally:
            server.shutdown()
        failures_file.write_text("".join(json.dumps(asdict(f)) + "\n" for f in failures))
        return 1 if failures else 0

    return rot_guard


def test_a_course_with_deliberate_errors_and_a_shell_command_goes_green_with_check_accept(page, tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(COURSE / "content", content)
    rot_guard = check_in_browser(page, COURSE / "course.toml", content, tmp_path / "site")

    # what an educator runs: the report, then the tags (the report without --accept is the same
    # text, tested in tests/unit/test_course_check_report.py)
    assert main(["--accept"], run=rot_guard, content_dir=content) == 0
    out = capsys.readouterr().out
    assert "09-errors.ipynb, cell 4: NameError: name 'Q' is not defined — " in out
    assert "cell 6: ZeroDivisionError: division by zero" in out
    assert "cell 8: GradeError: grades run from 0 to 100" in out
    assert "cell 10: " in out and f"tag it {SKIP!r}" in out
    assert "cell 2:" not in out and "cell 11:" not in out, "cells that run are not listed"
    assert "tagged 4 cell(s):" in out
    cells = json.loads((content / NB).read_text())["cells"]
    assert {i + 1: c["metadata"]["tags"] for i, c in enumerate(cells) if c["metadata"].get("tags")} == {
        4: [RAISES], 6: [RAISES], 8: [RAISES], 10: [SKIP]}

    assert main([], run=rot_guard, content_dir=content) == 0
    assert "runs top to bottom as its tags say" in capsys.readouterr().out
