"""``./run check``: the rot guard's report says which tag fixes each failure and how to add it;
``--accept`` tags exactly the listed cells (build_tools/course_check.py). The browser run of a
course with deliberate errors is tests/browser/test_course_check.py."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

from build_tools.course_check import HOW_TO_TAG, RAISES, SKIP, Failure, accept, main, report

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "errors-course" / "content"
NB = "09-errors.ipynb"


def sources() -> list[str]:
    return ["".join(c["source"]) for c in json.loads((COURSE / NB).read_text())["cells"]]


def failures() -> list[Failure]:
    s = sources()
    return [
        Failure(NB, 3, "error", "NameError: name 'Q' is not defined", s[3]),
        Failure(NB, 5, "error", "ZeroDivisionError: division by zero", s[5]),
        Failure(NB, 7, "error", "GradeError: grades run from 0 to 100", s[7]),
        Failure(NB, 9, "error", "OSError: ...", s[9]),
    ]


def tags(content: Path) -> dict[int, list[str]]:
    cells = json.loads((content / NB).read_text())["cells"]
    return {i: c["metadata"]["tags"] for i, c in enumerate(cells) if c["metadata"].get("tags")}


def test_each_failure_line_names_the_cell_the_error_and_the_tag_that_fixes_it():
    lines = report(failures()).splitlines()
    assert lines[0].startswith("09-errors.ipynb, cell 4: NameError: name 'Q' is not defined — ")
    assert f"tag it {RAISES!r}" in lines[0] and "otherwise fix its code" in lines[0]
    assert f"tag it {SKIP!r}" in lines[3] and "shell" in lines[3]


def test_the_report_says_how_to_add_a_tag_in_jupyterlab_or_with_a_command():
    text = report(failures())
    assert "Property Inspector" in text and "Cell Tags" in text and "./run check --accept" in text
    assert text.endswith(HOW_TO_TAG[1:] + ".")


def test_a_cell_that_never_finishes_is_to_be_skipped_and_one_that_no_longer_raises_is_left_to_the_teacher():
    timeout = Failure(NB, 1, "timeout", "120 s", "while True:\n    pass")
    nothing = Failure(NB, 1, "raised-nothing", "", "print(1)")
    assert timeout.tag == SKIP and "did not finish within 120 s" in report([timeout])
    assert nothing.tag == "" and f"remove its {RAISES!r} tag" in report([nothing])


def test_accept_tags_exactly_the_listed_cells_and_keeps_the_rest_of_the_notebook(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COURSE, content)
    before = json.loads((content / NB).read_text())
    tagged, left = accept(content, failures())
    assert left == [] and len(tagged) == 4
    assert tags(content) == {3: [RAISES], 5: [RAISES], 7: [RAISES], 9: [SKIP]}
    after = json.loads((content / NB).read_text())
    for cell in after["cells"]:
        cell["metadata"].pop("tags", None)
    assert after == before, "nothing but the tags changed"
    assert (content / NB).read_text().startswith('{\n "cells": [\n  {'), "nbformat's one-space indent kept"
    accept(content, failures())  # a second time adds nothing
    assert tags(content) == {3: [RAISES], 5: [RAISES], 7: [RAISES], 9: [SKIP]}


def test_accept_leaves_a_cell_changed_since_the_check_and_one_whose_fix_is_not_a_tag(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COURSE, content)
    stale = Failure(NB, 3, "error", "NameError: name 'Q' is not defined", "print(P)")
    nothing = Failure(NB, 1, "raised-nothing", "", sources()[1])
    tagged, left = accept(content, [stale, nothing])
    assert tagged == [] and tags(content) == {}
    assert "cell 4: changed since the check" in left[0] and "cell 2: it no longer raises" in left[1]


def test_run_check_prints_the_report_and_fails_and_with_accept_shows_and_tags_the_cells(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(COURSE, content)

    def rot_guard(failures_file: Path, args: list[str]) -> int:
        with open(failures_file, "w") as out:
            out.writelines(json.dumps(asdict(f)) + "\n" for f in failures())
        return 1

    assert main([], run=rot_guard, content_dir=content) == 1
    out = capsys.readouterr().out
    assert "4 cell(s) did not run as their tags say" in out and "cell 10: OSError" in out
    assert tags(content) == {}, "without --accept nothing is tagged"

    assert main(["--accept"], run=rot_guard, content_dir=content) == 0
    out = capsys.readouterr().out
    assert "tagged 4 cell(s):" in out and f"09-errors.ipynb, cell 4: tagged {RAISES!r}" in out
    assert tags(content) == {3: [RAISES], 5: [RAISES], 7: [RAISES], 9: [SKIP]}


def test_run_check_says_green_when_every_notebook_runs_and_reports_a_guard_that_could_not_run(tmp_path, capsys):
    assert main([], run=lambda f, a: 0, content_dir=tmp_path) == 0
    assert "runs top to bottom as its tags say" in capsys.readouterr().out
    assert main([], run=lambda f, a: 4, content_dir=tmp_path) == 4
    assert "could not run (pytest exit code 4)" in capsys.readouterr().err
