"""The course site, end to end, in offline headless Chromium (issue 2)."""

from __future__ import annotations

import pytest
from lab import (
    cell_text_outputs,
    error_outputs,
    new_notebook,
    notebook_json,
    open_notebook,
    run_code,
    set_cell_source,
    start_run_all,
    wait_for_kernel,
    wait_until_done,
)

pytestmark = pytest.mark.browser


def answer_input(page, text: str) -> None:
    """Type ``text`` into the input() box under a cell and press Enter."""
    box = page.locator(".jp-Stdin-input")
    box.wait_for(timeout=120_000)
    box.fill(text)
    box.press("Enter")


def test_welcome_notebook_runs_top_to_bottom_without_errors(page, site_url):
    open_notebook(page, site_url, "welcome.ipynb")
    wait_for_kernel(page)
    start_run_all(page)
    answer_input(page, "Ada")
    wait_until_done(page)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code_cells), "some cells did not run"
    everything = "".join(cell_text_outputs(c) for c in code_cells)
    assert "Hello from Python, running in your browser!" in everything
    assert "Nice to meet you, Ada!" in everything


def test_input_takes_typed_text_and_the_program_uses_it(page, site_url):
    new_notebook(page, site_url, "ask.ipynb")
    set_cell_source(page, 0, 'n = int(input("How many? "))\nprint("twice:", n * 2)')
    page.locator(".jp-Notebook .jp-Cell").nth(0).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    answer_input(page, "21")
    wait_until_done(page)
    out = cell_text_outputs(notebook_json(page)["cells"][0])
    assert "twice: 42" in out


def test_edit_survives_reload_and_a_fresh_profile_shows_the_course_version(new_profile, site_url):
    learner = new_profile()
    page = learner.page()
    open_notebook(page, site_url, "welcome.ipynb")
    original = notebook_json(page)["cells"][2]["source"]
    set_cell_source(page, 2, 'print("my own edit")')
    page.keyboard.press("Control+S")
    page.wait_for_function(
        "!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    open_notebook(page, site_url, "welcome.ipynb")
    assert notebook_json(page)["cells"][2]["source"] == 'print("my own edit")'

    stranger = new_profile().page()
    open_notebook(stranger, site_url, "welcome.ipynb")
    assert notebook_json(stranger)["cells"][2]["source"] == original


def test_new_notebook_imports_our_packages_without_pip_and_the_startup_snippet_ran(page, site_url):
    new_notebook(page, site_url, "fresh.ipynb")
    wait_for_kernel(page)
    cell = run_code(
        page,
        "import codecharts, codeprose, workings\n"
        "ip = get_ipython()\n"
        "print(sorted(m for m in ('flowchart', 'describe', 'workings') if m in ip.magics_manager.magics['cell']))",
    )
    assert error_outputs({"cells": [cell]}) == []
    assert "['describe', 'flowchart', 'workings']" in cell_text_outputs(cell)


def test_pip_install_of_a_shipped_wheel_works_offline(page, site_url):
    new_notebook(page, site_url, "pip.ipynb")
    cell = run_code(page, "%pip install pint\nimport pint\nprint('pint', pint.__version__)")
    assert "pint 0.26.2" in cell_text_outputs(cell)


def test_pip_install_of_a_package_not_shipped_fails_with_a_clear_message(page, site_url):
    new_notebook(page, site_url, "pip2.ipynb")
    cell = run_code(page, "%pip install definitely-not-in-this-course")
    text = cell_text_outputs(cell) + "".join(
        o.get("evalue", "") for o in cell.get("outputs", []) if o["output_type"] == "error"
    )
    assert "definitely-not-in-this-course" in text
    # the network guard of the fixture fails the test if anything left loopback
