"""workings in the course site, in offline headless Chromium (issue 5).

Kernel boots are slow here, so the scratch-notebook tests share one kernel (a module-scoped
page in its own fresh profile, whose network guard is checked when the module ends); each
test runs its own cells in the first cell and needs nothing from the tests before it.
The course notebook gets a kernel of its own.
"""

from __future__ import annotations

import pytest
from lab import (
    cell_text_outputs,
    error_outputs,
    notebook_json,
    open_notebook,
    run_all,
    run_cell,
    run_code,
    set_cell_source,
    wait_for_kernel,
)

pytestmark = pytest.mark.browser

OUTPUT = ".jp-Notebook .jp-Cell .jp-OutputArea-output"

OHMS_LAW = "%%workings\nI = 1.5*mA\nR = 2.2*kOhm\nV = I*R"


def first_cell_output(page):
    return page.locator(".jp-Notebook .jp-Cell").nth(0).locator(".jp-OutputArea-output")


def typeset_text(page) -> str:
    """What MathJax typeset in the first cell's output, read from its assistive MathML.

    MathJax's CHTML output draws glyphs with CSS, so the readable text of a typeset formula
    is the MathML MathJax attaches for screen readers.
    """
    return page.evaluate(
        """() => {
            const out = document.querySelectorAll('.jp-Notebook .jp-Cell')[0]
                .querySelector('.jp-OutputArea-output');
            return Array.from(out.querySelectorAll('mjx-container math'))
                .map(m => m.textContent).join(' ');
        }"""
    )


def test_workings_cell_is_typeset_by_the_sites_own_mathjax(scratch):
    cell = run_code(scratch, OHMS_LAW)
    assert error_outputs({"cells": [cell]}) == []
    assert "\\mathrm{mA}" in cell["outputs"][0]["data"]["text/latex"]
    output = first_cell_output(scratch)
    output.locator("mjx-container").first.wait_for(timeout=60_000)
    assert output.locator("mjx-merror").count() == 0, "MathJax could not typeset the LaTeX"
    # typeset, so no raw TeX is left on the page
    assert "\\begin" not in output.inner_text()
    text = typeset_text(scratch)
    for shown in ("1.500", "mA", "2.200", "kΩ", "3.300", "V"):
        assert shown in text, f"{shown!r} not in the typeset text {text!r}"
    # the network guard of the fixture fails the module if MathJax came from a CDN


def test_prefix_slip_box_shows_feedback_and_hides_the_expected_value(scratch):
    run_code(scratch, "from workings import check_answer\ncheck_answer('3300 V', '3.3 V')")
    box = first_cell_output(scratch).locator(".litecourse-verdict")
    box.wait_for()
    text = box.inner_text()
    assert "Check your prefixes" in text
    assert "1000 times too large" in text
    assert "3300 V" in text  # the learner's own answer is echoed
    assert "3.3 V" not in text and "expected" not in text.lower()


def test_check_units_flags_v_equals_i_over_r(scratch):
    run_code(scratch, OHMS_LAW)
    cell = run_code(scratch, "%%check_units\nV = I * R\nV = I / R")
    assert error_outputs({"cells": [cell]}) == []
    items = first_cell_output(scratch).locator(".litecourse-checks li")
    assert items.count() == 2
    assert "litecourse-check--balanced" in items.nth(0).get_attribute("class")
    wrong = items.nth(1)
    assert "litecourse-check--unbalanced" in wrong.get_attribute("class")
    assert "V = I / R does not balance" in wrong.inner_text()
    assert "voltage" in wrong.inner_text()


def assert_plain_message(page, cell: dict, *expected: str) -> None:
    """The first cell shows one alert-style message containing ``expected``, no traceback."""
    shown = first_cell_output(page).first.inner_text()
    for words in expected:
        assert words in shown, f"{words!r} not in {shown!r}"
    assert "Traceback" not in shown and 'File "' not in shown
    assert error_outputs({"cells": [cell]}) == []


def test_bad_input_shows_a_plain_message_and_no_traceback(scratch):
    cell = run_code(scratch, "%%workings\nI = 1.5*mA\nV = I*R_load")
    assert_plain_message(scratch, cell, "line 3", "R_load", "not defined")
    assert first_cell_output(scratch).locator(".litecourse-error[role=alert]").count() == 1

    cell = run_code(scratch, "from workings import check_answer\ncheck_answer('5 mQ', '5 mA')")
    assert_plain_message(scratch, cell, "I couldn't read your answer", "mQ")
    assert first_cell_output(scratch).locator(".litecourse-verdict").count() == 1

    # a plain call outside the magics: IPython shows the learner's message alone
    cell = run_code(scratch, "from workings import parse_quantity\nparse_quantity('5 mQ')")
    errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
    assert len(errors) == 1
    assert errors[0]["traceback"] == [errors[0]["evalue"]]
    assert "mQ" in errors[0]["evalue"]
    shown = first_cell_output(scratch).first.inner_text()
    assert "Traceback" not in shown and 'File "' not in shown


def exercise_cell(nb: dict, number: int) -> int:
    """Index of the cell where the learner writes the answer to exercise ``number``."""
    marker = f"answer_{number} = "
    return next(i for i, c in enumerate(nb["cells"]) if c["source"].startswith(marker))


def test_course_notebook_runs_top_to_bottom_and_its_exercises_give_feedback(page, site_url):
    open_notebook(page, site_url, "show-your-working.ipynb")
    wait_for_kernel(page)
    run_all(page)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code_cells), "some cells did not run"
    workings_cells = [c for c in code_cells if c["source"].startswith("%%workings")]
    assert len(workings_cells) == 3
    page.locator(f"{OUTPUT} mjx-container").nth(2).wait_for(timeout=60_000)
    assert page.locator(f"{OUTPUT} mjx-merror").count() == 0
    everything = "".join(cell_text_outputs(c) for c in code_cells)
    assert "V = I / R does not balance" in everything
    # the exercises as shipped (no answer yet) say so, as feedback
    assert everything.count("The answer is empty") == 3

    # a learner answers exercise 1 in amps instead of milliamps, then corrects it
    index = exercise_cell(nb, 1)
    set_cell_source(page, index, 'answer_1 = "1.91 A"\ncheck_exercise(1, answer_1)')
    run_cell(page, index)
    box = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".litecourse-verdict")
    text = box.inner_text()
    assert "1000 times too large" in text and "did you use mA where A was needed?" in text
    assert "1.915" not in text and "expected" not in text.lower()

    set_cell_source(page, index, 'answer_1 = "1.91 mA"\ncheck_exercise(1, answer_1)')
    run_cell(page, index)
    assert "Correct" in box.inner_text()
    assert error_outputs(notebook_json(page)) == []
