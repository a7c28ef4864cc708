"""The start-up guard's Python (``kernel_python/startup_guard.py``, bundled into the extension as
text) runs around the start-up snippet in the browser's kernel and leaves no trace of itself."""

from __future__ import annotations

import pytest
from lab import cell_text_outputs, error_outputs, new_notebook, run_code, wait_for_kernel

pytestmark = pytest.mark.browser


def test_the_learners_first_cell_is_in_1_and_the_guard_leaves_no_names(page, site_url):
    new_notebook(page, site_url, "guarded.ipynb")
    wait_for_kernel(page)
    cell = run_code(
        page,
        "left = sorted(n for n in ('arm', 'disarm', 'STARTUP_ERROR_MARKER') if n in globals())\n"
        "print('history', len(In) - 1, left)\n"
        "print('magics', 'workings' in get_ipython().magics_manager.magics['cell'])",
    )
    assert error_outputs({"cells": [cell]}) == []
    assert cell["execution_count"] == 1, "the guarded start-up requests are not counted"
    text = cell_text_outputs(cell)
    assert "history 1 []" in text, text
    assert "magics True" in text, "the snippet ran between the guard's two requests"
