"""The kernel behaves like CPython for learners (issue 27): a warning shows once per run of a
cell, and an unfinished statement is a ``SyntaxError`` naming its line.

Kernel-side logic: ``build_tools/kernel_code/learner_python.py``, unit-tested on CPython in
``tests/unit/test_learner_python_logic.py``.
"""

from __future__ import annotations

import re

import pytest
from lab import cell_text_outputs, notebook_json, open_notebook, run_cell, store_notebook, wait_for_kernel

pytestmark = pytest.mark.browser

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def code_cell(number: int, source: str) -> dict:
    return {"cell_type": "code", "id": f"cell-{number}", "metadata": {}, "outputs": [], "execution_count": None,
            "source": source}


def open_with_cells(page, base_url: str, name: str, sources: list[str]) -> None:
    """Write notebook ``name`` with ``sources`` as its code cells, open it, wait for its kernel."""
    page.goto(f"{base_url}tree/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager")
    store_notebook(page, name, [code_cell(n, s) for n, s in enumerate(sources)])
    open_notebook(page, base_url, name)
    wait_for_kernel(page)


def stderr_of(cell: dict) -> str:
    """What a code cell wrote to stderr (warnings), joined."""
    streams = [o for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == "stderr"]
    return "".join("".join(o["text"]) for o in streams)


def error_text(cell: dict) -> str:
    """What the learner reads of a cell's error: its traceback (colours taken out), and its name."""
    errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
    assert len(errors) == 1, cell["outputs"]
    return ANSI.sub("", "\n".join(errors[0]["traceback"])) + "\nename: " + errors[0]["ename"]


def test_a_syntax_warning_shows_once_each_time_its_cell_runs(page, site_url):
    cells = [
        # IPython runs a cell with a top-level await as a coroutine, without its post_run_cell event
        "import asyncio\nawait asyncio.sleep(0)\nprint('c\\sd')",
        'print("a\\sb")',
        "def pattern():\n    return '\\d+'\n\nprint(pattern())",
        "import ast, warnings\nwarnings.warn('careful')\nast.parse(\"x = '\\\\w'\")",
    ]
    open_with_cells(page, site_url, "warnings.ipynb", cells)
    for run in (1, 2):  # running the cells again shows each warning again, once
        for index in range(len(cells)):
            run_cell(page, index)
        nb = notebook_json(page)["cells"][: len(cells)]  # Shift+Enter on the last cell adds one
        awaiting, printing, defining, own = (stderr_of(c) for c in nb)
        assert awaiting.count("SyntaxWarning") == 1, f"run {run}: {awaiting!r}"
        assert printing.count("SyntaxWarning") == 1, f"run {run}: {printing!r}"
        assert '"\\s" is an invalid escape sequence' in printing and 'print("a\\sb")' in printing, printing
        assert cell_text_outputs(nb[1]).endswith("a\\sb\n")
        assert defining.count("SyntaxWarning") == 1 and '"\\d" is an invalid escape sequence' in defining, defining
        if run == 1:  # the learner's own warnings show as on CPython
            assert own.count("UserWarning: careful") == 1, own
            assert own.count('<unknown>:1: SyntaxWarning: "\\w" is an invalid escape sequence') == 1, own


UNFINISHED = [  # (a cell's source, the line its error names)
    ("for i in range(3):", 1),
    ("x = (1,", 1),
    ("total = 0\nfor i in range(3):", 2),
]


def test_an_unfinished_statement_is_a_syntax_error_naming_its_line(page, site_url):
    # one notebook, one kernel: a cell each
    open_with_cells(page, site_url, "unfinished.ipynb", [source for source, _ in UNFINISHED])
    for index in range(len(UNFINISHED)):
        run_cell(page, index)
    cells = notebook_json(page)["cells"]
    for (source, line), cell in zip(UNFINISHED, cells):
        shown = error_text(cell)
        assert "SyntaxError: incomplete input" in shown, shown
        assert f"line {line}" in shown, shown
        assert source.splitlines()[line - 1] in shown, shown
        assert "_IncompleteInputError" not in shown, shown
