"""The tools' heavy libraries load in the background once the kernel is idle (issue 16, item 5):
the learner's first ``%%workings`` and ``%%flowchart`` do not wait for them."""

from __future__ import annotations

import pytest
from lab import cell_text_outputs, error_outputs, new_notebook, notebook_json, run_code, wait_for_kernel

pytestmark = pytest.mark.browser

HEAVY = ("handcalcs.handcalcs", "forallpeople", "pyflowchart")
LOADED = f"import sys\nprint('loaded', [m for m in {HEAVY!r} if m in sys.modules])"


def test_the_tools_libraries_load_in_the_background_and_print_nothing_into_the_notebook(page, site_url):
    new_notebook(page, site_url, "warm.ipynb")
    wait_for_kernel(page)
    first = cell_text_outputs(run_code(page, "print('first cell')"))
    assert first == "first cell\n", "the first cell shows only its own output"
    for _ in range(60):  # the background imports start a second after the start-up
        text = cell_text_outputs(run_code(page, LOADED))
        if text == f"loaded {list(HEAVY)!r}\n":
            break
        page.wait_for_timeout(1000)
    assert text == f"loaded {list(HEAVY)!r}\n"
    cell = run_code(page, "%%workings\nI = 1.5*mA\nR = 2.2*kOhm\nV = I*R")
    assert error_outputs({"cells": [cell]}) == []
    assert "\\mathrm{mA}" in cell["outputs"][0]["data"]["text/latex"]
    nb = notebook_json(page)
    assert all(o.get("name") != "stderr" for c in nb["cells"] for o in c.get("outputs", []))
